/*
 * A fake 8254x (82540EM) for the e1000 driver tests. What differs from the
 * 82574 fake (e1000e_fake.h): EERD has DONE at bit 4 and the address in
 * 15:8; ICR has no INT_ASSERTED bit and always clears on read; there is no
 * IVAR/EIAC/GCR and no MSI or MSI-X, only INTx; the I/O BAR (IOADDR/IODATA)
 * reaches the registers too. Also the platform under the driver.
 */
#ifndef TESTS_UNIT_FAKE_E1000_FAKE_H
#define TESTS_UNIT_FAKE_E1000_FAKE_H

#include <lib/types.h>
#include <arch/x86_64/irq.h>
#include <drivers/pci/pci.h>
#include <drivers/net/e1000/e1000.h>
#include "nic_fake.h"

#define FAKE_E1000_BAR_SIZE	(128 * 1024)
#define FAKE_E1000_IRQ		11
#define FAKE_E1000_IO_BASE	0xC000

extern u8 *fake_e1000_bar;
extern u16 fake_e1000_eeprom[64];
extern struct pci_dev fake_e1000_pdev;
extern bool fake_e1000_rst_stuck;
extern bool fake_e1000_eerd_dead;	/* EERD never reports DONE */
extern bool fake_e1000_io_bar;		/* the pdev has an I/O BAR */
extern unsigned int fake_e1000_io_writes;	/* register writes through IODATA */
extern unsigned int fake_e1000_mmio_rst_writes;	/* CTRL.RST written through BAR0 */
extern const char *fake_e1000_fault;	/* what test_fault_is() matches, or NULL */
extern u16 fake_e1000_phy[32];		/* the PHY's registers behind MDIC */
extern unsigned int fake_e1000_an_restarts;	/* BMCR.ANRESTART writes */

/* Fresh registers; an EEPROM holding mac with a correct checksum. */
void fake_e1000_reset(const u8 *mac);
void fake_e1000_teardown(void);
void fake_e1000_fix_checksum(void);
u32 fake_e1000_reg(u32 off);
void fake_e1000_reg_set(u32 off, u32 v);
int fake_e1000_run_module_init(void);

bool fake_e1000_rx(const void *frame, u16 len, u8 status, u8 errors);
unsigned int fake_e1000_tx_complete(void);
/* The platform half is nic_fake.c's, shared with the e1000e fake. */
#define fake_e1000_driver	fake_nic_driver
#define fake_e1000_dma_live	fake_nic_dma_live
#define fake_e1000_irqs_live	fake_nic_irqs_live
static inline irqreturn_t fake_e1000_fire(void) { return fake_nic_fire(FAKE_E1000_IRQ); }
static inline bool fake_e1000_irq_shared(void)
{
	unsigned long flags;

	return fake_nic_irq_requested(FAKE_E1000_IRQ, &flags) && (flags & IRQF_SHARED);
}

#endif
