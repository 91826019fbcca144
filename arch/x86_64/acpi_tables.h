/*
 * Layouts of the ACPI tables we read, shared by acpi.c (root tables),
 * acpi_madt.c (MADT, MCFG) and acpi_fadt.c (FADT, DSDT \_S5, poweroff).
 * Section numbers are from the ACPI 6.5 specification. Firmware packs these
 * with no padding and at any alignment, hence __packed throughout.
 */
#ifndef ARCH_X86_64_ACPI_TABLES_H
#define ARCH_X86_64_ACPI_TABLES_H

#include <lib/types.h>

/* 5.2.6: the header every description table (not the RSDP) starts with. */
struct acpi_table_header {
	char signature[4];
	u32 length;		/* whole table, header included */
	u8 revision;
	u8 checksum;		/* all bytes of the table sum to 0 mod 256 */
	char oem_id[6];
	char oem_table_id[8];
	u32 oem_revision;
	u32 creator_id;
	u32 creator_revision;
} __packed;
BUILD_BUG_ON(sizeof(struct acpi_table_header) != 36);

/* No table we parse comes near this; a bigger length is corruption. */
#define ACPI_MAX_TABLE_LEN	(1u << 20)

/* 5.2.3.2: Generic Address Structure. */
struct acpi_gas {
	u8 space_id;
	u8 bit_width;
	u8 bit_offset;
	u8 access_size;
	u64 address;
} __packed;
BUILD_BUG_ON(sizeof(struct acpi_gas) != 12);

#define ACPI_GAS_SPACE_MEMORY	0
#define ACPI_GAS_SPACE_IO	1

/* Sum of len bytes mod 256; a valid table or RSDP sums to 0. */
u8 acpi_checksum(const void *p, size_t len);

/*
 * Maps the table at phys and checks length and checksum (and the signature
 * when sig is not NULL). NULL after a message naming the table and problem.
 * Parsers copy what they need out of it; acpi_put_table() then unmaps it
 * (Linux's acpi_get_table()/acpi_put_table() pair).
 */
const struct acpi_table_header *acpi_get_table(u64 phys, const char *sig);
void acpi_put_table(const struct acpi_table_header *t);

/* "APIC" and friends, with unprintable bytes shown as '?', NUL-terminated. */
void acpi_sig_str(const char sig[4], char out[5]);

void acpi_parse_madt(const struct acpi_table_header *t);
void acpi_parse_mcfg(const struct acpi_table_header *t);
void acpi_parse_fadt(const struct acpi_table_header *t);
void acpi_parse_hpet(const struct acpi_table_header *t);

/* Searches a DSDT for \_S5 and fills have_s5/slp_typa/slp_typb. */
void acpi_parse_s5(const struct acpi_table_header *dsdt);

void acpi_print_madt(void);
void acpi_print_mcfg(void);
void acpi_print_fadt(void);

/* Forget what acpi_fadt.c learnt, so acpi_init() can run again (host tests). */
void acpi_fadt_reset(void);

#endif
