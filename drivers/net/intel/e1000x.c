/*
 * The pieces both Intel PRO/1000 drivers share (e1000x.h says why they are
 * the same on the 8254x and the 82574). Register offsets are spelled out
 * here rather than taken from either driver's hw.h, which describe each
 * family whole; these few are identical in both manuals.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/kmalloc.h>
#include <lib/ktime.h>
#include <lib/printk.h>
#include <lib/string.h>
#include <arch/x86_64/io.h>
#include <net/core/checksum.h>
#include <net/core/ethernet.h>
#include <net/core/skb_pool.h>
#include <drivers/net/intel/e1000x.h>

#define IPPROTO_TCP	6		/* RFC 790 */

#define REG_STATUS	0x00008
#define REG_EERD	0x00014
#define REG_IMC		0x000D8
#define REG_RCTL	0x00100
#define REG_TCTL	0x00400
#define REG_MTA		0x05200		/* 128 x 32 bits */
#define MTA_REGS	128
#define REG_RAL(i)	(0x05400 + 8 * (i))
#define REG_RAH(i)	(0x05404 + 8 * (i))

#define STATUS_FD		BIT(0)
#define STATUS_LU		BIT(1)
#define STATUS_SPEED_SHIFT	6	/* bits 7:6: 0 = 10, 1 = 100, 2 and 3 = 1000 */
#define EERD_START		BIT(0)
#define EERD_DATA_SHIFT		16
#define RCTL_EN			BIT(1)
#define RCTL_UPE		BIT(3)
#define RCTL_MPE		BIT(4)
#define TCTL_EN			BIT(1)
#define RAH_AV			BIT(31)
#define ITR_UNIT_NS		256	/* SDM 13.4.18, 82574 DS 10.2.4.2 */
#define ITR_MAX			0xFFFFu
#define NVM_CHECKSUM_WORDS	0x40	/* 0x00..0x3F, 0x3F chosen to make the sum */
#define NVM_MAC_WORDS		3
#define EERD_POLL_US		10
#define EERD_TIMEOUT_US		10000	/* a word takes microseconds on real parts */
#define STOP_DRAIN_MS		10	/* Linux's wait between disabling and reset */

static u32 rd(struct e1000x_hw *hw, u32 reg) { return readl(hw->hw_addr + reg); }
static void wr(struct e1000x_hw *hw, u32 reg, u32 v) { writel(v, hw->hw_addr + reg); }

int e1000x_setup_ring(struct e1000x_ring *r, unsigned int count, bool rx, const char *devname)
{
	r->count = count;
	r->rx = false;
	r->buffer_info = kcalloc(count, sizeof(*r->buffer_info), GFP_KERNEL);
	r->desc = dma_alloc_coherent(count * E1000X_DESC_SIZE, &r->dma);
	if (!r->buffer_info || !r->desc) {
		pr_err("%s: no memory for a %u-descriptor %s ring\n", devname, count,
		       rx ? "RX" : "TX");
		e1000x_free_ring(r);
		return -ENOMEM;
	}
	memset(r->desc, 0, count * E1000X_DESC_SIZE);
	r->next_to_use = r->next_to_clean = 0;
	if (rx)
		skb_pool_reserve(count);	/* however much a protocol keeps */
	r->rx = rx;
	return 0;
}

unsigned int e1000x_free_ring(struct e1000x_ring *r)
{
	unsigned int unsent = 0;

	if (r->buffer_info) {
		for (unsigned int i = 0; i < r->count; i++) {
			struct sk_buff *skb = r->buffer_info[i].skb;

			if (!skb)
				continue;
			if (r->rx) {
				consume_skb(skb);	/* an empty buffer, not a loss */
			} else {
				kfree_skb(skb);		/* never sent: a drop */
				unsent++;
			}
		}
		kfree(r->buffer_info);
		r->buffer_info = NULL;
	}
	if (r->desc)
		dma_free_coherent(r->count * E1000X_DESC_SIZE, r->desc, r->dma);
	r->desc = NULL;
	if (r->rx)
		skb_pool_unreserve(r->count);
	r->rx = false;
	return unsent;
}

