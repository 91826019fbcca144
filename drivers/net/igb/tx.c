/*
 * Transmit on the queue the net core picked for the skb (its flow hash:
 * one flow, one queue, in order), each queue pair's ring its own TX queue
 * of the device, with advanced data descriptors (DS 7.2.2.3): one per
 * piece of the skb, PAYLEN (the whole frame, without TSO) in the first,
 * EOP and RS on the last. The device writes back only DD, in the status
 * word of the descriptor that had RS. A CHECKSUM_PARTIAL frame asks for the
 * TCP/UDP sum (POPTS.TXSM) after a context descriptor with its header
 * lengths, written only when the layout differs from the one the device
 * queue holds (DS 7.2.2.2: each queue's context slot 0 stays until rewritten). The stack has
 * written the pseudo-header seed (net/core/checksum.h); the device adds
 * the segment's sum to it. What the device cannot place is done in software.
 * A GSO skb (NETIF_F_TSO/TSO6) is cut by the device: see igb_tso().
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/printk.h>
#include <lib/string.h>
#include <net/core/checksum.h>
#include <net/core/ethernet.h>
#include <drivers/net/igb/igb.h>

#define TCP_CSUM_OFFSET		16	/* RFC 793 3.1 */
#define UDP_CSUM_OFFSET		6	/* RFC 768 */
#define IPV6_HLEN		40

int igb_setup_tx_ring(struct e1000x_adapter *x)
{
	for (unsigned int n = 0; n < x->num_tx_queues; n++) {
		struct e1000x_ring *r = &x->tx_rings[n];
		int ret;

		r->head_reg = E1000_TDH(n);
		r->tail_reg = E1000_TDT(n);
		ret = e1000x_setup_ring(r, x->tx_count, false, x->netdev->name);
		if (ret) {
			while (n--)
				e1000x_free_ring(&x->tx_rings[n]);
			return ret;
		}
	}
	return 0;
}

/* DS 4.5.10: each queue disabled while programmed, enabled and confirmed, then TCTL.EN. */
int igb_configure_tx(struct igb_adapter *a)
{
	int ret;

	igb_wr(a, E1000_TCTL, 0);
	for (unsigned int n = 0; n < a->num_tx_queues; n++) {
		struct e1000x_ring *r = &a->tx_rings[n];

		ret = igb_wait_queue_enable(a, E1000_TXDCTL(n), false);
		if (ret)
			return ret;
		igb_wr(a, E1000_TDBAL(n), (u32)r->dma);
		igb_wr(a, E1000_TDBAH(n), (u32)(r->dma >> 32));
		igb_wr(a, E1000_TDLEN(n), r->count * sizeof(union igb_adv_tx_desc));
		igb_wr(a, E1000_TDH(n), 0);
		ret = igb_wait_queue_enable(a, E1000_TXDCTL(n), true);
		if (ret)
			return ret;
		r->ctx_key = 0;	/* a reset device holds no context */
	}
	igb_wr(a, E1000_TCTL, E1000_TCTL_EN | E1000_TCTL_PSP | E1000_TCTL_RTLC |
	       (E1000_COLLISION_THRESHOLD << E1000_TCTL_CT_SHIFT) |
	       (E1000_COLLISION_DISTANCE << E1000_TCTL_COLD_SHIFT));
	/* The tails last, with the unit on: QEMU's model tries to transmit at
	 * every TDT write and traces a write to a disabled unit as a warning. */
	for (unsigned int n = 0; n < a->num_tx_queues; n++)
		igb_wr(a, E1000_TDT(n), 0);
	return 0;
}

/*
 * The context a CHECKSUM_PARTIAL frame needs, as a key: the context
 * descriptor's vlan_macip_lens in the low half, its TUCMD bits above (0:
 * no offload, the sum was finished in software or none was asked for);
 * -EINVAL when it can be done neither way.
 */
