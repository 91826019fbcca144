/*
 * drivers/net/e1000e/stats.c: statistics registers that clear on read,
 * accumulated across reads, and their folding into net_device_stats.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <net/core/netdevice.h>
#include "netcore_fake.h"
#include "e1000e_test_util.h"

/* ---- statistics ---- */

static void test_stats_accumulate_across_clear_on_read(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(256);
	const struct e1000_hw_stats *s = &a->hw_stats;
	struct net_device_stats *st;

	fake_reg_set(E1000_GPRC, 3);
	fake_reg_set(E1000_TPR, 4);
	fake_reg_set(E1000_GORCL, 0xFFFFFFF0u);
	fake_reg_set(E1000_GORCH, 1);
	fake_reg_set(E1000_TOTL, 0x100);
	fake_reg_set(E1000_CRCERRS, 2);
	fake_reg_set(E1000_MPC, 1);
	fake_reg_set(E1000_COLC, 5);
	e1000_update_stats(&a->x);
	assert_int_equal(s->gprc, 3);
	assert_int_equal(s->tpr, 4);
	assert_true(s->gorc == 0x1FFFFFFF0ull);
	assert_int_equal(s->tot, 0x100);
	/* Everything read was cleared by the read. */
	assert_int_equal(fake_reg(E1000_GPRC), 0);
	assert_int_equal(fake_reg(E1000_GORCL), 0);
	assert_int_equal(fake_reg(E1000_GORCH), 0);

	/* Nothing new: totals unchanged. */
	e1000_update_stats(&a->x);
	assert_int_equal(s->gprc, 3);
	assert_true(s->gorc == 0x1FFFFFFF0ull);

	fake_reg_set(E1000_GPRC, 7);
	fake_reg_set(E1000_GORCL, 0x20);
	fake_reg_set(E1000_GORCH, 0);
	fake_reg_set(E1000_GOTCL, 0x40);
	fake_reg_set(E1000_GOTCH, 2);
	fake_reg_set(E1000_ROC, 1);
	fake_reg_set(E1000_RLEC, 2);
	fake_reg_set(E1000_CRCERRS, 1);
	e1000_update_stats(&a->x);
	assert_int_equal(s->gprc, 10);
	assert_true(s->gorc == 0x200000010ull);
	assert_true(s->gotc == 0x200000040ull);
	assert_int_equal(fake_e1000e_ro_writes, 0);

	/* Folding: the device is down, so this reads nothing new. */
	a->sw_stats.rx_length_errors = 4;
	a->sw_stats.rx_frame_errors = 6;
	a->sw_stats.rx_overruns = 9;
	st = e1000_get_stats(a->netdev);
	assert_int_equal(st->rx_crc_errors, 3);
	assert_int_equal(st->rx_missed_errors, 1);
	assert_int_equal(st->collisions, 5);
	assert_int_equal(st->rx_length_errors, 1 + 2 + 4);
	assert_int_equal(st->rx_errors, 3 + 7 + 6);
	assert_int_equal(st->rx_fifo_errors, 9);

	/* Up, get_stats reads the registers itself. */
	e1000e_test_open(a, 64, 64);
	fake_reg_set(E1000_MPC, 10);
	st = e1000_get_stats(a->netdev);
	assert_int_equal(st->rx_missed_errors, 11);
	assert_int_equal(fake_reg(E1000_MPC), 0);
	e1000e_test_remove(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		e1000e_unit_test(test_stats_accumulate_across_clear_on_read),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
