/*
 * ACPI root: the RSDP the loader copied for us (multiboot2 tags 14/15, so
 * no scanning of BIOS memory), then the XSDT or RSDT, whose entries point to
 * the tables we care about. Each table is checked before a byte of it is
 * believed; a bad one is reported by name and skipped, the rest still parsed.
 */
#include <arch/x86_64/acpi.h>
#include <arch/x86_64/acpi_tables.h>
#include <lib/errno.h>
#include <lib/printk.h>
#include <lib/string.h>

struct acpi_info acpi_info;

/* 5.2.5.3: the RSDP. Revision 0 stops after rsdt_address (20 bytes). */
struct acpi_rsdp {
	char signature[8];	/* "RSD PTR " */
	u8 checksum;		/* over the first 20 bytes */
	char oem_id[6];
	u8 revision;		/* 0: ACPI 1.0; 2: has the fields below */
	u32 rsdt_address;
	u32 length;		/* whole RSDP */
	u64 xsdt_address;
	u8 extended_checksum;	/* over all length bytes */
	u8 reserved[3];
} __packed;
BUILD_BUG_ON(sizeof(struct acpi_rsdp) != 36);

#define ACPI_RSDP_V1_LEN	20
#define ACPI_RSDP_V2_LEN	36

/* What the summary reports about where the tables came from. */
#define ACPI_MAX_LISTED		24
static struct {
	int rsdp_version;
	bool xsdt;
	char oem_id[7];
	int nr_tables;
	char sigs[ACPI_MAX_LISTED][5];
} acpi_root;

u8 acpi_checksum(const void *p, size_t len)
{
	const u8 *b = p;
	u8 sum = 0;

	while (len--)
		sum += *b++;
	return sum;
}

void acpi_sig_str(const char sig[4], char out[5])
{
	for (int i = 0; i < 4; i++)
		out[i] = (sig[i] >= 0x20 && sig[i] < 0x7f) ? sig[i] : '?';
	out[4] = '\0';
}

/*
 * The header is mapped alone first (the length in it says how much to map),
 * and unmapped before the whole table is: one live mapping per table, never
 * two overlapping ones.
 */
const struct acpi_table_header *acpi_get_table(u64 phys, const char *sig)
{
	const struct acpi_table_header *t;
	char name[5], found[4];
	u32 len;

	t = acpi_map_table(phys, sizeof(*t));
	if (!t) {
		pr_err("ACPI: %s table at 0x%llx: cannot map header\n",
		       sig ? sig : "a", (unsigned long long)phys);
		return NULL;
	}
	memcpy(found, t->signature, 4);
	len = t->length;
	acpi_unmap_table(t, sizeof(*t));
	acpi_sig_str(found, name);
	if (sig && memcmp(found, sig, 4) != 0) {
		pr_err("ACPI: table at 0x%llx: signature '%s', expected %s\n",
		       (unsigned long long)phys, name, sig);
		return NULL;
	}
	if (len < sizeof(*t) || len > ACPI_MAX_TABLE_LEN) {
		pr_err("ACPI: %s table at 0x%llx: bad length %u\n",
		       name, (unsigned long long)phys, len);
		return NULL;
	}
	t = acpi_map_table(phys, len);
	if (!t) {
		pr_err("ACPI: %s table at 0x%llx: cannot map %u bytes\n",
		       name, (unsigned long long)phys, len);
		return NULL;
	}
	/* Firmware memory could change under us; the length we mapped is the one we trust. */
	if (t->length != len || memcmp(t->signature, found, 4) != 0) {
		pr_err("ACPI: %s table at 0x%llx: header changed while mapping, table ignored\n",
		       name, (unsigned long long)phys);
		acpi_unmap_table(t, len);
		return NULL;
	}
	if (acpi_checksum(t, len) != 0) {
		pr_err("ACPI: %s table at 0x%llx: checksum mismatch, table ignored\n",
		       name, (unsigned long long)phys);
		acpi_unmap_table(t, len);
		return NULL;
	}
	return t;
}

