/*
 * MADT Processor Local x2APIC (type 9, ACPI 6.5 5.2.12.12) and Local x2APIC
 * NMI (type 10, 5.2.12.13) entries, alone and mixed with Local APIC (type 0)
 * entries; each table is an exactly-sized allocation, so ASan catches a
 * read past the end of a short entry.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <arch/x86_64/acpi.h>
#include <lib/errno.h>
#include "fake/acpi_fake_tables.h"

static size_t e_x2apic(u8 *b, size_t o, u32 id, u32 flags, u32 uid)
{
	o = put8(b, o, 9);
	o = put8(b, o, 16);
	o = put16(b, o, 0);
	o = put32(b, o, id);
	o = put32(b, o, flags);
	return put32(b, o, uid);
}

static size_t e_x2apic_nmi(u8 *b, size_t o, u16 flags, u32 uid, u8 lint)
{
	o = put8(b, o, 10);
	o = put8(b, o, 12);
	o = put16(b, o, flags);
	o = put32(b, o, uid);
	o = put8(b, o, lint);
	o = put8(b, o, 0);
	return put16(b, o, 0);
}

static size_t e_lapic_nmi(u8 *b, size_t o, u8 uid, u16 flags, u8 lint)
{
	o = put8(b, o, 4);
	o = put8(b, o, 6);
	o = put8(b, o, uid);
	o = put16(b, o, flags);
	return put8(b, o, lint);
}

/* A machine whose firmware describes every CPU with x2APIC entries only. */
static void test_x2apic_only(void **state)
{
	u8 e[128];
	size_t o = e_x2apic(e, 0, 0x1000, 1, 0);	/* the boot CPU: a 32-bit ID */

	o = e_x2apic(e, o, 3, 1, 1);
	o = e_x2apic(e, o, 0x1002, 0, 2);		/* disabled */
	o = e_x2apic(e, o, 0x1004, 2, 3);		/* online capable only */
	o = e_x2apic_nmi(e, o, 0, ACPI_NMI_ALL_CPUS, 1);
	o = e_x2apic_nmi(e, o, 0xd, 1, 0);		/* level, active high, on LINT0 */
	make_madt(e, o, 0);
	init_with_madt();
	assert_int_equal(acpi_info.nr_cpus, 2);
	assert_int_equal(acpi_info.nr_x2apic_cpus, 2);
	assert_int_equal(acpi_info.nr_x2apic_dups, 0);
	assert_int_equal(acpi_info.boot_lapic_id, 0x1000);
	assert_int_equal(acpi_info.nr_lapic_nmis, 2);
	assert_int_equal(acpi_info.lapic_nmis[0].processor_uid, ACPI_NMI_ALL_CPUS);
	assert_int_equal(acpi_info.lapic_nmis[0].lint, 1);
	assert_true(acpi_info.lapic_nmis[0].x2apic);
	assert_int_equal(acpi_info.lapic_nmis[1].processor_uid, 1);
	assert_int_equal(acpi_info.lapic_nmis[1].lint, 0);
	assert_true(acpi_irq_level_triggered(acpi_info.lapic_nmis[1].flags));
	acpi_print_summary();
	assert_true(fake_log_has("<6>ACPI: LAPIC at 0xfee00000, 2 CPU(s) (2 x2APIC), boot APIC id 4096\n"));
	assert_true(fake_log_has("<6>ACPI: x2APIC NMI: all CPUs LINT1 (edge, high)\n"));
	assert_true(fake_log_has("<6>ACPI: x2APIC NMI: processor uid 1 LINT0 (level, high)\n"));
}

/*
 * Large machines: IDs below 255 in Local APIC entries, the rest in x2APIC
 * entries (5.2.12.12). Both count; the boot CPU is the first entry even when
 * it is an x2APIC one.
 */
static void test_mixed_with_lapic_entries(void **state)
{
	u8 e[128];
	size_t o = e_x2apic(e, 0, 300, 1, 300);

	o = e_lapic(e, o, 0, 0, 1);
	o = e_lapic(e, o, 1, 1, 1);
	o = e_lapic(e, o, 2, 2, 0);		/* disabled */
	o = e_x2apic(e, o, 255, 1, 255);	/* 255 and up: only x2APIC can say them */
	o = e_lapic_nmi(e, o, 0xff, 0, 1);
	o = e_x2apic_nmi(e, o, 0, ACPI_NMI_ALL_CPUS, 1);
	make_madt(e, o, 0);
	init_with_madt();
	assert_int_equal(acpi_info.nr_cpus, 4);
	assert_int_equal(acpi_info.nr_x2apic_cpus, 2);
	assert_int_equal(acpi_info.boot_lapic_id, 300);
	assert_int_equal(acpi_info.nr_lapic_nmis, 2);
	assert_false(acpi_info.lapic_nmis[0].x2apic);
	assert_int_equal(acpi_info.lapic_nmis[0].processor_uid, ACPI_NMI_ALL_CPUS);
	acpi_print_summary();
	assert_true(fake_log_has("4 CPU(s) (2 x2APIC), boot APIC id 300\n"));
	assert_true(fake_log_has("<6>ACPI: LAPIC NMI: all CPUs LINT1 (edge, high)\n"));

	/* A Local APIC boot entry first: its ID, as before x2APIC entries counted. */
	fake_acpi_reset();
	o = e_lapic(e, 0, 0, 7, 1);
	o = e_x2apic(e, o, 0x2000, 1, 1);
	make_madt(e, o, 0);
	init_with_madt();
	assert_int_equal(acpi_info.nr_cpus, 2);
	assert_int_equal(acpi_info.boot_lapic_id, 7);
}

