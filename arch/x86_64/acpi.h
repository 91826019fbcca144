/*
 * ACPI tables the platform needs: MADT (LAPIC, IOAPICs, interrupt source
 * overrides) and MCFG (PCIe ECAM windows). Every table's checksum is verified.
 */
#ifndef ARCH_X86_64_ACPI_H
#define ARCH_X86_64_ACPI_H

#include <lib/types.h>

struct acpi_mcfg_region {
	u64 base;		/* ECAM address of bus start_bus */
	u16 segment;
	u8 start_bus;
	u8 end_bus;
};

#define ACPI_MAX_IOAPICS	4
#define ACPI_MAX_OVERRIDES	16
#define ACPI_MAX_MCFG		4
#define ACPI_MAX_LAPIC_NMIS	4

struct acpi_ioapic {
	u8 id;
	u32 address;
	u32 gsi_base;
};

struct acpi_override {
	u8 isa_irq;
	u32 gsi;
	u16 flags;		/* MPS INTI flags: polarity bits 1:0, trigger bits 3:2 */
};

/* Which LAPIC input (LINT0/1) carries NMI, for one processor or all (5.2.12.7, 5.2.12.13). */
struct acpi_lapic_nmi {
	u32 processor_uid;	/* ACPI_NMI_ALL_CPUS: every processor */
	u16 flags;		/* MPS INTI flags */
	u8 lint;
	bool x2apic;		/* from a Local x2APIC NMI entry (type 10) */
};
#define ACPI_NMI_ALL_CPUS	0xFFFFFFFFu

struct acpi_info {
	bool have_madt, have_mcfg, have_fadt;
	u32 lapic_address;
	u32 boot_lapic_id;	/* the first enabled CPU's (x2)APIC ID */
	int nr_cpus;		/* enabled CPUs, from Local APIC and Local x2APIC entries */
	int nr_x2apic_cpus;	/* of them, from Local x2APIC entries */
	int nr_x2apic_dups;	/* x2APIC entries below 255 not counted (see acpi_madt.c) */
	int nr_lapic_nmis;
	struct acpi_lapic_nmi lapic_nmis[ACPI_MAX_LAPIC_NMIS];
	int nr_ioapics;
	struct acpi_ioapic ioapics[ACPI_MAX_IOAPICS];
	int nr_overrides;
	struct acpi_override overrides[ACPI_MAX_OVERRIDES];
	int nr_mcfg;
	struct acpi_mcfg_region mcfg[ACPI_MAX_MCFG];
	bool legacy_pics;	/* MADT PCAT_COMPAT: 8259s present, must be masked */
	/* For poweroff: FADT PM1a/PM1b control ports and the \_S5 sleep type. */
	u16 pm1a_cnt, pm1b_cnt;
	bool have_s5;
	u16 slp_typa, slp_typb;
	/* For reboot: FADT reset register (I/O space only). */
	bool have_reset_reg;
	u16 reset_port;
	u8 reset_value;
	/* Clock sources for calibrating the TSC (clocksource.c). */
	bool have_hpet;			/* HPET table: the first HPET's registers */
	u64 hpet_address;
	u8 hpet_number;
	u16 pm_tmr_port;		/* FADT PM timer (I/O space only); 0: none */
	bool pm_tmr_32bit;		/* FADT TMR_VAL_EXT: 32 bits, else 24 */
	bool no_8042;			/* FADT IAPC_BOOT_ARCH (ACPI 2.0+) says: no i8042 */
};

extern struct acpi_info acpi_info;

/* Parses from the RSDP the loader handed over; 0 or -errno with a message. */
int acpi_init(const void *rsdp, size_t rsdp_len);

/*
 * Makes len bytes of firmware memory at phys readable and returns where, or
 * NULL. ACPI tables may lie above the RAM the kernel identity-maps, so the
 * platform (paging) implements this with an ioremap-like mapping; host tests
 * hand out copies of synthetic tables. Every mapping is released with
 * acpi_unmap_table() and the same length once parsed: mapping slots are few
 * and firmware may list hundreds of tables.
 */
void *acpi_map_table(u64 phys, size_t len);
void acpi_unmap_table(const void *p, size_t len);

/* "ACPI: ..." lines: root table and OEM, LAPIC, IOAPICs, overrides, MCFG, S5. */
void acpi_print_summary(void);

/*
 * Ask the chipset to power off (\_S5 via PM1 control) or reset (FADT
 * RESET_REG). They return only if the machine did not react: -ENODEV when the
 * tables offer no way, else 0 after the write; the caller then falls back.
 */
int acpi_poweroff(void);
int acpi_reboot(void);

/*
 * MPS INTI flags of an interrupt source override (ACPI 6.5 table 5.26).
 * "Conforms" means the bus default, for ISA active high and edge triggered.
 */
#define ACPI_MADT_POLARITY_MASK		0x0003
#define ACPI_MADT_POLARITY_CONFORMS	0x0000
#define ACPI_MADT_POLARITY_HIGH		0x0001
#define ACPI_MADT_POLARITY_LOW		0x0003
#define ACPI_MADT_TRIGGER_MASK		0x000c
#define ACPI_MADT_TRIGGER_CONFORMS	0x0000
#define ACPI_MADT_TRIGGER_EDGE		0x0004
#define ACPI_MADT_TRIGGER_LEVEL		0x000c

static inline bool acpi_irq_active_low(u16 inti_flags)
{
	return (inti_flags & ACPI_MADT_POLARITY_MASK) == ACPI_MADT_POLARITY_LOW;
}

static inline bool acpi_irq_level_triggered(u16 inti_flags)
{
	return (inti_flags & ACPI_MADT_TRIGGER_MASK) == ACPI_MADT_TRIGGER_LEVEL;
}

#endif
