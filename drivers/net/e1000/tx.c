/*
 * Transmit: one descriptor per piece of the skb (its linear part and each
 * frag). A CHECKSUM_PARTIAL frame goes as TCP/IP data descriptors asking
 * for the TCP/UDP sum, after a context descriptor when its layout differs
 * from the one the device holds (SDM 3.3.5-3.3.7); the rest as legacy
 * descriptors. The stack has written the pseudo-header seed already
 * (net/core/checksum.h): the device adds the segment's sum to it. A GSO
 * skb (a large TCP segment) goes as one TSO job: a segmentation context,
 * then data descriptors with TSE (SDM 3.3.6-3.3.7, tx_tso() below).
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

/*
 * Bytes per data descriptor: Linux's e1000 keeps 8254x buffers to 4 KB
 * (E1000_MAX_DATA_PER_TXD); only a TSO job has longer pieces. A job is at
 * most 64 KB (the IP length it stands for), so its worst case is a context
 * and every piece split at 4 KB (a linear one, which may take the sentinel
 * of tx_map(), needs far fewer): the queue stops while that would not fit.
 */
#define E1K_MAX_PER_TXD		4096
#define E1K_MAX_TSO_LEN		0xFFFF
#define E1K_TSO_DESC_NEEDED	(MAX_SKB_FRAGS + 2 + E1K_MAX_TSO_LEN / E1K_MAX_PER_TXD)
/*
 * Values of the TX ring's ctx_key other than a checksum layout (those have
 * bit 31 set): the device holds a TSO context, and CTX_AFTER_TSO while the
 * next linear non-TSO frame still owes the sentinel (tx_map()).
 */
#define CTX_TSO			1u
#define CTX_AFTER_TSO		BIT(30)

