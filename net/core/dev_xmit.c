/*
 * Transmit: dev_queue_xmit() in front of ndo_start_xmit(), the TX queue
 * state the driver controls, and NET_TX_SOFTIRQ, which reruns woken queues
 * and frees skbs that were released where freeing was not allowed.
 *
 * Each device has a small FIFO in front of the driver (Linux's pfifo qdisc,
 * tx_queue_len deep): a stopped or busy driver makes packets wait there,
 * not vanish, and a full FIFO is a counted drop (tx_dropped).
 */
#define pr_fmt(fmt) "net: " fmt

#include <net/core/netdevice.h>
#include <net/core/dev_internal.h>
#include <lib/printk.h>
#include <lib/softirq.h>

/* Packets per device per run, so one busy device cannot starve the rest. */
#define DEV_TX_WEIGHT	64

/* Why an skb sits on the completion queue (kept in its cb). */
struct free_cb {
	bool drop;
};

static void netif_schedule(struct net_device *dev)
{
	struct softnet_data *sd = this_cpu_softnet();
	unsigned long flags;

	if (__atomic_fetch_or(&dev->state, BIT(__LINK_STATE_SCHED), __ATOMIC_ACQ_REL) &
	    BIT(__LINK_STATE_SCHED))
		return;
	local_irq_save(flags);
	list_add_tail(&dev->output_list, &sd->output_queue);
	raise_softirq_irqoff(NET_TX_SOFTIRQ);
	local_irq_restore(flags);
}

void netif_trans_update(struct net_device *dev)
{
	WRITE_ONCE(dev->trans_start, jiffies);
	WRITE_ONCE(dev->watchdog_fired, false);
}

void netif_start_queue(struct net_device *dev)
{
	__atomic_and_fetch(&dev->state, ~BIT(__LINK_STATE_XOFF), __ATOMIC_RELEASE);
	WRITE_ONCE(dev->watchdog_fired, false);
}

/* The stall the watchdog measures starts when the queue stops. */
void netif_stop_queue(struct net_device *dev)
{
	if (!(__atomic_fetch_or(&dev->state, BIT(__LINK_STATE_XOFF), __ATOMIC_ACQ_REL) &
	      BIT(__LINK_STATE_XOFF)))
		WRITE_ONCE(dev->trans_start, jiffies);
}

void netif_wake_queue(struct net_device *dev)
{
	if (!(__atomic_fetch_and(&dev->state, ~BIT(__LINK_STATE_XOFF), __ATOMIC_ACQ_REL) &
	      BIT(__LINK_STATE_XOFF)))
		return;
	netif_trans_update(dev);
	netif_schedule(dev);
}

/* Feeds the driver from the device's FIFO until it stops or the FIFO is empty. */
static void qdisc_run(struct net_device *dev)
{
	const struct net_device_ops *ops = dev->netdev_ops;
	int quota = DEV_TX_WEIGHT;
	struct sk_buff *skb;

	/* A handler called from inside ndo_start_xmit may transmit too: queue only. */
	if (dev->xmit_running)
		return;
	dev->xmit_running = true;
	while (!netif_queue_stopped(dev) && (dev->flags & IFF_UP)) {
		if (quota-- == 0) {
			netif_schedule(dev);
			break;
		}
		skb = skb_dequeue(&dev->tx_queue);
		if (!skb)
			break;
		if (ops->ndo_start_xmit(skb, dev) != NETDEV_TX_BUSY) {
			WRITE_ONCE(dev->trans_start, jiffies);
			continue;
		}
		/* Still ours. A driver that says busy without stopping is retried later. */
		skb_queue_head(&dev->tx_queue, skb);
		if (!netif_queue_stopped(dev))
			netif_schedule(dev);
		break;
	}
	dev->xmit_running = false;
}

static int dev_queue_xmit_one(struct net_device *dev, struct sk_buff *skb)
{
	int rc = NET_XMIT_SUCCESS;

	/* Frags for a device that cannot gather: one linear copy (Linux linearizes too). */
	if (skb_is_nonlinear(skb) && !(dev->features & NETIF_F_SG)) {
		struct sk_buff *lin = skb_copy(skb, GFP_ATOMIC);

		consume_skb(skb);
		if (!lin) {
			dev->tx_dropped++;
			return NET_XMIT_DROP;
		}
		skb = lin;
	}
	local_bh_disable();
	if (!(dev->flags & IFF_UP) || !netif_device_present(dev) ||
	    skb_queue_len(&dev->tx_queue) >= max(dev->tx_queue_len, 1u)) {
		dev->tx_dropped++;
		kfree_skb(skb);
		rc = NET_XMIT_DROP;
	} else {
		skb_queue_tail(&dev->tx_queue, skb);
		qdisc_run(dev);
	}
	local_bh_enable();
	return rc;
}