void e1000x_tx_tail(struct net_device *netdev, struct e1000x_ring *r)
{
	if (r->batching) {
		r->tail_pending = true;
		return;
	}
	wr(e1000x_hw(netdev), r->tail_reg, r->next_to_use);
}

void e1000x_tx_batch(struct e1000x_ring *r)
{
	r->batching = true;
}

void e1000x_tx_flush(struct net_device *netdev, struct e1000x_ring *r)
{
	r->batching = false;
	if (r->tail_pending) {
		r->tail_pending = false;
		wr(e1000x_hw(netdev), r->tail_reg, r->next_to_use);
	}
}

void e1000x_tx_commit(struct net_device *netdev, struct e1000x_ring *r, struct sk_buff *skb,
		      unsigned int first, unsigned int last, unsigned int next,
		      unsigned int needed)
{
	/* LAB tx: BEGIN void */
	/* LAB tx: HINT remember which slot to watch (on first) and which skb to free (on last), advance next_to_use */
	/* LAB tx: HINT dma_wmb() before the tail write: the device may fetch as soon as it sees the new tail */
	/* LAB tx: HINT stop the ring's queue (r->queue_index) when fewer than needed slots are left, so the next frame is never refused */
	/* LAB tx: STUB dev_kfree_skb_any(skb); */
	r->buffer_info[first].next_to_watch = last;
	r->buffer_info[last].skb = skb;
	r->next_to_use = next;
	dma_wmb();	/* QEMU transmits inside the tail write: the ring must be complete */
	e1000x_tx_tail(netdev, r);
	if (ring_unused(r->next_to_use, r->next_to_clean, r->count) < needed)
		netif_tx_stop_queue(netdev_get_tx_queue(netdev, r->queue_index));
	/* LAB tx: END */
}

void e1000x_tx_reclaim(struct net_device *netdev, struct e1000x_ring *r, unsigned int eop,
		       bool in_hardirq)
{
	struct sk_buff *skb = r->buffer_info[eop].skb;

	r->buffer_info[eop].skb = NULL;
	netdev->stats.tx_packets++;
	netdev->stats.tx_bytes += skb->len;
	r->packets++;
	r->bytes += skb->len;
	if (in_hardirq)
		dev_consume_skb_irq(skb);	/* the non-NAPI top half: freed later */
	else
		dev_consume_skb_any(skb);
}

bool e1000x_tx_maybe_wake(struct net_device *netdev, struct e1000x_ring *r, unsigned int needed)
{
	/* LAB tx: BEGIN return false */
	/* LAB tx: HINT wake only a stopped queue, with the carrier up and room for two worst-case frames */
	struct netdev_queue *txq = netdev_get_tx_queue(netdev, r->queue_index);

	if (!netif_tx_queue_stopped(txq) || !netif_carrier_ok(netdev) ||
	    ring_unused(r->next_to_use, r->next_to_clean, r->count) < 2 * needed)
		return false;
	netif_tx_wake_queue(txq);
	return true;
	/* LAB tx: END */
}

unsigned int e1000x_alloc_rx_buffers(struct net_device *netdev, struct e1000x_ring *r,
				     unsigned int bufsz, e1000x_rx_fill_fn fill, u64 *alloc_failed)
{
	unsigned int i = r->next_to_use, todo, filled = 0;

	todo = ring_unused(r->next_to_use, r->next_to_clean, r->count);
	while (todo--) {
		struct sk_buff *skb = netdev_alloc_skb_ip_align(netdev, bufsz);

		if (!skb) {
			(*alloc_failed)++;
			break;
		}
		r->buffer_info[i].skb = skb;
		fill(r->desc, i, virt_to_phys(skb->data));
		i = ring_next(i, r->count);
		filled++;
	}
	if (filled) {
		r->next_to_use = i;
		dma_wmb();	/* descriptors complete before the device may fetch them */
		wr(e1000x_hw(netdev), r->tail_reg, i);
	}
	return filled;
}

