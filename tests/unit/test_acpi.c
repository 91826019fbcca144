/*
 * ACPI root (RSDP, RSDT/XSDT) and table validation against synthetic tables:
 * each table is its own exactly-sized allocation (tests/unit/fake/acpi_fake.c), so ASan
 * reports any read past a table's end.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <arch/x86_64/acpi.h>
#include <lib/errno.h>
#include "fake/acpi_fake_tables.h"

static void test_v1_rsdp_rsdt(void **state)
{
	const u64 tables[] = { MADT, MCFG, HPET };
	struct fake_rsdp r;
	size_t len;

	make_std_madt();
	make_mcfg((const u64[]){ 0xb0000000 }, 1);
	fake_table_new(HPET, "HPET", NULL, 20);
	fake_rsdt(RSDT, tables, 3);
	len = fake_rsdp_v1(&r, RSDT);
	assert_int_equal(acpi_init(r.b, len), 0);
	assert_true(acpi_info.have_madt);
	assert_true(acpi_info.have_mcfg);
	assert_false(acpi_info.have_fadt);
	assert_int_equal(acpi_info.lapic_address, 0xfee00000);
	assert_int_equal(acpi_info.nr_cpus, 1);
	assert_int_equal(acpi_info.nr_ioapics, 1);
	assert_int_equal(acpi_info.ioapics[0].address, 0xfec00000);
	assert_true(acpi_info.legacy_pics);
	acpi_print_summary();
	assert_true(fake_log_has("<6>ACPI: RSDP v1 (RSDT) OEM BOCHS, tables: APIC MCFG HPET\n"));
	assert_true(fake_log_has("<4>ACPI: no valid FADT (FACP)"));
}

static void test_v2_prefers_xsdt(void **state)
{
	const u64 rsdt_tables[] = { HPET };
	const u64 xsdt_tables[] = { MADT, HPET };
	struct fake_rsdp r;
	size_t len;

	make_std_madt();
	fake_table_new(HPET, "HPET", NULL, 20);
	fake_rsdt(RSDT, rsdt_tables, 1);
	fake_xsdt(XSDT, xsdt_tables, 2);
	len = fake_rsdp_v2(&r, RSDT, XSDT);
	assert_int_equal(acpi_init(r.b, len), 0);
	assert_true(acpi_info.have_madt);
	acpi_print_summary();
	assert_true(fake_log_has("ACPI: RSDP v2 (XSDT) OEM BOCHS, tables: APIC HPET\n"));
}

static void test_v2_bad_xsdt_falls_back(void **state)
{
	const u64 tables[] = { MADT };
	struct acpi_table_header *x;
	struct fake_rsdp r;
	size_t len;

	make_std_madt();
	fake_rsdt(RSDT, tables, 1);
	fake_xsdt(XSDT, tables, 1);
	x = fake_region_at(XSDT, 36);
	x->checksum ^= 0x55;
	len = fake_rsdp_v2(&r, RSDT, XSDT);
	assert_int_equal(acpi_init(r.b, len), 0);
	assert_true(acpi_info.have_madt);
	assert_true(fake_log_has("<3>ACPI: XSDT table at 0x2000: checksum mismatch"));
	acpi_print_summary();
	assert_true(fake_log_has("RSDP v2 (RSDT)"));
}

static void test_v2_bad_extended_checksum(void **state)
{
	const u64 tables[] = { MADT };
	struct fake_rsdp r;
	size_t len;

	make_std_madt();
	fake_rsdt(RSDT, tables, 1);
	fake_xsdt(XSDT, tables, 1);
	len = fake_rsdp_v2(&r, RSDT, XSDT);
	r.b[32] ^= 1;
	assert_int_equal(acpi_init(r.b, len), 0);
	assert_true(fake_log_has("<4>ACPI: RSDP v2: extended checksum mismatch"));
	acpi_print_summary();
	assert_true(fake_log_has("RSDP v2 (RSDT)"));
	/* A v2 RSDP copy cut to 20 bytes also falls back, without reading on:
	 * the copy sits in a heap block of exactly 20 bytes, so ASan sees any
	 * read of the length field behind it (found by fuzz_acpi_tables). */
	fake_acpi_reset();
	make_std_madt();
	fake_rsdt(RSDT, tables, 1);
	fake_rsdp_v2(&r, RSDT, XSDT);
	{
		u8 *cut = malloc(20);

		memcpy(cut, r.b, 20);
		assert_int_equal(acpi_init(cut, 20), 0);
		free(cut);
	}
	assert_true(fake_log_has("ACPI: RSDP v2 in a 20-byte copy, using the RSDT"));
	assert_true(acpi_info.have_madt);
}

