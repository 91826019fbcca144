/* arch/x86_64/msi.c: the MSI address/data layout of Intel SDM vol. 3, 11.11. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <lib/errno.h>
#include <lib/printk.h>
#include <arch/x86_64/apic.h>
#include <arch/x86_64/irq.h>
#include <arch/x86_64/msi.h>
#include "fake/capture_console.h"

/* The two things arch_compose_msi_msg() asks the platform. */
static int vector_of_irq = -EINVAL;
static u32 this_lapic;

int irq_to_vector(unsigned int irq) { return vector_of_irq; }
u32 lapic_id(void) { return this_lapic; }

static int setup(void **state)
{
	register_console(&capture_console);
	capture_clear();
	return 0;
}

static int teardown(void **state)
{
	unregister_console(&capture_console);
	return 0;
}

static void test_compose_layout(void **state)
{
	struct msi_msg m = { 1, 1, 1 };

	assert_int_equal(msi_compose_msg(0x41, 0, &m), 0);
	assert_int_equal(m.address_lo, 0xfee00000);
	assert_int_equal(m.address_hi, 0);
	/* Fixed delivery (10:8 = 0), edge (bit 15 = 0): just the vector. */
	assert_int_equal(m.data, 0x41);

	assert_int_equal(msi_compose_msg(0xef, 0xfe, &m), 0);
	assert_int_equal(m.address_lo, 0xfeefe000);	/* destination in 19:12 */
	assert_int_equal(m.data, 0xef);
	/* Physical destination mode, no redirection hint: bits 3:2 clear. */
	assert_int_equal(m.address_lo & 0xc, 0);
}

static void test_arch_compose_uses_irq_vector_and_lapic(void **state)
{
	struct msi_msg m;

	vector_of_irq = 0x35;
	this_lapic = 3;
	assert_int_equal(arch_compose_msi_msg(30, &m), 0);
	assert_int_equal(m.address_lo, 0xfee03000);
	assert_int_equal(m.address_hi, 0);
	assert_int_equal(m.data, 0x35);
}

/*
 * x2APIC IDs are 32 bits; the MSI address has 8 (11.11.1) and 0xFF in them
 * broadcasts, so 0xFF and everything above cannot be named without
 * interrupt remapping.
 */
static void test_compose_refuses_wide_ids(void **state)
{
	static const u32 bad[] = { 0xff, 0x100, 0x1fe, 0x10000, 0xffffffff };
	struct msi_msg m = { 7, 7, 7 };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(msi_compose_msg(0x41, bad[i], &m), -ERANGE);
		assert_int_equal(m.address_lo, 7);	/* untouched */
		assert_int_equal(m.address_hi, 7);
		assert_int_equal(m.data, 7);
	}
}

static void test_arch_compose_x2apic_ids(void **state)
{
	struct msi_msg m = { 7, 7, 7 };

	/* An x2APIC CPU with a small ID: the same message as in xAPIC mode. */
	vector_of_irq = 0x36;
	this_lapic = 200;
	assert_int_equal(arch_compose_msi_msg(31, &m), 0);
	assert_int_equal(m.address_lo, 0xfeec8000);
	assert_int_equal(m.data, 0x36);
	assert_int_equal(capture_len, 0);

	m = (struct msi_msg){ 7, 7, 7 };
	this_lapic = 300;
	assert_int_equal(arch_compose_msi_msg(31, &m), -ERANGE);
	assert_int_equal(m.address_lo, 7);
	assert_int_equal(m.data, 7);
	assert_non_null(strstr(capture_buf, "msi: IRQ 31 not set up: APIC id 300 does not fit"));
	assert_non_null(strstr(capture_buf, "interrupt remapping"));
}

static void test_arch_compose_rejects_unset_irq(void **state)
{
	struct msi_msg m = { 7, 7, 7 };

	vector_of_irq = -EINVAL;
	assert_int_equal(arch_compose_msi_msg(99, &m), -EINVAL);
	assert_int_equal(m.data, 7);	/* untouched */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_compose_layout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_compose_refuses_wide_ids, setup, teardown),
		cmocka_unit_test_setup_teardown(test_arch_compose_uses_irq_vector_and_lapic,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_arch_compose_x2apic_ids, setup, teardown),
		cmocka_unit_test_setup_teardown(test_arch_compose_rejects_unset_irq, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
