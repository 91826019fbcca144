/*
 * MADT and MCFG parsing against synthetic tables: each table is
 * its own exactly-sized allocation (tests/unit/fake/acpi_fake.c), so ASan
 * reports any read past a table's end.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <arch/x86_64/acpi.h>
#include <lib/errno.h>
#include "fake/acpi_fake_tables.h"

static void test_madt_overrides(void **state)
{
	u8 e[128];
	size_t o = e_lapic(e, 0, 0, 0, 1);

	o = e_ioapic(e, o, 2, 0xfec00000, 0);
	o = e_override(e, o, 0, 2, 0x0);	/* conforms: ISA edge, high */
	o = e_override(e, o, 9, 9, 0xd);	/* level, active high */
	o = e_override(e, o, 10, 10, 0xf);	/* level, active low */
	o = e_override(e, o, 11, 11, 0x7);	/* edge, active low */
	make_madt(e, o, 0);
	init_with_madt();
	assert_false(acpi_info.legacy_pics);
	assert_int_equal(acpi_info.nr_overrides, 4);
	assert_int_equal(acpi_info.overrides[0].isa_irq, 0);
	assert_int_equal(acpi_info.overrides[0].gsi, 2);
	assert_false(acpi_irq_active_low(acpi_info.overrides[0].flags));
	assert_false(acpi_irq_level_triggered(acpi_info.overrides[0].flags));
	assert_false(acpi_irq_active_low(acpi_info.overrides[1].flags));
	assert_true(acpi_irq_level_triggered(acpi_info.overrides[1].flags));
	assert_true(acpi_irq_active_low(acpi_info.overrides[2].flags));
	assert_true(acpi_irq_level_triggered(acpi_info.overrides[2].flags));
	assert_true(acpi_irq_active_low(acpi_info.overrides[3].flags));
	assert_false(acpi_irq_level_triggered(acpi_info.overrides[3].flags));
	acpi_print_summary();
	assert_true(fake_log_has("<6>ACPI: LAPIC at 0xfee00000, 1 CPU(s), boot APIC id 0\n"));
	assert_true(fake_log_has("<6>ACPI: IOAPIC id 2 at 0xfec00000, GSI base 0\n"));
	assert_true(fake_log_has("<6>ACPI: override ISA IRQ 0 -> GSI 2 (edge, high)\n"));
	assert_true(fake_log_has("<6>ACPI: override ISA IRQ 9 -> GSI 9 (level, high)\n"));
	assert_true(fake_log_has("<6>ACPI: override ISA IRQ 10 -> GSI 10 (level, low)\n"));
	assert_true(fake_log_has("<6>ACPI: override ISA IRQ 11 -> GSI 11 (edge, low)\n"));
}

static void test_madt_zero_length_entry(void **state)
{
	u8 e[64];
	size_t o = e_lapic(e, 0, 0, 0, 1);

	o = put8(e, o, 0x7f);
	o = put8(e, o, 0);		/* length 0: would loop forever */
	o = e_ioapic(e, o, 0, 0xfec00000, 0);
	make_madt(e, o, 0);
	init_with_madt();
	assert_int_equal(acpi_info.nr_cpus, 1);
	assert_int_equal(acpi_info.nr_ioapics, 0);
	assert_true(fake_log_has("<3>ACPI: MADT: corrupt entry at offset 52 (length 0)"));
}

static void test_madt_entry_past_end(void **state)
{
	u8 e[64];
	size_t o = e_lapic(e, 0, 0, 0, 1);

	o = e_ioapic(e, o, 0, 0xfec00000, 0);
	e[o - 11] = 200;		/* the IOAPIC entry claims 200 bytes */
	o = put8(e, o, 0);		/* a lone type byte at the very end */
	make_madt(e, o, 0);
	init_with_madt();
	assert_int_equal(acpi_info.nr_cpus, 1);
	assert_int_equal(acpi_info.nr_ioapics, 0);
	assert_true(fake_log_has("corrupt entry at offset 52 (length 200)"));

	/* Only the type byte of an entry fits: stop, do not read the length. */
	fake_acpi_reset();
	o = e_lapic(e, 0, 0, 0, 1);
	o = put8(e, o, 1);
	make_madt(e, o, 0);
	init_with_madt();
	assert_int_equal(acpi_info.nr_cpus, 1);
	assert_true(fake_log_has("corrupt entry at offset 52 (length 0)"));
}

static void test_madt_unknown_and_short_entries(void **state)
{
	u8 e[96];
	size_t o = e_lapic(e, 0, 0, 0, 1);

	o = put8(e, o, 0x7f);		/* unknown type, 6 bytes */
	o = put8(e, o, 6);
	o = put32(e, o, 0xdeadbeef);
	o = put8(e, o, 9);		/* x2APIC, flags 0xaaaaaaaa: not enabled, not counted */
	o = put8(e, o, 16);
	memset(e + o, 0xaa, 14);
	o += 14;
	o = put8(e, o, 1);		/* IOAPIC entry too short to hold its fields */
	o = put8(e, o, 4);
	o = put16(e, o, 0);
	o = e_ioapic(e, o, 1, 0xfec01000, 24);
	make_madt(e, o, 0);
	init_with_madt();
	assert_int_equal(acpi_info.nr_cpus, 1);
	assert_int_equal(acpi_info.nr_ioapics, 1);
	assert_int_equal(acpi_info.ioapics[0].id, 1);
	assert_int_equal(acpi_info.ioapics[0].address, 0xfec01000);
	assert_int_equal(acpi_info.ioapics[0].gsi_base, 24);
	assert_true(fake_log_has("<4>ACPI: MADT: type 1 entry of length 4 is too short"));
}

