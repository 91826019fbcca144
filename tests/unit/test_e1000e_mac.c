/*
 * drivers/net/e1000e/mac.c: the receive filters (multicast table,
 * all-multicast and promiscuous modes).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <net/core/netdevice.h>
#include "netcore_fake.h"
#include "e1000e_test_util.h"

/* ---- filters ---- */

static void test_set_rx_mode_mta_and_promisc(void **state)
{
	struct e1000_adapter *a = e1000e_test_probe(256);
	static const u8 mdns[6] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb };
	static const u8 sol[6] = { 0x33, 0x33, 0xff, 0x12, 0x34, 0x56 };
	u32 base;

	e1000e_test_open(a, 64, 64);
	base = fake_reg(E1000_RCTL);
	assert_int_equal(dev_mc_add(a->netdev, mdns), 0);
	assert_int_equal(dev_mc_add(a->netdev, sol), 0);
	for (int i = 0; i < E1000_MTA_ENTRIES; i++) {
		u32 want = i == 125 ? BIT(16) : i == 43 ? BIT(3) : 0;

		assert_int_equal(fake_reg(E1000_MTA + 4 * i), want);
	}
	assert_int_equal(fake_reg(E1000_RCTL), base);

	assert_int_equal(dev_set_allmulti(a->netdev, 1), 0);
	assert_int_equal(fake_reg(E1000_RCTL), base | E1000_RCTL_MPE);
	assert_int_equal(dev_set_promiscuity(a->netdev, 1), 0);
	assert_int_equal(fake_reg(E1000_RCTL), base | E1000_RCTL_MPE | E1000_RCTL_UPE);
	assert_int_equal(dev_set_promiscuity(a->netdev, -1), 0);
	assert_int_equal(fake_reg(E1000_RCTL), base | E1000_RCTL_MPE);
	assert_int_equal(dev_set_allmulti(a->netdev, -1), 0);
	assert_int_equal(fake_reg(E1000_RCTL), base);

	assert_int_equal(dev_mc_del(a->netdev, mdns), 0);
	assert_int_equal(fake_reg(E1000_MTA + 4 * 125), 0);
	assert_int_equal(fake_reg(E1000_MTA + 4 * 43), BIT(3));
	e1000e_test_remove(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		e1000e_unit_test(test_set_rx_mode_mta_and_promisc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
