/*
 * Transmit: one data descriptor per piece of the skb (its linear part and
 * each frag), preceded by a context descriptor when the checksum offload
 * layout changes. The device's TX interrupt and NAPI's poll reclaim them.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/kmalloc.h>
#include <lib/printk.h>
#include <lib/string.h>
#include <lib/testfault.h>
#include <net/core/byteorder.h>
#include <net/core/checksum.h>
#include <net/core/ethernet.h>
#include <drivers/net/e1000e/e1000.h>

#define IPPROTO_TCP	6
#define IPPROTO_UDP	17
#define TCP_CSUM_OFFSET	16
#define UDP_CSUM_OFFSET	6
#define TEST_TX_STOP_AFTER 200	/* frames before test.fault=e1000e_tx_stop bites */

int e1000_setup_tx_ring(struct e1000x_adapter *x)
{
	struct e1000x_ring *r = &x->tx_ring;

	r->head_reg = E1000_TDH(0);
	r->tail_reg = E1000_TDT(0);
	x->tx_ring.ctx_key = 0;
	return e1000x_setup_ring(r, x->tx_count, false, x->netdev->name);
}

void e1000_configure_tx(struct e1000_adapter *a)
{
	struct e1000x_ring *r = &a->tx_ring;
	u32 tctl;

	ew32(a, E1000_TCTL, 0);
	ew32(a, E1000_TDBAL(0), (u32)r->dma);
	ew32(a, E1000_TDBAH(0), (u32)(r->dma >> 32));
	ew32(a, E1000_TDLEN(0), r->count * sizeof(struct e1000_tx_desc));
	ew32(a, E1000_TDH(0), 0);
	ew32(a, E1000_TDT(0), 0);
	ew32(a, E1000_TIPG, E1000_TIPG_82574);
	ew32(a, E1000_TADV, 0);
	/* The queue runs only with TARC bit 10 set: read-modify-write, never clear it. */
	ew32(a, E1000_TARC(0), er32(a, E1000_TARC(0)) | E1000_TARC_ENABLE);
	tctl = E1000_TCTL_EN | E1000_TCTL_PSP | E1000_TCTL_RTLC |
	       (E1000_COLLISION_THRESHOLD << E1000_TCTL_CT_SHIFT) |
	       (E1000_COLLISION_DISTANCE << E1000_TCTL_COLD_SHIFT);
	ew32(a, E1000_TCTL, tctl);
	a->tx_ring.ctx_key = 0;
}

/*
 * Checks a CHECKSUM_PARTIAL skb's layout and returns its context key (0: no
 * offload needed). The stack has already written the pseudo-header seed
 * into the field (net/core/checksum.h): the driver only tells the device
 * where to sum. What the device cannot place (not TCP/UDP, L4 not right
 * after the IP header, past byte 255) is completed by skb_checksum_help().
 * Returns -EINVAL for a frame whose checksum can be done neither way.
 */
static s64 tx_csum_prepare(struct e1000_adapter *a, struct sk_buff *skb)
{
	__be16 proto;
	bool ipv6;
	unsigned int l4_off, field, iphl;
	u8 l4proto, vhl;

	if (skb->ip_summed != CHECKSUM_PARTIAL)
		return 0;
	l4_off = skb->csum_start - skb_headroom(skb);
	field = l4_off + skb->csum_offset;
	if (skb_copy_bits(skb, 12, &proto, 2) || skb_copy_bits(skb, ETH_HLEN, &vhl, 1) ||
	    field + 2 > skb->len)
		return -EINVAL;
	ipv6 = proto == cpu_to_be16(ETH_P_IPV6);
	if (!ipv6 && proto != cpu_to_be16(ETH_P_IP))
		return -EINVAL;
	iphl = ipv6 ? 40 : (vhl & 0xF) * 4u;
	if (skb->len < ETH_HLEN + iphl || (!ipv6 && iphl < 20))
		return -EINVAL;
	if (skb->csum_offset == TCP_CSUM_OFFSET)
		l4proto = IPPROTO_TCP;
	else if (skb->csum_offset == UDP_CSUM_OFFSET)
		l4proto = IPPROTO_UDP;
	else
		return skb_checksum_help(skb) ? -EINVAL : 0;
	/* The offload needs L4 right after the IP header, all inside the first 255 bytes. */
	if (l4_off != ETH_HLEN + iphl || field > 255 ||
	    !(a->netdev->features & (ipv6 ? NETIF_F_IPV6_CSUM : NETIF_F_IP_CSUM)))
		return skb_checksum_help(skb) ? -EINVAL : 0;
	a->sw_stats.tx_csum_offload++;
	return (s64)(l4_off | (field << 8) | (ipv6 ? 1u << 16 : 0) |
		     (l4proto == IPPROTO_TCP ? 1u << 17 : 0) | (iphl << 18) | (1u << 31));
}

