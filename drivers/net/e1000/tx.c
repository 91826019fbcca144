/*
 * Transmit: one descriptor per piece of the skb (its linear part and each
 * frag). A CHECKSUM_PARTIAL frame goes as TCP/IP data descriptors asking
 * for the TCP/UDP sum, after a context descriptor when its layout differs
 * from the one the device holds (SDM 3.3.5-3.3.7); the rest as legacy
 * descriptors. The stack has written the pseudo-header seed already
 * (net/core/checksum.h): the device adds the segment's sum to it.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/kmalloc.h>
#include <lib/printk.h>
#include <lib/string.h>
#include <net/core/byteorder.h>
#include <net/core/checksum.h>
#include <net/core/ethernet.h>
#include <drivers/net/e1000/e1000.h>

#define IPPROTO_TCP_CSUM_OFFSET	16	/* RFC 793 3.1 */
#define IPPROTO_UDP_CSUM_OFFSET	6	/* RFC 768 */
#define IPV4_CSUM_OFFSET	10	/* RFC 791 3.1 */
#define IPV6_HLEN		40

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
	a->tx_ctx_key = 0;	/* a reset device holds no context */
}

/*
 * The context a CHECKSUM_PARTIAL frame needs, as a key (0: the checksum was
 * completed in software, or none was asked for); -EINVAL when it can be
 * done neither way. The device sums from TUCSS to the end of the frame and
 * stores at TUCSO, which is all CHECKSUM_PARTIAL asks; the IP fields are
 * filled for IPv4 but IXSM is never set: the stack sums IP headers itself.
 */
static s64 tx_csum_key(struct e1k_adapter *a, struct sk_buff *skb)
{
	unsigned int l4 = skb->csum_start - skb_headroom(skb), field = l4 + skb->csum_offset;
	unsigned int iphl;
	__be16 proto;
	u8 vhl, tucmd = 0;

	if (skb->ip_summed != CHECKSUM_PARTIAL)
		return 0;
	if (skb->csum_start < skb_headroom(skb) || field + 2 > skb->len ||
	    skb_copy_bits(skb, 12, &proto, 2) || skb_copy_bits(skb, ETH_HLEN, &vhl, 1))
		return -EINVAL;
	if (proto == cpu_to_be16(ETH_P_IP)) {
		iphl = (vhl & 0xFu) * 4;
		tucmd = E1000_TUCMD_IP;
	} else if (proto == cpu_to_be16(ETH_P_IPV6)) {
		iphl = IPV6_HLEN;
	} else {
		iphl = 0;
	}
	if (skb->csum_offset == IPPROTO_TCP_CSUM_OFFSET)
		tucmd |= E1000_TUCMD_TCP;
	/* TUCSS/TUCSO are bytes; anything else the device cannot place. */
	if (!iphl || l4 != ETH_HLEN + iphl || field > 255 ||
	    (skb->csum_offset != IPPROTO_TCP_CSUM_OFFSET &&
	     skb->csum_offset != IPPROTO_UDP_CSUM_OFFSET) ||
	    !(a->netdev->features & ((tucmd & E1000_TUCMD_IP) ? NETIF_F_IP_CSUM : NETIF_F_IPV6_CSUM))) {
		if (skb_checksum_help(skb))
			return -EINVAL;
		a->sw_stats.tx_csum_sw++;
		return 0;
	}
	a->sw_stats.tx_csum_offload++;
	return (s64)(l4 | field << 8 | ((tucmd & E1000_TUCMD_IP) ? (l4 - 1) << 16 : 0) |
		     (u32)tucmd << 24 | 1u << 31);
}

static void tx_write_context(struct e1k_adapter *a, u32 key, unsigned int i)
{
	struct e1000_context_desc *c = (struct e1000_context_desc *)a->tx_ring.desc + i;
	u8 tucmd = (key >> 24) & (E1000_TUCMD_TCP | E1000_TUCMD_IP);

	memset(c, 0, sizeof(*c));
	c->ipcss = ETH_HLEN;
	if (tucmd & E1000_TUCMD_IP) {
		c->ipcso = ETH_HLEN + IPV4_CSUM_OFFSET;
		c->ipcse = (key >> 16) & 0xFF;
	}
	c->tucss = key & 0xFF;
	c->tucso = (key >> 8) & 0xFF;
	c->tucse = 0;
	c->tucmd = tucmd | E1000_TXD_CMD_DEXT;	/* DTYP 0000b: context */
	a->sw_stats.tx_ctx_writes++;
}

netdev_tx_t e1k_xmit_frame(struct sk_buff *skb, struct net_device *netdev)
{
	struct e1k_adapter *a = netdev_priv(netdev);
	struct e1000x_ring *r = &a->tx_ring;
	struct e1000_tx_desc *desc = r->desc;
	unsigned int i = r->next_to_use, last = i, nfrags = skb_shinfo(skb)->nr_frags;
	s64 key;

	if (skb->len < ETH_HLEN || skb->len > ETH_FRAME_LEN || nfrags > MAX_SKB_FRAGS)
		goto drop;
	if (ring_unused(r->next_to_use, r->next_to_clean, r->count) < nfrags + 2) {
		netif_stop_queue(netdev);
		return NETDEV_TX_BUSY;
	}
	key = tx_csum_key(a, skb);
	if (key < 0)
		goto drop;
	if (key && (u32)key != a->tx_ctx_key) {
		/* Only a new layout costs a descriptor (SDM 3.3.6: the context stays). */
		tx_write_context(a, (u32)key, i);
		a->tx_ctx_key = (u32)key;
		i = ring_next(i, r->count);
	}
	for (int piece = -1; piece < (int)nfrags; piece++) {
		void *addr = piece < 0 ? skb->data : skb_shinfo(skb)->frags[piece].addr;
		u32 len = piece < 0 ? skb_headlen(skb) : skb_shinfo(skb)->frags[piece].len;

		if (!len)
			continue;
		desc[i].buffer_addr = virt_to_phys(addr);
		desc[i].length = (u16)len;
		desc[i].status = 0;
		desc[i].special = 0;
		if (key) {
			struct e1000_data_desc *d = (struct e1000_data_desc *)&desc[i];

			d->dtyp = E1000_TXD_DTYP_DATA;
			d->cmd = E1000_TXD_CMD_DEXT | E1000_TXD_CMD_IFCS;
			d->popts = E1000_TXD_POPTS_TXSM;	/* the first one counts */
		} else {
			desc[i].cso = 0;
			desc[i].css = 0;
			desc[i].cmd = E1000_TXD_CMD_IFCS;
		}
		last = i;
		i = ring_next(i, r->count);
	}
	/* RS on the last piece only: DD there means the whole frame is done. */
	desc[last].cmd |= E1000_TXD_CMD_EOP | E1000_TXD_CMD_RS;
	e1000x_tx_commit(netdev, r, skb, r->next_to_use, last, i, E1K_TX_DESC_NEEDED);
	return NETDEV_TX_OK;

drop:
	netdev->stats.tx_dropped++;
	dev_kfree_skb_any(skb);
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

/* TCP/UDP checksums over IPv4 and IPv6 through context descriptors. */
u64 e1k_tx_features(struct e1k_adapter *a)
{
	return NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM;
}
