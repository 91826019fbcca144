/*
 * The TX watchdog (Linux's dev_watchdog): a kernel timer per device that
 * notices a transmit queue stopped for longer than watchdog_timeo with no
 * completion in between (a hung ring), logs it, counts it, and calls the
 * driver's ndo_tx_timeout() with that queue, once for that stall, so it
 * can reset.
 */
#define pr_fmt(fmt) "netdev: " fmt

#include <net/core/netdevice.h>
#include <net/core/dev_internal.h>
#include <lib/printk.h>

/* Linux's default when a driver sets none. */
#define DEFAULT_WATCHDOG_TIMEO	(5 * HZ)

static void dev_watchdog(struct timer_list *t)
{
	struct net_device *dev = from_timer(dev, t, watchdog_timer);

	if (!(dev->flags & IFF_UP) || !netif_device_present(dev))
		return;
	for (unsigned int i = 0; netif_carrier_ok(dev) && i < dev->real_num_tx_queues; i++) {
		struct netdev_queue *txq = netdev_get_tx_queue(dev, i);
		u64 stalled = jiffies - READ_ONCE(txq->trans_start);

		if (!netif_tx_queue_stopped(txq) || txq->watchdog_fired ||
		    !time_after(jiffies, txq->trans_start + dev->watchdog_timeo))
			continue;
		txq->watchdog_fired = true;
		dev->tx_timeout_count++;
		pr_err("NETDEV WATCHDOG: %s: transmit queue %u timed out, stopped %llu ms\n",
		       dev->name, i, (unsigned long long)jiffies_to_msecs(stalled));
		/* One call per watchdog run: the driver's reset restarts every queue. */
		dev->netdev_ops->ndo_tx_timeout(dev, i);
		break;
	}
	mod_timer(&dev->watchdog_timer, jiffies + dev->watchdog_timeo);
}

void dev_watchdog_init(struct net_device *dev)
{
	timer_setup(&dev->watchdog_timer, dev_watchdog, 0);
}

void dev_watchdog_up(struct net_device *dev)
{
	if (!dev->netdev_ops->ndo_tx_timeout)
		return;
	if (!dev->watchdog_timeo)
		dev->watchdog_timeo = DEFAULT_WATCHDOG_TIMEO;
	if (!timer_pending(&dev->watchdog_timer))
		mod_timer(&dev->watchdog_timer, jiffies + dev->watchdog_timeo);
}

void dev_watchdog_down(struct net_device *dev)
{
	del_timer(&dev->watchdog_timer);
}
