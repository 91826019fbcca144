/*
 * NAPI, net_rx_action's budget and time limit, the netif_rx backlog, bottom
 * half exclusion, and delivery to taps and protocol handlers. Softirqs are
 * the real lib/softirq.c: they run on a fake interrupt's irq_exit() or at
 * local_bh_enable(), exactly as in the kernel.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "test_filter.h"
#include <lib/errno.h>
#include <lib/softirq.h>
#include <net/core/ethernet.h>
#include <net/core/netdevice.h>
#include <net/core/skb_pool.h>
#include "panic_fake.h"
#include "netcore_fake.h"

/* A napi whose "ring" holds 'pending' packets; each poll may also move the clock. */
struct fake_napi {
	struct napi_struct napi;
	int pending;
	int polls;
	u64 ns_per_poll;
	bool schedule_during_poll;	/* an interrupt arriving mid-poll */
	bool completed_ok;
};

static int fake_poll(struct napi_struct *napi, int budget)
{
	struct fake_napi *f = container_of(napi, struct fake_napi, napi);
	int work = f->pending < budget ? f->pending : budget;

	f->polls++;
	f->pending -= work;
	fake_now_ns += f->ns_per_poll;
	if (f->schedule_during_poll) {
		f->schedule_during_poll = false;
		assert_false(napi_schedule(napi));	/* already owned: marks MISSED */
	}
	if (work < budget)
		f->completed_ok = napi_complete_done(napi, work);
	return work;
}

static void fake_napi_init(struct fake_napi *f, int weight, int pending)
{
	memset(f, 0, sizeof(*f));
	netif_napi_add(NULL, &f->napi, fake_poll, weight);
	napi_enable(&f->napi);
	f->pending = pending;
}

static struct net_device *dev;
static int rx_ip, rx_tap;

static netdev_tx_t null_xmit(struct sk_buff *skb, struct net_device *d)
{
	consume_skb(skb);
	return NETDEV_TX_OK;
}
static const struct net_device_ops null_ops = { .ndo_start_xmit = null_xmit };

static int ip_rcv(struct sk_buff *skb, struct net_device *d, struct packet_type *pt,
		  struct net_device *orig)
{
	rx_ip++;
	assert_int_equal(skb->protocol, cpu_to_be16(ETH_P_IP));
	assert_true(skb->tstamp != 0);
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

static int tap_rcv(struct sk_buff *skb, struct net_device *d, struct packet_type *pt,
		   struct net_device *orig)
{
	rx_tap++;
	assert_true(skb_shared(skb));		/* a tap only looks */
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

static struct packet_type ip_pt = { .func = ip_rcv };
static struct packet_type tap_pt = { .func = tap_rcv };

static int setup(void **state)
{
	netcore_test_reset(2048);
	fake_now_ns = 1000000;		/* so arrival stamps are non-zero */
	dev = alloc_etherdev(0);
	dev->netdev_ops = &null_ops;
	assert_int_equal(register_netdev(dev), 0);
	assert_int_equal(dev_open(dev), 0);
	rx_ip = rx_tap = 0;
	ip_pt.type = cpu_to_be16(ETH_P_IP);
	tap_pt.type = cpu_to_be16(ETH_P_ALL);
	dev_add_pack(&ip_pt);
	return 0;
}

static int teardown(void **state)
{
	dev_remove_pack(&ip_pt);
	unregister_netdev(dev);
	free_netdev(dev);
	netcore_assert_pool_idle();
	return 0;
}

static struct sk_buff *rx_skb(u16 proto)
{
	struct sk_buff *skb = netdev_alloc_skb(dev, 64);

