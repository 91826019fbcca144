/*
 * The pair device end to end: frames sent on one side arrive on the other
 * through NAPI, back-pressure stops and wakes the sender, and after 100,000
 * frames the skb pool is back at its baseline. Also the shell views.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <lib/params.h>
#include <lib/shell.h>
#include <lib/softirq.h>
#include <net/core/ethernet.h>
#include <net/core/netdevice.h>
#include <drivers/net/test/pairdev.h>
#include <net/core/skb_pool.h>
#include "panic_fake.h"
#include "netcore_fake.h"

#define POOL_SIZE	1024

static struct net_device *a, *b;
static unsigned long rx_frames, rx_bad;
static u32 next_seq;

static int ip_rcv(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
		  struct net_device *orig)
{
	u32 seq;

	/* In order, intact, on the right device. */
	if (dev != b || skb->pkt_type != PACKET_HOST || skb->len != 46 ||
	    skb_copy_bits(skb, 0, &seq, sizeof(seq)) || seq != next_seq)
		rx_bad++;
	next_seq = seq + 1;
	rx_frames++;
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

static struct packet_type ip_pt = { .func = ip_rcv };

static int setup(void **state)
{
	netcore_test_reset(POOL_SIZE);
	assert_int_equal(pairdev_create(&a, &b), 0);
	assert_int_equal(dev_open(a), 0);
	assert_int_equal(dev_open(b), 0);
	ip_pt.type = cpu_to_be16(ETH_P_IP);
	dev_add_pack(&ip_pt);
	rx_frames = rx_bad = 0;
	next_seq = 0;
	return 0;
}

static int teardown(void **state)
{
	dev_remove_pack(&ip_pt);
	pairdev_destroy(a, b);
	netcore_assert_pool_idle();
	return 0;
}

static int send_frame(u32 seq)
{
	struct sk_buff *skb = netdev_alloc_skb_ip_align(a, ETH_ZLEN);
	struct ethhdr *eth;

	if (!skb)
		return -1;
	memset(skb_put(skb, 46), 0, 46);
	memcpy(skb->data, &seq, sizeof(seq));
	eth = (struct ethhdr *)skb_push(skb, ETH_HLEN);
	ether_addr_copy(eth->h_dest, b->dev_addr);
	ether_addr_copy(eth->h_source, a->dev_addr);
	eth->h_proto = cpu_to_be16(ETH_P_IP);
	skb->dev = a;
	return dev_queue_xmit(skb);
}

static void drain(void)
{
	netcore_run_softirqs();
	while (softirq_pending())
		run_deferred_softirqs();
}

static void test_frame_crosses(void **state)
{
	struct pairdev_priv *pb = netdev_priv(b);

	assert_string_equal(a->name, "eth0");
	assert_string_equal(b->name, "eth1");
	local_bh_disable();
	assert_int_equal(send_frame(0), NET_XMIT_SUCCESS);
	assert_int_equal(rx_frames, 0);		/* waits for the peer's NAPI */
	assert_true(napi_is_scheduled(&pb->napi));
	local_bh_enable();
	assert_int_equal(rx_frames, 1);
	assert_int_equal(rx_bad, 0);
	assert_int_equal(a->stats.tx_packets, 1);
	assert_int_equal(b->stats.rx_packets, 1);
	assert_int_equal(b->stats.rx_bytes, 60);
	assert_false(napi_is_scheduled(&pb->napi));
}

static void test_backpressure_stops_and_wakes(void **state)
{
	int i;

	local_bh_disable();			/* nothing is polled meanwhile */
	for (i = 0; i < 600; i++)
		assert_int_equal(send_frame((u32)i), NET_XMIT_SUCCESS);
	assert_true(netif_queue_stopped(a));	/* the peer's ring filled */
	assert_int_equal(a->stats.tx_packets, PAIRDEV_RING_SIZE);
	assert_int_equal(skb_queue_len(&netdev_get_tx_queue(a, 0)->fifo), 600 - PAIRDEV_RING_SIZE);
	local_bh_enable();
	drain();
	assert_int_equal(rx_frames, 600);
	assert_int_equal(rx_bad, 0);
	assert_false(netif_queue_stopped(a));
	assert_int_equal(a->tx_dropped, 0);
}

