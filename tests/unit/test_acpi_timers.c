/*
 * What ACPI says about the clocks the TSC is calibrated against: the HPET
 * table (IA-PC HPET 1.0a, 3.2.4) and the FADT's PM timer block and
 * TMR_VAL_EXT flag (ACPI 6.5 table 5.9). Parsers must copy what they need:
 * the fake maps each table as a private copy, gone once it is unmapped.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <arch/x86_64/acpi.h>
#include "fake/acpi_fake.h"

enum { RSDT = 0x1000, FADT = 0x5000, HPET_TBL = 0x7000, HPET_TBL2 = 0x7800 };

/* FADT offsets (ACPI 6.5 table 5.9). */
enum { F_PM_TMR_BLK = 76, F_PM_TMR_LEN = 91, F_FLAGS = 112, F_X_PM_TMR_BLK = 208 };

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

static void boot_with(const u64 *tables, int n)
{
	struct fake_rsdp r;
	size_t len;

	fake_rsdt(RSDT, tables, n);
	len = fake_rsdp_v1(&r, RSDT);
	assert_int_equal(acpi_init(r.b, len), 0);
}

/* The HPET table's body (after the 36-byte header) as QEMU builds it. */
static void make_hpet(u64 phys, u8 space, u64 addr, u8 number, size_t body_len)
{
	u8 body[20] = { 0 };

	put32(body, 0, 0x8086a201);	/* event timer block ID */
	put8(body, 4, space);		/* base address GAS: space, width 64 */
	put8(body, 5, 64);
	put64(body, 8, addr);
	put8(body, 16, number);
	put16(body, 17, 0x80);		/* minimum tick */
	fake_table_new(phys, "HPET", body, body_len);
}

static void test_hpet_table_gives_the_register_block(void **state)
{
	make_hpet(HPET_TBL, 0, 0xfed00000, 0, 20);
	boot_with((const u64[]){ HPET_TBL }, 1);
	assert_true(acpi_info.have_hpet);
	assert_int_equal(acpi_info.hpet_address, 0xfed00000);
	assert_int_equal(acpi_info.hpet_number, 0);
}

static void test_bad_hpet_tables_are_refused(void **state)
{
	/* Registers in I/O space: the HPET is memory-mapped by definition. */
	make_hpet(HPET_TBL, 1, 0xfed00000, 0, 20);
	boot_with((const u64[]){ HPET_TBL }, 1);
	assert_false(acpi_info.have_hpet);
	assert_true(fake_log_has("<3>ACPI: HPET: registers in address space 1 at 0xfed00000, ignored"));

	/* No address at all. */
	fake_acpi_reset();
	make_hpet(HPET_TBL, 0, 0, 0, 20);
	boot_with((const u64[]){ HPET_TBL }, 1);
	assert_false(acpi_info.have_hpet);

	/* Cut short before the address: nothing past the table's end is read (ASan). */
	fake_acpi_reset();
	make_hpet(HPET_TBL, 0, 0xfed00000, 0, 10);
	boot_with((const u64[]){ HPET_TBL }, 1);
	assert_false(acpi_info.have_hpet);
	assert_true(fake_log_has("<3>ACPI: HPET: length 46 shorter than 56, ignored"));
}

static void test_first_good_hpet_wins(void **state)
{
	make_hpet(HPET_TBL, 1, 0x1234, 0, 20);		/* bad, skipped */
	make_hpet(HPET_TBL2, 0, 0xfed01000, 1, 20);
	fake_table_new(0x7c00, "HPET", NULL, 0);	/* header only: refused */
	boot_with((const u64[]){ HPET_TBL, 0x7c00, HPET_TBL2 }, 3);
	assert_true(acpi_info.have_hpet);
	assert_int_equal(acpi_info.hpet_address, 0xfed01000);
	assert_int_equal(acpi_info.hpet_number, 1);
	assert_true(fake_log_has("<3>ACPI: HPET: length 36 shorter than 56, ignored"));
}

static void make_fadt(size_t len, u32 pm_tmr, u32 flags, u8 x_space, u64 x_addr)
{
	static u8 f[276];

	memset(f, 0, sizeof(f));
	put32(f, F_PM_TMR_BLK, pm_tmr);
	put8(f, F_PM_TMR_LEN, pm_tmr ? 4 : 0);
	put32(f, F_FLAGS, flags);
	if (len >= F_X_PM_TMR_BLK + 12) {
		put8(f, F_X_PM_TMR_BLK, x_space);
		put8(f, F_X_PM_TMR_BLK + 1, 32);
		put64(f, F_X_PM_TMR_BLK + 4, x_addr);
	}
	fake_table_new(FADT, "FACP", f + 36, len - 36);
}

static void test_fadt_pm_timer_24_and_32_bits(void **state)
{
	/* QEMU's q35: ACPI 1.0-sized FADT, 24-bit timer at 0x608. */
	make_fadt(116, 0x608, 0, 0, 0);
	boot_with((const u64[]){ FADT }, 1);
	assert_int_equal(acpi_info.pm_tmr_port, 0x608);
	assert_false(acpi_info.pm_tmr_32bit);

	fake_acpi_reset();
	make_fadt(116, 0x1808, 1u << 8, 0, 0);		/* TMR_VAL_EXT */
	boot_with((const u64[]){ FADT }, 1);
	assert_int_equal(acpi_info.pm_tmr_port, 0x1808);
	assert_true(acpi_info.pm_tmr_32bit);
}

static void test_fadt_x_pm_timer_block(void **state)
{
	/* X_PM_TMR_BLK in I/O space wins over the 32-bit field. */
	make_fadt(276, 0x408, 0, 1, 0x1808);
	boot_with((const u64[]){ FADT }, 1);
	assert_int_equal(acpi_info.pm_tmr_port, 0x1808);

	/* In memory space we cannot use it, but the port is still there. */
	fake_acpi_reset();
	make_fadt(276, 0x408, 0, 0, 0xfe000008);
	boot_with((const u64[]){ FADT }, 1);
	assert_int_equal(acpi_info.pm_tmr_port, 0x408);

	/* Hardware-reduced ACPI: no PM timer at all. */
	fake_acpi_reset();
	make_fadt(276, 0, 1u << 20, 0, 0);
	boot_with((const u64[]){ FADT }, 1);
	assert_int_equal(acpi_info.pm_tmr_port, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_hpet_table_gives_the_register_block, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_hpet_tables_are_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_first_good_hpet_wins, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fadt_pm_timer_24_and_32_bits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fadt_x_pm_timer_block, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
