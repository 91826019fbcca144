/*
 * net/core/ethtool.c: the ethtool and reset commands work for any driver
 * through dev_get_by_name() and ethtool_ops. A pair device stands in for a
 * driver: one end gets a counting ops table, the other has none.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <lib/errno.h>
#include <lib/printk.h>
#include <lib/shell.h>
#include <net/core/netdevice.h>
#include <drivers/net/test/pairdev.h>
#include "panic_fake.h"
#include "netcore_fake.h"

static struct net_device *a, *b;
static struct ethtool_pauseparam pause_set;
static int nway_calls, reset_calls, nway_ret;

static void t_get_drvinfo(struct net_device *dev, struct ethtool_drvinfo *info)
{
	strcpy(info->driver, "tdrv");
	strcpy(info->version, "1.2");
	strcpy(info->bus_info, "00:07.0");
}

static u32 t_get_link(struct net_device *dev) { return 1; }

static int t_get_link_ksettings(struct net_device *dev, struct ethtool_link_ksettings *ks)
{
	ks->base.speed = 100;
	ks->base.duplex = DUPLEX_FULL;
	return 0;
}

static int t_get_sset_count(struct net_device *dev, int sset)
{
	return sset == ETH_SS_STATS ? 3 : -EOPNOTSUPP;
}

static void t_get_strings(struct net_device *dev, u32 sset, u8 *data)
{
	for (int i = 0; i < 3; i++)
		snprintf((char *)data + i * ETH_GSTRING_LEN, ETH_GSTRING_LEN, "counter_%d", i);
}

static void t_get_ethtool_stats(struct net_device *dev, struct ethtool_stats *s, u64 *data)
{
	for (int i = 0; i < 3; i++)
		data[i] = 1000000000000ull + (u64)i;	/* wider than 32 bits */
}

static int t_nway_reset(struct net_device *dev) { nway_calls++; return nway_ret; }

static void t_get_pauseparam(struct net_device *dev, struct ethtool_pauseparam *p)
{
	*p = pause_set;
}

static int t_set_pauseparam(struct net_device *dev, struct ethtool_pauseparam *p)
{
	pause_set = *p;
	return 0;
}

static int t_reset(struct net_device *dev, u32 *flags) { reset_calls++; *flags = 0; return 0; }

static void t_show_settings(struct net_device *dev) { kprintf("\tDriver line\n"); }

static const struct ethtool_ops t_ops = {
	.get_drvinfo = t_get_drvinfo, .get_link = t_get_link,
	.get_link_ksettings = t_get_link_ksettings, .get_sset_count = t_get_sset_count,
	.get_strings = t_get_strings, .get_ethtool_stats = t_get_ethtool_stats,
	.nway_reset = t_nway_reset, .get_pauseparam = t_get_pauseparam,
	.set_pauseparam = t_set_pauseparam, .reset = t_reset, .show_settings = t_show_settings,
};

static int setup(void **state)
{
	netcore_test_reset(64);
	assert_int_equal(pairdev_create(&a, &b), 0);
	a->ethtool_ops = &t_ops;
	memcpy(a->perm_addr, "\x02\x00\x00\x00\x00\x99", 6);
	assert_int_equal(dev_open(a), 0);
	nway_calls = reset_calls = nway_ret = 0;
	pause_set = (struct ethtool_pauseparam){ .autoneg = 1, .rx_pause = 1, .tx_pause = 1 };
	return 0;
}

static int teardown(void **state)
{
	pairdev_destroy(a, b);
	netcore_assert_pool_idle();
	return 0;
}

static int run(const char *cmd)
{
	char line[SHELL_LINE_MAX];

	strcpy(line, cmd);
	fake_console_reset();
	return shell_execute(line);
}

static void test_settings_through_ops(void **state)
{
	assert_int_equal(run("ethtool eth0"), 0);
	assert_true(fake_console_has("Settings for eth0:\n\tLink detected: yes\n"
				     "\tSpeed: 100Mb/s\n\tDuplex: Full\n"));
	assert_true(fake_console_has("(permanent 02:00:00:00:00:99)\n\tInterface: up\n\tDriver line\n"));

	/* No ops at all: the carrier, and ethtool's words for an unknown speed. */
	netif_carrier_off(b);
	assert_int_equal(run("ethtool eth1"), 0);
	assert_true(fake_console_has("Settings for eth1:\n\tLink detected: no\n"
				     "\tSpeed: Unknown!\n\tDuplex: Unknown!\n"));
	assert_true(fake_console_has("\tInterface: down\n"));

	assert_int_equal(run("ethtool eth9"), 1);
	assert_true(fake_console_has("no interface named 'eth9'"));
	assert_int_equal(run("ethtool -X eth0"), -EINVAL);
}

static void test_drvinfo_and_stats(void **state)
{
	assert_int_equal(run("ethtool -i eth0"), 0);
	assert_true(fake_console_has("driver: tdrv\nversion: 1.2\nbus-info: 00:07.0\n"));
	assert_int_equal(run("ethtool -S eth0"), 0);
	assert_true(fake_console_has("NIC statistics:\n     counter_0: 1000000000000\n"
				     "     counter_1: 1000000000001\n     counter_2: 1000000000002\n"));

	assert_int_equal(run("ethtool -S eth1"), 1);
	assert_true(fake_console_has("eth1: operation not supported"));
	assert_int_equal(run("ethtool -i eth1"), 1);

	netcore_kmalloc_fail = 1;	/* the -S buffers */
	assert_int_equal(run("ethtool -S eth0"), 1);
	assert_true(fake_console_has("out of memory"));
	netcore_kmalloc_fail = 0;
}

static void test_autoneg_pause_and_reset(void **state)
{
	assert_int_equal(run("ethtool -r eth0"), 0);
	assert_int_equal(nway_calls, 1);
	nway_ret = -EIO;
	assert_int_equal(run("ethtool -r eth0"), 1);
	assert_true(fake_console_has("autonegotiation not restarted"));

	/* What -A does not name keeps its requested value. */
	assert_int_equal(run("ethtool -A eth0 rx off"), 0);
	assert_int_equal(pause_set.rx_pause, 0);
	assert_int_equal(pause_set.tx_pause, 1);
	assert_true(fake_console_has("eth0: pause rx off tx on advertised; renegotiating"));
	assert_int_equal(run("ethtool -A eth0 tx maybe"), -EINVAL);
	assert_int_equal(pause_set.tx_pause, 1);

	assert_int_equal(run("reset eth0"), 0);
	assert_int_equal(reset_calls, 1);
	assert_int_equal(run("reset eth1"), 1);
	assert_true(fake_console_has("eth1: operation not supported"));

	/* A driver may power its PHY down with the interface: refused while down. */
	dev_close(a);
	assert_int_equal(run("ethtool -r eth0"), 1);
	assert_true(fake_console_has("eth0 is down"));
	assert_int_equal(run("reset eth0"), 1);
	assert_int_equal(nway_calls, 2);
	assert_int_equal(reset_calls, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_settings_through_ops, setup, teardown),
		cmocka_unit_test_setup_teardown(test_drvinfo_and_stats, setup, teardown),
		cmocka_unit_test_setup_teardown(test_autoneg_pause_and_reset, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
