/*
 * net_device: registry and names, open/close, multicast and rx mode, carrier
 * notifiers, MTU and MAC, transmit with queue state and NETDEV_TX_BUSY, the
 * TX completion batching, and the TX watchdog on the real lib/timer.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <lib/errno.h>
#include <lib/softirq.h>
#include <lib/timer.h>
#include <net/core/ethernet.h>
#include <net/core/netdevice.h>
#include <net/core/skb_pool.h>
#include "panic_fake.h"
#include "netcore_fake.h"

struct fake_priv {
	int opens, stops, rx_modes, timeouts;
	int open_err;
	int busy_left;			/* answer NETDEV_TX_BUSY this many times */
	int stop_after;			/* stop the queue after this many frames (0: never) */
	struct sk_buff_head sent;
	unsigned int last_mc_count;
	unsigned int last_timeout_queue;
	unsigned int sent_on[4];	/* frames the driver took, per TX queue */
};

static int f_open(struct net_device *d) { struct fake_priv *p = netdev_priv(d); p->opens++; return p->open_err; }
static int f_stop(struct net_device *d) { ((struct fake_priv *)netdev_priv(d))->stops++; return 0; }
static void f_rx_mode(struct net_device *d)
{
	struct fake_priv *p = netdev_priv(d);

	p->rx_modes++;
	p->last_mc_count = netdev_mc_count(d);
}
static void f_timeout(struct net_device *d, unsigned int txqueue)
{
	struct fake_priv *p = netdev_priv(d);

	p->timeouts++;
	p->last_timeout_queue = txqueue;
}

static netdev_tx_t f_xmit(struct sk_buff *skb, struct net_device *d)
{
	struct fake_priv *p = netdev_priv(d);

	if (p->busy_left > 0) {
		p->busy_left--;
		return NETDEV_TX_BUSY;
	}
	p->sent_on[skb_get_queue_mapping(skb) % 4]++;
	skb_queue_tail(&p->sent, skb);
	if (p->stop_after && (int)skb_queue_len(&p->sent) >= p->stop_after)
		netif_stop_queue(d);
	return NETDEV_TX_OK;
}

static const struct net_device_ops fake_ops = {
	.ndo_open = f_open,
	.ndo_stop = f_stop,
	.ndo_start_xmit = f_xmit,
	.ndo_set_rx_mode = f_rx_mode,
	.ndo_set_mac_address = eth_mac_addr,
	.ndo_tx_timeout = f_timeout,
};

static struct net_device *new_dev(void)
{
	struct net_device *d = alloc_etherdev(sizeof(struct fake_priv));
	struct fake_priv *p = netdev_priv(d);

	d->netdev_ops = &fake_ops;
	skb_queue_head_init(&p->sent);
	return d;
}

static void del_dev(struct net_device *d)
{
	struct fake_priv *p = netdev_priv(d);

	unregister_netdev(d);
	skb_queue_purge(&p->sent);
	free_netdev(d);
}

static struct net_device *dev;
static struct fake_priv *priv;

static int setup(void **state)
{
	netcore_test_reset(256);
	dev = new_dev();
	priv = netdev_priv(dev);
	assert_int_equal(register_netdev(dev), 0);
	return 0;
}

static int teardown(void **state)
{
	del_dev(dev);
	netcore_assert_pool_idle();
	return 0;
}