/* A large TCP segment the device cannot cut: cut here, then each frame goes on. */
static int dev_queue_xmit_gso(struct net_device *dev, struct sk_buff *skb)
{
	struct sk_buff_head segs;
	struct sk_buff *seg;
	int rc = NET_XMIT_SUCCESS;

	if (skb_gso_segment(skb, dev->features, &segs)) {
		dev->tx_dropped++;
		kfree_skb(skb);
		return NET_XMIT_DROP;
	}
	consume_skb(skb);
	while ((seg = __skb_dequeue(&segs)))
		if (dev_queue_xmit_one(dev, seg) != NET_XMIT_SUCCESS)
			rc = NET_XMIT_DROP;
	return rc;
}

int dev_queue_xmit(struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;

	if (!dev) {
		kfree_skb(skb);
		return NET_XMIT_DROP;
	}
	/* A device doing TSO rewrites the headers (lengths, checksum seed): a
	 * cloned skb, whose data someone else still reads, is cut here instead. */
	if (skb_is_gso(skb) && (!netif_gso_ok(skb, dev->features) || skb_cloned(skb)))
		return dev_queue_xmit_gso(dev, skb);
	return dev_queue_xmit_one(dev, skb);
}

/* Device going down: what waits in its FIFO is dropped and counted. */
void dev_deactivate(struct net_device *dev)
{
	unsigned long flags;
	struct sk_buff *skb;

	local_irq_save(flags);
	if (dev->state & BIT(__LINK_STATE_SCHED)) {
		list_del_init(&dev->output_list);
		dev->state &= ~BIT(__LINK_STATE_SCHED);
	}
	local_irq_restore(flags);
	while ((skb = skb_dequeue(&dev->tx_queue)) != NULL) {
		dev->tx_dropped++;
		kfree_skb(skb);
	}
}

/*
 * Hard IRQ may not run destructors (they reach lwIP), so an skb released
 * there is parked and freed by NET_TX_SOFTIRQ, in batches.
 */
static void dev_free_skb_irq(struct sk_buff *skb, bool drop)
{
	struct softnet_data *sd = this_cpu_softnet();
	unsigned long flags;

	if (!skb || __atomic_sub_fetch(&skb->users, 1, __ATOMIC_ACQ_REL))
		return;
	((struct free_cb *)skb->cb)->drop = drop;
	spin_lock_irqsave(&sd->completion_queue.lock, flags);
	__skb_queue_tail(&sd->completion_queue, skb);
	raise_softirq_irqoff(NET_TX_SOFTIRQ);
	spin_unlock_irqrestore(&sd->completion_queue.lock, flags);
}

void dev_kfree_skb_irq(struct sk_buff *skb) { dev_free_skb_irq(skb, true); }
void dev_consume_skb_irq(struct sk_buff *skb) { dev_free_skb_irq(skb, false); }

void dev_kfree_skb_any(struct sk_buff *skb)
{
	if (in_irq() || irqs_disabled())
		dev_kfree_skb_irq(skb);
	else
		kfree_skb(skb);
}

void dev_consume_skb_any(struct sk_buff *skb)
{
	if (in_irq() || irqs_disabled())
		dev_consume_skb_irq(skb);
	else
		consume_skb(skb);
}

void net_tx_action(void)
{
	struct softnet_data *sd = this_cpu_softnet();
	struct sk_buff_head done;
	struct sk_buff *skb;
	unsigned long flags;
	LIST_HEAD(devs);

	__skb_queue_head_init(&done);
	spin_lock_irqsave(&sd->completion_queue.lock, flags);
	__skb_queue_splice_tail_init(&sd->completion_queue, &done);
	spin_unlock_irqrestore(&sd->completion_queue.lock, flags);
	while ((skb = __skb_dequeue(&done)) != NULL)
		__kfree_skb_counted(skb, ((struct free_cb *)skb->cb)->drop);

	local_irq_save(flags);
	while (!list_empty(&sd->output_queue)) {
		struct net_device *dev = list_first_entry(&sd->output_queue,
							  struct net_device, output_list);

		list_del_init(&dev->output_list);
		__atomic_and_fetch(&dev->state, ~BIT(__LINK_STATE_SCHED), __ATOMIC_RELEASE);
		local_irq_restore(flags);
		qdisc_run(dev);
		local_irq_save(flags);
	}
	local_irq_restore(flags);
}
