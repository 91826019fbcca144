/*
 * Transmit on queue 0 with advanced data descriptors (DS 7.2.2.3): one per
 * piece of the skb, PAYLEN (the whole frame, without TSO) in the first,
 * EOP and RS on the last. The device writes back only DD, in the status
 * word of the descriptor that had RS. No context descriptors yet: a frame
 * that asks for a checksum gets it in software.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/printk.h>
#include <lib/string.h>
#include <net/core/checksum.h>
#include <net/core/ethernet.h>
#include <drivers/net/igb/igb.h>

int igb_setup_tx_ring(struct igb_adapter *a, unsigned int count)
{
	a->tx_ring.head_reg = E1000_TDH(0);
	a->tx_ring.tail_reg = E1000_TDT(0);
	return e1000x_setup_ring(&a->tx_ring, count, false, a->netdev->name);
}

/* Frames still queued were never sent: drops. */
void igb_free_tx_ring(struct igb_adapter *a)
{
	a->netdev->stats.tx_dropped += e1000x_free_ring(&a->tx_ring);
}

/* DS 4.5.10: the queue disabled while programmed, enabled and confirmed, then TCTL.EN. */
int igb_configure_tx(struct igb_adapter *a)
{
	struct e1000x_ring *r = &a->tx_ring;
	int ret;

	igb_wr(a, E1000_TCTL, 0);
	ret = igb_wait_queue_enable(a, E1000_TXDCTL(0), false);
	if (ret)
		return ret;
	igb_wr(a, E1000_TDBAL(0), (u32)r->dma);
	igb_wr(a, E1000_TDBAH(0), (u32)(r->dma >> 32));
	igb_wr(a, E1000_TDLEN(0), r->count * sizeof(union igb_adv_tx_desc));
	igb_wr(a, E1000_TDH(0), 0);
	ret = igb_wait_queue_enable(a, E1000_TXDCTL(0), true);
	if (ret)
		return ret;
	igb_wr(a, E1000_TCTL, E1000_TCTL_EN | E1000_TCTL_PSP | E1000_TCTL_RTLC |
	       (E1000_COLLISION_THRESHOLD << E1000_TCTL_CT_SHIFT) |
	       (E1000_COLLISION_DISTANCE << E1000_TCTL_COLD_SHIFT));
	/* The tail last, with the unit on: QEMU's model tries to transmit at
	 * every TDT write and traces a write to a disabled unit as a warning. */
	igb_wr(a, E1000_TDT(0), 0);
	return 0;
}

netdev_tx_t igb_xmit_frame(struct sk_buff *skb, struct net_device *netdev)
{
	struct igb_adapter *a = netdev_priv(netdev);
	struct e1000x_ring *r = &a->tx_ring;
	union igb_adv_tx_desc *desc = r->desc;
	unsigned int i = r->next_to_use, last = i, nfrags = skb_shinfo(skb)->nr_frags;
	u32 olinfo;

	if (skb->len < ETH_HLEN || skb->len > ETH_FRAME_LEN || nfrags > MAX_SKB_FRAGS)
		goto drop;
	if (ring_unused(r->next_to_use, r->next_to_clean, r->count) < nfrags + 1) {
		netif_stop_queue(netdev);
		return NETDEV_TX_BUSY;
	}
	if (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb))
		goto drop;
	olinfo = skb->len << IGB_TXD_PAYLEN_SHIFT;
	for (int piece = -1; piece < (int)nfrags; piece++) {
		void *addr = piece < 0 ? skb->data : skb_shinfo(skb)->frags[piece].addr;
		u32 len = piece < 0 ? skb_headlen(skb) : skb_shinfo(skb)->frags[piece].len;

		if (!len)
			continue;
		desc[i].read.buffer_addr = virt_to_phys(addr);
		desc[i].read.cmd_type_len = len | IGB_TXD_DTYP_DATA | IGB_TXD_DCMD_DEXT |
					    IGB_TXD_DCMD_IFCS;
		desc[i].read.olinfo_status = olinfo;
		olinfo = 0;	/* PAYLEN belongs to the first descriptor only */
		last = i;
		i = ring_next(i, r->count);
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

/* Reclaims sent frames; true when everything queued has been cleaned. */
bool igb_clean_tx_irq(struct igb_adapter *a)
{
	struct e1000x_ring *r = &a->tx_ring;
	union igb_adv_tx_desc *desc = r->desc;
	unsigned int i = r->next_to_clean;

	while (i != r->next_to_use) {
		unsigned int eop = r->buffer_info[i].next_to_watch;

		if (!(READ_ONCE(desc[eop].wb.status) & IGB_TXD_STAT_DD))
			break;
		dma_rmb();
		a->tx_stats.packets++;
		a->tx_stats.bytes += r->buffer_info[eop].skb->len;
		e1000x_tx_reclaim(a->netdev, r, eop, !a->use_napi);
		i = ring_next(eop, r->count);
	}
	if (i != r->next_to_clean)
		netif_trans_update(a->netdev);
	r->next_to_clean = i;
	e1000x_tx_maybe_wake(a->netdev, r, IGB_TX_DESC_NEEDED);
	return i == r->next_to_use;
}