static void test_names_indexes_lookup(void **state)
{
	struct net_device *b = new_dev(), *c = new_dev(), *bad = new_dev();
	int idx;

	assert_string_equal(dev->name, "eth0");
	assert_int_equal((uintptr_t)netdev_priv(dev) % NETDEV_ALIGN, 0);
	assert_int_equal(register_netdev(b), 0);
	assert_string_equal(b->name, "eth1");
	assert_true(b->ifindex > dev->ifindex);
	assert_ptr_equal(dev_get_by_name("eth1"), b);
	assert_ptr_equal(dev_get_by_index(b->ifindex), b);
	assert_null(dev_get_by_name("eth7"));
	assert_null(dev_get_by_index(9999));
	assert_int_equal(register_netdev(b), -EEXIST);

	idx = b->ifindex;
	del_dev(b);				/* eth1 is free again: lowest wins */
	assert_null(dev_get_by_index(idx));
	assert_int_equal(register_netdev(c), 0);
	assert_string_equal(c->name, "eth1");
	assert_true(c->ifindex > idx);		/* indexes are never reused */

	strcpy(bad->name, "eth%s");
	assert_int_equal(register_netdev(bad), -EINVAL);
	strcpy(bad->name, "eth0");		/* taken */
	assert_int_equal(register_netdev(bad), -EEXIST);
	bad->netdev_ops = NULL;
	assert_int_equal(register_netdev(bad), -EINVAL);
	free_netdev(bad);
	del_dev(c);
}

static int events[16];
static int notify(struct notifier_block *nb, unsigned long ev, void *d)
{
	if (d == dev && ev < ARRAY_SIZE(events))
		events[ev]++;
	return 0;
}
static struct notifier_block nb = { .notifier_call = notify };

static void test_open_close_and_notifiers(void **state)
{
	memset(events, 0, sizeof(events));
	assert_int_equal(register_netdevice_notifier(&nb), 0);
	assert_int_equal(register_netdevice_notifier(&nb), -EEXIST);

	priv->open_err = -EIO;
	assert_int_equal(dev_open(dev), -EIO);
	assert_false(dev->flags & IFF_UP);
	priv->open_err = 0;
	assert_int_equal(dev_open(dev), 0);
	assert_int_equal(dev_open(dev), 0);	/* already up: no second ndo_open */
	assert_int_equal(priv->opens, 2);
	assert_true(dev->flags & IFF_UP);
	assert_true(dev->flags & IFF_RUNNING);	/* carrier is on by default */
	assert_int_equal(priv->rx_modes, 1);	/* filters programmed on open */
	assert_int_equal(events[NETDEV_UP], 1);

	netif_carrier_off(dev);
	netif_carrier_off(dev);			/* no change: no event */
	assert_false(netif_carrier_ok(dev));
	assert_false(dev->flags & IFF_RUNNING);
	netif_carrier_on(dev);
	assert_true(netif_carrier_ok(dev));
	assert_true(dev->flags & IFF_RUNNING);
	assert_int_equal(events[NETDEV_CHANGE], 2);
	assert_int_equal(dev->carrier_down_count, 1);
	assert_int_equal(dev->carrier_up_count, 1);

	assert_int_equal(dev_close(dev), 0);
	assert_int_equal(priv->stops, 1);
	assert_false(dev->flags & (IFF_UP | IFF_RUNNING));
	assert_int_equal(events[NETDEV_DOWN], 1);
	assert_int_equal(unregister_netdevice_notifier(&nb), 0);
	assert_int_equal(unregister_netdevice_notifier(&nb), -ENOENT);
	netif_carrier_off(dev);
	assert_int_equal(events[NETDEV_CHANGE], 2);	/* no longer listening */
}

/* A probe sets the carrier before register_netdev(): no "eth%d" message, no event. */
static int any_changes;
static int count_any_change(struct notifier_block *nb, unsigned long ev, void *d)
{
	any_changes += ev == NETDEV_CHANGE;
	return 0;
}
static struct notifier_block any_nb = { .notifier_call = count_any_change };

static void test_carrier_before_register_is_silent(void **state)
{
	struct net_device *d = new_dev();

	any_changes = 0;
	assert_int_equal(register_netdevice_notifier(&any_nb), 0);
	netif_carrier_off(d);
	assert_false(netif_carrier_ok(d));
	assert_false(fake_console_has("carrier off"));
	assert_int_equal(any_changes, 0);
	assert_int_equal(register_netdev(d), 0);
	netif_carrier_on(d);
	assert_true(fake_console_has("eth1: carrier on"));
	assert_int_equal(any_changes, 1);
	assert_int_equal(unregister_netdevice_notifier(&any_nb), 0);
	del_dev(d);
}

