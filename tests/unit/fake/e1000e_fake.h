/*
 * A fake 82574L for the e1000e driver tests: BAR0 is a malloc'd 128 KiB
 * register file whose side effects (clear-on-read statistics and ICR,
 * EERD/MDIC completion, self-clearing CTRL.RST, IMS/IMC, ICS) are played
 * by the fake_mmio_* hooks of tests/unit/fake/arch/x86_64/io.h; the device
 * side of DMA (writing back RX frames, setting TX DD) is done on request.
 * Also the platform the driver stands on: PCI, IRQs, DMA memory, pollers.
 */
#ifndef TESTS_UNIT_FAKE_E1000E_FAKE_H
#define TESTS_UNIT_FAKE_E1000E_FAKE_H

#include <lib/types.h>
#include <arch/x86_64/irq.h>
#include <drivers/pci/pci.h>
#include <drivers/net/e1000e/e1000.h>
#include "nic_fake.h"

#define FAKE_E1000E_BAR_SIZE	(128 * 1024)
#define FAKE_E1000E_FIRST_IRQ	40

extern u8 *fake_e1000e_bar;		/* NULL until fake_e1000e_reset() */
extern u8 fake_e1000e_mac[ETH_ALEN];	/* the "permanent" address (NVM, RAL0/RAH0) */
extern u16 fake_e1000e_nvm[64];
extern u16 fake_e1000e_phy[32];
extern struct pci_dev fake_e1000e_pdev;

/* Knobs */
extern bool fake_e1000e_msix_mode;	/* ICR reads do not clear (MSI-X) */
extern bool fake_e1000e_rst_stuck;	/* CTRL.RST never self-clears */
extern unsigned int fake_e1000e_irq_types;	/* PCI_IRQ_* that pci_alloc_irq_vectors grants */
extern const char *fake_e1000e_fault;	/* what test_fault_is() matches, or NULL */

/* Observations */
extern unsigned int fake_e1000e_ro_writes;	/* writes to statistics registers */
extern unsigned int fake_e1000e_wo_reads;	/* reads of IMC (write-only) */
extern unsigned int fake_e1000e_resets;		/* CTRL.RST writes */
extern int fake_e1000e_iomap_live;
extern int fake_e1000e_aspm_disabled;		/* PCIE_LINK_STATE_* the driver turned off */
extern bool fake_e1000e_bus_master;		/* pci_set_master() .. pci_clear_master() */

/*
 * DMA still in flight: a unit enabled once keeps writing back (descriptors,
 * frames) until CTRL.RST or bus mastering off, whatever RCTL.EN/TCTL.EN say
 * now -- real hardware drains queued work after the enable bit goes. A ring
 * freed while its unit can still write back counts one for each descriptor
 * the device owns ([head, tail)): a write-back into freed memory.
 */
extern unsigned int fake_e1000e_writebacks_to_freed;
/* What happened when, in fake time: "rx_off", "tx_off", "reset",
 * "free_rx_ring", "free_tx_ring". -1 when not seen since 'from'. */
int fake_e1000e_event_after(const char *what, int from);
u64 fake_e1000e_event_ns(int index);
void fake_e1000e_clear_events(void);

/* Fresh register file with QEMU-like reset values and RAL0/RAH0 = mac. */
void fake_e1000e_reset(void);
void fake_e1000e_teardown(void);

u32 fake_reg(u32 off);
void fake_reg_set(u32 off, u32 v);	/* as the device would, no side effects */
unsigned int fake_reg_writes(u32 off);	/* driver writes since reset */
void fake_reg_clear_writes(void);
/* The n-th last value the driver wrote to off (0 = the latest), or ~0. */
u32 fake_reg_written(u32 off, unsigned int n);

/* Runs the driver's e1000e_init_module() initcall (registers the driver). */
int fake_e1000e_run_module_init(void);

/* Device side of RX: writes a frame into the descriptor at RDH, sets DD. */
bool fake_e1000e_rx(const void *frame, u16 len, u8 status, u8 errors);
/* Device side of TX: every descriptor in [TDH, TDT) is "sent"; RS ones get DD. */
unsigned int fake_e1000e_tx_complete(void);

/* The platform half (IRQs, DMA memory, driver registration) is nic_fake.c's,
 * shared with the e1000 fake; these names are its, for this fake's tests. */
#define fake_e1000e_driver		fake_nic_driver
#define fake_e1000e_dma_live		fake_nic_dma_live
#define fake_e1000e_irqs_live		fake_nic_irqs_live
#define fake_e1000e_fire		fake_nic_fire
#define fake_e1000e_irq_requested	fake_nic_irq_requested

#endif
