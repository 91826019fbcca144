/*
 * Per-interface IPv4 parameters (net/lwip/addr.c): ip=/gw= for eth0,
 * ip1=/gw1= (and ip.eth1=/gw.eth1=) for eth1 and so on, read by the real
 * parse_args() and applied when the glue attaches each device to the real
 * lwIP. A malformed value is reported by its name and leaves the interface
 * on DHCP.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <lib/params.h>
#include <lib/printk.h>
#include <lib/softirq.h>
#include <net/core/ethernet.h>
#include <net/core/netdevice.h>
#include <net/lwip/netif_glue.h>
#include "capture_console.h"
#include "lwip_harness.h"
#include "netcore_fake.h"

#include "lwip/ip4_addr.h"
#include "lwip/netif.h"

#define NDEV 2
static struct net_device *devs[NDEV];

static netdev_tx_t sink_xmit(struct sk_buff *skb, struct net_device *d)
{
	consume_skb(skb);	/* DHCP discovers, ARP, MLD: sent and forgotten */
	return NETDEV_TX_OK;
}

static const struct net_device_ops sink_ops = { .ndo_start_xmit = sink_xmit };

/* parse_args() on a copy (it writes into the line); returns how many it refused. */
static int params(const char *line)
{
	char *buf = strdup(line);
	int rejected;

	assert_non_null(buf);
	rejected = parse_args(buf);
	free(buf);
	return rejected;
}

static int group_setup(void **state)
{
	static char none[] = "";

	lwip_harness_init(none);
	register_console(&capture_console);
	return 0;
}

static int setup(void **state)
{
	lwip_harness_setup(state);
	/* Every interface back to DHCP: a malformed value clears a static one
	 * (test_bad_values_... shows that), so tests do not depend on order. */
	params("ip=x gw=x ip1=x gw1=x ip2=x gw2=x ip3=x gw3=x");
	capture_clear();
	memset(devs, 0, sizeof(devs));
	return 0;
}

static int teardown(void **state)
{
	nicstack_glue_exit();
	for (int i = 0; i < NDEV; i++) {
		if (!devs[i])
			continue;
		unregister_netdev(devs[i]);
		free_netdev(devs[i]);
	}
	netcore_assert_pool_idle();
	return 0;
}

/* eth0 and eth1, attached (and opened) by the glue as real drivers' would be. */
static void make_devs(void)
{
	for (int i = 0; i < NDEV; i++) {
		devs[i] = alloc_etherdev(0);
		assert_non_null(devs[i]);
		devs[i]->netdev_ops = &sink_ops;
		memcpy(devs[i]->dev_addr, (u8[]){ 0x02, 0, 0, 0, 1, (u8)i }, ETH_ALEN);
		assert_int_equal(register_netdev(devs[i]), 0);
		assert_non_null(nicstack_netif_find(devs[i]));
	}
	assert_string_equal(devs[0]->name, "eth0");
	assert_string_equal(devs[1]->name, "eth1");
}

static struct nicstack_netif *nif(int i)
{
	return nicstack_netif_find(devs[i]);
}

static void assert_static(int i, const char *ip, const char *mask, const char *gw)
{
	struct netif *n = &nif(i)->netif;

	assert_false(nif(i)->want_dhcp);
	assert_string_equal(ip4addr_ntoa(netif_ip4_addr(n)), ip);
	assert_string_equal(ip4addr_ntoa(netif_ip4_netmask(n)), mask);
	assert_string_equal(ip4addr_ntoa(netif_ip4_gw(n)), gw);
}

static void assert_dhcp(int i)
{
	assert_true(nif(i)->want_dhcp);
	assert_true(nif(i)->dhcp_started);	/* the device opened, so it asks */
	assert_true(ip4_addr_isany(netif_ip4_addr(&nif(i)->netif)));
}

static void assert_printed(const char *s)
{
	if (!strstr(capture_buf, s))
		fail_msg("'%s' not printed; the console said:\n%s", s, capture_buf);
}

static void test_each_interface_gets_its_own_static_address(void **state)
{
	assert_int_equal(params("ip=192.0.2.2/24 gw=192.0.2.1 ip1=198.51.100.2/25 "
				"gw1=198.51.100.1"), 0);
	make_devs();
	assert_static(0, "192.0.2.2", "255.255.255.0", "192.0.2.1");
	assert_static(1, "198.51.100.2", "255.255.255.128", "198.51.100.1");
	assert_printed("lwip: eth0: 192.0.2.2/24 gw 192.0.2.1 (static)");
	assert_printed("lwip: eth1: 198.51.100.2/25 gw 198.51.100.1 (static)");
}

static void test_the_long_form_names_the_interface(void **state)
{
	assert_int_equal(params("ip.eth1=203.0.113.9/28 gw.eth1=203.0.113.1 "
				"ip.eth0=192.0.2.7/24"), 0);
	make_devs();
	assert_static(0, "192.0.2.7", "255.255.255.0", "0.0.0.0");
	assert_static(1, "203.0.113.9", "255.255.255.240", "203.0.113.1");
}

static void test_only_the_named_interface_is_static(void **state)
{
	assert_int_equal(params("ip1=198.51.100.2/24"), 0);
	make_devs();
	assert_dhcp(0);
	assert_static(1, "198.51.100.2", "255.255.255.0", "0.0.0.0");
}

static void test_bad_values_say_so_and_fall_back_to_dhcp(void **state)
{
	static const char *const bad[] = {
		"198.51.100.256/24", "198.51.100.2", "198.51.100.2/33", "198.51.100/24",
		"0x0a.0.0.1/8", "198.51.100.2/24x", "1.2.3.4.5/8", "198.51.100.2/", "/24",
		"a.b.c.d/24", "198.51.100.2222/24", "",
	};
	char line[64], msg[96];

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		/* A good value first: the bad one after it must undo it, not keep it. */
		assert_int_equal(params("ip1=198.51.100.2/24"), 0);
		capture_clear();
		snprintf(line, sizeof(line), "ip1=%s", bad[i]);
		assert_int_equal(params(line), 1);
		snprintf(msg, sizeof(msg), "lwip: ip1=%s: not ADDR/PREFIX (dotted quad, prefix "
			 "0-32); eth1 uses DHCP", bad[i]);
		assert_printed(msg);
	}
	assert_int_equal(params("gw.eth0=192.0.2.x ip=192.0.2.2/24"), 1);
	assert_printed("lwip: gw.eth0=192.0.2.x: not a dotted quad; eth0 gets no static gateway");
	make_devs();
	assert_static(0, "192.0.2.2", "255.255.255.0", "0.0.0.0");
	assert_dhcp(1);
}

static void test_a_gateway_without_an_address_leaves_dhcp(void **state)
{
	assert_int_equal(params("gw1=198.51.100.1"), 0);
	make_devs();
	assert_dhcp(1);
	assert_printed("eth1: a gateway but no static address: ignored, DHCP brings both");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_each_interface_gets_its_own_static_address,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_the_long_form_names_the_interface, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_only_the_named_interface_is_static, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_bad_values_say_so_and_fall_back_to_dhcp,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_gateway_without_an_address_leaves_dhcp,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
