/*
 * Receive: netif_rx() (the non-NAPI drivers' backlog) and netif_receive_skb() (delivery
 * to packet taps and protocol handlers), and the core's boot-time setup.
 * Transmit is in dev_xmit.c.
 */
#define pr_fmt(fmt) "net: " fmt

#include <net/core/netdevice.h>
#include <net/core/dev_internal.h>
#include <net/core/ethernet.h>
#include <net/core/skb_pool.h>
#include <net/core/trace.h>
#include <lib/errno.h>
#include <lib/initcall.h>
#include <lib/ktime.h>
#include <lib/params.h>
#include <lib/printk.h>
#include <lib/softirq.h>

int netdev_max_backlog = 1000;
core_param(netdev_max_backlog, netdev_max_backlog, int, 0644);

static LIST_HEAD(ptype_all);	/* taps: every packet */
static LIST_HEAD(ptype_base);	/* protocol handlers, by type */

/* Lists change with bottom halves off, so net_rx_action never sees half an edit. */
void dev_add_pack(struct packet_type *pt)
{
	local_bh_disable();
	if (pt->type == cpu_to_be16(ETH_P_ALL))
		list_add_tail(&pt->list, &ptype_all);
	else
		list_add_tail(&pt->list, &ptype_base);
	local_bh_enable();
}

void dev_remove_pack(struct packet_type *pt)
{
	local_bh_disable();
	list_del_init(&pt->list);
	local_bh_enable();
}

/*
 * Linux's classic netif_rx(): from the top half, queue to this CPU's backlog and
 * let NET_RX_SOFTIRQ deliver. The first packet into an empty queue schedules
 * the backlog napi. Queued while qlen <= netdev_max_backlog, so the queue
 * holds at most netdev_max_backlog + 1; past that, dropped and counted.
 */
int netif_rx(struct sk_buff *skb)
{
	/* LAB backlog: BEGIN return NET_RX_DROP */
	/* LAB backlog: HINT this_cpu_softnet()->input_pkt_queue, under its irq-safe lock (the top half calls this) */
	/* LAB backlog: HINT queue while the length is <= netdev_max_backlog, else count sd->dropped and free the skb */
	/* LAB backlog: HINT the first skb into an empty queue schedules sd->backlog (napi_schedule_prep + __napi_schedule) */
	/* LAB backlog: STUB kfree_skb(skb); */
	struct softnet_data *sd = this_cpu_softnet();
	unsigned long flags;
	u32 qlen;

	trace_rx("netif_rx", skb);
	if (!skb->tstamp)
		skb->tstamp = ktime_get_ns();
	spin_lock_irqsave(&sd->input_pkt_queue.lock, flags);
	qlen = skb_queue_len(&sd->input_pkt_queue);
	if ((s64)qlen <= (s64)READ_ONCE(netdev_max_backlog)) {
		if (!qlen && napi_schedule_prep(&sd->backlog))
			__napi_schedule(&sd->backlog);
		__skb_queue_tail(&sd->input_pkt_queue, skb);
		spin_unlock_irqrestore(&sd->input_pkt_queue.lock, flags);
		return NET_RX_SUCCESS;
	}
	sd->dropped++;
	spin_unlock_irqrestore(&sd->input_pkt_queue.lock, flags);
	kfree_skb(skb);
	return NET_RX_DROP;
	/* LAB backlog: END */
}

static bool ptype_matches(const struct packet_type *pt, const struct sk_buff *skb)
{
	return !pt->dev || pt->dev == skb->dev;
}

/*
 * Taps get a shared reference each (read-only: skb_get()); the protocol
 * handler(s) then get the skb, the last one the caller's own reference.
 * A packet no handler wants is counted in rx_nohandler and freed.
 */
static int deliver_skb(struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;
	struct packet_type *pt, *last = NULL;

	list_for_each_entry(pt, &ptype_all, list)
		if (ptype_matches(pt, skb))
			pt->func(skb_get(skb), dev, pt, dev);

	if (dev->rx_handler && dev->rx_handler(&skb) == RX_HANDLER_CONSUMED)
		return NET_RX_SUCCESS;

	list_for_each_entry(pt, &ptype_base, list) {
		if (pt->type != skb->protocol || !ptype_matches(pt, skb))
			continue;
		if (last)
			last->func(skb_get(skb), dev, last, dev);
		last = pt;
	}
	if (last)
		return last->func(skb, dev, last, dev);
	dev->rx_nohandler++;
	kfree_skb(skb);
	return NET_RX_DROP;
}

void netif_receive_skb_core(struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;

	trace_rx("netif_receive_skb", skb);
	this_cpu_softnet()->processed++;
	if (!dev) {
		kfree_skb(skb);
		return;
	}
	if (!(dev->flags & IFF_UP)) {
		dev->rx_dropped++;
		kfree_skb(skb);
		return;
	}
	if (!skb->tstamp)
		skb->tstamp = ktime_get_ns();
	if (!skb_network_header_was_set(skb))
		skb_reset_network_header(skb);
	if (!skb_transport_header_was_set(skb))
		skb_reset_transport_header(skb);
	deliver_skb(skb);
}

int netdev_rx_handler_register(struct net_device *dev, rx_handler_func_t *handler, void *data)
{
	if (dev->rx_handler)
		return -EBUSY;
	dev->rx_handler_data = data;
	dev->rx_handler = handler;
	return 0;
}

void netdev_rx_handler_unregister(struct net_device *dev)
{
	dev->rx_handler = NULL;
	dev->rx_handler_data = NULL;
}

/* From a NAPI poll (softirq): deliver now, no queueing. */
int netif_receive_skb(struct sk_buff *skb)
{
	netif_receive_skb_core(skb);
	return NET_RX_SUCCESS;
}

/* An unregistering device's packets still in the backlog are dropped. */
void dev_flush_backlog(struct net_device *dev)
{
	struct softnet_data *sd = this_cpu_softnet();
	struct sk_buff_head doomed;
	struct sk_buff *skb, *tmp;
	unsigned long flags;

	__skb_queue_head_init(&doomed);
	spin_lock_irqsave(&sd->input_pkt_queue.lock, flags);
	skb_queue_walk_safe(&sd->input_pkt_queue, skb, tmp) {
		if (skb->dev == dev) {
			__skb_unlink(skb, &sd->input_pkt_queue);
			__skb_queue_tail(&doomed, skb);
		}
	}
	spin_unlock_irqrestore(&sd->input_pkt_queue.lock, flags);
	__skb_queue_purge(&doomed);
}

int net_dev_init(void)
{
	unsigned int nr = skb_pool_param ? skb_pool_param : skb_pool_default_size();
	int err = skb_pool_init(nr);

	if (err)
		return err;
	softnet_init();
	pr_info("skb pool %u, netdev_budget %d / %u us, netdev_max_backlog %d\n",
		nr, netdev_budget, netdev_budget_usecs, netdev_max_backlog);
	return 0;
}
subsys_initcall(net_dev_init);
