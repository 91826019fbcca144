/* arch/x86_64/msi.c: the MSI address/data layout of Intel SDM vol. 3, 11.11. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <lib/errno.h>
#include <arch/x86_64/apic.h>
#include <arch/x86_64/irq.h>
#include <arch/x86_64/msi.h>

/* The two things arch_compose_msi_msg() asks the platform. */
static int vector_of_irq = -EINVAL;
static u8 this_lapic;

int irq_to_vector(unsigned int irq) { return vector_of_irq; }
u8 lapic_id(void) { return this_lapic; }

static void test_compose_layout(void **state)
{
	struct msi_msg m = { 1, 1, 1 };

	msi_compose_msg(0x41, 0, &m);
	assert_int_equal(m.address_lo, 0xfee00000);
	assert_int_equal(m.address_hi, 0);
	/* Fixed delivery (10:8 = 0), edge (bit 15 = 0): just the vector. */
	assert_int_equal(m.data, 0x41);

	msi_compose_msg(0xef, 0xff, &m);
	assert_int_equal(m.address_lo, 0xfeeff000);	/* destination in 19:12 */
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
		cmocka_unit_test(test_compose_layout),
		cmocka_unit_test(test_arch_compose_uses_irq_vector_and_lapic),
		cmocka_unit_test(test_arch_compose_rejects_unset_irq),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
