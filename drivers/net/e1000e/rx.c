/*
 * Receive: the RX ring of legacy descriptors (QEMU and the 82574 both start
 * in that format), its refill, and the cleaner NAPI's poll calls with a
 * budget. With e1000e.napi=0 the same cleaner runs in the top half and hands
 * frames to netif_rx() instead, as drivers did before NAPI.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/kmalloc.h>
#include <lib/printk.h>
#include <lib/string.h>
#include <lib/timer.h>
#include <net/core/ethernet.h>
#include <net/core/skb_pool.h>
#include <drivers/net/e1000e/e1000.h>
#include <net/core/trace.h>

int e1000_setup_rx_ring(struct e1000x_adapter *x)
{
	struct e1000x_ring *r = &e1000e_adapter(x)->rx_ring;
	int ret = e1000x_setup_ring(r, x->rx_count, true, x->netdev->name);

	r->head_reg = E1000_RDH(0);
	r->tail_reg = E1000_RDT(0);
	return ret;
}

/* Frees every buffer still on the ring: after stop, nothing stays allocated. */
void e1000_free_rx_ring(struct e1000x_adapter *x)
{
	e1000x_free_ring(&e1000e_adapter(x)->rx_ring);
}

void e1000_configure_rx(struct e1000_adapter *a)
{
	struct e1000x_ring *r = &a->rx_ring;
	u32 rctl;

	ew32(a, E1000_RCTL, 0);
	ew32(a, E1000_RDBAL(0), (u32)r->dma);
	ew32(a, E1000_RDBAH(0), (u32)(r->dma >> 32));
	ew32(a, E1000_RDLEN(0), r->count * sizeof(struct e1000_rx_desc));
	ew32(a, E1000_RDH(0), 0);
	ew32(a, E1000_RDT(0), 0);
	/* No RX delay timers: ITR alone paces interrupts (RDTR adds latency, not batching). */
	ew32(a, E1000_RDTR, 0);
	ew32(a, E1000_RADV, 0);
	ew32(a, E1000_RXCSUM, E1000_RXCSUM_IPOFL | E1000_RXCSUM_TUOFL);
	e1000x_rar_set(&a->hw, a->netdev->dev_addr, 0);

	/*
	 * Enable, broadcasts, 2 KiB buffers, strip the CRC (without SECRC QEMU
	 * appends four zero bytes and counts them), RXDMT0 at half the ring.
	 * Legacy descriptors: RFCTL stays untouched, DTYP 0.
	 */
	rctl = E1000_RCTL_EN | E1000_RCTL_BAM | E1000_RCTL_SZ_2048 | E1000_RCTL_SECRC |
	       E1000_RCTL_RDMTS_HALF | E1000_RCTL_LBM_NO | E1000_RCTL_MO_0;
	ew32(a, E1000_RCTL, rctl);
	e1000x_set_rx_mode(a->netdev);
}

/*
 * Gives the device every free slot a buffer. A slot the pool cannot fill
 * stays empty and is retried: from the next poll, and from refill_timer,
 * because a ring with no buffers raises no further RX interrupt by itself.
 */
int e1000_alloc_rx_buffers(struct e1000_adapter *a)
{
	/* LAB rx: BEGIN return 0 */
	/* LAB rx: HINT the slots to fill: ring_unused(next_to_use, next_to_clean, count); each gets netdev_alloc_skb_ip_align(..., E1000_RXBUFFER_2048) and its descriptor the buffer's physical address and a clear status */
	/* LAB rx: HINT no skb: count rx_alloc_failed, mod_timer(&a->refill_timer, jiffies + 1), stop; the slot is retried later */
	/* LAB rx: HINT if anything was filled: next_to_use, then dma_wmb(), then one write of the tail register */
	struct e1000x_ring *r = &a->rx_ring;
	struct e1000_rx_desc *desc = r->desc;
	unsigned int i = r->next_to_use, filled = 0;
	unsigned int todo = ring_unused(r->next_to_use, r->next_to_clean, r->count);

	while (todo--) {
		struct sk_buff *skb = netdev_alloc_skb_ip_align(a->netdev, E1000_RXBUFFER_2048);

		if (!skb) {
			a->sw_stats.rx_alloc_failed++;
			mod_timer(&a->refill_timer, jiffies + 1);
			break;
		}
		r->buffer_info[i].skb = skb;
		desc[i].buffer_addr = virt_to_phys(skb->data);
		desc[i].status = 0;
		desc[i].errors = 0;
		desc[i].length = 0;
		i = ring_next(i, r->count);
		filled++;
	}
	if (filled) {
		r->next_to_use = i;
		dma_wmb();	/* descriptors in memory before the device may fetch them */
		ew32(a, r->tail_reg, i);
	}
	return filled;
	/* LAB rx: END */
}