	skb_put(skb, 64);
	skb->protocol = cpu_to_be16(proto);
	skb->dev = dev;
	return skb;
}

static void test_full_weight_repolled_less_completed(void **state)
{
	struct softnet_data *sd = this_cpu_softnet();
	struct fake_napi f;

	fake_napi_init(&f, 16, 16 + 5);
	local_bh_disable();
	assert_true(napi_schedule(&f.napi));
	net_rx_action();
	assert_int_equal(f.polls, 1);		/* used its whole weight: */
	assert_true(napi_is_scheduled(&f.napi));	/* still owned, */
	assert_false(list_empty(&sd->poll_list));	/* back on the list, */
	assert_true(softirq_pending());			/* and NET_RX raised again */
	assert_int_equal(sd->time_squeeze, 0);	/* budget left: not a squeeze */
	net_rx_action();
	assert_int_equal(f.polls, 2);		/* 5 < 16: completed */
	assert_true(f.completed_ok);
	assert_false(napi_is_scheduled(&f.napi));
	assert_true(list_empty(&sd->poll_list));
	local_bh_enable();
	assert_int_equal(f.polls, 2);		/* nothing left to poll */
	assert_int_equal(f.napi.packets, 21);
}

static void test_budget_cuts_run_and_counts_squeeze(void **state)
{
	struct softnet_data *sd = this_cpu_softnet();
	struct fake_napi a, b, c;

	netdev_budget = 40;
	fake_napi_init(&a, 32, 1000);
	fake_napi_init(&b, 32, 1000);
	fake_napi_init(&c, 32, 1000);
	local_bh_disable();
	napi_schedule(&a.napi);
	napi_schedule(&b.napi);
	napi_schedule(&c.napi);
	net_rx_action();
	assert_int_equal(a.polls + b.polls + c.polls, 2);	/* 32 + 32 >= 40: cut */
	assert_int_equal(c.polls, 0);
	assert_int_equal(sd->time_squeeze, 1);
	net_rx_action();			/* c is first now: unfinished go first */
	assert_int_equal(c.polls, 1);
	assert_int_equal(sd->time_squeeze, 2);
	napi_disable(&a.napi);
	napi_disable(&b.napi);
	napi_disable(&c.napi);
	assert_true(list_empty(&sd->poll_list));
	local_bh_enable();
	assert_int_equal(a.polls + b.polls + c.polls, 4);
}

static void test_time_limit_cuts_run_and_counts_squeeze(void **state)
{
	struct softnet_data *sd = this_cpu_softnet();
	struct fake_napi a, b, c;

	netdev_budget_usecs = 2000;
	fake_napi_init(&a, 64, 3);		/* little work, but each takes 1.5 ms */
	fake_napi_init(&b, 64, 3);
	fake_napi_init(&c, 64, 3);
	a.ns_per_poll = b.ns_per_poll = c.ns_per_poll = 1500 * 1000;
	local_bh_disable();
	napi_schedule(&a.napi);
	napi_schedule(&b.napi);
	napi_schedule(&c.napi);
	net_rx_action();
	assert_int_equal(a.polls, 1);
	assert_int_equal(b.polls, 1);
	assert_int_equal(c.polls, 0);		/* 3 ms >= 2 ms: cut before c */
	assert_int_equal(sd->time_squeeze, 1);
	assert_true(napi_is_scheduled(&c.napi));
	local_bh_enable();			/* the re-raised softirq finishes c */
	assert_int_equal(c.polls, 1);
	assert_false(napi_is_scheduled(&c.napi));
	assert_int_equal(sd->time_squeeze, 1);
}

static void test_schedule_during_poll_is_not_lost(void **state)
{
	struct fake_napi f;

	fake_napi_init(&f, 64, 2);
	f.schedule_during_poll = true;
	napi_schedule(&f.napi);
	netcore_run_softirqs();
	/* The mid-poll interrupt made completion fail and poll once more. */
	assert_int_equal(f.polls, 2);
	assert_false(napi_is_scheduled(&f.napi));
	assert_true(f.completed_ok);
}

static void test_softirq_waits_for_bh_enable(void **state)
{
	struct fake_napi f;

	fake_napi_init(&f, 64, 1);
	local_bh_disable();
	irq_enter();				/* an interrupt in the bh-off section */
	napi_schedule(&f.napi);
	irq_exit();
	assert_int_equal(f.polls, 0);		/* not on irq_exit: bottom halves are off */
	assert_true(softirq_pending());
	local_bh_enable();
	assert_int_equal(f.polls, 1);		/* ran right here */
	assert_false(softirq_pending());
}

static void test_disabled_napi_cannot_be_scheduled(void **state)
{
	struct softnet_data *sd = this_cpu_softnet();
	struct fake_napi f;

	fake_napi_init(&f, 64, 5);
	napi_disable(&f.napi);
	assert_false(napi_schedule(&f.napi));
	local_bh_disable();
	napi_enable(&f.napi);
	assert_true(napi_schedule(&f.napi));
	napi_disable(&f.napi);			/* scheduled: taken off the list */
	assert_true(list_empty(&sd->poll_list));
	local_bh_enable();
	assert_int_equal(f.polls, 0);
}

static void test_netif_rx_drops_past_max_backlog(void **state)
{
	struct softnet_data *sd = this_cpu_softnet();
	int i, ok = 0;

	netdev_max_backlog = 5;
	local_bh_disable();
	for (i = 0; i < 10; i++)
		ok += netif_rx(rx_skb(ETH_P_IP)) == NET_RX_SUCCESS;
	/* Linux's classic test is qlen <= max before queueing: max + 1 fit. */
	assert_int_equal(ok, 6);
	assert_int_equal(skb_queue_len(&sd->input_pkt_queue), 6);
	assert_int_equal(sd->dropped, 4);
	assert_int_equal(skb_free_stats.dropped, 4);
	assert_int_equal(rx_ip, 0);
	local_bh_enable();
	assert_int_equal(rx_ip, 6);
	assert_int_equal(sd->processed, 6);
	assert_int_equal(skb_queue_len(&sd->input_pkt_queue), 0);
	assert_false(napi_is_scheduled(&sd->backlog));
	/* Drained: the next one is queued again. */
	assert_int_equal(netif_rx(rx_skb(ETH_P_IP)), NET_RX_SUCCESS);
	netcore_run_softirqs();
	assert_int_equal(rx_ip, 7);
}

/* The lab's first half alone: queueing, the limit and the schedule, nothing delivered. */
static void test_netif_rx_queues_schedules_backlog_and_drops(void **state)
{
	struct softnet_data *sd = this_cpu_softnet();
	int i, ok = 0;

	netdev_max_backlog = 3;
	local_bh_disable();
	assert_false(napi_is_scheduled(&sd->backlog));
	for (i = 0; i < 7; i++)
		ok += netif_rx(rx_skb(ETH_P_IP)) == NET_RX_SUCCESS;
	assert_int_equal(ok, 4);
	assert_int_equal(skb_queue_len(&sd->input_pkt_queue), 4);
	assert_true(napi_is_scheduled(&sd->backlog));
	assert_true(softirq_pending());
	assert_int_equal(sd->dropped, 3);
	assert_int_equal(skb_free_stats.dropped, 3);
	assert_int_equal(rx_ip, 0);
	/* Emptied by hand, so this test does not depend on process_backlog(). */
	skb_queue_purge(&sd->input_pkt_queue);
	local_bh_enable();
}

#define ORDER_PROTO	0x88B5
static int order_seen[200], order_n;

static int order_rcv(struct sk_buff *skb, struct net_device *d, struct packet_type *pt,
		     struct net_device *orig)
{
	if (order_n < 200)
		order_seen[order_n++] = (int)skb->len;
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

/* The second half alone: skbs queued by hand, the backlog napi scheduled by hand. */
static void test_process_backlog_delivers_in_order_within_quota(void **state)
{
	struct softnet_data *sd = this_cpu_softnet();
	struct packet_type order_pt = { .type = cpu_to_be16(ORDER_PROTO), .func = order_rcv };
	int i;

	dev_add_pack(&order_pt);
	order_n = 0;
	local_bh_disable();
	for (i = 0; i < 150; i++) {
		struct sk_buff *skb = netdev_alloc_skb(dev, 256);

		skb_put(skb, 1 + (unsigned int)i);
		skb->protocol = cpu_to_be16(ORDER_PROTO);
		skb->dev = dev;
		skb_queue_tail(&sd->input_pkt_queue, skb);
	}
	assert_true(napi_schedule(&sd->backlog));
	local_bh_enable();
	while (softirq_pending())
		run_deferred_softirqs();
	assert_int_equal(order_n, 150);
	for (i = 0; i < 150; i++)
		assert_int_equal(order_seen[i], i + 1);
	assert_int_equal(skb_queue_len(&sd->input_pkt_queue), 0);
	assert_true(sd->backlog.polls >= 3);		/* 150 / 64: the quota holds */
	assert_false(napi_is_scheduled(&sd->backlog));	/* completed itself */
	dev_remove_pack(&order_pt);
}

static void test_netif_rx_from_hard_irq_delivers_on_exit(void **state)
{
	struct softnet_data *sd = this_cpu_softnet();
	int i;

	irq_enter();
	for (i = 0; i < 200; i++)		/* more than one backlog weight */
		netif_rx(rx_skb(ETH_P_IP));
	assert_int_equal(rx_ip, 0);
	irq_exit();
	/* The restart limit may leave some for the idle loop. */
	while (softirq_pending())
		run_deferred_softirqs();
	assert_int_equal(rx_ip, 200);
	assert_int_equal(sd->dropped, 0);
	assert_true(sd->backlog.polls >= 4);	/* 200 / 64 */
}

static void test_taps_handlers_and_unknown(void **state)
{
	struct softnet_data *sd = this_cpu_softnet();

	dev_add_pack(&tap_pt);
	local_bh_disable();			/* netif_receive_skb runs in softirq */
	netif_receive_skb(rx_skb(ETH_P_IP));
	netif_receive_skb(rx_skb(ETH_P_ARP));	/* nobody handles ARP here */
	local_bh_enable();
	assert_int_equal(rx_tap, 2);		/* the tap sees everything */
	assert_int_equal(rx_ip, 1);
	assert_int_equal(dev->rx_nohandler, 1);
	assert_int_equal(skb_free_stats.dropped, 1);
	assert_int_equal(sd->processed, 2);
	dev_remove_pack(&tap_pt);

	local_bh_disable();
	netif_receive_skb(rx_skb(ETH_P_IP));
	local_bh_enable();
	assert_int_equal(rx_tap, 2);		/* removed */
	assert_int_equal(rx_ip, 2);

	/* A device that went down drops what still arrives for it. */
	dev_close(dev);
	local_bh_disable();
	netif_receive_skb(rx_skb(ETH_P_IP));
	local_bh_enable();
	assert_int_equal(rx_ip, 2);
	assert_int_equal(dev->rx_dropped, 1);
}

/* The reflector's hook: after the taps, before the protocols, one per device. */
static int rx_handled;
static rx_handler_result_t take_all(struct sk_buff **pskb)
{
	rx_handled++;
	consume_skb(*pskb);
	return RX_HANDLER_CONSUMED;
}

static rx_handler_result_t look_only(struct sk_buff **pskb)
{
	rx_handled++;
	return RX_HANDLER_PASS;
}

static void test_rx_handler_register_and_unregister(void **state)
{
	rx_handled = 0;
	dev_add_pack(&tap_pt);
	assert_int_equal(netdev_rx_handler_register(dev, take_all, NULL), 0);
	assert_int_equal(netdev_rx_handler_register(dev, look_only, NULL), -EBUSY);
	local_bh_disable();
	netif_receive_skb(rx_skb(ETH_P_IP));
	local_bh_enable();
	assert_int_equal(rx_tap, 1);		/* the taps still see it */
	assert_int_equal(rx_handled, 1);
	assert_int_equal(rx_ip, 0);		/* consumed: no protocol gets it */

	/* Gone: frames reach the protocols again, and the hook is free. */
	netdev_rx_handler_unregister(dev);
	local_bh_disable();
	netif_receive_skb(rx_skb(ETH_P_IP));
	local_bh_enable();
	assert_int_equal(rx_handled, 1);
	assert_int_equal(rx_ip, 1);
	assert_int_equal(netdev_rx_handler_register(dev, look_only, NULL), 0);
	local_bh_disable();
	netif_receive_skb(rx_skb(ETH_P_IP));
	local_bh_enable();
	assert_int_equal(rx_handled, 2);
	assert_int_equal(rx_ip, 2);		/* passed on */
	netdev_rx_handler_unregister(dev);
	dev_remove_pack(&tap_pt);
}

static void test_unregister_flushes_backlog(void **state)
{
	struct softnet_data *sd = this_cpu_softnet();

	local_bh_disable();
	netif_rx(rx_skb(ETH_P_IP));
	netif_rx(rx_skb(ETH_P_IP));
	unregister_netdev(dev);
	assert_int_equal(skb_queue_len(&sd->input_pkt_queue), 0);
	local_bh_enable();
	assert_int_equal(rx_ip, 0);
	assert_int_equal(skb_free_stats.dropped, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_full_weight_repolled_less_completed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_budget_cuts_run_and_counts_squeeze, setup, teardown),
		cmocka_unit_test_setup_teardown(test_time_limit_cuts_run_and_counts_squeeze, setup, teardown),
		cmocka_unit_test_setup_teardown(test_schedule_during_poll_is_not_lost, setup, teardown),
		cmocka_unit_test_setup_teardown(test_softirq_waits_for_bh_enable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_disabled_napi_cannot_be_scheduled, setup, teardown),
		cmocka_unit_test_setup_teardown(test_netif_rx_drops_past_max_backlog, setup, teardown),
		cmocka_unit_test_setup_teardown(test_netif_rx_from_hard_irq_delivers_on_exit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_netif_rx_queues_schedules_backlog_and_drops, setup, teardown),
		cmocka_unit_test_setup_teardown(test_process_backlog_delivers_in_order_within_quota, setup, teardown),
		cmocka_unit_test_setup_teardown(test_taps_handlers_and_unknown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rx_handler_register_and_unregister, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unregister_flushes_backlog, setup, teardown),
	};

	test_filter_from_env();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
