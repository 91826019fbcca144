/*
 * The multicast address list and receive mode. Every change ends in
 * ndo_set_rx_mode(), where the driver programs its filters from the list
 * and the IFF_PROMISC/IFF_ALLMULTI flags.
 */
#include <net/core/netdevice.h>
#include <net/core/dev_internal.h>
#include <lib/errno.h>
#include <lib/kmalloc.h>
#include <lib/softirq.h>
#include <lib/string.h>

/* With bottom halves off: the driver's filter update may race its poll otherwise. */
void dev_set_rx_mode(struct net_device *dev)
{
	if (!(dev->flags & IFF_UP) || !dev->netdev_ops->ndo_set_rx_mode)
		return;
	local_bh_disable();
	dev->netdev_ops->ndo_set_rx_mode(dev);
	local_bh_enable();
}

static struct netdev_hw_addr *mc_find(struct net_device *dev, const u8 *addr)
{
	struct netdev_hw_addr *ha;

	netdev_for_each_mc_addr(ha, dev)
		if (!memcmp(ha->addr, addr, dev->addr_len))
			return ha;
	return NULL;
}

/* Counted: two users of one group address need two dev_mc_del()s. */
int dev_mc_add(struct net_device *dev, const u8 *addr)
{
	struct netdev_hw_addr *ha = mc_find(dev, addr);

	if (ha) {
		ha->refcount++;
		return 0;
	}
	if (!(addr[0] & 0x01))	/* not a group address (IEEE 802.3 3.2.3) */
		return -EINVAL;
	ha = kzalloc(sizeof(*ha), GFP_KERNEL);
	if (!ha)
		return -ENOMEM;
	memcpy(ha->addr, addr, dev->addr_len);
	ha->refcount = 1;
	list_add_tail(&ha->list, &dev->mc_list);
	dev->mc_count++;
	dev_set_rx_mode(dev);
	return 0;
}

int dev_mc_del(struct net_device *dev, const u8 *addr)
{
	struct netdev_hw_addr *ha = mc_find(dev, addr);

	if (!ha)
		return -ENOENT;
	if (--ha->refcount)
		return 0;
	list_del(&ha->list);
	kfree(ha);
	dev->mc_count--;
	dev_set_rx_mode(dev);
	return 0;
}

void dev_mc_flush(struct net_device *dev)
{
	struct netdev_hw_addr *ha, *tmp;

	list_for_each_entry_safe(ha, tmp, &dev->mc_list, list) {
		list_del(&ha->list);
		kfree(ha);
	}
	dev->mc_count = 0;
}

/* A counter, like Linux: a capture and a bridge may both want promiscuity. */
static int dev_change_counted_flag(struct net_device *dev, int *count, int inc,
				   unsigned int flag)
{
	unsigned int old = dev->flags;

	if (*count + inc < 0)
		return -EINVAL;
	*count += inc;
	if (*count)
		dev->flags |= flag;
	else
		dev->flags &= ~flag;
	if (dev->flags != old)
		dev_set_rx_mode(dev);
	return 0;
}

int dev_set_promiscuity(struct net_device *dev, int inc)
{
	return dev_change_counted_flag(dev, &dev->promiscuity, inc, IFF_PROMISC);
}

int dev_set_allmulti(struct net_device *dev, int inc)
{
	return dev_change_counted_flag(dev, &dev->allmulti, inc, IFF_ALLMULTI);
}
