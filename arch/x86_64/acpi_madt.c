/*
 * MADT (5.2.12): where the local APIC and the IOAPICs are, how many CPUs,
 * and which ISA IRQs are wired to another GSI or polarity/trigger than the
 * identity mapping the IOAPIC code assumes. MCFG (PCI Firmware spec 3.2,
 * 4.1.2): the PCIe ECAM windows.
 */
#include <arch/x86_64/acpi.h>
#include <arch/x86_64/acpi_tables.h>
#include <lib/printk.h>
#include <lib/string.h>

/* 5.2.12, table 5.19: the MADT body after the common header. */
struct acpi_madt {
	struct acpi_table_header header;
	u32 lapic_address;
	u32 flags;
} __packed;
#define ACPI_MADT_PCAT_COMPAT	BIT(0)	/* dual 8259s are present too */

/* Every entry starts with type and length; length covers these two bytes. */
struct acpi_madt_entry {
	u8 type;
	u8 length;
} __packed;

enum {
	ACPI_MADT_LAPIC = 0,		/* 5.2.12.2 */
	ACPI_MADT_IOAPIC = 1,		/* 5.2.12.3 */
	ACPI_MADT_OVERRIDE = 2,		/* 5.2.12.5 */
	ACPI_MADT_LAPIC_NMI = 4,	/* 5.2.12.7 */
	ACPI_MADT_LAPIC_ADDR = 5,	/* 5.2.12.8 */
	ACPI_MADT_X2APIC = 9,		/* 5.2.12.12 */
	ACPI_MADT_X2APIC_NMI = 10,	/* 5.2.12.13 */
};

struct acpi_madt_lapic {
	struct acpi_madt_entry e;
	u8 processor_uid;
	u8 apic_id;
	u32 flags;
} __packed;
#define ACPI_MADT_ENABLED	BIT(0)	/* usable now (bit 1 would be: can be hot-added) */

struct acpi_madt_ioapic {
	struct acpi_madt_entry e;
	u8 id;
	u8 reserved;
	u32 address;
	u32 gsi_base;
} __packed;

struct acpi_madt_override {
	struct acpi_madt_entry e;
	u8 bus;			/* 0: ISA, the only bus defined */
	u8 source;		/* the ISA IRQ */
	u32 gsi;
	u16 flags;		/* MPS INTI flags */
} __packed;

struct acpi_madt_lapic_nmi {
	struct acpi_madt_entry e;
	u8 processor_uid;	/* 0xFF: all processors */
	u16 flags;		/* MPS INTI flags */
	u8 lint;
} __packed;

struct acpi_madt_lapic_addr {
	struct acpi_madt_entry e;
	u16 reserved;
	u64 address;
} __packed;

struct acpi_madt_x2apic {
	struct acpi_madt_entry e;
	u16 reserved;
	u32 x2apic_id;
	u32 flags;		/* as a Local APIC entry's */
	u32 processor_uid;
} __packed;

struct acpi_madt_x2apic_nmi {
	struct acpi_madt_entry e;
	u16 flags;		/* MPS INTI flags */
	u32 processor_uid;	/* 0xFFFFFFFF: all processors */
	u8 lint;
	u8 reserved[3];
} __packed;

/* PCI Firmware spec 3.2, table 4-3: MCFG is the header, 8 reserved bytes, entries. */
struct acpi_mcfg_entry {
	u64 base;
	u16 segment;
	u8 start_bus;
	u8 end_bus;
	u32 reserved;
} __packed;
#define ACPI_MCFG_ENTRIES_OFFSET	44

static const u8 madt_min_len[] = {
	[ACPI_MADT_LAPIC] = sizeof(struct acpi_madt_lapic),
	[ACPI_MADT_IOAPIC] = sizeof(struct acpi_madt_ioapic),
	[ACPI_MADT_OVERRIDE] = sizeof(struct acpi_madt_override),
	[ACPI_MADT_LAPIC_NMI] = sizeof(struct acpi_madt_lapic_nmi),
	[ACPI_MADT_LAPIC_ADDR] = sizeof(struct acpi_madt_lapic_addr),
	[ACPI_MADT_X2APIC] = sizeof(struct acpi_madt_x2apic),
	[ACPI_MADT_X2APIC_NMI] = sizeof(struct acpi_madt_x2apic_nmi),
};

