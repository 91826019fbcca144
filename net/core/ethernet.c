/* Ethernet devices: their defaults and the receive-side header parse. */
#include <net/core/ethernet.h>
#include <net/core/netdevice.h>
#include <lib/errno.h>

/*
 * What the rest of the stack needs from the frame: who it was for (pkt_type)
 * and what it carries (the returned protocol). A runt shorter than the
 * header returns protocol 0, which no handler claims: a counted drop.
 */
__be16 eth_type_trans(struct sk_buff *skb, struct net_device *dev)
{
	const struct ethhdr *eth;
	u16 proto;

	skb->dev = dev;
	skb_reset_mac_header(skb);
	if (skb_headlen(skb) < ETH_HLEN) {
		skb->pkt_type = PACKET_OTHERHOST;
		return 0;
	}
	eth = (const struct ethhdr *)skb->data;
	skb_pull(skb, ETH_HLEN);
	skb_reset_network_header(skb);

	if (is_multicast_ether_addr(eth->h_dest))
		skb->pkt_type = is_broadcast_ether_addr(eth->h_dest) ?
				PACKET_BROADCAST : PACKET_MULTICAST;
	else if (!ether_addr_equal(eth->h_dest, dev->dev_addr))
		skb->pkt_type = PACKET_OTHERHOST;
	else
		skb->pkt_type = PACKET_HOST;

	proto = be16_to_cpu(eth->h_proto);
	if (proto >= ETH_P_802_3_MIN)
		return eth->h_proto;
	/* A length field: raw 802.3 starts with the IPX checksum 0xFFFF, else LLC. */
	if (skb_headlen(skb) >= 2 && skb->data[0] == 0xff && skb->data[1] == 0xff)
		return cpu_to_be16(ETH_P_802_3);
	return cpu_to_be16(ETH_P_802_2);
}

void ether_setup(struct net_device *dev)
{
	dev->type = ARPHRD_ETHER;
	dev->hard_header_len = ETH_HLEN;
	dev->mtu = ETH_DATA_LEN;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = ETH_DATA_LEN;
	dev->addr_len = ETH_ALEN;
	dev->tx_queue_len = 1000;
	dev->flags = IFF_BROADCAST | IFF_MULTICAST;
	memset(dev->broadcast, 0xff, ETH_ALEN);
}

struct net_device *alloc_etherdev_mq(size_t sizeof_priv, unsigned int txqs)
{
	return alloc_netdev_mqs(sizeof_priv, "eth%d", ether_setup, txqs);
}

int eth_mac_addr(struct net_device *dev, void *addr)
{
	if (!is_valid_ether_addr(addr))
		return -EINVAL;
	ether_addr_copy(dev->dev_addr, addr);
	return 0;
}