static void test_multicast_and_rx_mode(void **state)
{
	static const u8 g1[ETH_ALEN] = { 0x01, 0x00, 0x5e, 0, 0, 1 };
	static const u8 g2[ETH_ALEN] = { 0x33, 0x33, 0, 0, 0, 1 };
	static const u8 unicast[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 5 };
	struct netdev_hw_addr *ha;
	int n = 0;

	dev_open(dev);
	priv->rx_modes = 0;
	assert_int_equal(dev_mc_add(dev, g1), 0);
	assert_int_equal(dev_mc_add(dev, g2), 0);
	assert_int_equal(dev_mc_add(dev, g1), 0);	/* a second user: counted */
	assert_int_equal(dev_mc_add(dev, unicast), -EINVAL);
	assert_int_equal(netdev_mc_count(dev), 2);
	assert_int_equal(priv->rx_modes, 2);
	assert_int_equal(priv->last_mc_count, 2);
	netdev_for_each_mc_addr(ha, dev)
		n++;
	assert_int_equal(n, 2);

	assert_int_equal(dev_mc_del(dev, g1), 0);	/* still one user */
	assert_int_equal(netdev_mc_count(dev), 2);
	assert_int_equal(dev_mc_del(dev, g1), 0);
	assert_int_equal(netdev_mc_count(dev), 1);
	assert_int_equal(priv->last_mc_count, 1);
	assert_int_equal(dev_mc_del(dev, g1), -ENOENT);

	assert_int_equal(dev_set_promiscuity(dev, 1), 0);
	assert_int_equal(dev_set_promiscuity(dev, 1), 0);
	assert_true(dev->flags & IFF_PROMISC);
	dev_set_promiscuity(dev, -1);
	assert_true(dev->flags & IFF_PROMISC);	/* one user left */
	dev_set_promiscuity(dev, -1);
	assert_false(dev->flags & IFF_PROMISC);
	assert_int_equal(dev_set_promiscuity(dev, -1), -EINVAL);
	dev_set_allmulti(dev, 1);
	assert_true(dev->flags & IFF_ALLMULTI);
	/* g2 is left on the list: unregister must free it (ASan leak check). */
}

static void test_mtu_mac_stats(void **state)
{
	static const u8 mac[ETH_ALEN] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };
	static const u8 mcast[ETH_ALEN] = { 0x01, 0x11, 0x22, 0x33, 0x44, 0x55 };
	struct net_device_stats s;

	assert_int_equal(dev->mtu, ETH_DATA_LEN);
	assert_int_equal(dev_set_mtu(dev, 9000), -EINVAL);
	assert_int_equal(dev_set_mtu(dev, 67), -EINVAL);
	assert_int_equal(dev_set_mtu(dev, 1400), 0);
	assert_int_equal(dev->mtu, 1400);
	assert_int_equal(dev_set_mac_address(dev, mac), 0);
	assert_memory_equal(dev->dev_addr, mac, ETH_ALEN);
	assert_int_equal(dev_set_mac_address(dev, mcast), -EINVAL);

	dev->stats.rx_packets = 7;
	dev->stats.rx_dropped = 1;
	dev->rx_dropped = 2;			/* the core's own drops */
	dev->rx_nohandler = 3;
	dev_get_stats(dev, &s);
	assert_int_equal(s.rx_packets, 7);
	assert_int_equal(s.rx_dropped, 3);
	assert_int_equal(s.rx_nohandler, 3);
}

static struct sk_buff *tx_skb(int tag)
{
	struct sk_buff *skb = netdev_alloc_skb(dev, 60);

	memset(skb_put(skb, 60), tag, 60);
	return skb;
}

static int sent_tag(int i)
{
	struct sk_buff *skb = skb_peek(&priv->sent);

	while (i-- && skb)
		skb = skb->next;
	return skb ? skb->data[0] : -1;
}