/*
 * CPUs come from Local APIC entries (8-bit IDs) and Local x2APIC entries.
 * 5.2.12.12 has IDs below 255 described by the former and 255 and up by
 * the latter; firmware that lists the low IDs in both would have each CPU
 * counted twice, so low x2APIC entries count only in a table without any
 * Local APIC entry. That is known at the end of the walk, so the walk keeps
 * the three kinds apart and madt_count_cpus() decides.
 */
enum { CPU_LAPIC, CPU_X2APIC_HIGH, CPU_X2APIC_LOW, NR_CPU_KINDS };
#define X2APIC_FIRST_HIGH_ID	255

struct madt_cpus {
	int entry;			/* number of the entry being parsed */
	int count[NR_CPU_KINDS];
	int first_entry[NR_CPU_KINDS];	/* where the first enabled one of a kind was */
	u32 first_id[NR_CPU_KINDS];
};

static void madt_cpu(struct madt_cpus *c, int kind, u32 id, u32 flags)
{
	if (!(flags & ACPI_MADT_ENABLED))
		return;
	if (c->count[kind]++ == 0) {
		c->first_entry[kind] = c->entry;
		c->first_id[kind] = id;
	}
}

/* 5.2.12.2: the boot processor's entry comes first; of the counted ones, then. */
static void madt_count_cpus(const struct madt_cpus *c)
{
	int boot = -1;

	for (int k = 0; k < NR_CPU_KINDS; k++) {
		if (k == CPU_X2APIC_LOW && c->count[CPU_LAPIC]) {
			acpi_info.nr_x2apic_dups = c->count[k];
			continue;
		}
		acpi_info.nr_cpus += c->count[k];
		if (k != CPU_LAPIC)
			acpi_info.nr_x2apic_cpus += c->count[k];
		if (c->count[k] && (boot < 0 || c->first_entry[k] < c->first_entry[boot]))
			boot = k;
	}
	if (boot >= 0)
		acpi_info.boot_lapic_id = c->first_id[boot];
}

static void madt_nmi(u32 uid, u16 flags, u8 lint, bool x2apic)
{
	struct acpi_lapic_nmi *n;

	if (lint > 1) {
		pr_warn("ACPI: MADT: NMI on LINT%u (a LAPIC has LINT0 and LINT1), ignored\n", lint);
		return;
	}
	if (acpi_info.nr_lapic_nmis >= ACPI_MAX_LAPIC_NMIS) {
		pr_warn("ACPI: MADT: more than %d LAPIC NMI entries, uid %u ignored\n",
			ACPI_MAX_LAPIC_NMIS, uid);
		return;
	}
	n = &acpi_info.lapic_nmis[acpi_info.nr_lapic_nmis++];
	n->processor_uid = uid;
	n->flags = flags;
	n->lint = lint;
	n->x2apic = x2apic;
}

static void madt_ioapic(const struct acpi_madt_ioapic *p)
{
	struct acpi_ioapic *io;

	if (acpi_info.nr_ioapics >= ACPI_MAX_IOAPICS) {
		pr_warn("ACPI: MADT: more than %d IOAPICs, id %u ignored\n",
			ACPI_MAX_IOAPICS, p->id);
		return;
	}
	io = &acpi_info.ioapics[acpi_info.nr_ioapics++];
	io->id = p->id;
	io->address = p->address;
	io->gsi_base = p->gsi_base;
}

static void madt_override(const struct acpi_madt_override *p)
{
	struct acpi_override *o;

	if (p->bus != 0) {
		pr_warn("ACPI: MADT: override for bus %u (not ISA) ignored\n", p->bus);
		return;
	}
	if (acpi_info.nr_overrides >= ACPI_MAX_OVERRIDES) {
		pr_warn("ACPI: MADT: more than %d overrides, IRQ %u ignored\n",
			ACPI_MAX_OVERRIDES, p->source);
		return;
	}
	o = &acpi_info.overrides[acpi_info.nr_overrides++];
	o->isa_irq = p->source;
	o->gsi = p->gsi;
	o->flags = p->flags;
}

/* Our lapic_address is 32-bit: an address above 4 GiB cannot be honoured. */
static void madt_lapic_addr(const struct acpi_madt_lapic_addr *p)
{
	if (p->address >> 32) {
		pr_warn("ACPI: MADT: LAPIC address override 0x%llx above 4 GiB ignored\n",
			(unsigned long long)p->address);
		return;
	}
	acpi_info.lapic_address = (u32)p->address;
}