void e1000x_rx_deliver(struct e1000x_adapter *x, struct sk_buff *skb, unsigned int len)
{
	struct net_device *netdev = x->netdev;

	skb_put(skb, len);
	skb->protocol = eth_type_trans(skb, netdev);
	netdev->stats.rx_packets++;
	netdev->stats.rx_bytes += len;
	if (skb->pkt_type == PACKET_MULTICAST)
		netdev->stats.multicast++;
	if (x->use_napi)
		netif_receive_skb(skb);
	else
		netif_rx(skb);
}

/* Progress is frames completed (tx_packets), not a ring index, which could wrap. */
unsigned int e1000x_tx_descs_needed(const struct sk_buff *skb, unsigned int max_per_txd)
{
	unsigned int n = 1 + DIV_ROUND_UP(skb_headlen(skb), max_per_txd);

	for (unsigned int k = 0; k < skb_shinfo(skb)->nr_frags; k++)
		n += DIV_ROUND_UP(skb_shinfo(skb)->frags[k].len, max_per_txd);
	return n;
}

int e1000x_tso_prepare(struct sk_buff *skb, unsigned int mtu, struct e1000x_tso *t)
{
	u8 *f = skb->data, *ip = f + ETH_HLEN;
	__sum16 seed;

	t->ipv6 = skb_shinfo(skb)->gso_type == SKB_GSO_TCPV6;
	t->mss = skb_shinfo(skb)->gso_size;
	if (!skb_transport_header_was_set(skb) || skb_headlen(skb) < ETH_HLEN + 20)
		return -EINVAL;
	t->l4 = (unsigned int)(skb_transport_header(skb) - f);
	if (t->l4 != ETH_HLEN + (t->ipv6 ? 40u : (ip[0] & 0xFu) * 4u) ||
	    t->l4 + 20 > skb_headlen(skb))
		return -EINVAL;
	t->hdr_len = t->l4 + (f[t->l4 + 12] >> 4) * 4u;
	if (t->hdr_len > skb_headlen(skb) || t->hdr_len > 255 || skb->len <= t->hdr_len ||
	    !t->mss || t->mss + t->hdr_len - ETH_HLEN > mtu)
		return -EINVAL;
	t->paylen = skb->len - t->hdr_len;
	if (t->ipv6) {
		ip[4] = ip[5] = 0;				/* payload length */
		seed = (__sum16)~csum_ipv6_magic(ip + 8, ip + 24, 0, IPPROTO_TCP, 0);
	} else {
		__be32 saddr, daddr;

		ip[2] = ip[3] = 0;				/* total length */
		ip[E1000X_IPV4_CSUM_OFFSET] = ip[E1000X_IPV4_CSUM_OFFSET + 1] = 0;
		memcpy(&saddr, ip + 12, 4);
		memcpy(&daddr, ip + 16, 4);
		seed = (__sum16)~csum_tcpudp_magic(saddr, daddr, 0, IPPROTO_TCP, 0);
	}
	memcpy(f + t->l4 + E1000X_TCP_CSUM_OFFSET, &seed, sizeof(seed));
	return 0;
}

bool e1000x_tx_hang_check(struct net_device *netdev, struct e1000x_ring *tx)
{
	unsigned int pending = ring_in_use(tx->next_to_use, tx->next_to_clean, tx->count);
	struct e1000x_hw *hw = e1000x_hw(netdev);

	if (!tx_hang_check(&tx->hang, pending, tx->packets))
		return false;
	pr_warn("%s: TX hang on queue %u: %u descriptors pending, TDH %u TDT %u, none completed "
		"since the last check\n", netdev->name, tx->queue_index, pending,
		rd(hw, tx->head_reg), rd(hw, tx->tail_reg));
	return true;
}

/* An empty ring raises no interrupt of its own: the watchdog must notice. */
bool e1000x_rx_needs_refill(const struct e1000x_ring *rx)
{
	return ring_in_use(rx->next_to_use, rx->next_to_clean, rx->count) < rx->count / 2;
}

void e1000x_log_tx_timeout(struct net_device *netdev, const struct e1000x_ring *tx)
{
	struct e1000x_hw *hw = e1000x_hw(netdev);

	pr_warn("%s: transmit queue %u timed out (TDH %u TDT %u, ntc %u ntu %u); scheduling a "
		"reset\n", netdev->name, tx->queue_index, rd(hw, tx->head_reg),
		rd(hw, tx->tail_reg), tx->next_to_clean, tx->next_to_use);
}

