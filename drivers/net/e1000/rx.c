/*
 * Receive: a ring of legacy descriptors, refilled from the skb pool and
 * cleaned by NAPI's poll within its budget.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/kmalloc.h>
#include <lib/printk.h>
#include <lib/string.h>
#include <net/core/ethernet.h>
#include <net/core/skb_pool.h>
#include <drivers/net/e1000/e1000.h>

int e1k_setup_rx_ring(struct e1000x_adapter *x)
{
	struct e1k_adapter *a = e1k_adapter(x);

	a->rx_ring.head_reg = E1000_RDH;
	a->rx_ring.tail_reg = E1000_RDT;
	return e1000x_setup_ring(&a->rx_ring, x->rx_count, true, x->netdev->name);
}

void e1k_free_rx_ring(struct e1000x_adapter *x)
{
	e1000x_free_ring(&e1k_adapter(x)->rx_ring);
}

void e1k_configure_rx(struct e1k_adapter *a)
{
	struct e1000x_ring *r = &a->rx_ring;

	e1k_wr(a, E1000_RCTL, 0);
	e1k_wr(a, E1000_RDBAL, (u32)r->dma);
	e1k_wr(a, E1000_RDBAH, (u32)(r->dma >> 32));
	e1k_wr(a, E1000_RDLEN, r->count * sizeof(struct e1000_rx_desc));
	e1k_wr(a, E1000_RDH, 0);
	e1k_wr(a, E1000_RDT, 0);
	/* ITR paces interrupts; the per-packet delay timers would only add latency. */
	e1k_wr(a, E1000_RDTR, 0);
	e1k_wr(a, E1000_RADV, 0);
	e1k_wr(a, E1000_RXCSUM, E1000_RXCSUM_IPOFL | E1000_RXCSUM_TUOFL);
	e1000x_rar_set(&a->hw, a->netdev->dev_addr, 0);
	/* Broadcasts, 2 KiB buffers, CRC stripped (the stack never wants it). */
	e1k_wr(a, E1000_RCTL, E1000_RCTL_EN | E1000_RCTL_BAM | E1000_RCTL_SZ_2048 |
	       E1000_RCTL_SECRC);
	e1000x_set_rx_mode(a->netdev);
}

/* A legacy descriptor: the buffer, and a status cleared of the old DD. */
static void e1k_rx_fill(void *ring, unsigned int i, dma_addr_t buf)
{
	struct e1000_rx_desc *desc = ring;

	desc[i].buffer_addr = buf;
	desc[i].status = 0;
}

int e1k_alloc_rx_buffers(struct e1k_adapter *a)
{
	return e1000x_alloc_rx_buffers(a->netdev, &a->rx_ring, E1K_RXBUFFER, e1k_rx_fill,
				       &a->sw_stats.rx_alloc_failed);
}

static void e1k_rx_checksum(struct e1k_adapter *a, struct sk_buff *skb, u8 status, u8 errors)
{
	skb->ip_summed = CHECKSUM_NONE;
	if (status & E1000_RXD_STAT_IXSM)
		return;
	if (errors & (E1000_RXD_ERR_TCPE | E1000_RXD_ERR_IPE)) {
		a->sw_stats.rx_csum_err++;	/* the stack checks again and drops it */
		return;
	}
	/* The 8254x has TCPCS only; it is set for UDP too (SDM 3.2.3.1). */
	if (status & E1000_RXD_STAT_TCPCS) {
		skb->ip_summed = CHECKSUM_UNNECESSARY;
		a->sw_stats.rx_csum_good++;
	}
}

/* Frames larger than a buffer span descriptors; with LPE off the device never makes one. */
static bool e1k_rx_bad(struct e1k_adapter *a, const struct e1000_rx_desc *d)
{
	struct net_device_stats *st = &a->netdev->stats;

	if (!(d->status & E1000_RXD_STAT_EOP) || d->length < ETH_HLEN ||
	    d->length > E1K_RXBUFFER) {
		st->rx_length_errors++;
		st->rx_errors++;
		return true;
	}
	if (d->errors & E1000_RXD_ERR_FRAME_MASK) {
		st->rx_frame_errors++;
		st->rx_errors++;
		return true;
	}
	return false;
}

/* Returns the descriptors cleaned: NAPI's work done. */
int e1k_clean_rx_irq(struct e1k_adapter *a, int budget)
{
	struct e1000x_ring *r = &a->rx_ring;
	struct e1000_rx_desc *desc = r->desc;
	unsigned int i = r->next_to_clean;
	int done = 0;

	while (done < budget) {
		struct e1000_rx_desc *d = &desc[i];
		struct sk_buff *skb = r->buffer_info[i].skb;

		if (!skb || !(READ_ONCE(d->status) & E1000_RXD_STAT_DD))
			break;
		dma_rmb();	/* DD is written last: the rest is valid after it */
		r->buffer_info[i].skb = NULL;
		i = ring_next(i, r->count);
		r->next_to_clean = i;
		done++;
		if (e1k_rx_bad(a, d)) {
			kfree_skb(skb);
			continue;
		}
		e1k_rx_checksum(a, skb, d->status, d->errors);
		e1000x_rx_deliver(&a->x, skb, d->length);
	}
	e1k_alloc_rx_buffers(a);
	return done;
}
