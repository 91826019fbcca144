/*
 * acpi_tables: arch/x86_64/acpi*.c over firmware tables: the RSDP the loader
 * copied, the XSDT or RSDT, and the tables they list (MADT, MCFG, FADT and
 * through it the DSDT, whose AML is searched for \_S5), then the summary
 * printed at boot and the poweroff and reboot paths that use what was found.
 *
 * Input:
 *   flags:u8       bit 0: fix checksums (the RSDP's two, and byte 9 of each
 *                  table over the length its header gives, if that fits)
 *   rsdp_len:u8, rsdp[min(rsdp_len, 36)]   the copy the multiboot2 tag holds
 *   then up to 16 tables: len:u16le, bytes[len]; table i lies at physical
 *   address 0x100000 + i * 0x10000, in a region of exactly len bytes (ASan
 *   sees a read past it), so a root table lists 0x100000, 0x110000, ...
 */
#include <stdint.h>
#include <string.h>
#include <lib/errno.h>
#include <arch/x86_64/acpi.h>
#include <arch/x86_64/acpi_tables.h>
#include "acpi_fake.h"
#include "fuzz_platform.h"

#define MAX_TABLES	16
#define TABLE_BASE	0x100000ull
#define TABLE_STRIDE	0x10000ull

char fake_log[16384];	/* acpi_fake.c clears it; our printk does not fill it */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_console_init();
	return 0;
}

static void fix_table(u8 *t, size_t len)
{
	u32 hlen;

	if (len < sizeof(struct acpi_table_header))
		return;
	memcpy(&hlen, t + 4, 4);
	if (hlen > len || hlen < 10)
		return;
	t[9] = 0;
	t[9] = (u8)-acpi_checksum(t, hlen);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	int flags = fuzz_u8(&in), rlen = fuzz_u8(&in);
	u8 rsdp[36];
	size_t n;
	int ret;

	if (flags < 0 || rlen < 0)
		return -1;
	fake_acpi_reset();
	fuzz_console_clear();
	n = (size_t)rlen < sizeof(rsdp) ? (size_t)rlen : sizeof(rsdp);
	n = n < in.left ? n : in.left;
	memset(rsdp, 0, sizeof(rsdp));
	memcpy(rsdp, in.p, n);
	in.p += n;
	in.left -= n;
	for (int i = 0; i < MAX_TABLES && in.left >= 2; i++) {
		size_t len = in.p[0] | (size_t)in.p[1] << 8;
		u8 *t;

		in.p += 2;
		in.left -= 2;
		len = len < in.left ? len : in.left;
		t = fake_region_new(TABLE_BASE + (u64)i * TABLE_STRIDE, len);
		memcpy(t, in.p, len);
		in.p += len;
		in.left -= len;
		if (flags & 1)
			fix_table(t, len);
	}
	if ((flags & 1) && n >= 20) {
		u32 xlen;

		rsdp[8] = 0;
		rsdp[8] = (u8)-acpi_checksum(rsdp, 20);
		memcpy(&xlen, rsdp + 20, 4);
		if (n >= 36 && xlen >= 33 && xlen <= n) {
			rsdp[32] = 0;
			rsdp[32] = (u8)-acpi_checksum(rsdp, xlen);
		}
	}

	/* The copy is exactly n bytes, as the loader's tag body is. */
	u8 *copy = n ? fake_region_new(0x1000, n) : NULL;

	if (copy)
		memcpy(copy, rsdp, n);
	ret = acpi_init(copy, n);

	FUZZ_CHECK(ret == 0 || ret == -ENODEV, "acpi_init returned %d", ret);
	/* Every table mapped while parsing is unmapped again: a leak is a crash. */
	FUZZ_CHECK(fake_acpi_mappings() == 0, "%d table mappings left", fake_acpi_mappings());
	FUZZ_CHECK(fake_acpi_peak_mappings() <= 3, "%d table mappings at once",
		   fake_acpi_peak_mappings());
	FUZZ_CHECK(acpi_info.nr_ioapics >= 0 && acpi_info.nr_ioapics <= ACPI_MAX_IOAPICS,
		   "%d IOAPICs", acpi_info.nr_ioapics);
	FUZZ_CHECK(acpi_info.nr_overrides >= 0 && acpi_info.nr_overrides <= ACPI_MAX_OVERRIDES,
		   "%d overrides", acpi_info.nr_overrides);
	FUZZ_CHECK(acpi_info.nr_mcfg >= 0 && acpi_info.nr_mcfg <= ACPI_MAX_MCFG,
		   "%d MCFG regions", acpi_info.nr_mcfg);
	FUZZ_CHECK(acpi_info.nr_cpus >= 0, "%d CPUs", acpi_info.nr_cpus);
	FUZZ_CHECK(!acpi_info.have_s5 || (acpi_info.slp_typa <= 7 && acpi_info.slp_typb <= 7),
		   "SLP_TYP %u/%u", acpi_info.slp_typa, acpi_info.slp_typb);
	for (int i = 0; i < acpi_info.nr_mcfg; i++)
		FUZZ_CHECK(acpi_info.mcfg[i].start_bus <= acpi_info.mcfg[i].end_bus, "MCFG buses");
	acpi_print_summary();
	acpi_poweroff();
	acpi_reboot();
	return 0;
}