int e1k_setup_tx_ring(struct e1000x_adapter *x)
{
	x->tx_ring.head_reg = E1000_TDH;
	x->tx_ring.tail_reg = E1000_TDT;
	return e1000x_setup_ring(&x->tx_ring, x->tx_count, false, x->netdev->name);
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
	a->tx_ring.ctx_key = 0;	/* a reset device holds no context */
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

/*
 * A GSO skb as one TSO job (SDM 3.3.6: TSE, HDRLEN, MSS, PAYLEN in the
 * context; the IP and TCP fields as for a checksum context). The device
 * cuts the payload into mss-sized frames with a copy of the headers in
 * front of each, fills in every frame's IP length, IPv4 identification and
 * header checksum, TCP sequence number, flags and checksum (SDM 3.3.7.1);
 * e1000x_tso_prepare() readies the headers for that. A TSO context replaces
 * the checksum context in the device (it has one), so the next checksum
 * frame writes its own again. 1: context written at slot i; 0: no GSO skb;
 * -EINVAL: a job the device cannot take.
 */
static int tx_tso(struct e1k_adapter *a, struct sk_buff *skb, unsigned int i)
{
	struct e1000_context_desc *c = (struct e1000_context_desc *)a->tx_ring.desc + i;
	struct e1000x_tso t;

	if (!skb_is_gso(skb))
		return 0;
	if (!(a->netdev->features & NETIF_F_TSO) || skb_shinfo(skb)->gso_type != SKB_GSO_TCPV4 ||
	    e1000x_tso_prepare(skb, a->netdev->mtu, &t))
		return -EINVAL;
	memset(c, 0, sizeof(*c));
	c->ipcss = ETH_HLEN;
	c->ipcso = ETH_HLEN + E1000X_IPV4_CSUM_OFFSET;
	c->ipcse = (u16)(t.l4 - 1);
	c->tucss = (u8)t.l4;
	c->tucso = (u8)(t.l4 + E1000X_TCP_CSUM_OFFSET);
	c->tucse = 0;
	c->paylen = (u16)t.paylen;
	c->dtyp = (u8)((t.paylen >> E1000_TXD_PAYLEN_HI_SHIFT) & 0xF);	/* DTYP 0000b */
	c->tucmd = E1000_TUCMD_TSE | E1000_TUCMD_TCP | E1000_TUCMD_IP | E1000_TXD_CMD_DEXT;
	c->hdr_len = (u8)t.hdr_len;
	c->mss = (u16)t.mss;
	a->tx_ring.ctx_key = CTX_TSO | CTX_AFTER_TSO;
	a->sw_stats.tx_tso++;
	a->sw_stats.tx_ctx_writes++;
	return 1;
}

/*
 * Data descriptors for every piece, at most E1K_MAX_PER_TXD each. Linux's
 * e1000 works around two errata of these MACs with a "sentinel": the last
 * 4 bytes of a linear TSO job, and of the first linear non-TSO frame after
 * one, go in a descriptor of their own, else the device may write the
 * descriptor back before it has fetched all the data. The same is done here.
 */
static unsigned int tx_map(struct e1k_adapter *a, struct sk_buff *skb, unsigned int i,
			   u8 cmd, u8 popts, bool sentinel)
{
	struct e1000x_ring *r = &a->tx_ring;
	struct e1000_data_desc *d = r->desc;
	unsigned int nfrags = skb_shinfo(skb)->nr_frags, last = i;

	for (int piece = -1; piece < (int)nfrags; piece++) {
		u8 *addr = piece < 0 ? skb->data : skb_shinfo(skb)->frags[piece].addr;
		u32 len = piece < 0 ? skb_headlen(skb) : skb_shinfo(skb)->frags[piece].len;
		u32 tail = sentinel && piece == (int)nfrags - 1 && len > 8 ? 4 : 0;

		while (len) {
			u32 n = min(len, (u32)E1K_MAX_PER_TXD);

			if (tail && len > tail && n > len - tail)
				n = len - tail;
			memset(&d[i], 0, sizeof(d[i]));
			d[i].buffer_addr = virt_to_phys(addr);
			d[i].length = (u16)n;
			d[i].cmd = cmd | E1000_TXD_CMD_IFCS;
			if (cmd & E1000_TXD_CMD_DEXT) {
				d[i].dtyp = E1000_TXD_DTYP_DATA;
				d[i].popts = popts;	/* the first one counts */
			}
			last = i;
			i = ring_next(i, r->count);
			addr += n;
			len -= n;
		}
	}
	/* RS on the last piece only: DD there means the whole frame is done. */
	d[last].cmd |= E1000_TXD_CMD_EOP | E1000_TXD_CMD_RS;
	return last;
}

/* The worst frame the queue must have room for: a TSO job when TSO is on. */
static unsigned int tx_needed(struct e1k_adapter *a)
{
	return (a->netdev->features & NETIF_F_TSO) ? E1K_TSO_DESC_NEEDED : E1K_TX_DESC_NEEDED;
}

netdev_tx_t e1k_xmit_frame(struct sk_buff *skb, struct net_device *netdev)
{
	struct e1k_adapter *a = netdev_priv(netdev);
	struct e1000x_ring *r = &a->tx_ring;
	unsigned int i = r->next_to_use, last, nfrags = skb_shinfo(skb)->nr_frags;
	bool sentinel = false;
	s64 key = 0;
	int tso;

	if (skb->len < ETH_HLEN || nfrags > MAX_SKB_FRAGS ||
	    skb->len > (skb_is_gso(skb) ? E1K_MAX_TSO_LEN : ETH_FRAME_LEN))
		goto drop;
	if (ring_unused(r->next_to_use, r->next_to_clean, r->count) <
	    e1000x_tx_descs_needed(skb, E1K_MAX_PER_TXD) + !nfrags) {	/* + a sentinel */
		netif_stop_queue(netdev);
		return NETDEV_TX_BUSY;
	}
	tso = tx_tso(a, skb, i);
	if (tso < 0)
		goto drop;
	if (tso) {
		i = ring_next(i, r->count);
		sentinel = !nfrags;
	} else {
		key = tx_csum_key(a, skb);
		if (key < 0)
			goto drop;
		sentinel = !nfrags && (a->tx_ring.ctx_key & CTX_AFTER_TSO);
		if (sentinel)
			a->tx_ring.ctx_key &= ~CTX_AFTER_TSO;
	}
	if (key && (u32)key != a->tx_ring.ctx_key) {
		/* Only a new layout costs a descriptor (SDM 3.3.6: the context stays). */
		tx_write_context(a, (u32)key, i);
		a->tx_ring.ctx_key = (u32)key;
		i = ring_next(i, r->count);
	}
	if (tso)
		last = tx_map(a, skb, i, E1000_TXD_CMD_DEXT | E1000_TXD_CMD_TSE,
			      E1000_TXD_POPTS_TXSM | E1000_TXD_POPTS_IXSM, sentinel);
	else if (key)
		last = tx_map(a, skb, i, E1000_TXD_CMD_DEXT, E1000_TXD_POPTS_TXSM, sentinel);
	else
		last = tx_map(a, skb, i, 0, 0, sentinel);
	e1000x_tx_commit(netdev, r, skb, r->next_to_use, last, ring_next(last, r->count),
			 tx_needed(a));
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
	e1000x_tx_maybe_wake(a->netdev, r, tx_needed(a));
	return i == r->next_to_use;
}

/*
 * TCP/UDP checksums over IPv4 and IPv6 through context descriptors, and TSO
 * for TCP over IPv4 (NETIF_F_TSO) unless e1000.tso=0. Linux's e1000 offers
 * TSO from the 82544 on except the 82547, and never TSO6 on an 8254x (the
 * SDM describes the IPv6 header update, but no driver has relied on it):
 * IPv6 large segments are cut by net/core/gso.c. Not on the 82544 here: its TSO
 * erratum needs the payload's first bytes pulled into the header buffer
 * (Linux's __pskb_pull_tail()), which is not done here. And not with a TX
 * ring too small to wake the queue after the worst job (twice its need).
 */
static bool tso_capable(const struct pci_dev *pdev)
{
	switch (pdev->device) {
	case E1000_DEV_ID_82544EI_COPPER:
	case E1000_DEV_ID_82544EI_FIBER:
	case E1000_DEV_ID_82544GC_COPPER:
	case E1000_DEV_ID_82544GC_LOM:
		return false;
	default:
		return true;	/* the id table has no 82542/82543/82547 */
	}
}

u64 e1k_tx_features(struct e1k_adapter *a)
{
	u64 f = NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM;

	if (e1k_param_tso && tso_capable(a->pdev) &&
	    e1k_param_tx_ring > 2 * E1K_TSO_DESC_NEEDED)
		f |= NETIF_F_TSO;
	return f;
}