static void test_madt_cpus(void **state)
{
	u8 e[128];
	size_t o = e_lapic(e, 0, 0, 5, 0);	/* disabled */

	o = e_lapic(e, o, 1, 3, 1);
	o = e_lapic(e, o, 2, 4, 1);
	o = e_lapic(e, o, 3, 6, 2);		/* online capable, not enabled */
	make_madt(e, o, 0);
	init_with_madt();
	assert_int_equal(acpi_info.nr_cpus, 2);
	assert_int_equal(acpi_info.boot_lapic_id, 3);
}

static void test_madt_lapic_override_and_limits(void **state)
{
	u8 e[256];
	size_t o = e_lapic(e, 0, 0, 0, 1);

	o = e_lapic_addr(e, o, 0xfee10000);
	for (int i = 0; i < ACPI_MAX_IOAPICS + 1; i++)
		o = e_ioapic(e, o, (u8)i, 0xfec00000 + 0x1000 * i, 24 * i);
	for (int i = 0; i < ACPI_MAX_OVERRIDES + 1; i++)
		o = e_override(e, o, (u8)i, i, 0);
	make_madt(e, o, 0);
	init_with_madt();
	assert_int_equal(acpi_info.lapic_address, 0xfee10000);
	assert_int_equal(acpi_info.nr_ioapics, ACPI_MAX_IOAPICS);
	assert_int_equal(acpi_info.nr_overrides, ACPI_MAX_OVERRIDES);
	assert_true(fake_log_has("more than 4 IOAPICs, id 4 ignored"));
	assert_true(fake_log_has("more than 16 overrides, IRQ 16 ignored"));

	fake_acpi_reset();
	o = e_lapic(e, 0, 0, 0, 1);
	o = e_lapic_addr(e, o, 0x1fee00000ull);
	make_madt(e, o, 0);
	init_with_madt();
	assert_int_equal(acpi_info.lapic_address, 0xfee00000);
	assert_true(fake_log_has("LAPIC address override 0x1fee00000 above 4 GiB ignored"));
}

static void test_mcfg_two_regions(void **state)
{
	const u64 tables[] = { MCFG };
	struct fake_rsdp r;
	size_t len;

	make_mcfg((const u64[]){ 0xb0000000, 0xe0000000 }, 2);
	fake_rsdt(RSDT, tables, 1);
	len = fake_rsdp_v1(&r, RSDT);
	assert_int_equal(acpi_init(r.b, len), 0);
	assert_true(acpi_info.have_mcfg);
	assert_int_equal(acpi_info.nr_mcfg, 2);
	assert_int_equal(acpi_info.mcfg[0].base, 0xb0000000);
	assert_int_equal(acpi_info.mcfg[1].base, 0xe0000000);
	assert_int_equal(acpi_info.mcfg[1].segment, 1);
	assert_int_equal(acpi_info.mcfg[1].start_bus, 0);
	assert_int_equal(acpi_info.mcfg[1].end_bus, 255);
	acpi_print_summary();
	assert_true(fake_log_has("<6>ACPI: MCFG ECAM 0xb0000000 segment 0 buses 0-255\n"));
	assert_true(fake_log_has("<6>ACPI: MCFG ECAM 0xe0000000 segment 1 buses 0-255\n"));
}

static void test_mcfg_bad_region_and_missing(void **state)
{
	const u64 tables[] = { MCFG };
	struct acpi_table_header *t;
	struct fake_rsdp r;
	size_t len;

	make_mcfg((const u64[]){ 0xb0000000 }, 1);
	t = fake_region_at(MCFG, 60);
	((u8 *)t)[44 + 10] = 9;		/* start bus 9 > end bus... */
	((u8 *)t)[44 + 11] = 3;		/* ...3 */
	fake_table_fix(t);
	fake_rsdt(RSDT, tables, 1);
	len = fake_rsdp_v1(&r, RSDT);
	assert_int_equal(acpi_init(r.b, len), 0);
	assert_false(acpi_info.have_mcfg);
	assert_true(fake_log_has("region 0 has buses 9-3, skipped"));

	/* No MCFG at all (the i440fx "pc" machine): not an error. */
	fake_acpi_reset();
	make_std_madt();
	fake_rsdt(RSDT, (const u64[]){ MADT }, 1);
	len = fake_rsdp_v1(&r, RSDT);
	assert_int_equal(acpi_init(r.b, len), 0);
	assert_false(acpi_info.have_mcfg);
	assert_int_equal(acpi_info.nr_mcfg, 0);
	assert_true(fake_log_has("<6>ACPI: no MCFG"));
}

/* A huge root table costs a bounded number of mappings and messages. */
int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_madt_overrides, setup, teardown),
		cmocka_unit_test_setup_teardown(test_madt_zero_length_entry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_madt_entry_past_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_madt_unknown_and_short_entries, setup, teardown),
		cmocka_unit_test_setup_teardown(test_madt_cpus, setup, teardown),
		cmocka_unit_test_setup_teardown(test_madt_lapic_override_and_limits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mcfg_two_regions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mcfg_bad_region_and_missing, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
