/*
 * The software pair device. Where a real NIC DMAs a frame into an RX buffer
 * and raises an interrupt, ndo_start_xmit() here puts the skb on the peer's
 * rx_ring and calls napi_schedule() on the peer, as an interrupt handler
 * would. The peer's poll then does exactly what e1000e's does: take up to
 * budget frames, eth_type_trans(), count, netif_receive_skb(), complete.
 */
#define pr_fmt(fmt) "pairdev: " fmt

#include <drivers/net/test/pairdev.h>
#include <net/core/ethernet.h>
#include <lib/errno.h>
#include <lib/printk.h>
#include <lib/softirq.h>

static u8 pairdev_next_mac = 1;

static int pairdev_open(struct net_device *dev)
{
	struct pairdev_priv *p = netdev_priv(dev);

	napi_enable(&p->napi);
	netif_start_queue(dev);
	return 0;
}

static int pairdev_stop(struct net_device *dev)
{
	struct pairdev_priv *p = netdev_priv(dev);

	netif_stop_queue(dev);
	napi_disable(&p->napi);
	skb_queue_purge(&p->rx_ring);	/* frames nobody will poll: drops */
	return 0;
}

/*
 * The "wire": a frame to a peer that is down or has no carrier is lost, as on
 * a real cable; the sender counts it. When the peer's ring fills, this side
 * stops its queue before the next frame has nowhere to go (no NETDEV_TX_BUSY).
 */
static netdev_tx_t pairdev_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct pairdev_priv *p = netdev_priv(dev);
	struct pairdev_priv *peer = netdev_priv(p->peer);
	unsigned int len = skb->len;

	if (!netif_running(p->peer) || !netif_carrier_ok(dev)) {
		dev->stats.tx_dropped++;
		kfree_skb(skb);
		return NETDEV_TX_OK;
	}
	skb_queue_tail(&peer->rx_ring, skb);
	dev->stats.tx_packets++;
	dev->stats.tx_bytes += len;
	if (skb_queue_len(&peer->rx_ring) >= peer->ring_size)
		netif_stop_queue(dev);
	napi_schedule(&peer->napi);	/* the peer's "interrupt" */
	return NETDEV_TX_OK;
}

static int pairdev_poll(struct napi_struct *napi, int budget)
{
	struct pairdev_priv *p = container_of(napi, struct pairdev_priv, napi);
	struct net_device *dev = p->dev;
	struct sk_buff *skb;
	int work = 0;

	while (work < budget && (skb = skb_dequeue(&p->rx_ring)) != NULL) {
		/* A fresh arrival: nothing of the sender's view survives. */
		skb->tstamp = 0;
		skb->mac_header = skb->network_header = skb->transport_header = SKB_HEADER_UNSET;
		skb->ip_summed = CHECKSUM_UNNECESSARY;	/* never left memory */
		skb->protocol = eth_type_trans(skb, dev);
		dev->stats.rx_packets++;
		dev->stats.rx_bytes += skb->len + ETH_HLEN;
		if (skb->pkt_type == PACKET_MULTICAST || skb->pkt_type == PACKET_BROADCAST)
			dev->stats.multicast++;
		netif_receive_skb(skb);
		work++;
	}
	/* Room again: let the sender go on (TX completion in a real driver). */
	if (netif_queue_stopped(p->peer) && skb_queue_len(&p->rx_ring) < p->ring_size / 2)
		netif_wake_queue(p->peer);
	if (work < budget)
		napi_complete_done(napi, work);
	return work;
}

static void pairdev_tx_timeout(struct net_device *dev, unsigned int txqueue)
{
	struct pairdev_priv *p = netdev_priv(dev);

	pr_warn("%s: tx timeout, peer ring %u\n", dev->name, skb_queue_len(&p->rx_ring));
}

static const struct net_device_ops pairdev_ops = {
	.ndo_open = pairdev_open,
	.ndo_stop = pairdev_stop,
	.ndo_start_xmit = pairdev_xmit,
	.ndo_set_mac_address = eth_mac_addr,
	.ndo_tx_timeout = pairdev_tx_timeout,
};

static struct net_device *pairdev_alloc(void)
{
	struct net_device *dev = alloc_etherdev(sizeof(struct pairdev_priv));
	struct pairdev_priv *p;

	if (!dev)
		return NULL;
	p = netdev_priv(dev);
	p->dev = dev;
	p->ring_size = PAIRDEV_RING_SIZE;
	skb_queue_head_init(&p->rx_ring);
	dev->netdev_ops = &pairdev_ops;
	dev->features = NETIF_F_SG | NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM | NETIF_F_RXCSUM;
	dev->watchdog_timeo = 5 * HZ;
	/* Locally administered (bit 1 of the first octet, IEEE 802 8.2.2). */
	dev->dev_addr[0] = 0x02;
	dev->dev_addr[5] = pairdev_next_mac++;
	netif_napi_add(dev, &p->napi, pairdev_poll, NAPI_POLL_WEIGHT);
	return dev;
}

int pairdev_create(struct net_device **a, struct net_device **b)
{
	struct net_device *x = pairdev_alloc(), *y = pairdev_alloc();
	int err = -ENOMEM;

	if (!x || !y)
		goto fail;
	((struct pairdev_priv *)netdev_priv(x))->peer = y;
	((struct pairdev_priv *)netdev_priv(y))->peer = x;
	err = register_netdev(x);
	if (err)
		goto fail;
	err = register_netdev(y);
	if (err) {
		unregister_netdev(x);
		goto fail;
	}
	*a = x;
	*b = y;
	return 0;
fail:
	free_netdev(x);
	free_netdev(y);
	return err;
}

void pairdev_destroy(struct net_device *a, struct net_device *b)
{
	struct net_device *devs[2] = { a, b };

	for (int i = 0; i < 2; i++) {
		struct pairdev_priv *p = netdev_priv(devs[i]);

		unregister_netdev(devs[i]);
		netif_napi_del(&p->napi);
		skb_queue_purge(&p->rx_ring);
	}
	free_netdev(a);
	free_netdev(b);
}