static void madt_entry(const struct acpi_madt_entry *e, struct madt_cpus *cpus)
{
	if (e->type < ARRAY_SIZE(madt_min_len) && madt_min_len[e->type] &&
	    e->length < madt_min_len[e->type]) {
		pr_warn("ACPI: MADT: type %u entry of length %u is too short, skipped\n",
			e->type, e->length);
		return;
	}
	switch (e->type) {
	case ACPI_MADT_LAPIC: {
		const struct acpi_madt_lapic *p = (const void *)e;

		madt_cpu(cpus, CPU_LAPIC, p->apic_id, p->flags);
		break;
	}
	case ACPI_MADT_X2APIC: {
		const struct acpi_madt_x2apic *p = (const void *)e;

		madt_cpu(cpus, p->x2apic_id < X2APIC_FIRST_HIGH_ID ? CPU_X2APIC_LOW : CPU_X2APIC_HIGH,
			 p->x2apic_id, p->flags);
		break;
	}
	case ACPI_MADT_LAPIC_NMI: {
		const struct acpi_madt_lapic_nmi *p = (const void *)e;

		madt_nmi(p->processor_uid == 0xFF ? ACPI_NMI_ALL_CPUS : p->processor_uid,
			 p->flags, p->lint, false);
		break;
	}
	case ACPI_MADT_X2APIC_NMI: {
		const struct acpi_madt_x2apic_nmi *p = (const void *)e;

		madt_nmi(p->processor_uid, p->flags, p->lint, true);
		break;
	}
	case ACPI_MADT_IOAPIC:
		madt_ioapic((const struct acpi_madt_ioapic *)e);
		break;
	case ACPI_MADT_OVERRIDE:
		madt_override((const struct acpi_madt_override *)e);
		break;
	case ACPI_MADT_LAPIC_ADDR:
		madt_lapic_addr((const struct acpi_madt_lapic_addr *)e);
		break;
	default:
		break;	/* NMI sources, GIC, ...: not needed on one x86 CPU */
	}
}

void acpi_parse_madt(const struct acpi_table_header *t)
{
	const struct acpi_madt *madt = (const void *)t;
	const u8 *p = (const u8 *)(madt + 1);
	const u8 *end = (const u8 *)t + t->length;
	struct madt_cpus cpus = { 0 };

	if (t->length < sizeof(*madt)) {
		pr_err("ACPI: MADT: length %u shorter than its fixed part\n", t->length);
		return;
	}
	acpi_info.have_madt = true;
	acpi_info.lapic_address = madt->lapic_address;
	acpi_info.legacy_pics = madt->flags & ACPI_MADT_PCAT_COMPAT;
	/* Each step either advances by >= 2 bytes or stops: the walk terminates. */
	while (p < end) {
		const struct acpi_madt_entry *e = (const void *)p;

		if (end - p < (long)sizeof(*e) || e->length < sizeof(*e) ||
		    e->length > end - p) {
			pr_err("ACPI: MADT: corrupt entry at offset %u (length %u), rest ignored\n",
			       (unsigned int)(p - (const u8 *)t),
			       end - p >= (long)sizeof(*e) ? e->length : 0);
			break;
		}
		madt_entry(e, &cpus);
		cpus.entry++;
		p += e->length;
	}
	madt_count_cpus(&cpus);
	if (acpi_info.nr_cpus == 0)
		pr_warn("ACPI: MADT lists no enabled CPU\n");
}

void acpi_parse_mcfg(const struct acpi_table_header *t)
{
	const struct acpi_mcfg_entry *ent;
	size_t body, n;

	if (t->length < ACPI_MCFG_ENTRIES_OFFSET) {
		pr_err("ACPI: MCFG: length %u shorter than its fixed part\n", t->length);
		return;
	}
	body = t->length - ACPI_MCFG_ENTRIES_OFFSET;
	if (body % sizeof(*ent))
		pr_warn("ACPI: MCFG: %u trailing bytes ignored\n",
			(unsigned int)(body % sizeof(*ent)));
	ent = (const void *)((const u8 *)t + ACPI_MCFG_ENTRIES_OFFSET);
	for (n = 0; n < body / sizeof(*ent); n++, ent++) {
		struct acpi_mcfg_region *r;

		if (ent->start_bus > ent->end_bus) {
			pr_warn("ACPI: MCFG: region %u has buses %u-%u, skipped\n",
				(unsigned int)n, ent->start_bus, ent->end_bus);
			continue;
		}
		if (acpi_info.nr_mcfg >= ACPI_MAX_MCFG) {
			pr_warn("ACPI: MCFG: more than %d regions, rest ignored\n", ACPI_MAX_MCFG);
			break;
		}
		r = &acpi_info.mcfg[acpi_info.nr_mcfg++];
		r->base = ent->base;
		r->segment = ent->segment;
		r->start_bus = ent->start_bus;
		r->end_bus = ent->end_bus;
	}
	acpi_info.have_mcfg = acpi_info.nr_mcfg > 0;
	if (!acpi_info.have_mcfg)
		pr_warn("ACPI: MCFG has no usable region\n");
}