static void tx_write_context(struct e1000_adapter *a, u32 key, unsigned int i)
{
	struct e1000_context_desc *c = (struct e1000_context_desc *)a->tx_ring.desc + i;
	bool ipv6 = key & (1u << 16), tcp = key & (1u << 17);
	unsigned int iphl = (key >> 18) & 0x3F;

	c->ipcss = ETH_HLEN;
	c->ipcso = ipv6 ? 0 : ETH_HLEN + 10;	/* IPv4 header checksum field */
	c->ipcse = ipv6 ? 0 : ETH_HLEN + iphl - 1;
	c->tucss = key & 0xFF;
	c->tucso = (key >> 8) & 0xFF;
	c->tucse = 0;				/* to the end of the frame */
	c->cmd_and_length = E1000_TXD_CMD_DEXT | E1000_TXD_DTYP_C |
			    (tcp ? E1000_TXD_CMD_TCP : 0) | (ipv6 ? 0 : E1000_TXD_CMD_IP);
	c->status = 0;
	c->hdr_len = 0;
	c->mss = 0;
}

/*
 * TCP segmentation (SDM 7.2.4; Linux's e1000_tso()): the device cuts the
 * payload after hdr_len into mss-sized frames, copying the headers in front
 * of each and filling each frame's IP length, IPv4 header checksum and TCP
 * checksum. So the stack's length fields mean nothing here: the IP length
 * goes to 0 and the TCP checksum field gets the pseudo-header sum without
 * the length (SDM 7.2.4.3), which the device adds per frame: both done by
 * e1000x_tso_prepare(), shared with the 8254x driver. Returns 1 with
 * the context written at slot i, 0 for a frame that is no TSO job, -EINVAL
 * for one the device cannot take (the caller drops it, counted).
 */
static int tx_tso(struct e1000_adapter *a, struct sk_buff *skb, unsigned int i, u32 *popts)
{
	struct e1000_context_desc *c = (struct e1000_context_desc *)a->tx_ring.desc + i;
	struct e1000x_tso t;
	bool ipv6;
	unsigned int l4;

	if (!skb_is_gso(skb))
		return 0;
	if (e1000x_tso_prepare(skb, a->netdev->mtu, &t))
		return -EINVAL;
	ipv6 = t.ipv6;
	l4 = t.l4;

	c->ipcss = ETH_HLEN;
	c->ipcso = ipv6 ? 0 : ETH_HLEN + 10;
	c->ipcse = ipv6 ? 0 : (u16)(l4 - 1);
	c->tucss = (u8)l4;
	c->tucso = (u8)(l4 + TCP_CSUM_OFFSET);
	c->tucse = 0;
	c->cmd_and_length = E1000_TXD_CMD_DEXT | E1000_TXD_DTYP_C | E1000_TXD_CMD_TSE |
			    E1000_TXD_CMD_TCP | (ipv6 ? 0 : E1000_TXD_CMD_IP) |
			    (t.paylen & E1000_TXD_PAYLEN_MASK);
	c->status = 0;
	c->hdr_len = (u8)t.hdr_len;
	c->mss = (u16)t.mss;
	*popts = E1000_TXD_POPTS_TXSM | (ipv6 ? 0 : E1000_TXD_POPTS_IXSM);
	/* The checksum context is gone: the next offloaded frame writes its own. */
	a->tx_ring.ctx_key = 0;
	a->sw_stats.tx_tso++;
	return 1;
}

static void tx_maybe_stop_test_fault(struct e1000_adapter *a)
{
	if (a->tx_stopped_by_test || ++a->tx_frames_seen != TEST_TX_STOP_AFTER ||
	    !test_fault_is("e1000e_tx_stop"))
		return;
	a->tx_stopped_by_test = true;
	ew32(a, E1000_TCTL, er32(a, E1000_TCTL) & ~E1000_TCTL_EN);
	pr_warn("%s: test.fault: TX unit stopped on purpose\n", a->netdev->name);
}