/*
 * Firmware that lists the low IDs twice, as type 0 and as type 9: the x2APIC
 * copies do not count again. Without type 0 entries they are the CPUs.
 */
static void test_low_x2apic_entries_repeating_lapic_ones(void **state)
{
	u8 e[128];
	size_t o = e_lapic(e, 0, 0, 0, 1);

	o = e_lapic(e, o, 1, 2, 1);
	o = e_x2apic(e, o, 0, 1, 0);
	o = e_x2apic(e, o, 2, 1, 1);
	o = e_x2apic(e, o, 256, 1, 2);
	make_madt(e, o, 0);
	init_with_madt();
	assert_int_equal(acpi_info.nr_cpus, 3);
	assert_int_equal(acpi_info.nr_x2apic_cpus, 1);
	assert_int_equal(acpi_info.nr_x2apic_dups, 2);
	assert_int_equal(acpi_info.boot_lapic_id, 0);
	acpi_print_summary();
	assert_true(fake_log_has("<6>ACPI: 2 x2APIC entries below id 255 repeat the LAPIC entries, not counted\n"));
}

/* Short type 9/10 entries are skipped by their length; the walk goes on. */
static void test_short_entries(void **state)
{
	u8 e[128];
	size_t o = e_x2apic(e, 0, 5, 1, 0);

	o = put8(e, o, 9);		/* x2APIC entry of 12 bytes: no room for the uid */
	o = put8(e, o, 12);
	o = put16(e, o, 0);
	o = put32(e, o, 6);
	o = put32(e, o, 1);
	o = put8(e, o, 10);		/* x2APIC NMI entry of 8 bytes: no LINT */
	o = put8(e, o, 8);
	o = put16(e, o, 0);
	o = put32(e, o, ACPI_NMI_ALL_CPUS);
	o = put8(e, o, 4);		/* LAPIC NMI entry of 5 bytes */
	o = put8(e, o, 5);
	o = put8(e, o, 0xff);
	o = put16(e, o, 0);
	o = e_ioapic(e, o, 1, 0xfec00000, 0);
	make_madt(e, o, 0);
	init_with_madt();
	assert_int_equal(acpi_info.nr_cpus, 1);
	assert_int_equal(acpi_info.boot_lapic_id, 5);
	assert_int_equal(acpi_info.nr_lapic_nmis, 0);
	assert_int_equal(acpi_info.nr_ioapics, 1);
	assert_true(fake_log_has("<4>ACPI: MADT: type 9 entry of length 12 is too short, skipped\n"));
	assert_true(fake_log_has("<4>ACPI: MADT: type 10 entry of length 8 is too short, skipped\n"));
	assert_true(fake_log_has("<4>ACPI: MADT: type 4 entry of length 5 is too short, skipped\n"));
}

/* An x2APIC entry cut by the end of the table: the walk stops before it. */
static void test_x2apic_entry_past_end(void **state)
{
	u8 e[64];
	size_t o = e_lapic(e, 0, 0, 0, 1);

	o = put8(e, o, 9);
	o = put8(e, o, 16);
	o = put16(e, o, 0);
	o = put32(e, o, 0x300);		/* 8 of its 16 bytes are in the table */
	make_madt(e, o, 0);
	init_with_madt();
	assert_int_equal(acpi_info.nr_cpus, 1);
	assert_int_equal(acpi_info.boot_lapic_id, 0);
	assert_true(fake_log_has("<3>ACPI: MADT: corrupt entry at offset 52 (length 16), rest ignored"));
}

static void test_nmi_limits(void **state)
{
	u8 e[128];
	size_t o = e_x2apic(e, 0, 0, 1, 0);

	o = e_x2apic_nmi(e, o, 0, 0, 2);	/* there is no LINT2 */
	for (int i = 0; i < ACPI_MAX_LAPIC_NMIS + 1; i++)
		o = e_x2apic_nmi(e, o, 0, (u32)i, 1);
	make_madt(e, o, 0);
	init_with_madt();
	assert_int_equal(acpi_info.nr_lapic_nmis, ACPI_MAX_LAPIC_NMIS);
	assert_true(fake_log_has("NMI on LINT2 (a LAPIC has LINT0 and LINT1), ignored"));
	assert_true(fake_log_has("more than 4 LAPIC NMI entries, uid 4 ignored"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_x2apic_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mixed_with_lapic_entries, setup, teardown),
		cmocka_unit_test_setup_teardown(test_low_x2apic_entries_repeating_lapic_ones,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_short_entries, setup, teardown),
		cmocka_unit_test_setup_teardown(test_x2apic_entry_past_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nmi_limits, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
