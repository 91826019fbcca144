/*
 * The net_device registry: allocation, names and indexes, up and down.
 * Called from process context (probe, the shell), never from an interrupt.
 */
#define pr_fmt(fmt) "netdev: " fmt

#include <net/core/netdevice.h>
#include <net/core/dev_internal.h>
#include <lib/errno.h>
#include <lib/kmalloc.h>
#include <lib/printk.h>
#include <lib/softirq.h>
#include <lib/string.h>

LIST_HEAD(net_device_list);
static int last_ifindex;

struct net_device *alloc_netdev_mqs(size_t sizeof_priv, const char *name,
				    void (*setup)(struct net_device *dev), unsigned int txqs)
{
	size_t size = ALIGN(sizeof(struct net_device), NETDEV_ALIGN) + sizeof_priv;
	struct net_device *dev;

	if (!txqs) {
		pr_err("%s: a device needs at least one TX queue\n", name);
		return NULL;
	}
	dev = kzalloc(size, GFP_KERNEL);
	if (!dev)
		return NULL;
	dev->_tx = kzalloc(txqs * sizeof(*dev->_tx), GFP_KERNEL);
	if (!dev->_tx) {
		kfree(dev);
		return NULL;
	}
	dev->num_tx_queues = dev->real_num_tx_queues = txqs;
	for (unsigned int i = 0; i < txqs; i++) {
		struct netdev_queue *txq = &dev->_tx[i];

		txq->dev = dev;
		txq->index = i;
		skb_queue_head_init(&txq->fifo);
		INIT_LIST_HEAD(&txq->output_list);
	}
	strlcpy(dev->name, name, IFNAMSIZ);
	INIT_LIST_HEAD(&dev->dev_list);
	INIT_LIST_HEAD(&dev->mc_list);
	INIT_LIST_HEAD(&dev->napi_list);
	dev->priv_size = sizeof_priv;
	if (setup)
		setup(dev);
	return dev;
}

void free_netdev(struct net_device *dev)
{
	if (!dev)
		return;
	if (netif_device_present(dev)) {
		pr_err("%s: freed while registered, leaked instead\n", dev->name);
		return;
	}
	kfree(dev->_tx);
	kfree(dev);
}

int netif_set_real_num_tx_queues(struct net_device *dev, unsigned int txq)
{
	if (!txq || txq > dev->num_tx_queues) {
		pr_err("%s: %u TX queues refused (%u allocated)\n", dev->name, txq,
		       dev->num_tx_queues);
		return -EINVAL;
	}
	dev->real_num_tx_queues = txq;
	return 0;
}

struct net_device *dev_get_by_name(const char *name)
{
	struct net_device *dev;

	for_each_netdev(dev)
		if (!strcmp(dev->name, name))
			return dev;
	return NULL;
}

struct net_device *dev_get_by_index(int ifindex)
{
	struct net_device *dev;

	for_each_netdev(dev)
		if (dev->ifindex == ifindex)
			return dev;
	return NULL;
}

/* "eth%d" -> the lowest eth<N> not taken, as Linux's dev_alloc_name(). */
static int dev_alloc_name(struct net_device *dev)
{
	char tmpl[IFNAMSIZ], name[IFNAMSIZ];
	const char *pct = strchr(dev->name, '%');
	int i;

	if (!pct)
		return dev_get_by_name(dev->name) ? -EEXIST : 0;
	if (pct[1] != 'd' || strchr(pct + 1, '%'))
		return -EINVAL;
	strlcpy(tmpl, dev->name, sizeof(tmpl));
	for (i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), tmpl, i);
		if (!dev_get_by_name(name)) {
			strlcpy(dev->name, name, IFNAMSIZ);
			return 0;
		}
	}
	return -ENOSPC;
}