void acpi_put_table(const struct acpi_table_header *t)
{
	if (t)
		acpi_unmap_table(t, t->length);
}

/*
 * The RSDP is good if its 20-byte checksum holds. The v2 part is used only
 * if its own length and extended checksum hold too; else we warn and make do
 * with the RSDT. Returns the XSDT address, or 0 for "use the RSDT".
 */
static int acpi_check_rsdp(const struct acpi_rsdp *r, size_t len, u64 *xsdt)
{
	*xsdt = 0;
	if (!r || len < ACPI_RSDP_V1_LEN) {
		pr_err("ACPI: no RSDP from the loader (length %u)\n", (unsigned int)len);
		return -ENODEV;
	}
	if (memcmp(r->signature, "RSD PTR ", 8) != 0) {
		pr_err("ACPI: RSDP: bad signature\n");
		return -ENODEV;
	}
	if (acpi_checksum(r, ACPI_RSDP_V1_LEN) != 0) {
		pr_err("ACPI: RSDP: checksum mismatch\n");
		return -ENODEV;
	}
	acpi_root.rsdp_version = r->revision >= 2 ? 2 : 1;
	if (r->revision < 2)
		return 0;
	/* The length field itself lies past a v1-sized copy: check the copy first. */
	if (len < ACPI_RSDP_V2_LEN)
		pr_warn("ACPI: RSDP v2 in a %u-byte copy, using the RSDT\n", (unsigned int)len);
	else if (r->length < ACPI_RSDP_V2_LEN || r->length > len)
		pr_warn("ACPI: RSDP v2: length %u (copy %u), using the RSDT\n",
			r->length, (unsigned int)len);
	else if (acpi_checksum(r, r->length) != 0)
		pr_warn("ACPI: RSDP v2: extended checksum mismatch, using the RSDT\n");
	else
		*xsdt = r->xsdt_address;
	return 0;
}

static void acpi_note_table(const struct acpi_table_header *t)
{
	if (acpi_root.nr_tables < ACPI_MAX_LISTED)
		acpi_sig_str(t->signature, acpi_root.sigs[acpi_root.nr_tables]);
	acpi_root.nr_tables++;
}

/* Hands each table we understand to its parser; the first valid one wins. */
static void acpi_dispatch(const struct acpi_table_header *t)
{
	acpi_note_table(t);
	if (!memcmp(t->signature, "APIC", 4) && !acpi_info.have_madt)
		acpi_parse_madt(t);
	else if (!memcmp(t->signature, "MCFG", 4) && !acpi_info.have_mcfg)
		acpi_parse_mcfg(t);
	else if (!memcmp(t->signature, "FACP", 4) && !acpi_info.have_fadt)
		acpi_parse_fadt(t);
	else if (!memcmp(t->signature, "HPET", 4) && !acpi_info.have_hpet)
		acpi_parse_hpet(t);
}

/*
 * Firmware lists a few dozen tables at most (servers with many SSDTs, a
 * couple of hundred). The cap keeps a corrupt but checksummed root table
 * from costing a mapping and a message per entry for ever.
 */
#define ACPI_MAX_ROOT_ENTRIES	256

/* RSDT entries are 32-bit, XSDT entries 64-bit, neither necessarily aligned. */
static void acpi_walk_root(const struct acpi_table_header *root, size_t entry_size)
{
	const u8 *entries = (const u8 *)(root + 1);
	size_t n = (root->length - sizeof(*root)) / entry_size;

	if ((root->length - sizeof(*root)) % entry_size)
		pr_warn("ACPI: %s: length %u is not a whole number of entries\n",
			entry_size == 8 ? "XSDT" : "RSDT", root->length);
	if (n > ACPI_MAX_ROOT_ENTRIES) {
		pr_warn("ACPI: %s lists %u tables, reading the first %d\n",
			entry_size == 8 ? "XSDT" : "RSDT", (unsigned int)n,
			ACPI_MAX_ROOT_ENTRIES);
		n = ACPI_MAX_ROOT_ENTRIES;
	}
	for (size_t i = 0; i < n; i++) {
		u64 phys = 0;
		const struct acpi_table_header *t;

		memcpy(&phys, entries + i * entry_size, entry_size);
		if (!phys)
			continue;
		t = acpi_get_table(phys, NULL);
		if (t) {
			acpi_dispatch(t);
			acpi_put_table(t);
		}
	}
}

