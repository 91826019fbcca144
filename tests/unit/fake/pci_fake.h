/*
 * A fake PCI configuration space for the drivers/pci tests. Functions are
 * 4 KiB config images with a per-byte write mask, so BARs size the way real
 * ones do (address bits below the size read back 0). The same images answer
 * type 1 port I/O (0xCF8/0xCFC via fake_port_read/write) and an ECAM window
 * (through the fake_mmio_* hooks of the fake io.h). Memory BARs can be backed
 * by host buffers that the fake ioremap() hands out. The IRQ core, the LAPIC
 * id and kmalloc are faked in pci_irq_fake.c.
 */
#ifndef TESTS_UNIT_FAKE_PCI_FAKE_H
#define TESTS_UNIT_FAKE_PCI_FAKE_H

#include <lib/types.h>
#include <arch/x86_64/irq.h>

#define FAKE_ECAM_PHYS		0xb0000000ull

/* BAR kinds for fake_pci_set_bar(). */
enum fake_bar_kind { FAKE_BAR_IO, FAKE_BAR_MEM32, FAKE_BAR_MEM64, FAKE_BAR_MEM64_PREF };

struct fake_pci_fn {
	u8 cfg[4096];
	u8 wmask[4096];		/* writable bits per byte */
	u64 bar_size[6];
	int bar_writes_decode_on;	/* BAR writes while COMMAND decode was on */
	u8 last_cap;		/* tail of the capability list, for appending */
	/* Power management (fake_pci_add_pm): PMCSR writes, and what the function does. */
	u8 pm_cap;
	bool pm_stuck;		/* PowerState does not change when written */
	int pm_writes;
	u16 pm_last_write;
	u64 pm_d0_at_ns;	/* fake time of the last write that left D3hot */
	int pm_early_reads;	/* config reads within 10 ms of it */
};

/* Clears the fake: functions, regions, logs, acpi_info, the IRQ fake, pci_ops. */
void fake_pci_reset(void);

/* A function with ids, class (base<<16|sub<<8|prog-if) and header type (|0x80 for MF). */
struct fake_pci_fn *fake_pci_add(u8 bus, u8 slot, u8 fn, u16 vendor, u16 device,
				 u32 class, u8 hdr_type);
struct fake_pci_fn *fake_pci_fn_at(u8 bus, u8 devfn);
void fake_pci_set_bar(struct fake_pci_fn *f, int bar, enum fake_bar_kind kind,
		      u64 addr, u64 size);
void fake_pci_set_bridge(struct fake_pci_fn *f, u8 primary, u8 secondary, u8 subordinate);
void fake_pci_set_irq(struct fake_pci_fn *f, u8 pin, u8 line);

/* Appends a capability at pos (len bytes including the 2-byte header). */
void fake_pci_add_cap(struct fake_pci_fn *f, u8 pos, u8 id, u8 len);
void fake_pci_add_msi(struct fake_pci_fn *f, u8 pos, bool is64, bool maskbit);
void fake_pci_add_msix(struct fake_pci_fn *f, u8 pos, u16 table_size, u8 bir,
		       u32 table_off, u8 pba_bir, u32 pba_off);
/*
 * A power management capability (version 3) in the given state (PCI_D0..
 * PCI_D3hot). Leaving D3hot for D0 without no_soft_reset resets the
 * function: BARs, COMMAND and the interrupt line read 0 afterwards.
 */
void fake_pci_add_pm(struct fake_pci_fn *f, u8 pos, u8 state, bool no_soft_reset);
/* Raw next pointer of the capability at pos (to build broken lists). */
void fake_pci_set_cap_next(struct fake_pci_fn *f, u8 pos, u8 next);

u8 fake_cfg8(struct fake_pci_fn *f, u16 off);
u16 fake_cfg16(struct fake_pci_fn *f, u16 off);
u32 fake_cfg32(struct fake_pci_fn *f, u16 off);
void fake_cfg_put16(struct fake_pci_fn *f, u16 off, u16 v);
void fake_cfg_put32(struct fake_pci_fn *f, u16 off, u32 v);

/* A host buffer standing in for the BAR's memory; ioremap() returns into it. */
u8 *fake_pci_back_bar(struct fake_pci_fn *f, int bar);

/* Announces an ECAM window at FAKE_ECAM_PHYS for buses 0..end_bus in acpi_info. */
void fake_pci_enable_mcfg(u8 end_bus);

extern int fake_pci_absent_reads;	/* config reads of functions that do not exist */
extern int fake_pci_port_accesses;	/* any 0xCF8-0xCFF access */
extern int fake_pci_ecam_accesses;
extern int fake_ioremap_outstanding;	/* ioremap() minus iounmap() */
extern int fake_msix_unsafe_writes;	/* MSI-X address/data written while it could fire */

/* ---- IRQ core fake (pci_irq_fake.c) ---- */
extern int fake_irq_available;		/* irq_alloc() fails once this reaches 0 */
extern int fake_irq_allocs;		/* irq_alloc() calls that gave an IRQ, since the reset */
extern bool fake_irq_in_use[NR_IRQS];
extern const struct irq_chip *fake_irq_chip[NR_IRQS];
extern void *fake_irq_chip_data[NR_IRQS];
extern int fake_gsi_calls, fake_gsi_last, fake_gsi_trigger, fake_gsi_polarity;
extern int fake_gsi_result;		/* < 0: irq_setup_gsi() fails with it */
extern u32 fake_lapic_id;
int fake_irqs_in_use(void);
void fake_irq_reset(void);

/* ---- console capture (pci_fake.c; the real lib/printk.c formats) ---- */
extern char fake_console[65536];
bool fake_console_has(const char *needle);
void fake_console_clear(void);
/* Lines that contain needle. */
int fake_console_count(const char *needle);

#endif