int e1000x_read_nvm(struct e1000x_hw *hw, const struct e1000x_eerd *eerd, u16 word, u16 *data)
{
	wr(hw, REG_EERD, ((u32)word << eerd->addr_shift) | EERD_START);
	for (unsigned int waited = 0; waited <= EERD_TIMEOUT_US; waited += EERD_POLL_US) {
		u32 v = rd(hw, REG_EERD);

		if (v & eerd->done) {
			*data = (u16)(v >> EERD_DATA_SHIFT);
			return 0;
		}
		udelay(EERD_POLL_US);
	}
	return -ETIMEDOUT;
}

int e1000x_validate_nvm_checksum(struct e1000x_hw *hw, const struct e1000x_eerd *eerd, u16 *sum)
{
	u16 total = 0, w;

	for (u16 i = 0; i < NVM_CHECKSUM_WORDS; i++) {
		if (e1000x_read_nvm(hw, eerd, i, &w))
			return -ETIMEDOUT;
		total += w;
	}
	*sum = total;
	return total == E1000X_NVM_SUM ? 0 : -EIO;
}

int e1000x_read_mac_nvm(struct e1000x_hw *hw, const struct e1000x_eerd *eerd, u8 *mac)
{
	for (u16 i = 0; i < NVM_MAC_WORDS; i++) {
		u16 w;

		if (e1000x_read_nvm(hw, eerd, i, &w))
			return -ETIMEDOUT;
		mac[2 * i] = w & 0xFF;
		mac[2 * i + 1] = w >> 8;
	}
	return 0;
}

void e1000x_rar_set(struct e1000x_hw *hw, const u8 *addr, int index)
{
	u32 ral = addr[0] | (addr[1] << 8) | (addr[2] << 16) | ((u32)addr[3] << 24);
	u32 rah = addr[4] | (addr[5] << 8) | RAH_AV;

	/* AV off first: the filter never matches half an old and half a new address. */
	wr(hw, REG_RAH(index), 0);
	wr(hw, REG_RAL(index), ral);
	wr(hw, REG_RAH(index), rah);
}

/*
 * The multicast table hash with RCTL.MO = 00 (SDM 13.5.1, 82574 DS MTA):
 * destination address bits 47:36, the upper 4 bits of byte 4 and all of
 * byte 5; bits 11:5 pick one of 128 registers, bits 4:0 the bit in it.
 */
u32 e1000x_hash_mc_addr(const u8 *addr)
{
	return ((addr[4] >> 4) | ((u32)addr[5] << 4)) & 0xFFF;
}

void e1000x_set_rx_mode(struct net_device *netdev)
{
	struct e1000x_hw *hw = e1000x_hw(netdev);
	u32 mta[MTA_REGS] = { 0 };
	u32 rctl = rd(hw, REG_RCTL) & ~(RCTL_UPE | RCTL_MPE);
	struct netdev_hw_addr *ha;

	if (netdev->flags & IFF_PROMISC)
		rctl |= RCTL_UPE | RCTL_MPE;
	else if (netdev->flags & IFF_ALLMULTI)
		rctl |= RCTL_MPE;
	list_for_each_entry(ha, &netdev->mc_list, list) {
		u32 hash = e1000x_hash_mc_addr(ha->addr);

		mta[hash >> 5] |= BIT(hash & 31);
	}
	for (int i = 0; i < MTA_REGS; i++)
		wr(hw, REG_MTA + 4 * i, mta[i]);
	wr(hw, REG_RCTL, rctl);
}

int e1000x_set_mac(struct net_device *netdev, void *p)
{
	const u8 *addr = p;

	if (!is_valid_ether_addr(addr))
		return -EINVAL;
	memcpy(netdev->dev_addr, addr, ETH_ALEN);
	e1000x_rar_set(e1000x_hw(netdev), addr, 0);
	return 0;
}