static s64 igb_tx_csum_key(struct igb_adapter *a, struct sk_buff *skb)
{
	unsigned int l4 = skb->csum_start - skb_headroom(skb), iphl = 0;
	u32 tucmd = 0;
	__be16 proto;
	u8 vhl;

	if (skb->ip_summed != CHECKSUM_PARTIAL)
		return 0;
	if (skb->csum_start < skb_headroom(skb) || l4 + skb->csum_offset + 2 > skb->len ||
	    skb_copy_bits(skb, 12, &proto, 2) || skb_copy_bits(skb, ETH_HLEN, &vhl, 1))
		return -EINVAL;
	if (proto == cpu_to_be16(ETH_P_IP)) {
		iphl = (vhl & 0xFu) * 4;
		tucmd = IGB_TXC_TUCMD_IPV4;
	} else if (proto == cpu_to_be16(ETH_P_IPV6)) {
		iphl = IPV6_HLEN;
	}
	if (skb->csum_offset == TCP_CSUM_OFFSET)
		tucmd |= IGB_TXC_TUCMD_L4T_TCP;
	/* IPLEN is 9 bits; the L4 header must follow the IP header directly. */
	if (!iphl || l4 != ETH_HLEN + iphl ||
	    (skb->csum_offset != TCP_CSUM_OFFSET && skb->csum_offset != UDP_CSUM_OFFSET)) {
		if (skb_checksum_help(skb))
			return -EINVAL;
		a->sw_stats.tx_csum_sw++;
		return 0;
	}
	a->sw_stats.tx_csum_offload++;
	return (s64)((u64)tucmd << 32 | ETH_HLEN << IGB_TXC_MACLEN_SHIFT | iphl);
}

static void igb_tx_write_context(struct igb_adapter *a, struct e1000x_ring *r, u64 key,
				 unsigned int i)
{
	struct igb_adv_tx_context_desc *c = (struct igb_adv_tx_context_desc *)r->desc + i;

	c->vlan_macip_lens = (u32)key;
	c->seqnum_seed = 0;
	c->type_tucmd_mlhl = (u32)(key >> 32) | IGB_TXD_DTYP_CTXT | IGB_TXD_DCMD_DEXT;
	c->mss_l4len_idx = 0;	/* context index 0, no TSO */
	a->sw_stats.tx_ctx_writes++;
}

/*
 * TCP segmentation (DS 7.2.4; Linux's igb_tso()): the device cuts the
 * payload after the headers into MSS-sized frames and fills each one's IP
 * length, IPv4 header checksum (POPTS.IXSM) and TCP checksum (POPTS.TXSM).
 * The context descriptor carries MACLEN/IPLEN, TUCMD (TCP, IPv4 or not)
 * and, for TSO only, MSS and L4LEN (the TCP header with its options); the
 * data descriptors carry DCMD.TSE, and the first one PAYLEN, the payload
 * alone. The headers are readied as both other Intel drivers do it
 * (e1000x_tso_prepare(): IP length and IPv4 checksum zero, the TCP
 * checksum seeded without the length). QEMU 10's model takes TSE and the
 * context index from the first data descriptor and the MSS from the
 * context, and ignores PAYLEN. Returns 1 with the context written at slot
 * i and *olinfo set, 0 for a frame that is no TSO job, -EINVAL for one the
 * device cannot take.
 */
static int igb_tso(struct igb_adapter *a, struct e1000x_ring *r, struct sk_buff *skb,
		   unsigned int i, u32 *olinfo)
{
	struct igb_adv_tx_context_desc *c = (struct igb_adv_tx_context_desc *)r->desc + i;
	struct e1000x_tso t;

	if (!skb_is_gso(skb))
		return 0;
	if (e1000x_tso_prepare(skb, a->netdev->mtu, &t))
		return -EINVAL;
	c->vlan_macip_lens = ETH_HLEN << IGB_TXC_MACLEN_SHIFT | (t.l4 - ETH_HLEN);
	c->seqnum_seed = 0;
	c->type_tucmd_mlhl = IGB_TXC_TUCMD_L4T_TCP | (t.ipv6 ? 0 : IGB_TXC_TUCMD_IPV4) |
			     IGB_TXD_DTYP_CTXT | IGB_TXD_DCMD_DEXT;
	/* Context index 0 (IDX 6:4), the one checksum offload uses too. */
	c->mss_l4len_idx = t.mss << IGB_TXC_MSS_SHIFT | (t.hdr_len - t.l4) << IGB_TXC_L4LEN_SHIFT;
	*olinfo = t.paylen << IGB_TXD_PAYLEN_SHIFT | IGB_TXD_POPTS_TXSM |
		  (t.ipv6 ? 0 : IGB_TXD_POPTS_IXSM);
	/* The checksum context is gone: the next offloaded frame writes its own. */
	r->ctx_key = 0;
	a->sw_stats.tx_tso++;
	return 1;
}

