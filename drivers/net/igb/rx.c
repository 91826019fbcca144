/*
 * Receive on every RX queue with advanced one-buffer descriptors (DS 7.1.5):
 * software writes the read format (the buffer address), the device writes
 * the write-back format over the same 16 bytes (length, status, errors,
 * packet type, RSS hash). So a slot must be rewritten in the read format
 * before it goes back to the device.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/printk.h>
#include <lib/string.h>
#include <net/core/ethernet.h>
#include <net/core/skb_pool.h>
#include <drivers/net/igb/igb.h>

int igb_setup_rx_rings(struct e1000x_adapter *x)
{
	struct igb_adapter *a = igb_adapter(x);

	for (unsigned int n = 0; n < a->num_queues; n++) {
		struct e1000x_ring *r = &a->q[n].rx_ring;
		int ret;

		r->head_reg = E1000_RDH(n);
		r->tail_reg = E1000_RDT(n);
		ret = e1000x_setup_ring(r, x->rx_count, true, x->netdev->name);
		if (ret) {
			igb_free_rx_rings(x);
			return ret;
		}
	}
	return 0;
}

void igb_free_rx_rings(struct e1000x_adapter *x)
{
	struct igb_adapter *a = igb_adapter(x);

	for (unsigned int n = 0; n < IGB_MAX_QUEUES; n++)
		if (a->q[n].rx_ring.buffer_info || a->q[n].rx_ring.desc)
			e1000x_free_ring(&a->q[n].rx_ring);
}

/*
 * DS 4.5.9: the queue is disabled while its base, length and SRRCTL
 * change, then enabled and the enable confirmed before the tail moves.
 */
static int igb_configure_rx_queue(struct igb_adapter *a, unsigned int n)
{
	struct e1000x_ring *r = &a->q[n].rx_ring;
	int ret = igb_wait_queue_enable(a, E1000_RXDCTL(n), false);

	if (ret)
		return ret;
	igb_wr(a, E1000_RDBAL(n), (u32)r->dma);
	igb_wr(a, E1000_RDBAH(n), (u32)(r->dma >> 32));
	igb_wr(a, E1000_RDLEN(n), r->count * sizeof(union igb_adv_rx_desc));
	igb_wr(a, E1000_RDH(n), 0);
	igb_wr(a, E1000_RDT(n), 0);
	/* 2 KiB buffers, one per frame; drop when this ring is empty rather than
	 * stall the shared packet buffer for the other queues (DS 8.10.2). */
	igb_wr(a, E1000_SRRCTL(n), (IGB_RXBUFFER >> E1000_SRRCTL_BSIZEPKT_SHIFT) |
	       E1000_SRRCTL_DESCTYPE_ADV_ONEBUF | E1000_SRRCTL_DROP_EN);
	return igb_wait_queue_enable(a, E1000_RXDCTL(n), true);
}

/*
 * RETA register n holds entries 4n..4n+3, one byte each, lowest first
 * (DS 8.10.12); on the 82576 without VFs an entry is the queue number.
 * Entries go round the queues, so flows spread evenly over them.
 */
u32 igb_reta_reg(unsigned int n, unsigned int num_queues)
{
	u32 v = 0;

	for (unsigned int k = 0; k < 4; k++)
		v |= (u32)((4 * n + k) % num_queues) << (8 * k);
	return v;
}

/*
 * RSS (DS 7.1.2.10): a random key, the redirection table, and MRQC hashing
 * IPv4/IPv6 addresses and TCP ports. RXCSUM.PCSD makes the write-back
 * carry the hash instead of the fragment checksum (QEMU's model also
 * hashes only with it set).
 */
static void igb_setup_rss(struct igb_adapter *a)
{
	for (unsigned int i = 0; i < IGB_RSS_KEY_REGS; i++)
		igb_wr(a, E1000_RSSRK(i), a->rss_key[i]);
	for (unsigned int n = 0; n < IGB_RETA_REGS; n++)
		igb_wr(a, E1000_RETA(n), igb_reta_reg(n, a->num_queues));
	igb_wr(a, E1000_MRQC, E1000_MRQC_ENABLE_RSS | E1000_MRQC_RSS_TCPIPV4 |
	       E1000_MRQC_RSS_IPV4 | E1000_MRQC_RSS_TCPIPV6 | E1000_MRQC_RSS_IPV6);
}

/* Every queue programmed and confirmed, RSS when there are several, RCTL.EN last. */
int igb_configure_rx(struct igb_adapter *a)
{
	u32 rxcsum = E1000_RXCSUM_IPOFL | E1000_RXCSUM_TUOFL;

	igb_wr(a, E1000_RCTL, 0);
	for (unsigned int n = 0; n < a->num_queues; n++) {
		int ret = igb_configure_rx_queue(a, n);

		if (ret)
			return ret;
	}
	if (a->num_queues > 1) {
		igb_setup_rss(a);
		rxcsum |= E1000_RXCSUM_PCSD;
	} else {
		igb_wr(a, E1000_MRQC, 0);
	}
	igb_wr(a, E1000_RXCSUM, rxcsum);
	e1000x_rar_set(&a->hw, a->netdev->dev_addr, 0);
	/* Broadcasts, CRC stripped; the buffer size is SRRCTL's (RCTL.BSIZE unused). */
	igb_wr(a, E1000_RCTL, E1000_RCTL_EN | E1000_RCTL_BAM | E1000_RCTL_SECRC);
	e1000x_set_rx_mode(a->netdev);
	return 0;
}

