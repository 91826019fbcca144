/*
 * lib/timer driven the way the kernel drives it: each tick is a hard IRQ
 * (irq_enter, timer_tick, irq_exit), and expired timers run from the
 * TIMER_SOFTIRQ that irq_exit() runs.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <lib/timer.h>
#include <lib/softirq.h>
#include "panic_fake.h"
#include "lib_test_hooks.h"

struct probe {
	struct timer_list timer;
	char name;
	int fired;
	u64 fired_at;
	u64 period;			/* re-arm this far ahead, if non-zero */
	struct timer_list *victim;	/* delete this one when firing */
	struct timer_list *arm;		/* arm this one for "now" when firing */
};

static char order[64];
static int norder;

static void probe_fn(struct timer_list *t)
{
	struct probe *p = from_timer(p, t, timer);

	assert_true(in_serving_softirq());
	assert_false(in_irq());
	p->fired++;
	p->fired_at = jiffies;
	order[norder++] = p->name;
	if (p->period)
		assert_int_equal(mod_timer(t, t->expires + p->period), 0);
	if (p->victim)
		del_timer(p->victim);
	if (p->arm)
		mod_timer(p->arm, jiffies);
}

static void probe_init(struct probe *p, char name)
{
	memset(p, 0, sizeof(*p));
	p->name = name;
	timer_setup(&p->timer, probe_fn, 0);
}

static void tick(int n)
{
	while (n--) {
		irq_enter();
		timer_tick();
		irq_exit();
	}
}

static int setup(void **state)
{
	softirq_reset_for_test();
	timer_reset_for_test();
	timers_init();
	memset(order, 0, sizeof(order));
	norder = 0;
	fake_irqs_off = false;
	return 0;
}

static void test_expiry_order(void **state)
{
	struct probe a, b, c, d;

	probe_init(&a, 'a');
	probe_init(&b, 'b');
	probe_init(&c, 'c');
	probe_init(&d, 'd');
	assert_false(timer_pending(&a.timer));
	mod_timer(&d.timer, 10);
	mod_timer(&a.timer, 5);
	mod_timer(&b.timer, 3);
	mod_timer(&c.timer, 3);		/* same expiry as b: runs after it */
	assert_true(timer_pending(&a.timer));
	tick(2);
	assert_int_equal(norder, 0);
	assert_false(softirq_pending());
	tick(1);
	assert_string_equal(order, "bc");
	assert_int_equal(b.fired_at, 3);
	assert_false(timer_pending(&b.timer));
	tick(7);
	assert_string_equal(order, "bcad");
	assert_int_equal(a.fired_at, 5);
	assert_int_equal(d.fired_at, 10);
	assert_int_equal(softirq_stat.count[TIMER_SOFTIRQ], 3);	/* raised only when due */
}

static void test_late_run_keeps_order(void **state)
{
	struct probe a, b, c;

	probe_init(&a, 'a');
	probe_init(&b, 'b');
	probe_init(&c, 'c');
	mod_timer(&c.timer, 4);
	mod_timer(&a.timer, 2);
	mod_timer(&b.timer, 3);
	/* Softirqs held off (a long bh section): all three are due by the time they run. */
	local_bh_disable();
	tick(6);
	assert_int_equal(norder, 0);
	local_bh_enable();
	assert_string_equal(order, "abc");
}

static void test_rearm_from_callback(void **state)
{
	struct probe p;

	probe_init(&p, 'p');
	p.period = 2;
	mod_timer(&p.timer, 2);
	tick(10);
	assert_int_equal(p.fired, 5);
	assert_int_equal(p.fired_at, 10);
	assert_true(timer_pending(&p.timer));
	assert_int_equal(del_timer(&p.timer), 1);
	tick(10);
	assert_int_equal(p.fired, 5);
}

/* A timer re-armed for the current jiffy runs once per tick, never in a loop. */
static void test_rearm_for_now_waits_a_tick(void **state)
{
	struct probe p;

	probe_init(&p, 'p');
	p.arm = &p.timer;
	mod_timer(&p.timer, 1);
	tick(1);
	assert_int_equal(p.fired, 1);
	tick(3);
	assert_int_equal(p.fired, 4);
	del_timer(&p.timer);
}

