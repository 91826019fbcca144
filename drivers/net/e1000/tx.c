/*
 * Transmit: one legacy data descriptor per piece of the skb (its linear
 * part and each frag). The stack computes checksums (no NETIF_F_*_CSUM yet).
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/kmalloc.h>
#include <lib/printk.h>
#include <lib/string.h>
#include <net/core/ethernet.h>
#include <drivers/net/e1000/e1000.h>

int e1k_setup_tx_ring(struct e1k_adapter *a, unsigned int count)
{
	a->tx_ring.head_reg = E1000_TDH;
	a->tx_ring.tail_reg = E1000_TDT;
	return e1000x_setup_ring(&a->tx_ring, count, false, a->netdev->name);
}

/* Frames still queued were never sent: drops. */
void e1k_free_tx_ring(struct e1k_adapter *a)
{
	a->netdev->stats.tx_dropped += e1000x_free_ring(&a->tx_ring);
}

void e1k_configure_tx(struct e1k_adapter *a)
{
	struct e1000x_ring *r = &a->tx_ring;

	e1k_wr(a, E1000_TCTL, 0);
	e1k_wr(a, E1000_TDBAL, (u32)r->dma);
	e1k_wr(a, E1000_TDBAH, (u32)(r->dma >> 32));
	e1k_wr(a, E1000_TDLEN, r->count * sizeof(struct e1000_tx_desc));
	e1k_wr(a, E1000_TDH, 0);
	e1k_wr(a, E1000_TDT, 0);
	e1k_wr(a, E1000_TIPG, E1000_TIPG_COPPER);
	e1k_wr(a, E1000_TIDV, 0);
	e1k_wr(a, E1000_TCTL, E1000_TCTL_EN | E1000_TCTL_PSP | E1000_TCTL_RTLC |
	       (E1000_COLLISION_THRESHOLD << E1000_TCTL_CT_SHIFT) |
	       (E1000_COLLISION_DISTANCE << E1000_TCTL_COLD_SHIFT));
}

netdev_tx_t e1k_xmit_frame(struct sk_buff *skb, struct net_device *netdev)
{
	struct e1k_adapter *a = netdev_priv(netdev);
	struct e1000x_ring *r = &a->tx_ring;
	struct e1000_tx_desc *desc = r->desc;
	unsigned int i = r->next_to_use, last = i, nfrags = skb_shinfo(skb)->nr_frags;

	if (skb->len < ETH_HLEN || skb->len > ETH_FRAME_LEN || nfrags > MAX_SKB_FRAGS ||
	    skb->ip_summed == CHECKSUM_PARTIAL) {
		netdev->stats.tx_dropped++;	/* PARTIAL: we never offered offload */
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}
	if (ring_unused(r->next_to_use, r->next_to_clean, r->count) < nfrags + 1) {
		netif_stop_queue(netdev);
		return NETDEV_TX_BUSY;
	}
	for (int piece = -1; piece < (int)nfrags; piece++) {
		void *addr = piece < 0 ? skb->data : skb_shinfo(skb)->frags[piece].addr;
		u32 len = piece < 0 ? skb_headlen(skb) : skb_shinfo(skb)->frags[piece].len;

		if (!len)
			continue;
		desc[i].buffer_addr = virt_to_phys(addr);
		desc[i].length = (u16)len;
		desc[i].cso = 0;
		desc[i].cmd = E1000_TXD_CMD_IFCS;
		desc[i].status = 0;
		desc[i].css = 0;
		desc[i].special = 0;
		last = i;
		i = ring_next(i, r->count);
	}
	/* RS on the last piece only: DD there means the whole frame is done. */
	desc[last].cmd |= E1000_TXD_CMD_EOP | E1000_TXD_CMD_RS;
	e1000x_tx_commit(netdev, r, skb, r->next_to_use, last, i, E1K_TX_DESC_NEEDED);
	return NETDEV_TX_OK;
}

/* Reclaims sent frames; true when everything queued has been cleaned. */
bool e1k_clean_tx_irq(struct e1k_adapter *a)
{
	struct e1000x_ring *r = &a->tx_ring;
	struct e1000_tx_desc *desc = r->desc;
	unsigned int i = r->next_to_clean;

	while (i != r->next_to_use) {
		unsigned int eop = r->buffer_info[i].next_to_watch;

		if (!(READ_ONCE(desc[eop].status) & E1000_TXD_STAT_DD))
			break;
		dma_rmb();	/* DD first, then the rest of what the device wrote */
		e1000x_tx_reclaim(a->netdev, r, eop, false);
		i = ring_next(eop, r->count);
	}
	if (i != r->next_to_clean)
		netif_trans_update(a->netdev);
	r->next_to_clean = i;
	e1000x_tx_maybe_wake(a->netdev, r, E1K_TX_DESC_NEEDED);
	return i == r->next_to_use;
}