static void rx_checksum(struct e1000_adapter *a, struct sk_buff *skb, u8 status, u8 errors)
{
	skb->ip_summed = CHECKSUM_NONE;
	if (!(a->netdev->features & NETIF_F_RXCSUM) || (status & E1000_RXD_STAT_IXSM))
		return;
	if (errors & (E1000_RXD_ERR_TCPE | E1000_RXD_ERR_IPE)) {
		a->sw_stats.rx_csum_err++;	/* left to the stack, which drops it */
		return;
	}
	if (status & (E1000_RXD_STAT_TCPCS | E1000_RXD_STAT_UDPCS)) {
		skb->ip_summed = CHECKSUM_UNNECESSARY;
		a->sw_stats.rx_csum_good++;
	}
}

/* A frame the device flagged, or one that does not fit a descriptor: counted, freed. */
static bool rx_frame_is_bad(struct e1000_adapter *a, const struct e1000_rx_desc *d)
{
	struct net_device_stats *st = &a->netdev->stats;

	if (!(d->status & E1000_RXD_STAT_EOP) || d->length > E1000_RXBUFFER_2048 ||
	    d->length < ETH_HLEN) {
		a->sw_stats.rx_length_errors++;
		st->rx_length_errors++;
		st->rx_errors++;
		return true;
	}
	if (d->errors & E1000_RXD_ERR_FRAME_MASK) {
		/* Only seen with RCTL.SBP (never set): the hardware counts CRC errors in CRCERRS too. */
		a->sw_stats.rx_frame_errors++;
		st->rx_frame_errors++;
		st->rx_errors++;
		return true;
	}
	return false;
}

/*
 * Reclaims up to 'budget' finished descriptors. DD is written last by the
 * device, so after seeing it (and a read barrier) the rest is valid.
 * Returns the number of descriptors cleaned (NAPI's "work done").
 */
int e1000_clean_rx_irq(struct e1000_adapter *a, int budget, bool non_napi)
{
	/* LAB rx: BEGIN return 0 */
	/* LAB rx: HINT from next_to_clean while DD is set and work < budget; dma_rmb() after seeing DD, before reading the rest */
	/* LAB rx: HINT rx_frame_is_bad() (and a->rx_discarding until EOP): free; else skb_put, rx_checksum, eth_type_trans, the rx counters, netif_receive_skb (netif_rx if non_napi) */
	/* LAB rx: HINT refill every E1000_RX_REFILL_BATCH cleaned and once at the end */
	/* LAB rx: STUB (void)rx_checksum; */
	/* LAB rx: STUB (void)rx_frame_is_bad; */
	struct e1000x_ring *r = &a->rx_ring;
	struct e1000_rx_desc *desc = r->desc;
	unsigned int i = r->next_to_clean, since_refill = 0;
	int done = 0;

	while (done < budget) {
		struct e1000_rx_desc *d = &desc[i];
		struct sk_buff *skb = r->buffer_info[i].skb;

		if (!(READ_ONCE(d->status) & E1000_RXD_STAT_DD) || !skb)
			break;
		dma_rmb();
		r->buffer_info[i].skb = NULL;
		i = ring_next(i, r->count);
		r->next_to_clean = i;
		done++;

		if (a->rx_discarding) {
			/* The rest of a frame too big for one buffer: already counted. */
			a->rx_discarding = !(d->status & E1000_RXD_STAT_EOP);
			kfree_skb(skb);
		} else if (rx_frame_is_bad(a, d)) {
			a->rx_discarding = !(d->status & E1000_RXD_STAT_EOP);
			kfree_skb(skb);
		} else {
			unsigned int len = d->length;

			skb_put(skb, len);
			rx_checksum(a, skb, d->status, d->errors);
			skb->protocol = eth_type_trans(skb, a->netdev);
			trace_rx(__func__, skb);
			a->netdev->stats.rx_packets++;
			a->netdev->stats.rx_bytes += len;
			if (skb->pkt_type == PACKET_MULTICAST)
				a->netdev->stats.multicast++;
			if (non_napi) {
				a->sw_stats.non_napi_rx++;
				netif_rx(skb);
			} else {
				netif_receive_skb(skb);
			}
		}
		if (++since_refill >= E1000_RX_REFILL_BATCH) {
			e1000_alloc_rx_buffers(a);
			since_refill = 0;
		}
	}
	if (since_refill || ring_unused(r->next_to_use, r->next_to_clean, r->count))
		e1000_alloc_rx_buffers(a);
	return done;
	/* LAB rx: END */
}