static void test_delete(void **state)
{
	struct probe a, b, killer;

	probe_init(&a, 'a');
	probe_init(&b, 'b');
	probe_init(&killer, 'k');
	mod_timer(&a.timer, 5);
	assert_int_equal(del_timer(&a.timer), 1);
	assert_int_equal(del_timer(&a.timer), 0);
	assert_false(timer_pending(&a.timer));
	/* A callback deleting a timer of its own batch stops it from running. */
	killer.victim = &b.timer;
	mod_timer(&killer.timer, 3);
	mod_timer(&b.timer, 3);
	tick(10);
	assert_string_equal(order, "k");
	assert_int_equal(a.fired + b.fired, 0);
}

static void test_callback_arms_other(void **state)
{
	struct probe a, b;

	probe_init(&a, 'a');
	probe_init(&b, 'b');
	a.arm = &b.timer;
	mod_timer(&a.timer, 2);
	tick(2);
	assert_string_equal(order, "a");
	assert_true(timer_pending(&b.timer));
	tick(1);
	assert_string_equal(order, "ab");
}

static void test_mod_pending_timer(void **state)
{
	struct probe a, b;

	probe_init(&a, 'a');
	probe_init(&b, 'b');
	assert_int_equal(mod_timer(&a.timer, 3), 0);
	mod_timer(&b.timer, 5);
	assert_int_equal(mod_timer(&a.timer, 8), 1);	/* pushed later, past b */
	tick(5);
	assert_string_equal(order, "b");
	tick(2);
	assert_string_equal(order, "b");
	tick(1);
	assert_string_equal(order, "ba");
	assert_int_equal(a.fired, 1);
	assert_int_equal(a.fired_at, 8);
	/* Pulled earlier. */
	mod_timer(&b.timer, 20);
	assert_int_equal(mod_timer(&b.timer, 10), 1);
	tick(2);
	assert_string_equal(order, "bab");
}

static void test_wrap_safe(void **state)
{
	struct probe a, b, c;

	assert_true(time_after(1ULL, UINT64_MAX));
	assert_true(time_before(UINT64_MAX - 1, 2ULL));
	assert_true(time_after_eq(5ULL, 5ULL));
	assert_false(time_after(UINT64_MAX, 3ULL));

	probe_init(&a, 'a');
	probe_init(&b, 'b');
	probe_init(&c, 'c');
	jiffies = UINT64_MAX - 2;
	mod_timer(&b.timer, jiffies + 4);	/* wraps to 1 */
	mod_timer(&a.timer, jiffies + 1);
	mod_timer(&c.timer, jiffies + 6);	/* wraps to 3 */
	tick(1);
	assert_string_equal(order, "a");
	tick(2);				/* jiffies is now 0 */
	assert_int_equal(jiffies, 0);
	assert_string_equal(order, "a");
	tick(1);
	assert_string_equal(order, "ab");
	tick(2);
	assert_string_equal(order, "abc");
}

static void test_unset_timer_refused(void **state)
{
	struct timer_list t;
	unsigned long warns = warn_count_for_test();

	memset(&t, 0, sizeof(t));
	assert_int_equal(mod_timer(&t, 5), 0);
	assert_false(timer_pending(&t));
	assert_int_equal(warn_count_for_test(), warns + 1);
	assert_int_equal(msecs_to_jiffies(1), 1);
	assert_int_equal(jiffies_to_msecs(HZ), 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_expiry_order, setup),
		cmocka_unit_test_setup(test_late_run_keeps_order, setup),
		cmocka_unit_test_setup(test_rearm_from_callback, setup),
		cmocka_unit_test_setup(test_rearm_for_now_waits_a_tick, setup),
		cmocka_unit_test_setup(test_delete, setup),
		cmocka_unit_test_setup(test_callback_arms_other, setup),
		cmocka_unit_test_setup(test_mod_pending_timer, setup),
		cmocka_unit_test_setup(test_wrap_safe, setup),
		cmocka_unit_test_setup(test_unset_timer_refused, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