static void test_xmit_queue_state_and_busy(void **state)
{
	assert_int_equal(dev_queue_xmit(tx_skb(1)), NET_XMIT_DROP);	/* down */
	assert_int_equal(dev->tx_dropped, 1);
	dev_open(dev);
	netif_start_queue(dev);

	assert_int_equal(dev_queue_xmit(tx_skb(1)), NET_XMIT_SUCCESS);
	assert_int_equal(skb_queue_len(&priv->sent), 1);

	netif_stop_queue(dev);			/* the driver's ring is full */
	dev_queue_xmit(tx_skb(2));
	dev_queue_xmit(tx_skb(3));
	assert_int_equal(skb_queue_len(&priv->sent), 1);	/* they wait */
	assert_int_equal(skb_queue_len(&netdev_get_tx_queue(dev, 0)->fifo), 2);

	priv->busy_left = 1;			/* one refusal after the wake */
	netif_wake_queue(dev);			/* from poll: NET_TX reruns the queue */
	assert_true(softirq_pending());
	netcore_run_softirqs();
	assert_int_equal(skb_queue_len(&priv->sent), 3);
	assert_int_equal(skb_queue_len(&netdev_get_tx_queue(dev, 0)->fifo), 0);
	assert_int_equal(sent_tag(1), 2);	/* the refused one kept its place */
	assert_int_equal(sent_tag(2), 3);

	dev->tx_queue_len = 2;
	netif_stop_queue(dev);
	assert_int_equal(dev_queue_xmit(tx_skb(4)), NET_XMIT_SUCCESS);
	assert_int_equal(dev_queue_xmit(tx_skb(5)), NET_XMIT_SUCCESS);
	assert_int_equal(dev_queue_xmit(tx_skb(6)), NET_XMIT_DROP);	/* FIFO full */
	assert_int_equal(dev->tx_dropped, 2);
	dev_close(dev);				/* waiting frames are dropped */
	assert_int_equal(dev->tx_dropped, 4);
	assert_int_equal(skb_free_stats.dropped, 4);
}

static int frag_releases;
static void frag_release(void *arg) { frag_releases++; }

static void test_frags_linearized_for_non_sg_device(void **state)
{
	static char payload[] = "PAYLOAD";
	struct sk_buff *skb, *out;
	char buf[16] = { 0 };

	dev_open(dev);
	netif_start_queue(dev);
	for (int sg = 0; sg < 2; sg++) {
		dev->features = sg ? NETIF_F_SG : 0;
		skb = netdev_alloc_skb(dev, 16);
		memcpy(skb_put(skb, 4), "HDR:", 4);
		skb_add_frag(skb, payload, 7);
		skb_shinfo(skb)->frag_release = frag_release;
		skb->protocol = cpu_to_be16(ETH_P_IP);
		frag_releases = 0;
		assert_int_equal(dev_queue_xmit(skb), NET_XMIT_SUCCESS);
		out = skb_dequeue(&priv->sent);
		assert_int_equal(out->len, 11);
		assert_int_equal(skb_is_nonlinear(out), sg);
		assert_int_equal(out->protocol, cpu_to_be16(ETH_P_IP));
		assert_int_equal(skb_headroom(out), NET_SKB_PAD);
		skb_copy_bits(out, 0, buf, 11);
		assert_string_equal(buf, "HDR:PAYLOAD");
		/* Without SG the frags' owner is released at once (the copy has none). */
		assert_int_equal(frag_releases, sg ? 0 : 1);
		consume_skb(out);
		assert_int_equal(frag_releases, 1);
	}
}

static void test_completion_batching(void **state)
{
	struct sk_buff *a = tx_skb(1), *b = tx_skb(2), *c = tx_skb(3), *d = tx_skb(4);
	struct skb_pool_stats st;

	skb_get(c);
	irq_enter();				/* TX completion in a hard IRQ handler */
	dev_consume_skb_irq(a);
	dev_kfree_skb_irq(b);
	dev_consume_skb_any(c);			/* in_irq(): deferred too */
	skb_pool_get_stats(&st);
	assert_int_equal(st.in_use, 4);		/* nothing freed in hard IRQ */
	irq_exit();				/* NET_TX frees the batch */
	assert_int_equal(skb_free_stats.consumed, 1);
	assert_int_equal(skb_free_stats.dropped, 1);
	skb_pool_get_stats(&st);
	assert_int_equal(st.in_use, 2);		/* c had a second reference */
	consume_skb(c);
	dev_kfree_skb_any(d);			/* process context: freed at once */
	assert_int_equal(skb_free_stats.dropped, 2);
	assert_int_equal(skb_free_stats.consumed, 2);
}