netdev_tx_t e1000_xmit_frame(struct sk_buff *skb, struct net_device *netdev)
{
	struct e1000_adapter *a = netdev_priv(netdev);
	struct e1000x_ring *r = &a->tx_ring;
	struct e1000_data_desc *desc = r->desc;
	unsigned int first = r->next_to_use, i = first, last = first, nsegs = 0;
	u32 popts = 0, tse = 0;
	s64 key;
	int tso;

	if (skb->len < ETH_HLEN ||
	    skb->len > (skb_is_gso(skb) ? E1000_MAX_TSO_LEN : E1000_MAX_FRAME) ||
	    skb_shinfo(skb)->nr_frags > MAX_SKB_FRAGS) {
		a->sw_stats.tx_dropped_bad++;
		netdev->stats.tx_dropped++;
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}
	if (ring_unused(r->next_to_use, r->next_to_clean, r->count) <
	    e1000x_tx_descs_needed(skb, E1000_MAX_PER_TXD)) {
		/* The queue should have been stopped earlier: say so, let the core retry. */
		a->sw_stats.tx_busy++;
		netif_stop_queue(netdev);
		return NETDEV_TX_BUSY;
	}
	tso = tx_tso(a, skb, i, &popts);
	if (tso > 0) {
		tse = E1000_TXD_CMD_TSE;
		i = ring_next(i, r->count);
		nsegs++;
	}
	key = tso ? 0 : tx_csum_prepare(a, skb);
	if (key < 0 || tso < 0) {
		a->sw_stats.tx_dropped_bad++;
		netdev->stats.tx_dropped++;
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}
	if (key) {
		popts = E1000_TXD_POPTS_TXSM;
		if ((u64)key != a->tx_ring.ctx_key) {
			tx_write_context(a, (u32)key, i);
			a->tx_ring.ctx_key = (u64)key;
			i = ring_next(i, r->count);
			nsegs++;
		}
	}

	/* LAB tx: BEGIN return NETDEV_TX_OK */
	/* LAB tx: HINT a data descriptor per piece (skb->data for skb_headlen(), then each frag; at most E1000_MAX_PER_TXD bytes each): address, length | DEXT | DTYP_D | IFCS, popts in upper */
	/* LAB tx: HINT EOP and RS on the last, segs on the first slot, then e1000x_tx_commit() (drivers/net/intel/e1000x.c, also yours) */
	/* LAB tx: STUB (void)desc; (void)first; (void)last; (void)nsegs; (void)popts; (void)tse; */
	/* LAB tx: STUB (void)tx_maybe_stop_test_fault; */
	/* LAB tx: STUB dev_kfree_skb_any(skb); */
	/* QEMU reads POPTS from each data descriptor (hardware from the first): set it on all. */
	for (int piece = -1; piece < (int)skb_shinfo(skb)->nr_frags; piece++) {
		void *addr = piece < 0 ? skb->data : skb_shinfo(skb)->frags[piece].addr;
		u32 len = piece < 0 ? skb_headlen(skb) : skb_shinfo(skb)->frags[piece].len;

		while (len) {
			u32 n = min(len, (u32)E1000_MAX_PER_TXD);

			desc[i].buffer_addr = virt_to_phys(addr);
			desc[i].lower = n | E1000_TXD_CMD_DEXT | E1000_TXD_DTYP_D |
					E1000_TXD_CMD_IFCS | tse;
			desc[i].upper = popts;
			last = i;
			i = ring_next(i, r->count);
			nsegs++;
			addr = (u8 *)addr + n;
			len -= n;
		}
	}
	desc[last].lower |= E1000_TXD_CMD_EOP | E1000_TXD_CMD_RS;
	r->buffer_info[first].segs = nsegs;
	tx_maybe_stop_test_fault(a);
	e1000x_tx_commit(netdev, r, skb, first, last, i, E1000_TX_DESC_NEEDED);
	return NETDEV_TX_OK;
	/* LAB tx: END */
}

/*
 * Reclaims sent frames; wakes the queue once there is room again. Returns
 * true when every queued frame has been cleaned, as Linux's does.
 */
bool e1000_clean_tx_irq(struct e1000_adapter *a, bool in_hardirq)
{
	/* LAB tx: BEGIN return true */
	/* LAB tx: HINT from next_to_clean to next_to_use: a frame is done when its next_to_watch descriptor has DD; dma_rmb() after seeing it */
	/* LAB tx: HINT e1000x_tx_reclaim() frees it; move past its segs; then e1000x_tx_maybe_wake() (count tx_restart_queue); true when the ring is empty */
	struct e1000x_ring *r = &a->tx_ring;
	struct e1000_data_desc *desc = r->desc;
	unsigned int i = r->next_to_clean, cleaned = 0;

	while (i != r->next_to_use && cleaned < r->count) {
		unsigned int eop = r->buffer_info[i].next_to_watch;

		if (!(READ_ONCE(desc[eop].upper) & E1000_TXD_STAT_DD))
			break;
		dma_rmb();	/* DD first, then the rest of what the device wrote */
		cleaned += r->buffer_info[i].segs;
		e1000x_tx_reclaim(a->netdev, r, eop, in_hardirq);
		i = ring_next(eop, r->count);
	}
	r->next_to_clean = i;
	if (cleaned)
		netif_trans_update(a->netdev);
	if (e1000x_tx_maybe_wake(a->netdev, r, E1000_TX_DESC_NEEDED))
		a->sw_stats.tx_restart_queue++;
	return i == r->next_to_use;
	/* LAB tx: END */
}