static void test_bad_rsdp(void **state)
{
	const u64 tables[] = { MADT };
	struct fake_rsdp r;
	size_t len;

	make_std_madt();
	fake_rsdt(RSDT, tables, 1);
	len = fake_rsdp_v1(&r, RSDT);
	r.b[8] ^= 1;
	assert_int_equal(acpi_init(r.b, len), -ENODEV);
	assert_true(fake_log_has("<3>ACPI: RSDP: checksum mismatch"));
	assert_false(acpi_info.have_madt);

	fake_rsdp_v1(&r, RSDT);
	r.b[0] = 'X';
	assert_int_equal(acpi_init(r.b, len), -ENODEV);
	assert_true(fake_log_has("RSDP: bad signature"));
	assert_int_equal(acpi_init(r.b, 19), -ENODEV);
	assert_int_equal(acpi_init(NULL, 0), -ENODEV);
	acpi_print_summary();
	assert_true(fake_log_has("ACPI: not available"));
}

static void test_no_root_table(void **state)
{
	struct fake_rsdp r;
	size_t len = fake_rsdp_v1(&r, RSDT);	/* nothing at RSDT */

	assert_int_equal(acpi_init(r.b, len), -ENODEV);
	assert_true(fake_log_has("<3>ACPI: RSDT table at 0x1000: cannot map header"));
	assert_true(fake_log_has("neither XSDT nor RSDT"));
}

static void test_bad_madt_checksum(void **state)
{
	const u64 tables[] = { MADT, MCFG };
	struct acpi_table_header *t;
	struct fake_rsdp r;
	size_t len;

	make_std_madt();
	t = fake_region_at(MADT, 36);
	((u8 *)t)[40] ^= 0xff;	/* corrupt a byte, leave the checksum */
	make_mcfg((const u64[]){ 0xb0000000 }, 1);
	fake_rsdt(RSDT, tables, 2);
	len = fake_rsdp_v1(&r, RSDT);
	assert_int_equal(acpi_init(r.b, len), 0);
	assert_false(acpi_info.have_madt);
	assert_int_equal(acpi_info.nr_cpus, 0);
	assert_true(fake_log_has("<3>ACPI: APIC table at 0x3000: checksum mismatch"));
	assert_true(fake_log_has("<4>ACPI: no valid MADT"));
	assert_true(acpi_info.have_mcfg);
}

static void test_bad_table_lengths(void **state)
{
	const u64 tables[] = { MADT, MCFG, HPET };
	struct acpi_table_header *t;
	struct fake_rsdp r;
	size_t len;

	t = fake_table_new(MADT, "APIC", NULL, 8);
	t->length = 20;			/* shorter than a header */
	t = fake_table_new(MCFG, "MCFG", NULL, 8);
	t->length = 2u << 20;		/* absurd; checked before any checksum */
	t = fake_table_new(HPET, "HPET", NULL, 8);
	t->length = 4096;		/* more than is there */
	fake_rsdt(RSDT, tables, 3);
	len = fake_rsdp_v1(&r, RSDT);
	assert_int_equal(acpi_init(r.b, len), 0);
	assert_false(acpi_info.have_madt);
	assert_false(acpi_info.have_mcfg);
	assert_true(fake_log_has("<3>ACPI: APIC table at 0x3000: bad length 20"));
	assert_true(fake_log_has("<3>ACPI: MCFG table at 0x4000: bad length 2097152"));
	assert_true(fake_log_has("<3>ACPI: HPET table at 0x7000: cannot map 4096 bytes"));
}