netdev_tx_t igb_xmit_frame(struct sk_buff *skb, struct net_device *netdev)
{
	struct igb_adapter *a = netdev_priv(netdev);
	/* The net core's queue is this ring (fewer rings than queues cannot
	 * happen: real_num_tx_queues is set to the rings in use). */
	struct e1000x_ring *r = &a->tx_rings[skb_get_queue_mapping(skb) < a->num_tx_queues ?
					     skb_get_queue_mapping(skb) : 0];
	union igb_adv_tx_desc *desc = r->desc;
	unsigned int i = r->next_to_use, last = i, nfrags = skb_shinfo(skb)->nr_frags;
	u32 olinfo = 0, tse = 0;
	s64 key = 0;
	int tso;

	if (skb->len < ETH_HLEN || nfrags > MAX_SKB_FRAGS ||
	    skb->len > (skb_is_gso(skb) ? IGB_MAX_TSO_LEN : ETH_FRAME_LEN))
		goto drop;
	if (ring_unused(r->next_to_use, r->next_to_clean, r->count) <
	    e1000x_tx_descs_needed(skb, IGB_MAX_PER_TXD)) {
		netif_tx_stop_queue(netdev_get_tx_queue(netdev, r->queue_index));
		return NETDEV_TX_BUSY;
	}
	tso = igb_tso(a, r, skb, i, &olinfo);
	if (tso < 0)
		goto drop;
	if (tso) {
		tse = IGB_TXD_DCMD_TSE;
		i = ring_next(i, r->count);
	} else {
		key = igb_tx_csum_key(a, skb);
		if (key < 0)
			goto drop;
		if (key && (u64)key != r->ctx_key) {
			igb_tx_write_context(a, r, (u64)key, i);
			r->ctx_key = (u64)key;
			i = ring_next(i, r->count);
		}
		olinfo = skb->len << IGB_TXD_PAYLEN_SHIFT | (key ? IGB_TXD_POPTS_TXSM : 0);
	}
	for (int piece = -1; piece < (int)nfrags; piece++) {
		u8 *addr = piece < 0 ? skb->data : skb_shinfo(skb)->frags[piece].addr;
		u32 len = piece < 0 ? skb_headlen(skb) : skb_shinfo(skb)->frags[piece].len;

		while (len) {
			u32 n = min(len, IGB_MAX_PER_TXD);

			desc[i].read.buffer_addr = virt_to_phys(addr);
			desc[i].read.cmd_type_len = n | IGB_TXD_DTYP_DATA | IGB_TXD_DCMD_DEXT |
						    IGB_TXD_DCMD_IFCS | tse;
			desc[i].read.olinfo_status = olinfo;
			olinfo = 0;	/* PAYLEN belongs to the first descriptor only */
			last = i;
			i = ring_next(i, r->count);
			addr += n;
			len -= n;
		}
	}
	/* RS on the last piece only: DD there means the whole frame is done. */
	desc[last].read.cmd_type_len |= IGB_TXD_DCMD_EOP | IGB_TXD_DCMD_RS;
	e1000x_tx_commit(netdev, r, skb, r->next_to_use, last, i, IGB_TX_DESC_NEEDED);
	return NETDEV_TX_OK;

drop:
	netdev->stats.tx_dropped++;
	dev_kfree_skb_any(skb);
	return NETDEV_TX_OK;
}

/* Reclaims the queue pair's sent frames; true when everything queued has been cleaned. */
bool igb_clean_tx_irq(struct igb_q_vector *q)
{
	struct igb_adapter *a = q->adapter;
	struct e1000x_ring *r = q->tx_ring;
	union igb_adv_tx_desc *desc = r->desc;
	unsigned int i = r->next_to_clean;

	while (i != r->next_to_use) {
		unsigned int eop = r->buffer_info[i].next_to_watch;

		if (!(READ_ONCE(desc[eop].wb.status) & IGB_TXD_STAT_DD))
			break;
		dma_rmb();
		e1000x_tx_reclaim(a->netdev, r, eop, !a->use_napi);
		i = ring_next(eop, r->count);
	}
	if (i != r->next_to_clean)
		txq_trans_update(netdev_get_tx_queue(a->netdev, r->queue_index));
	r->next_to_clean = i;
	e1000x_tx_maybe_wake(a->netdev, r, IGB_TX_DESC_NEEDED);
	return i == r->next_to_use;
}