static void test_watchdog_calls_tx_timeout_once_per_stall(void **state)
{
	dev->watchdog_timeo = 10;
	dev_open(dev);
	netif_start_queue(dev);
	netcore_ticks(50);			/* running queue: no timeout */
	assert_int_equal(priv->timeouts, 0);

	netif_stop_queue(dev);
	netcore_ticks(9);
	assert_int_equal(priv->timeouts, 0);	/* not yet past watchdog_timeo */
	netcore_ticks(25);
	assert_int_equal(priv->timeouts, 1);
	assert_int_equal(dev->tx_timeout_count, 1);
	assert_true(fake_console_has("NETDEV WATCHDOG: eth0"));
	netcore_ticks(200);			/* the same stall: not again */
	assert_int_equal(priv->timeouts, 1);

	netif_wake_queue(dev);			/* progress, then a new stall */
	netcore_run_softirqs();
	netif_stop_queue(dev);
	netcore_ticks(30);
	assert_int_equal(priv->timeouts, 2);

	netif_carrier_off(dev);			/* no link: a stopped queue is expected */
	netif_start_queue(dev);
	netif_stop_queue(dev);
	netcore_ticks(100);
	assert_int_equal(priv->timeouts, 2);
	netif_carrier_on(dev);
	dev_close(dev);
	assert_false(timer_pending(&dev->watchdog_timer));
}

/* A UDP/IPv4 frame of flow 'port' (its source port), data at the Ethernet header. */
static struct sk_buff *flow_skb(struct net_device *d, u16 port)
{
	struct sk_buff *skb = netdev_alloc_skb(d, 60);
	u8 *p = skb_put(skb, 60);

	memset(p, 0, 60);
	p[12] = 0x08;
	p[14] = 0x45;
	p[23] = 17;
	p[34] = (u8)(port >> 8);
	p[35] = (u8)port;
	return skb;
}

static struct net_device *new_mq_dev(unsigned int txqs)
{
	struct net_device *d = alloc_etherdev_mq(sizeof(struct fake_priv), txqs);
	struct fake_priv *p = netdev_priv(d);

	d->netdev_ops = &fake_ops;
	skb_queue_head_init(&p->sent);
	assert_int_equal(register_netdev(d), 0);
	dev_open(d);
	netif_tx_start_all_queues(d);
	return d;
}

/* Flows spread over the queues by hash, and each flow keeps its queue. */
static void test_multiqueue_flows_keep_their_queue(void **state)
{
	struct net_device *d = new_mq_dev(4);
	struct fake_priv *p = netdev_priv(d);
	u16 queue_of[64];

	assert_int_equal(d->num_tx_queues, 4);
	for (int round = 0; round < 3; round++) {
		for (u16 f = 0; f < 64; f++) {
			struct sk_buff *skb;

			assert_int_equal(dev_queue_xmit(flow_skb(d, 1000 + f)), NET_XMIT_SUCCESS);
			skb = skb_dequeue(&p->sent);
			if (!round)
				queue_of[f] = skb_get_queue_mapping(skb);
			assert_int_equal(skb_get_queue_mapping(skb), queue_of[f]);
			consume_skb(skb);
		}
	}
	for (int q = 0; q < 4; q++)
		assert_true(p->sent_on[q] > 0);
	/* Not IP: no flow, queue 0. */
	memset(p->sent_on, 0, sizeof(p->sent_on));
	for (u16 i = 0; i < 8; i++) {
		struct sk_buff *skb = netdev_alloc_skb(d, 60);

		memset(skb_put(skb, 60), 9 + i, 60);
		dev_queue_xmit(skb);
	}
	assert_int_equal(p->sent_on[0], 8);
	skb_queue_purge(&p->sent);
	/* Fewer queues in use: the pick stays inside them. */
	assert_int_equal(netif_set_real_num_tx_queues(d, 0), -EINVAL);
	assert_int_equal(netif_set_real_num_tx_queues(d, 5), -EINVAL);
	assert_int_equal(netif_set_real_num_tx_queues(d, 1), 0);
	for (u16 f = 0; f < 64; f++)
		dev_queue_xmit(flow_skb(d, 1000 + f));
	assert_int_equal(p->sent_on[0], 8 + 64);
	del_dev(d);
}

