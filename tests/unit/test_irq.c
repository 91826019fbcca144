/*
 * lib/irq.c, the IRQ core, on the host: handlers chained on an IRQ the
 * platform set up, sharing rules, masking through the chip (request, free,
 * disable_irq/enable_irq), the "nobody cared" limit and the listing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <lib/errno.h>
#include <lib/irqdesc.h>
#include <lib/kmalloc.h>

void *kzalloc(size_t size, gfp_t gfp) { return calloc(1, size); }
void kfree(const void *p) { free((void *)p); }

/* A chip that records the last mask state it was given. */
static int masked = -1, mask_calls;
static void chip_mask(unsigned int irq, void *data) { masked = 1; mask_calls++; }
static void chip_unmask(unsigned int irq, void *data) { masked = 0; mask_calls++; }
static const struct irq_chip chip = { "test", chip_mask, chip_unmask };

static int calls[2];
static irqreturn_t ours(int irq, void *dev_id)
{
	calls[*(int *)dev_id]++;
	return *(int *)dev_id == 0 ? IRQ_HANDLED : IRQ_NONE;
}
static irqreturn_t never_ours(int irq, void *dev_id) { return IRQ_NONE; }

static int dev0 = 0, dev1 = 1;
#define IRQ 40

static int setup(void **state)
{
	masked = -1;
	mask_calls = calls[0] = calls[1] = 0;
	assert_int_equal(irq_desc_alloc(IRQ), 0);
	irq_set_chip(IRQ, &chip, NULL);
	return 0;
}

static int teardown(void **state)
{
	struct irq_desc *d = irq_to_desc(IRQ);

	while (d->action)
		free_irq(IRQ, d->action->dev_id);
	irq_desc_free(IRQ);
	return 0;
}

static void test_request_needs_a_set_up_irq(void **state)
{
	assert_int_equal(request_irq(IRQ + 1, ours, 0, "x", &dev0), -EINVAL);
	assert_int_equal(request_irq(NR_IRQS, ours, 0, "x", &dev0), -EINVAL);
	assert_int_equal(irq_desc_alloc(IRQ), -EBUSY);	/* set up once only */
	assert_int_equal(request_irq(IRQ, ours, 0, "x", &dev0), 0);
	assert_int_equal(masked, 0);		/* the first handler unmasks */
	assert_int_equal(generic_handle_irq(IRQ), IRQ_HANDLED);
	assert_int_equal(calls[0], 1);
	assert_int_equal(irq_to_desc(IRQ)->count, 1);
	/* Not freed while a handler is on it; free_irq masks. */
	assert_int_equal(irq_desc_free(IRQ), -EBUSY);
	assert_true(irq_to_desc(IRQ)->allocated);
	free_irq(IRQ, &dev0);
	assert_int_equal(masked, 1);
	assert_int_equal(generic_handle_irq(IRQ), IRQ_NONE);
	assert_int_equal(calls[0], 1);
}

static void test_sharing_needs_both_to_agree(void **state)
{
	assert_int_equal(request_irq(IRQ, ours, IRQF_SHARED, "a", NULL), -EINVAL);
	assert_int_equal(request_irq(IRQ, ours, IRQF_SHARED, "a", &dev0), 0);
	assert_int_equal(request_irq(IRQ, ours, 0, "b", &dev1), -EBUSY);
	assert_int_equal(request_irq(IRQ, ours, IRQF_SHARED, "b", &dev1), 0);
	/* One device claims it: handled, both asked. */
	assert_int_equal(generic_handle_irq(IRQ), IRQ_HANDLED);
	assert_int_equal(calls[0], 1);
	assert_int_equal(calls[1], 1);
	free_irq(IRQ, &dev0);
	assert_int_not_equal(masked, 1);	/* the other still listens */
	assert_int_equal(generic_handle_irq(IRQ), IRQ_NONE);
	assert_int_equal(calls[0], 1);
	assert_int_equal(calls[1], 2);
}

/* What a driver does around a reset: the line masked, its handler kept. */
static void test_disable_and_enable_mask_at_the_source(void **state)
{
	assert_int_equal(request_irq(IRQ, ours, 0, "a", &dev0), 0);
	disable_irq(IRQ);
	assert_int_equal(masked, 1);
	assert_true(irq_to_desc(IRQ)->disabled);
	enable_irq(IRQ);
	assert_int_equal(masked, 0);
	assert_false(irq_to_desc(IRQ)->disabled);
	assert_int_equal(generic_handle_irq(IRQ), IRQ_HANDLED);
}

static void test_nobody_cared_disables_the_line(void **state)
{
	assert_int_equal(request_irq(IRQ, never_ours, 0, "a", &dev0), 0);
	for (int i = 0; i < IRQ_UNHANDLED_LIMIT - 1; i++)
		generic_handle_irq(IRQ);
	assert_int_equal(masked, 0);
	generic_handle_irq(IRQ);
	assert_int_equal(masked, 1);
	assert_true(irq_to_desc(IRQ)->disabled);
}

struct seen { unsigned int irq[4]; const char *name[4]; u64 count[4]; int n; };

static void record(unsigned int irq, const char *name, u64 count, void *ctx)
{
	struct seen *s = ctx;

	assert_true(s->n < 4);
	s->irq[s->n] = irq;
	s->name[s->n] = name;
	s->count[s->n++] = count;
}

static void test_irq_for_each_lists_irqs_in_use(void **state)
{
	struct seen s = { .n = 0 };

	irq_for_each(record, &s);
	assert_int_equal(s.n, 0);		/* set up, no handler, never fired */
	assert_int_equal(request_irq(IRQ, ours, 0, "eth0", &dev0), 0);
	generic_handle_irq(IRQ);
	generic_handle_irq(IRQ + 2);		/* not set up: nothing to list */
	irq_for_each(record, &s);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.irq[0], IRQ);
	assert_string_equal(s.name[0], "eth0");
	assert_int_equal(s.count[0], 1);
	/* Its handler gone, it fired: listed with no name. */
	free_irq(IRQ, &dev0);
	s.n = 0;
	irq_for_each(record, &s);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.name[0], "-");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_request_needs_a_set_up_irq, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sharing_needs_both_to_agree, setup, teardown),
		cmocka_unit_test_setup_teardown(test_disable_and_enable_mask_at_the_source, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_nobody_cared_disables_the_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_irq_for_each_lists_irqs_in_use, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