/*
 * In 64 bits: from 2^24 interrupts/s up the product overflows 32 and the
 * division was by zero (found by fuzzing e1000e.itr=16777216).
 */
u32 e1000x_itr_interval(u32 ints_per_sec)
{
	u64 per_int = (u64)ints_per_sec * ITR_UNIT_NS;
	u32 interval = per_int ? (u32)(NSEC_PER_SEC / per_int) : 0;

	return min(interval, ITR_MAX);
}

/*
 * Clearing the enable bits stops new work, but a descriptor write-back or a
 * frame already inside the MAC can still land: both drivers wait 10 ms
 * before the reset that ends all DMA, as Linux's e1000_reset_hw() and
 * e1000e_down() do.
 */
void e1000x_stop_rxtx(struct e1000x_hw *hw)
{
	wr(hw, REG_IMC, ~0u);
	wr(hw, REG_RCTL, rd(hw, REG_RCTL) & ~RCTL_EN);
	wr(hw, REG_TCTL, rd(hw, REG_TCTL) & ~TCTL_EN);
	(void)rd(hw, REG_STATUS);	/* posted writes out before the wait */
	mdelay(STOP_DRAIN_MS);
}

bool e1000x_check_link(struct net_device *netdev, const char *fc, u64 *changes)
{
	bool up = rd(e1000x_hw(netdev), REG_STATUS) & STATUS_LU;

	if (netif_carrier_update(netdev, up, up ? fc : NULL))
		(*changes)++;
	return up;
}

void e1000x_get_drvinfo(struct net_device *netdev, struct ethtool_drvinfo *info)
{
	struct e1000x_adapter *x = netdev_priv(netdev);
	char bus[16];

	strlcpy(info->driver, x->drv_name, sizeof(info->driver));
	strlcpy(info->version, "nicstack", sizeof(info->version));
	strlcpy(info->bus_info, pci_name(x->pdev, bus), sizeof(info->bus_info));
}

/* Pause is always advertised and resolved by autonegotiation. */
void e1000x_get_pauseparam(struct net_device *netdev, struct ethtool_pauseparam *pp)
{
	struct e1000x_adapter *x = netdev_priv(netdev);

	pp->autoneg = 1;
	pp->rx_pause = x->fc_req_rx;
	pp->tx_pause = x->fc_req_tx;
}

int e1000x_get_sset_count(struct net_device *netdev, int sset)
{
	struct e1000x_adapter *x = netdev_priv(netdev);

	return sset == ETH_SS_STATS ? (int)x->stats->count : -EOPNOTSUPP;
}

void e1000x_get_strings(struct net_device *netdev, u32 sset, u8 *data)
{
	struct e1000x_adapter *x = netdev_priv(netdev);

	for (unsigned int i = 0; i < x->stats->count; i++)
		strlcpy((char *)data + i * ETH_GSTRING_LEN, x->stats->stat[i].name, ETH_GSTRING_LEN);
}

void e1000x_get_ethtool_stats(struct net_device *netdev, struct ethtool_stats *st, u64 *data)
{
	struct e1000x_adapter *x = netdev_priv(netdev);

	if (x->up)
		x->ops->update_stats(x);
	for (unsigned int i = 0; i < x->stats->count; i++)
		data[i] = *(const u64 *)((const u8 *)x + x->stats->stat[i].offset);
}

/* STATUS.SPEED (2 and 3 both mean 1000) and FD; a link that is down leaves the core's "unknown". */
int e1000x_get_link_ksettings(struct net_device *netdev, struct ethtool_link_ksettings *ks)
{
	static const int mbps[] = { 10, 100, 1000, 1000 };
	u32 status = rd(e1000x_hw(netdev), REG_STATUS);

	if (status & STATUS_LU) {
		ks->base.speed = mbps[(status >> STATUS_SPEED_SHIFT) & 3];
		ks->base.duplex = (status & STATUS_FD) ? DUPLEX_FULL : DUPLEX_HALF;
	}
	return 0;
}

u32 e1000x_get_link(struct net_device *netdev)
{
	return !!(rd(e1000x_hw(netdev), REG_STATUS) & STATUS_LU);
}
