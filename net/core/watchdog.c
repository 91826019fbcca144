/*
 * The TX watchdog (Linux's dev_watchdog): a kernel timer per device that
 * notices a transmit queue stopped for longer than watchdog_timeo with no
 * completion in between (a hung ring), logs it, counts it, and calls the
 * driver's ndo_tx_timeout() once for that stall so it can reset.
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
	u64 stalled = jiffies - READ_ONCE(dev->trans_start);

	if (!(dev->flags & IFF_UP) || !netif_device_present(dev))
		return;
	if (netif_carrier_ok(dev) && netif_queue_stopped(dev) && !dev->watchdog_fired &&
	    time_after(jiffies, dev->trans_start + dev->watchdog_timeo)) {
		dev->watchdog_fired = true;
		dev->tx_timeout_count++;
		pr_err("NETDEV WATCHDOG: %s: transmit queue timed out, stopped %llu ms\n",
		       dev->name, (unsigned long long)jiffies_to_msecs(stalled));
		dev->netdev_ops->ndo_tx_timeout(dev);
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
