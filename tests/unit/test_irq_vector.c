/*
 * arch/x86_64/irq.c's half of an interrupt: irq_alloc() finds an IRQ number
 * whose descriptor is free and a free device vector, and binds the two, so
 * an MSI or MSI-X message carrying that vector reaches the IRQ's handlers.
 * The IRQ core underneath is the real lib/irq.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "test_filter.h"
#include <lib/errno.h>
#include <lib/irqdesc.h>
#include <lib/kmalloc.h>
#include <arch/x86_64/apic.h>
#include <arch/x86_64/irq.h>

/* What irq.c's entry path needs and these tests never run. */
void *kzalloc(size_t size, gfp_t gfp) { return calloc(1, size); }
void kfree(const void *p) { free((void *)p); }
void irq_enter(void) { }
void irq_exit(void) { }
void lapic_eoi(void) { }

static int got[NR_IRQS];
static int nr_got;

static int take(void)
{
	int irq = irq_alloc();

	if (irq >= 0)
		got[nr_got++] = irq;
	return irq;
}

static int setup(void **state)
{
	init_IRQ();
	nr_got = 0;
	return 0;
}

static int teardown(void **state)
{
	while (nr_got)
		irq_free((unsigned int)got[--nr_got]);
	return 0;
}

static void test_irq_alloc_binds_a_free_vector(void **state)
{
	int a = take(), b = take(), va, vb;

	assert_true(a >= NR_IRQS_LEGACY && a < NR_IRQS);	/* 0..23 are the IOAPIC's */
	assert_true(b >= NR_IRQS_LEGACY && b < NR_IRQS);
	assert_int_not_equal(a, b);
	va = irq_to_vector((unsigned int)a);
	vb = irq_to_vector((unsigned int)b);
	assert_true(va >= FIRST_DEVICE_VECTOR && va <= LAST_DEVICE_VECTOR);
	assert_true(vb >= FIRST_DEVICE_VECTOR && vb <= LAST_DEVICE_VECTOR);
	assert_int_not_equal(va, vb);
	assert_true(irq_to_desc((unsigned int)a)->allocated);
}

static void test_irq_alloc_skips_taken_vectors_and_runs_out(void **state)
{
	int n = 0, irq;

	/* The IOAPIC's lines hold fixed vectors; irq_alloc() must not reuse one. */
	assert_int_equal(irq_alloc_fixed_vector(3, FIRST_DEVICE_VECTOR), 0);
	while ((irq = take()) >= 0) {
		assert_int_not_equal(irq_to_vector((unsigned int)irq), FIRST_DEVICE_VECTOR);
		n++;
	}
	assert_int_equal(irq, -ENOSPC);
	assert_int_equal(n, NR_IRQS - NR_IRQS_LEGACY);	/* IRQ numbers run out first */
	/* One given back is there to take again, with a vector. */
	irq = got[--nr_got];
	irq_free((unsigned int)irq);
	assert_int_equal(irq_to_vector((unsigned int)irq), -EINVAL);
	assert_int_equal(take(), irq);
	assert_true(irq_to_vector((unsigned int)irq) >= FIRST_DEVICE_VECTOR);
	irq_free(3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_irq_alloc_binds_a_free_vector, setup, teardown),
		cmocka_unit_test_setup_teardown(test_irq_alloc_skips_taken_vectors_and_runs_out,
						setup, teardown),
	};

	test_filter_from_env();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
