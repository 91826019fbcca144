/*
 * Transmit: dev_queue_xmit() in front of ndo_start_xmit(), the TX queue
 * state the driver controls, and NET_TX_SOFTIRQ, which reruns woken queues
 * and frees skbs that were released where freeing was not allowed.
 *
 * Each TX queue of a device has a small FIFO in front of the driver's ring
 * (Linux's pfifo qdisc, tx_queue_len deep): a stopped or busy driver makes
 * packets wait there, not vanish, and a full FIFO is a counted drop
 * (tx_dropped). A packet's queue is chosen by its flow hash.
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

static void netif_tx_schedule(struct netdev_queue *txq)
{
	struct softnet_data *sd = this_cpu_softnet();
	unsigned long flags;

	if (__atomic_fetch_or(&txq->state, BIT(__QUEUE_STATE_SCHED), __ATOMIC_ACQ_REL) &
	    BIT(__QUEUE_STATE_SCHED))
		return;
	local_irq_save(flags);
	list_add_tail(&txq->output_list, &sd->output_queue);
	raise_softirq_irqoff(NET_TX_SOFTIRQ);
	local_irq_restore(flags);
}

void txq_trans_update(struct netdev_queue *txq)
{
	WRITE_ONCE(txq->trans_start, jiffies);
	WRITE_ONCE(txq->watchdog_fired, false);
}

void netif_tx_start_queue(struct netdev_queue *txq)
{
	__atomic_and_fetch(&txq->state, ~BIT(__QUEUE_STATE_DRV_XOFF), __ATOMIC_RELEASE);
	WRITE_ONCE(txq->watchdog_fired, false);
}

/* The stall the watchdog measures starts when the queue stops. */
void netif_tx_stop_queue(struct netdev_queue *txq)
{
	if (!(__atomic_fetch_or(&txq->state, BIT(__QUEUE_STATE_DRV_XOFF), __ATOMIC_ACQ_REL) &
	      BIT(__QUEUE_STATE_DRV_XOFF)))
		WRITE_ONCE(txq->trans_start, jiffies);
}

void netif_tx_wake_queue(struct netdev_queue *txq)
{
	if (!(__atomic_fetch_and(&txq->state, ~BIT(__QUEUE_STATE_DRV_XOFF), __ATOMIC_ACQ_REL) &
	      BIT(__QUEUE_STATE_DRV_XOFF)))
		return;
	txq_trans_update(txq);
	netif_tx_schedule(txq);
}

void netif_tx_start_all_queues(struct net_device *dev)
{
	for (unsigned int i = 0; i < dev->num_tx_queues; i++)
		netif_tx_start_queue(netdev_get_tx_queue(dev, i));
}

void netif_tx_stop_all_queues(struct net_device *dev)
{
	for (unsigned int i = 0; i < dev->num_tx_queues; i++)
		netif_tx_stop_queue(netdev_get_tx_queue(dev, i));
}

void netif_tx_wake_all_queues(struct net_device *dev)
{
	for (unsigned int i = 0; i < dev->num_tx_queues; i++)
		netif_tx_wake_queue(netdev_get_tx_queue(dev, i));
}

unsigned int netdev_tx_backlog(const struct net_device *dev)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < dev->num_tx_queues; i++)
		n += skb_queue_len(&netdev_get_tx_queue(dev, i)->fifo);
	return n;
}

/* Feeds the driver from one queue's FIFO until it stops or the FIFO is empty. */
static void qdisc_run(struct netdev_queue *txq)
{
	struct net_device *dev = txq->dev;
	const struct net_device_ops *ops = dev->netdev_ops;
	int quota = DEV_TX_WEIGHT;
	struct sk_buff *skb;

	/* A handler called from inside ndo_start_xmit may transmit too: queue only. */
	if (txq->xmit_running)
		return;
	txq->xmit_running = true;
	while (!netif_tx_queue_stopped(txq) && (dev->flags & IFF_UP)) {
		if (quota-- == 0) {
			netif_tx_schedule(txq);
			break;
		}
		skb = skb_dequeue(&txq->fifo);
		if (!skb)
			break;
		if (ops->ndo_start_xmit(skb, dev) != NETDEV_TX_BUSY) {
			WRITE_ONCE(txq->trans_start, jiffies);
			continue;
		}
		/* Still ours. A driver that says busy without stopping is retried later. */
		skb_queue_head(&txq->fifo, skb);
		if (!netif_tx_queue_stopped(txq))
			netif_tx_schedule(txq);
		break;
	}
	txq->xmit_running = false;
}

u16 netdev_pick_tx(struct net_device *dev, struct sk_buff *skb)
{
	u32 n = dev->real_num_tx_queues;

	if (n <= 1)
		return 0;
	/* Linux's reciprocal_scale(): the hash's top bits pick, without a division. */
	return (u16)(((u64)skb_get_hash(skb) * n) >> 32);
}

static int dev_queue_xmit_one(struct net_device *dev, struct sk_buff *skb)
{
	struct netdev_queue *txq;
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
	skb_set_queue_mapping(skb, netdev_pick_tx(dev, skb));
	txq = netdev_get_tx_queue(dev, skb_get_queue_mapping(skb));
	local_bh_disable();
	if (!(dev->flags & IFF_UP) || !netif_device_present(dev) ||
	    skb_queue_len(&txq->fifo) >= max(dev->tx_queue_len, 1u)) {
		dev->tx_dropped++;
		kfree_skb(skb);
		rc = NET_XMIT_DROP;
	} else {
		skb_queue_tail(&txq->fifo, skb);
		qdisc_run(txq);
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

/* Device going down: what waits in its FIFOs is dropped and counted. */
void dev_deactivate(struct net_device *dev)
{
	for (unsigned int i = 0; i < dev->num_tx_queues; i++) {
		struct netdev_queue *txq = netdev_get_tx_queue(dev, i);
		unsigned long flags;
		struct sk_buff *skb;

		local_irq_save(flags);
		if (txq->state & BIT(__QUEUE_STATE_SCHED)) {
			list_del_init(&txq->output_list);
			txq->state &= ~BIT(__QUEUE_STATE_SCHED);
		}
		local_irq_restore(flags);
		while ((skb = skb_dequeue(&txq->fifo)) != NULL) {
			dev->tx_dropped++;
			kfree_skb(skb);
		}
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
		struct netdev_queue *txq = list_first_entry(&sd->output_queue,
							    struct netdev_queue, output_list);

		list_del_init(&txq->output_list);
		__atomic_and_fetch(&txq->state, ~BIT(__QUEUE_STATE_SCHED), __ATOMIC_RELEASE);
		local_irq_restore(flags);
		qdisc_run(txq);
		local_irq_save(flags);
	}
	local_irq_restore(flags);
}