static void test_100k_frames_pool_back_to_baseline(void **state)
{
	struct skb_pool_stats before, after;
	struct softnet_data *sd = this_cpu_softnet();
	u32 seq = 0;
	int batch;

	skb_pool_get_stats(&before);
	while (seq < 100000) {
		local_bh_disable();
		for (batch = 0; batch < 500 && seq < 100000; batch++)
			assert_int_equal(send_frame(seq++), NET_XMIT_SUCCESS);
		local_bh_enable();
		drain();
	}
	assert_int_equal(rx_frames, 100000);
	assert_int_equal(rx_bad, 0);
	assert_int_equal(b->stats.rx_packets, 100000);
	assert_int_equal(sd->processed, 100000);
	assert_int_equal(sd->dropped, 0);
	skb_pool_get_stats(&after);
	assert_int_equal(after.in_use, before.in_use);
	assert_int_equal(after.free, before.free);
	assert_int_equal(after.alloc_failures, 0);
	assert_true(after.high_water <= POOL_SIZE);
	assert_int_equal(after.allocs - before.allocs, 100000);
	assert_int_equal(skb_free_stats.consumed, 100000);
	assert_int_equal(skb_free_stats.dropped, 0);
}

static void test_pool_exhaustion_is_a_counted_drop(void **state)
{
	struct skb_pool_stats st;
	int i, failed = 0;

	local_bh_disable();
	for (i = 0; i < POOL_SIZE + 10; i++)
		failed += send_frame((u32)i) < 0;
	local_bh_enable();
	skb_pool_get_stats(&st);
	assert_int_equal(failed, 10);
	assert_int_equal(st.alloc_failures, 10);
	drain();
	assert_int_equal(rx_frames, POOL_SIZE);
}

static void test_peer_down_drops_on_the_wire(void **state)
{
	dev_close(b);
	local_bh_disable();
	send_frame(0);
	local_bh_enable();
	assert_int_equal(a->stats.tx_dropped, 1);
	assert_int_equal(rx_frames, 0);
}

static void run(const char *cmd)
{
	char line[64];

	strcpy(line, cmd);
	fake_console_reset();
	assert_int_equal(shell_execute(line), 0);
}

static void test_shell_views(void **state)
{
	int i;

	local_bh_disable();
	for (i = 0; i < 3; i++)
		send_frame((u32)i);
	local_bh_enable();
	drain();

	run("netdev");
	assert_true(fake_console_has("Inter-|   Receive"));
	assert_true(fake_console_has("  eth1:      180       3"));
	assert_true(fake_console_has("eth0: <UP,BROADCAST,RUNNING,MULTICAST> mtu 1500 carrier on"));
	assert_true(fake_console_has("link/ether 02:00:00:00:00:"));
	run("softnet");
	assert_true(fake_console_has("00000003 00000000 00000000 00000000"));
	run("skb");
	assert_true(fake_console_has("size 1024 in_use 0 free 1024"));
	assert_true(fake_console_has("consumed (consume_skb) 3"));

	/* The limits are boot parameters, settable as such. */
	assert_int_equal(param_set("netdev_budget", "64"), 0);
	assert_int_equal(netdev_budget, 64);
	assert_int_equal(param_set("netdev_max_backlog", "10"), 0);
	assert_int_equal(netdev_max_backlog, 10);
	assert_non_null(param_find("netdev_budget_usecs"));
	assert_non_null(param_find("skb_pool"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_frame_crosses, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backpressure_stops_and_wakes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_100k_frames_pool_back_to_baseline, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pool_exhaustion_is_a_counted_drop, setup, teardown),
		cmocka_unit_test_setup_teardown(test_peer_down_drops_on_the_wire, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shell_views, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
