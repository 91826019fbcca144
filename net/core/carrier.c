/*
 * Carrier state and the netdevice notifier chain. The protocol glue listens
 * here (link up: start DHCP; link down: mark the netif down), so the core
 * never needs to know who is listening.
 */
#define pr_fmt(fmt) "netdev: " fmt

#include <net/core/netdevice.h>
#include <lib/errno.h>
#include <lib/printk.h>

static struct notifier_block *netdev_chain;

int register_netdevice_notifier(struct notifier_block *nb)
{
	struct notifier_block *p;

	for (p = netdev_chain; p; p = p->next)
		if (p == nb)
			return -EEXIST;
	nb->next = netdev_chain;
	netdev_chain = nb;
	return 0;
}

int unregister_netdevice_notifier(struct notifier_block *nb)
{
	struct notifier_block **pp;

	for (pp = &netdev_chain; *pp; pp = &(*pp)->next) {
		if (*pp == nb) {
			*pp = nb->next;
			return 0;
		}
	}
	return -ENOENT;
}

void call_netdevice_notifiers(unsigned long event, struct net_device *dev)
{
	struct notifier_block *nb, *next;

	/* next is read first so a callback may unregister itself. */
	for (nb = netdev_chain; nb; nb = next) {
		next = nb->next;
		nb->notifier_call(nb, event, dev);
	}
}

void netif_carrier_on(struct net_device *dev)
{
	if (!(__atomic_fetch_and(&dev->state, ~BIT(__LINK_STATE_NOCARRIER), __ATOMIC_ACQ_REL) &
	      BIT(__LINK_STATE_NOCARRIER)))
		return;
	dev->carrier_up_count++;
	if (dev->flags & IFF_UP) {
		dev->flags |= IFF_RUNNING;
		dev_watchdog_up(dev);
	}
	/* Before register_netdev() (a driver's probe sets its initial state) the
	 * device has no name and nobody to tell, as in Linux. */
	if (!netif_device_present(dev))
		return;
	pr_info("%s: carrier on\n", dev->name);
	call_netdevice_notifiers(NETDEV_CHANGE, dev);
}

void netif_carrier_off(struct net_device *dev)
{
	if (__atomic_fetch_or(&dev->state, BIT(__LINK_STATE_NOCARRIER), __ATOMIC_ACQ_REL) &
	    BIT(__LINK_STATE_NOCARRIER))
		return;	/* already off */
	dev->carrier_down_count++;
	dev->flags &= ~IFF_RUNNING;
	if (!netif_device_present(dev))
		return;
	pr_info("%s: carrier off\n", dev->name);
	call_netdevice_notifiers(NETDEV_CHANGE, dev);
}

/*
 * A driver's link check: sets the carrier to what the hardware reports and
 * logs a change the way Linux drivers do next to netif_carrier_on() (their
 * netdev_info "Link is Up 1000 Mbps Full Duplex"), with the speed and duplex
 * from the driver's get_link_ksettings; fc, when not NULL, names the flow
 * control the link resolved. Returns true when the carrier changed.
 */
bool netif_carrier_update(struct net_device *dev, bool up, const char *fc)
{
	struct ethtool_link_ksettings ks;

	if (up == netif_carrier_ok(dev))
		return false;
	if (up) {
		__ethtool_get_link_ksettings(dev, &ks);
		printk(KERN_INFO "%s: link up, %d Mbps %s duplex%s%s\n", dev->name, ks.base.speed,
		       ks.base.duplex == DUPLEX_FULL ? "full" : "half", fc ? ", flow control " : "",
		       fc ? fc : "");
		netif_carrier_on(dev);
	} else {
		printk(KERN_INFO "%s: link down\n", dev->name);
		netif_carrier_off(dev);
	}
	return true;
}