/*
 * One stopped queue holds only its own flows: the others go on. Waking it
 * sends what waited, in order; stalled too long, the watchdog names it.
 */
static void test_multiqueue_stop_is_per_queue(void **state)
{
	struct net_device *d = new_mq_dev(2);
	struct fake_priv *p = netdev_priv(d);
	struct netdev_queue *q1 = netdev_get_tx_queue(d, 1);
	u16 on0 = 0, on1 = 0;

	/* One flow for each queue. */
	for (u16 f = 1; !on0 || !on1; f++) {
		struct sk_buff *skb = flow_skb(d, f);

		if (netdev_pick_tx(d, skb))
			on1 = on1 ? on1 : f;
		else
			on0 = on0 ? on0 : f;
		kfree_skb(skb);
	}
	netif_tx_stop_queue(q1);
	assert_true(netif_tx_queue_stopped(q1));
	assert_false(netif_queue_stopped(d));	/* queue 0 */
	dev_queue_xmit(flow_skb(d, on1));
	dev_queue_xmit(flow_skb(d, on1));
	dev_queue_xmit(flow_skb(d, on0));
	assert_int_equal(skb_queue_len(&p->sent), 1);
	assert_int_equal(skb_queue_len(&q1->fifo), 2);
	assert_int_equal(netdev_tx_backlog(d), 2);

	netif_tx_wake_queue(q1);
	netcore_run_softirqs();
	assert_int_equal(skb_queue_len(&p->sent), 3);
	assert_int_equal(p->sent_on[1], 2);

	d->watchdog_timeo = 10;
	dev_close(d);
	dev_open(d);				/* the watchdog starts with the device */
	netif_tx_start_all_queues(d);
	netif_tx_stop_queue(q1);
	netcore_ticks(30);
	assert_int_equal(p->timeouts, 1);
	assert_int_equal(p->last_timeout_queue, 1);
	assert_true(fake_console_has("transmit queue 1 timed out"));
	/* Down: what waits on every queue is dropped and counted. */
	dev_queue_xmit(flow_skb(d, on1));
	d->tx_dropped = 0;
	dev_close(d);
	assert_int_equal(d->tx_dropped, 1);
	del_dev(d);
}

static void test_unregister_while_scheduled_for_tx(void **state)
{
	struct net_device *d = new_dev();

	assert_int_equal(register_netdev(d), 0);
	dev_open(d);
	netif_stop_queue(d);
	dev_close(d);
	netif_wake_queue(d);			/* a late wake: on the TX run list */
	assert_true(softirq_pending());
	local_bh_disable();			/* so NET_TX runs only after the free */
	del_dev(d);				/* must take it off that list */
	local_bh_enable();			/* ASan: nothing touches the freed device */
	assert_false(softirq_pending());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_names_indexes_lookup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_carrier_before_register_is_silent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_close_and_notifiers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multicast_and_rx_mode, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mtu_mac_stats, setup, teardown),
		cmocka_unit_test_setup_teardown(test_xmit_queue_state_and_busy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_frags_linearized_for_non_sg_device, setup, teardown),
		cmocka_unit_test_setup_teardown(test_completion_batching, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unregister_while_scheduled_for_tx, setup, teardown),
		cmocka_unit_test_setup_teardown(test_watchdog_calls_tx_timeout_once_per_stall, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multiqueue_flows_keep_their_queue, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multiqueue_stop_is_per_queue, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