static void test_root_entries_capped(void **state)
{
	static u64 tables[300];
	struct fake_rsdp r;
	size_t len;

	for (size_t i = 0; i < ARRAY_SIZE(tables); i++)
		tables[i] = 0x100000 + i;	/* nothing mapped there */
	tables[0] = MADT;
	make_std_madt();
	fake_xsdt(XSDT, tables, ARRAY_SIZE(tables));
	len = fake_rsdp_v2(&r, 0, XSDT);
	assert_int_equal(acpi_init(r.b, len), 0);
	assert_true(acpi_info.have_madt);
	assert_true(fake_log_has("<4>ACPI: XSDT lists 300 tables, reading the first 256"));
	assert_true(fake_log_has("<3>ACPI: a table at 0x1000ff: cannot map header"));
	assert_false(fake_log_has("0x100100"));
}

/*
 * Firmware with 200 tables (a server's SSDTs) at scattered addresses: every
 * one is read, the ones we parse are found at the end of the list, and no
 * more than one table (plus the root) is mapped at any time, so the
 * kernel's few ioremap slots never run out.
 */
static void test_200_tables_mapped_one_at_a_time(void **state)
{
	static u64 tables[200];
	struct fake_rsdp r;
	size_t len;

	for (size_t i = 0; i < ARRAY_SIZE(tables); i++) {
		u8 body[64];

		tables[i] = 0x200000 + i * 0x3100;	/* not page aligned, some share pages */
		memset(body, (int)i, sizeof(body));
		fake_table_new(tables[i], "SSDT", body, sizeof(body) - i % 7);
	}
	tables[198] = MADT;
	tables[199] = MCFG;
	make_std_madt();
	make_mcfg((const u64[]){ 0xb0000000 }, 1);
	fake_xsdt(XSDT, tables, ARRAY_SIZE(tables));
	len = fake_rsdp_v2(&r, 0, XSDT);
	assert_int_equal(acpi_init(r.b, len), 0);
	assert_true(acpi_info.have_madt);
	assert_true(acpi_info.have_mcfg);
	assert_false(fake_log_has("<3>"));
	assert_int_equal(fake_acpi_mappings(), 0);
	assert_int_equal(fake_acpi_peak_mappings(), 2);
	acpi_print_summary();
	assert_true(fake_log_has("tables: SSDT SSDT"));
	assert_true(fake_log_has(" SSDT and 176 more\n"));
}

static void test_reinit_clears_state(void **state)
{
	struct fake_rsdp r;
	size_t len;

	make_std_madt();
	init_with_madt();
	assert_int_equal(acpi_info.nr_overrides, 2);
	fake_rsdt(RSDT, (const u64[]){ HPET }, 1);
	fake_table_new(HPET, "HPET", NULL, 20);
	len = fake_rsdp_v1(&r, RSDT);
	assert_int_equal(acpi_init(r.b, len), 0);
	assert_false(acpi_info.have_madt);
	assert_int_equal(acpi_info.nr_overrides, 0);
	assert_int_equal(acpi_info.nr_cpus, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_v1_rsdp_rsdt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_v2_prefers_xsdt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_v2_bad_xsdt_falls_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_v2_bad_extended_checksum, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_rsdp, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_root_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_madt_checksum, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_table_lengths, setup, teardown),
		cmocka_unit_test_setup_teardown(test_root_entries_capped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_200_tables_mapped_one_at_a_time, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reinit_clears_state, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