static void acpi_report_missing(void)
{
	if (!acpi_info.have_madt)
		pr_warn("ACPI: no valid MADT (APIC): no IOAPIC or CPU information\n");
	if (!acpi_info.have_mcfg)
		pr_info("ACPI: no MCFG: PCI config space through ports 0xcf8/0xcfc only\n");
	if (!acpi_info.have_fadt)
		pr_warn("ACPI: no valid FADT (FACP): no ACPI poweroff or reset\n");
}

/* Space-padded in the RSDP; kept printable for the summary line. */
static void acpi_copy_oem_id(const char id[6])
{
	int n = 0;

	for (int i = 0; i < 6 && id[i]; i++)
		acpi_root.oem_id[n++] = (id[i] >= 0x20 && id[i] < 0x7f) ? id[i] : '?';
	while (n > 0 && acpi_root.oem_id[n - 1] == ' ')
		n--;
	acpi_root.oem_id[n] = '\0';
}

static void acpi_reset_state(void)
{
	memset(&acpi_info, 0, sizeof(acpi_info));
	memset(&acpi_root, 0, sizeof(acpi_root));
	acpi_fadt_reset();
}

int acpi_init(const void *rsdp, size_t rsdp_len)
{
	const struct acpi_rsdp *r = rsdp;
	const struct acpi_table_header *root = NULL;
	u64 xsdt;
	int err;

	acpi_reset_state();
	err = acpi_check_rsdp(r, rsdp_len, &xsdt);
	if (err)
		return err;
	acpi_copy_oem_id(r->oem_id);

	if (xsdt) {
		root = acpi_get_table(xsdt, "XSDT");
		if (!root)
			pr_warn("ACPI: XSDT unusable, falling back to the RSDT\n");
	}
	if (root) {
		acpi_root.xsdt = true;
		acpi_walk_root(root, 8);
		acpi_put_table(root);
	} else {
		root = r->rsdt_address ? acpi_get_table(r->rsdt_address, "RSDT") : NULL;
		if (!root) {
			pr_err("ACPI: neither XSDT nor RSDT is usable, no ACPI tables\n");
			return -ENODEV;
		}
		acpi_walk_root(root, 4);
		acpi_put_table(root);
	}
	acpi_report_missing();
	return 0;
}

void acpi_print_summary(void)
{
	char list[ACPI_MAX_LISTED * 5 + 1];
	size_t pos = 0;

	if (!acpi_root.rsdp_version) {
		pr_info("ACPI: not available\n");
		return;
	}
	for (int i = 0; i < min(acpi_root.nr_tables, ACPI_MAX_LISTED); i++) {
		list[pos++] = ' ';
		memcpy(list + pos, acpi_root.sigs[i], 4);
		pos += 4;
	}
	list[pos] = '\0';
	if (acpi_root.nr_tables > ACPI_MAX_LISTED)
		pr_info("ACPI: RSDP v%d (%s) OEM %s, tables:%s and %d more\n",
			acpi_root.rsdp_version, acpi_root.xsdt ? "XSDT" : "RSDT", acpi_root.oem_id,
			list, acpi_root.nr_tables - ACPI_MAX_LISTED);
	else
		pr_info("ACPI: RSDP v%d (%s) OEM %s, tables:%s\n", acpi_root.rsdp_version,
			acpi_root.xsdt ? "XSDT" : "RSDT", acpi_root.oem_id, list);
	acpi_print_madt();
	acpi_print_mcfg();
	acpi_print_fadt();
}