static const char *polarity_name(u16 flags)
{
	switch (flags & ACPI_MADT_POLARITY_MASK) {
	case ACPI_MADT_POLARITY_LOW:
		return "low";
	case ACPI_MADT_POLARITY_HIGH:
	case ACPI_MADT_POLARITY_CONFORMS:
		return "high";
	default:
		return "reserved polarity";
	}
}

static const char *trigger_name(u16 flags)
{
	switch (flags & ACPI_MADT_TRIGGER_MASK) {
	case ACPI_MADT_TRIGGER_LEVEL:
		return "level";
	case ACPI_MADT_TRIGGER_EDGE:
	case ACPI_MADT_TRIGGER_CONFORMS:
		return "edge";
	default:
		return "reserved trigger";
	}
}

void acpi_print_madt(void)
{
	if (!acpi_info.have_madt)
		return;
	if (acpi_info.nr_x2apic_cpus)
		pr_info("ACPI: LAPIC at 0x%x, %d CPU(s) (%d x2APIC), boot APIC id %u%s\n",
			acpi_info.lapic_address, acpi_info.nr_cpus, acpi_info.nr_x2apic_cpus,
			acpi_info.boot_lapic_id,
			acpi_info.legacy_pics ? ", 8259 PICs present" : "");
	else
		pr_info("ACPI: LAPIC at 0x%x, %d CPU(s), boot APIC id %u%s\n",
			acpi_info.lapic_address, acpi_info.nr_cpus, acpi_info.boot_lapic_id,
			acpi_info.legacy_pics ? ", 8259 PICs present" : "");
	if (acpi_info.nr_x2apic_dups)
		pr_info("ACPI: %d x2APIC entries below id 255 repeat the LAPIC entries, not counted\n",
			acpi_info.nr_x2apic_dups);
	for (int i = 0; i < acpi_info.nr_lapic_nmis; i++) {
		const struct acpi_lapic_nmi *n = &acpi_info.lapic_nmis[i];

		if (n->processor_uid == ACPI_NMI_ALL_CPUS)
			pr_info("ACPI: %s NMI: all CPUs LINT%u (%s, %s)\n",
				n->x2apic ? "x2APIC" : "LAPIC", n->lint,
				trigger_name(n->flags), polarity_name(n->flags));
		else
			pr_info("ACPI: %s NMI: processor uid %u LINT%u (%s, %s)\n",
				n->x2apic ? "x2APIC" : "LAPIC", n->processor_uid, n->lint,
				trigger_name(n->flags), polarity_name(n->flags));
	}
	for (int i = 0; i < acpi_info.nr_ioapics; i++) {
		const struct acpi_ioapic *io = &acpi_info.ioapics[i];

		pr_info("ACPI: IOAPIC id %u at 0x%x, GSI base %u\n",
			io->id, io->address, io->gsi_base);
	}
	for (int i = 0; i < acpi_info.nr_overrides; i++) {
		const struct acpi_override *o = &acpi_info.overrides[i];

		pr_info("ACPI: override ISA IRQ %u -> GSI %u (%s, %s)\n", o->isa_irq,
			o->gsi, trigger_name(o->flags), polarity_name(o->flags));
	}
}

void acpi_print_mcfg(void)
{
	for (int i = 0; i < acpi_info.nr_mcfg; i++) {
		const struct acpi_mcfg_region *r = &acpi_info.mcfg[i];

		pr_info("ACPI: MCFG ECAM 0x%llx segment %u buses %u-%u\n",
			(unsigned long long)r->base, r->segment, r->start_bus, r->end_bus);
	}
}
