/*
 * The ACPI HPET table (IA-PC HPET specification 1.0a, 3.2.4): where the
 * first HPET's registers are. Only the address and number are kept: the
 * table is unmapped once parsed. hpet.c maps the registers when it needs
 * them.
 */
#include <arch/x86_64/acpi.h>
#include <arch/x86_64/acpi_tables.h>
#include <lib/printk.h>

struct acpi_table_hpet {
	struct acpi_table_header header;
	u32 block_id;			/* 36: the capabilities register's low half */
	struct acpi_gas address;	/* 40: the register block, system memory */
	u8 hpet_number;			/* 52 */
	u16 min_tick;			/* 53: minimum periodic tick */
	u8 page_protection;		/* 55 */
} __packed;
BUILD_BUG_ON(sizeof(struct acpi_table_hpet) != 56);

void acpi_parse_hpet(const struct acpi_table_header *t)
{
	const struct acpi_table_hpet *h = (const void *)t;

	if (t->length < sizeof(*h)) {
		pr_err("ACPI: HPET: length %u shorter than %u, ignored\n",
		       t->length, (unsigned int)sizeof(*h));
		return;
	}
	if (h->address.space_id != ACPI_GAS_SPACE_MEMORY || !h->address.address) {
		pr_err("ACPI: HPET: registers in address space %u at 0x%llx, ignored\n",
		       h->address.space_id, (unsigned long long)h->address.address);
		return;
	}
	acpi_info.have_hpet = true;
	acpi_info.hpet_address = h->address.address;
	acpi_info.hpet_number = h->hpet_number;
}
