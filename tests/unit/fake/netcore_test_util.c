/* Helpers shared by the net core tests. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <lib/softirq.h>
#include <lib/timer.h>
#include <net/core/netdevice.h>
#include <net/core/skb_pool.h>
#include "lib_test_hooks.h"
#include "panic_fake.h"
#include "netcore_fake.h"

void netcore_test_reset(unsigned int pool_size)
{
	softirq_reset_for_test();
	timer_reset_for_test();
	panic_reset_for_test();
	timers_init();
	fake_irqs_off = false;
	fake_now_ns = 0;
	netcore_kmalloc_fail = 0;
	netdev_budget = 300;
	netdev_budget_usecs = 2000;
	netdev_max_backlog = 1000;
	skb_free_stats.dropped = skb_free_stats.consumed = 0;
	fake_console_reset();
	assert_int_equal(skb_pool_init(pool_size), 0);
	softnet_init();
}

void netcore_run_softirqs(void)
{
	irq_enter();
	irq_exit();
}

void netcore_ticks(unsigned int n)
{
	while (n--) {
		irq_enter();
		timer_tick();
		irq_exit();
	}
}

void netcore_assert_pool_idle(void)
{
	struct skb_pool_stats st;

	skb_pool_get_stats(&st);
	assert_int_equal(st.in_use, 0);
	assert_int_equal(st.free, st.size);
	assert_int_equal(st.bad_frees, 0);
}