int register_netdev(struct net_device *dev)
{
	int err;

	if (!dev->netdev_ops || !dev->netdev_ops->ndo_start_xmit) {
		pr_err("%s: no ndo_start_xmit\n", dev->name);
		return -EINVAL;
	}
	if (netif_device_present(dev))
		return -EEXIST;
	err = dev_alloc_name(dev);
	if (err) {
		pr_err("%s: cannot name device: %s\n", dev->name, errname(err));
		return err;
	}
	dev->ifindex = ++last_ifindex;
	dev->state |= BIT(__LINK_STATE_PRESENT);
	dev_watchdog_init(dev);
	list_add_tail(&dev->dev_list, &net_device_list);
	call_netdevice_notifiers(NETDEV_REGISTER, dev);
	return 0;
}

void unregister_netdev(struct net_device *dev)
{
	if (!netif_device_present(dev))
		return;
	if (dev->flags & IFF_UP)
		dev_close(dev);
	call_netdevice_notifiers(NETDEV_UNREGISTER, dev);
	local_bh_disable();
	list_del_init(&dev->dev_list);
	dev->state &= ~BIT(__LINK_STATE_PRESENT);
	/* Even a device that is down may sit on the TX run list (a late wake). */
	dev_watchdog_down(dev);
	dev_deactivate(dev);
	dev_flush_backlog(dev);
	dev_mc_flush(dev);
	local_bh_enable();
}

int dev_open(struct net_device *dev)
{
	const struct net_device_ops *ops = dev->netdev_ops;
	int err;

	if (dev->flags & IFF_UP)
		return 0;
	if (!netif_device_present(dev))
		return -ENODEV;
	if (ops->ndo_open) {
		err = ops->ndo_open(dev);
		if (err) {
			pr_err("%s: open failed: %s\n", dev->name, errname(err));
			return err;
		}
	}
	dev->flags |= IFF_UP;
	if (netif_carrier_ok(dev))
		dev->flags |= IFF_RUNNING;
	dev_set_rx_mode(dev);
	dev_watchdog_up(dev);
	call_netdevice_notifiers(NETDEV_UP, dev);
	return 0;
}

int dev_close(struct net_device *dev)
{
	const struct net_device_ops *ops = dev->netdev_ops;

	if (!(dev->flags & IFF_UP))
		return 0;
	dev_watchdog_down(dev);
	if (ops->ndo_stop)
		ops->ndo_stop(dev);
	dev->flags &= ~(IFF_UP | IFF_RUNNING);
	dev_deactivate(dev);
	call_netdevice_notifiers(NETDEV_DOWN, dev);
	return 0;
}

int dev_set_mtu(struct net_device *dev, int new_mtu)
{
	int err = 0;

	if (new_mtu < (int)dev->min_mtu || new_mtu > (int)dev->max_mtu)
		return -EINVAL;
	if ((unsigned int)new_mtu == dev->mtu)
		return 0;
	if (dev->netdev_ops->ndo_change_mtu)
		err = dev->netdev_ops->ndo_change_mtu(dev, new_mtu);
	else
		dev->mtu = (unsigned int)new_mtu;
	if (!err)
		call_netdevice_notifiers(NETDEV_CHANGEMTU, dev);
	return err;
}

int dev_set_mac_address(struct net_device *dev, const u8 *addr)
{
	u8 tmp[MAX_ADDR_LEN];
	int err;

	if (!dev->netdev_ops->ndo_set_mac_address)
		return -EOPNOTSUPP;
	memcpy(tmp, addr, dev->addr_len);
	err = dev->netdev_ops->ndo_set_mac_address(dev, tmp);
	if (!err)
		call_netdevice_notifiers(NETDEV_CHANGEADDR, dev);
	return err;
}

/* The driver's counters plus the drops only the core can see. */
struct net_device_stats *dev_get_stats(struct net_device *dev,
				       struct net_device_stats *storage)
{
	if (dev->netdev_ops->ndo_get_stats)
		*storage = *dev->netdev_ops->ndo_get_stats(dev);
	else
		*storage = dev->stats;
	storage->rx_dropped += READ_ONCE(dev->rx_dropped);
	storage->tx_dropped += READ_ONCE(dev->tx_dropped);
	storage->rx_nohandler += READ_ONCE(dev->rx_nohandler);
	return storage;
}
