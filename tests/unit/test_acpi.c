/*
 * ACPI root and MADT/MCFG parsing against synthetic tables: each table is
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
#include "fake/acpi_fake.h"

enum { RSDT = 0x1000, XSDT = 0x2000, MADT = 0x3000, MCFG = 0x4000, HPET = 0x7000 };

static size_t e_lapic(u8 *b, size_t o, u8 uid, u8 id, u32 flags)
{
	o = put8(b, o, 0);
	o = put8(b, o, 8);
	o = put8(b, o, uid);
	o = put8(b, o, id);
	return put32(b, o, flags);
}

static size_t e_ioapic(u8 *b, size_t o, u8 id, u32 addr, u32 gsi_base)
{
	o = put8(b, o, 1);
	o = put8(b, o, 12);
	o = put8(b, o, id);
	o = put8(b, o, 0);
	o = put32(b, o, addr);
	return put32(b, o, gsi_base);
}

static size_t e_override(u8 *b, size_t o, u8 irq, u32 gsi, u16 flags)
{
	o = put8(b, o, 2);
	o = put8(b, o, 10);
	o = put8(b, o, 0);	/* ISA */
	o = put8(b, o, irq);
	o = put32(b, o, gsi);
	return put16(b, o, flags);
}

static size_t e_lapic_addr(u8 *b, size_t o, u64 addr)
{
	o = put8(b, o, 5);
	o = put8(b, o, 12);
	o = put16(b, o, 0);
	return put64(b, o, addr);
}

/* The MADT body: LAPIC address, flags, then the given entries. */
static struct acpi_table_header *make_madt(const u8 *entries, size_t len, u32 flags)
{
	u8 body[512];
	size_t o = put32(body, 0, 0xfee00000);

	o = put32(body, o, flags);
	memcpy(body + o, entries, len);
	return fake_table_new(MADT, "APIC", body, o + len);
}

/* QEMU-like: one CPU, one IOAPIC, IRQ0 on GSI 2, SCI level/high. */
static void make_std_madt(void)
{
	u8 e[128];
	size_t o = e_lapic(e, 0, 0, 0, 1);

	o = e_ioapic(e, o, 0, 0xfec00000, 0);
	o = e_override(e, o, 0, 2, 0);
	o = e_override(e, o, 9, 9, 0xd);
	make_madt(e, o, 1);
}

static void make_mcfg(const u64 *bases, int n)
{
	u8 body[8 + 16 * 8] = { 0 };
	size_t o = 8;	/* reserved */

	for (int i = 0; i < n; i++) {
		o = put64(body, o, bases[i]);
		o = put16(body, o, (u16)i);
		o = put8(body, o, 0);
		o = put8(body, o, 255);
		o = put32(body, o, 0);
	}
	fake_table_new(MCFG, "MCFG", body, o);
}

static int setup(void **state)
{
	fake_acpi_reset();
	return 0;
}

static int teardown(void **state)
{
	fake_acpi_reset();
	return 0;
}

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
	x = acpi_map_table(XSDT, 36);
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
	/* A v2 RSDP copy cut to 20 bytes also falls back, without reading on. */
	fake_acpi_reset();
	make_std_madt();
	fake_rsdt(RSDT, tables, 1);
	fake_rsdp_v2(&r, RSDT, XSDT);
	assert_int_equal(acpi_init(r.b, 20), 0);
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
	t = acpi_map_table(MADT, 36);
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

static void init_with_madt(void)
{
	const u64 tables[] = { MADT };
	struct fake_rsdp r;
	size_t len;

	fake_rsdt(RSDT, tables, 1);
	len = fake_rsdp_v1(&r, RSDT);
	assert_int_equal(acpi_init(r.b, len), 0);
	assert_true(acpi_info.have_madt);
}

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
	o = put8(e, o, 9);		/* x2APIC, not used: skipped by length */
	o = put8(e, o, 16);
	memset(e + o, 0xaa, 14);
	o += 14;
	o = put8(e, o, 1);		/* IOAPIC entry too short to hold its fields */
	o = put8(e, o, 4);
	o = put16(e, o, 0);
	o = e_ioapic(e, o, 1, 0xfec01000, 24);
	make_madt(e, o, 0);
	init_with_madt();
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
	t = acpi_map_table(MCFG, 60);
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
static void test_root_entries_capped(void **state)
{
	static u64 tables[200];
	struct fake_rsdp r;
	size_t len;

	for (size_t i = 0; i < ARRAY_SIZE(tables); i++)
		tables[i] = 0x100000 + i;	/* nothing mapped there */
	tables[0] = MADT;
	make_std_madt();
	fake_xsdt(XSDT, tables, 200);
	len = fake_rsdp_v2(&r, 0, XSDT);
	assert_int_equal(acpi_init(r.b, len), 0);
	assert_true(acpi_info.have_madt);
	assert_true(fake_log_has("<4>ACPI: XSDT lists 200 tables, reading the first 128"));
	assert_true(fake_log_has("<3>ACPI: a table at 0x10007f: cannot map header"));
	assert_false(fake_log_has("0x100080"));
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
		cmocka_unit_test_setup_teardown(test_madt_overrides, setup, teardown),
		cmocka_unit_test_setup_teardown(test_madt_zero_length_entry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_madt_entry_past_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_madt_unknown_and_short_entries, setup, teardown),
		cmocka_unit_test_setup_teardown(test_madt_cpus, setup, teardown),
		cmocka_unit_test_setup_teardown(test_madt_lapic_override_and_limits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mcfg_two_regions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mcfg_bad_region_and_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_root_entries_capped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reinit_clears_state, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
