/*
 * lib/softirq: when actions run (and when they must not), the restart and
 * time limits, and the bookkeeping of irq_enter/irq_exit and bh sections.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "test_filter.h"
#include <lib/softirq.h>
#include <lib/shell.h>
#include <arch/x86_64/irqflags.h>
#include "panic_fake.h"
#include "lib_test_hooks.h"

extern u64 fake_now_ns;

static int runs[NR_SOFTIRQS];
static int reraise_left;		/* how many more times an action raises itself */
static u64 advance_ns;			/* fake time each action takes */
static bool seen_irqs_off, seen_serving, seen_in_irq;

static void record(unsigned int nr)
{
	runs[nr]++;
	seen_irqs_off |= irqs_disabled();
	seen_serving = in_serving_softirq() && in_softirq() && in_interrupt();
	seen_in_irq |= in_irq();
	fake_now_ns += advance_ns;
}

static void hi_action(void)
{
	record(HI_SOFTIRQ);
	if (reraise_left) {
		reraise_left--;
		raise_softirq(HI_SOFTIRQ);
	}
}

/* Raises a lower-numbered one while running: it must still run in this call. */
static void net_rx_action(void)
{
	record(NET_RX_SOFTIRQ);
	if (runs[NET_RX_SOFTIRQ] == 1)
		raise_softirq(TIMER_SOFTIRQ);
}

static void timer_action(void) { record(TIMER_SOFTIRQ); }

static int setup(void **state)
{
	softirq_reset_for_test();
	memset(runs, 0, sizeof(runs));
	reraise_left = 0;
	advance_ns = 0;
	seen_irqs_off = seen_serving = seen_in_irq = false;
	fake_irqs_off = false;
	open_softirq(HI_SOFTIRQ, hi_action);
	open_softirq(TIMER_SOFTIRQ, timer_action);
	open_softirq(NET_RX_SOFTIRQ, net_rx_action);
	return 0;
}

static void test_runs_pending_with_irqs_on(void **state)
{
	assert_false(softirq_pending());
	raise_softirq(NET_RX_SOFTIRQ);
	assert_true(softirq_pending());
	assert_int_equal(runs[NET_RX_SOFTIRQ], 0);	/* raising only marks it */
	do_softirq();
	assert_int_equal(runs[NET_RX_SOFTIRQ], 1);
	assert_int_equal(runs[TIMER_SOFTIRQ], 1);	/* raised meanwhile: rerun */
	assert_false(softirq_pending());
	assert_false(seen_irqs_off);
	assert_true(seen_serving);
	assert_false(seen_in_irq);
	assert_false(in_interrupt());
	assert_int_equal(softirq_stat.count[NET_RX_SOFTIRQ], 1);
	assert_int_equal(softirq_stat.count[TIMER_SOFTIRQ], 1);
	assert_int_equal(softirq_stat.deferred, 0);
}

static void test_irqs_off_restored(void **state)
{
	/* Called with IRQs off (as from the IRQ exit path): on inside, off after. */
	local_irq_disable();
	raise_softirq_irqoff(HI_SOFTIRQ);
	do_softirq();
	assert_int_equal(runs[HI_SOFTIRQ], 1);
	assert_false(seen_irqs_off);
	assert_true(irqs_disabled());
	local_irq_enable();
}

static void test_reraise_within_limit(void **state)
{
	reraise_left = MAX_SOFTIRQ_RESTART - 1;
	raise_softirq(HI_SOFTIRQ);
	do_softirq();
	assert_int_equal(runs[HI_SOFTIRQ], MAX_SOFTIRQ_RESTART);
	assert_false(softirq_pending());
	assert_int_equal(softirq_stat.deferred, 0);
}

static void test_restart_limit_defers(void **state)
{
	reraise_left = 1000;
	raise_softirq(HI_SOFTIRQ);
	do_softirq();
	assert_int_equal(runs[HI_SOFTIRQ], MAX_SOFTIRQ_RESTART);
	assert_true(softirq_pending());
	assert_int_equal(softirq_stat.deferred, 1);
	/* The idle loop picks up the rest, under the same limits. */
	run_deferred_softirqs();
	assert_int_equal(runs[HI_SOFTIRQ], 2 * MAX_SOFTIRQ_RESTART);
	assert_int_equal(softirq_stat.deferred, 2);
	reraise_left = 0;
	run_deferred_softirqs();
	assert_false(softirq_pending());
	assert_int_equal(softirq_stat.deferred, 2);
	assert_int_equal(softirq_stat.count[HI_SOFTIRQ], 2 * MAX_SOFTIRQ_RESTART + 1);
}