/* The advanced read format: the buffer, and no header buffer. */
static void igb_rx_fill(void *ring, unsigned int i, dma_addr_t buf)
{
	union igb_adv_rx_desc *desc = ring;

	desc[i].read.pkt_addr = buf;
	desc[i].read.hdr_addr = 0;	/* also clears the old write-back's DD */
}

int igb_alloc_rx_buffers(struct igb_q_vector *q)
{
	return e1000x_alloc_rx_buffers(q->adapter->netdev, &q->rx_ring, IGB_RXBUFFER,
				       igb_rx_fill, &q->adapter->sw_stats.rx_alloc_failed);
}

/* DS 7.1.5.2: L4CS/UDPCS/IPCS say what was checked, L4E/IPE what failed. */
static void igb_rx_checksum(struct igb_adapter *a, struct sk_buff *skb, u32 staterr)
{
	skb->ip_summed = CHECKSUM_NONE;
	if (staterr & (IGB_RXD_ERR_L4E | IGB_RXD_ERR_IPE)) {
		a->sw_stats.rx_csum_err++;	/* the stack checks again and drops it */
		return;
	}
	if (staterr & IGB_RXD_STAT_L4CS) {
		skb->ip_summed = CHECKSUM_UNNECESSARY;
		a->sw_stats.rx_csum_good++;
	}
}

/*
 * The RSS hash (DS 7.1.5.2), valid with RXCSUM.PCSD: the RSS type says
 * whether it covered the ports (one TCP/UDP flow: L4) or the addresses
 * only (L3). Type 0 means the device hashed nothing, e.g. ARP.
 */
enum pkt_hash_types igb_rss_hash_type(unsigned int rss_type)
{
	switch (rss_type) {
	case IGB_RSS_TYPE_HASH_TCP_IPV4:
	case IGB_RSS_TYPE_HASH_TCP_IPV6:
	case IGB_RSS_TYPE_HASH_TCP_IPV6_EX:
	case IGB_RSS_TYPE_HASH_UDP_IPV4:
	case IGB_RSS_TYPE_HASH_UDP_IPV6:
	case IGB_RSS_TYPE_HASH_UDP_IPV6_EX:
		return PKT_HASH_TYPE_L4;
	case IGB_RSS_TYPE_HASH_IPV4:
	case IGB_RSS_TYPE_HASH_IPV6:
	case IGB_RSS_TYPE_HASH_IPV6_EX:
		return PKT_HASH_TYPE_L3;
	default:
		return PKT_HASH_TYPE_NONE;
	}
}

static void igb_rx_hash(struct igb_adapter *a, struct sk_buff *skb,
			const struct igb_adv_rx_wb *wb)
{
	enum pkt_hash_types type = igb_rss_hash_type(wb->pkt_info & IGB_RXD_RSS_TYPE_MASK);

	/* Without RSS the field holds the IP id and fragment checksum. */
	if (a->num_queues > 1 && type != PKT_HASH_TYPE_NONE)
		skb_set_hash(skb, wb->rss_hash, type);
}

/* One buffer holds any frame without LPE, so a frame without EOP is an error. */
static bool igb_rx_bad(struct igb_adapter *a, u32 staterr, u16 len)
{
	struct net_device_stats *st = &a->netdev->stats;

	if (!(staterr & IGB_RXD_STAT_EOP) || len < ETH_HLEN || len > IGB_RXBUFFER) {
		st->rx_length_errors++;
		st->rx_errors++;
		return true;
	}
	if (staterr & IGB_RXD_ERR_FRAME) {
		st->rx_frame_errors++;
		st->rx_errors++;
		return true;
	}
	return false;
}

/* Returns the descriptors cleaned: NAPI's work done. */
int igb_clean_rx_irq(struct igb_q_vector *q, int budget)
{
	struct igb_adapter *a = q->adapter;
	struct e1000x_ring *r = &q->rx_ring;
	union igb_adv_rx_desc *desc = r->desc;
	unsigned int i = r->next_to_clean;
	int done = 0;

	while (done < budget) {
		struct igb_adv_rx_wb *wb = &desc[i].wb;
		struct sk_buff *skb = r->buffer_info[i].skb;
		u32 staterr;
		u16 len;

		if (!skb || !(READ_ONCE(wb->status_error) & IGB_RXD_STAT_DD))
			break;
		dma_rmb();	/* DD is written last: the rest is valid after it */
		staterr = wb->status_error;
		len = wb->length;
		r->buffer_info[i].skb = NULL;
		i = ring_next(i, r->count);
		r->next_to_clean = i;
		done++;
		if (igb_rx_bad(a, staterr, len)) {
			kfree_skb(skb);
			continue;
		}
		igb_rx_checksum(a, skb, staterr);
		igb_rx_hash(a, skb, wb);
		q->rx_stats.packets++;
		q->rx_stats.bytes += len;
		e1000x_rx_deliver(&a->x, skb, len);
	}
	igb_alloc_rx_buffers(q);
	return done;
}