static void test_time_limit_defers(void **state)
{
	reraise_left = 1000;
	advance_ns = MAX_SOFTIRQ_TIME_NS / 2 + 1;	/* two passes exceed the limit */
	raise_softirq(HI_SOFTIRQ);
	do_softirq();
	assert_int_equal(runs[HI_SOFTIRQ], 2);
	assert_true(softirq_pending());
	assert_int_equal(softirq_stat.deferred, 1);
}

static void test_nothing_runs_in_irq(void **state)
{
	irq_enter();
	assert_true(in_irq());
	assert_true(in_interrupt());
	raise_softirq(HI_SOFTIRQ);
	do_softirq();
	run_deferred_softirqs();
	assert_int_equal(runs[HI_SOFTIRQ], 0);
	irq_exit();
	assert_int_equal(runs[HI_SOFTIRQ], 1);
	assert_false(seen_in_irq);
	assert_false(in_interrupt());
}

static void test_irq_exit_nesting(void **state)
{
	irq_enter();
	irq_enter();		/* an IRQ interrupting an IRQ handler */
	raise_softirq(HI_SOFTIRQ);
	irq_exit();
	assert_int_equal(runs[HI_SOFTIRQ], 0);	/* still inside the outer one */
	assert_true(in_irq());
	irq_exit();
	assert_int_equal(runs[HI_SOFTIRQ], 1);
	/* irq_exit with nothing pending runs nothing. */
	irq_enter();
	irq_exit();
	assert_int_equal(runs[HI_SOFTIRQ], 1);
}

static void test_bh_disabled_section(void **state)
{
	local_bh_disable();
	assert_true(in_softirq());
	assert_false(in_serving_softirq());
	local_bh_disable();
	raise_softirq(HI_SOFTIRQ);
	do_softirq();
	irq_enter();		/* an IRQ arrives in the section... */
	raise_softirq_irqoff(TIMER_SOFTIRQ);
	irq_exit();		/* ...and may not run softirqs on exit */
	assert_int_equal(runs[HI_SOFTIRQ] + runs[TIMER_SOFTIRQ], 0);
	local_bh_enable();	/* not the outermost: still nothing */
	assert_int_equal(runs[HI_SOFTIRQ] + runs[TIMER_SOFTIRQ], 0);
	local_bh_enable();
	assert_int_equal(runs[HI_SOFTIRQ], 1);
	assert_int_equal(runs[TIMER_SOFTIRQ], 1);
	assert_false(in_softirq());
}

static void test_bh_enable_in_irq_does_not_run(void **state)
{
	irq_enter();
	local_bh_disable();
	raise_softirq(HI_SOFTIRQ);
	local_bh_enable();
	assert_int_equal(runs[HI_SOFTIRQ], 0);
	irq_exit();
	assert_int_equal(runs[HI_SOFTIRQ], 1);
}

static void test_unbalanced_calls_warn(void **state)
{
	unsigned long warns = warn_count_for_test();

	local_bh_enable();
	irq_exit();
	raise_softirq(NR_SOFTIRQS);
	assert_int_equal(warn_count_for_test(), warns + 3);
	assert_false(in_interrupt());
	assert_false(softirq_pending());
}

extern const struct shell_command __start_shell_cmds[], __stop_shell_cmds[];

static void test_softirqs_command(void **state)
{
	const struct shell_command *cmd = NULL;
	char *argv[] = { "softirqs", NULL };

	for (const struct shell_command *c = __start_shell_cmds; c < __stop_shell_cmds; c++)
		if (!strcmp(c->name, "softirqs"))
			cmd = c;
	assert_non_null(cmd);
	reraise_left = 1000;
	raise_softirq(HI_SOFTIRQ);
	do_softirq();
	raise_softirq(NET_RX_SOFTIRQ);
	fake_console_reset();
	assert_int_equal(cmd->fn(1, argv), 0);
	assert_true(fake_console_has("HI"));
	assert_true(fake_console_has("10\n"));
	assert_true(fake_console_has("NET_RX"));
	assert_true(fake_console_has("pending: yes"));
	assert_true(fake_console_has("deferred to the idle loop: 1\n"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_runs_pending_with_irqs_on, setup),
		cmocka_unit_test_setup(test_irqs_off_restored, setup),
		cmocka_unit_test_setup(test_reraise_within_limit, setup),
		cmocka_unit_test_setup(test_restart_limit_defers, setup),
		cmocka_unit_test_setup(test_time_limit_defers, setup),
		cmocka_unit_test_setup(test_nothing_runs_in_irq, setup),
		cmocka_unit_test_setup(test_irq_exit_nesting, setup),
		cmocka_unit_test_setup(test_bh_disabled_section, setup),
		cmocka_unit_test_setup(test_bh_enable_in_irq_does_not_run, setup),
		cmocka_unit_test_setup(test_unbalanced_calls_warn, setup),
		cmocka_unit_test_setup(test_softirqs_command, setup),
	};

	test_filter_from_env();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
