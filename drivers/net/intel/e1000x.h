/*
 * What the Intel PRO/1000 MACs do the same way, written once for both
 * drivers: the 8254x of drivers/net/e1000 and the 82574 of
 * drivers/net/e1000e. The registers used here sit at the same offsets with
 * the same bits in the 8254x SDM (chapter 13) and the 82574 datasheet
 * (chapter 10); where the two differ (the EERD layout) the caller says how.
 *
 * Linux keeps its e1000 and e1000e apart with a copy of these pieces in
 * each; its newer Intel drivers share such pieces in a small library
 * (drivers/net/ethernet/intel/libie), and this is that idea for the two
 * drivers here. Each driver still owns its reset, rings, interrupts and
 * statistics, which differ between the families.
 */
#ifndef DRIVERS_NET_INTEL_E1000X_H
#define DRIVERS_NET_INTEL_E1000X_H

#include <lib/types.h>
#include <drivers/pci/pci.h>
#include <net/core/netdevice.h>
#include <net/core/skbuff.h>
#include <net/core/ring.h>

/*
 * The head of both drivers' adapters (their netdev_priv()), as Linux's
 * e1000 and e1000e embed a struct e1000_hw: the shared net_device_ops and
 * ethtool_ops below reach the registers through it.
 */
struct e1000x_hw {
	u8 *hw_addr;		/* BAR0, uncached */
};

static inline struct e1000x_hw *e1000x_hw(struct net_device *netdev)
{
	return netdev_priv(netdev);
}

/* ---- descriptor rings: 16-byte descriptors, one skb per frame ---- */
struct e1000x_buffer {
	struct sk_buff *skb;
	u16 next_to_watch;	/* TX: the frame's last descriptor, where DD appears */
	u16 segs;		/* TX: descriptors this frame used */
};

struct e1000x_ring {
	void *desc;			/* DMA-coherent descriptor memory */
	dma_addr_t dma;
	unsigned int count;
	unsigned int next_to_use;	/* next slot software fills */
	unsigned int next_to_clean;	/* next slot software reclaims */
	struct e1000x_buffer *buffer_info;
	u32 head_reg, tail_reg;
	bool rx;			/* its count is held in the skb pool's reserve */
	bool batching, tail_pending;	/* TX: tail writes wait for e1000x_tx_flush() */
};

#define E1000X_DESC_SIZE	16
/* The descriptors and their buffer_info, empty; an RX ring also reserves
 * 'count' skbs in the pool, so it can always be refilled. */
int e1000x_setup_ring(struct e1000x_ring *r, unsigned int count, bool rx,
		      const char *devname);
/* Frees every skb still on the ring, then the ring. Returns the TX frames
 * that were never sent (the caller counts them as tx_dropped). */
unsigned int e1000x_free_ring(struct e1000x_ring *r);

/*
 * The TX tail write ("doorbell"): under QEMU the device sends inside it, so
 * it is the costliest step of a transmit (a third of the guest's samples in
 * docs/profiling.md). While a driver's poll cleans RX, the replies and ACKs
 * the stack sends in answer share one: e1000x_tx_batch() before the RX
 * cleaning, e1000x_tx_flush() after, and e1000x_tx_tail() in between only
 * notes that the tail moved (Linux drivers do the same with xmit_more).
 */
void e1000x_tx_tail(struct net_device *netdev, struct e1000x_ring *r);
void e1000x_tx_batch(struct e1000x_ring *r);
void e1000x_tx_flush(struct net_device *netdev, struct e1000x_ring *r);

/* Transmit, after the driver wrote a frame's descriptors [first..last] and
 * next is the slot after them: the skb is remembered at last, the tail
 * register bumped, and the queue stopped while fewer than 'needed'
 * descriptors are left (the worst frame must always fit). */
void e1000x_tx_commit(struct net_device *netdev, struct e1000x_ring *r, struct sk_buff *skb,
		      unsigned int first, unsigned int last, unsigned int next,
		      unsigned int needed);
/* TX cleaning: one finished frame whose last descriptor is eop, counted and freed. */
void e1000x_tx_reclaim(struct net_device *netdev, struct e1000x_ring *r, unsigned int eop,
		       bool in_hardirq);
/* Wakes a stopped queue once twice 'needed' descriptors are free; true if it did. */
bool e1000x_tx_maybe_wake(struct net_device *netdev, struct e1000x_ring *r, unsigned int needed);

/*
 * TCP segmentation (8254x SDM 3.3.6-3.3.7, 82574 DS 7.2.4): the device cuts
 * the payload after the headers into mss-sized frames and fills each one's
 * IP length, IPv4 header checksum and TCP checksum. e1000x_tso_prepare()
 * checks that a GSO skb is a job the device can take (headers in the
 * linear part and within 255 bytes, every frame at most mtu) and readies
 * its headers the way both families want them: the IP length and the IPv4
 * header checksum zero, the TCP checksum field seeded with the pseudo-header
 * sum without the length, which the device adds per frame. The context
 * descriptor itself differs between the families: each driver writes it
 * from *t. 0, or -EINVAL for a job the device cannot take.
 */
struct e1000x_tso {
	unsigned int l4;	/* TCP header offset (TUCSS); IPCSE is l4 - 1 */
	unsigned int hdr_len;	/* Ethernet to the end of TCP's options (HDRLEN) */
	unsigned int paylen;	/* skb->len - hdr_len (PAYLEN) */
	unsigned int mss;
	bool ipv6;
};
#define E1000X_TCP_CSUM_OFFSET	16	/* RFC 793 3.1 */
#define E1000X_IPV4_CSUM_OFFSET	10	/* RFC 791 3.1 */
int e1000x_tso_prepare(struct sk_buff *skb, unsigned int mtu, struct e1000x_tso *t);

/* Descriptors a frame takes: one for a context, and each piece (the linear
 * part, each frag) in buffers of at most max_per_txd bytes. */
unsigned int e1000x_tx_descs_needed(const struct sk_buff *skb, unsigned int max_per_txd);

/* The watchdog's ring checks: a TX hang (frames pending at two checks with
 * none completed between; logged, true: reset) and an RX ring a dry skb
 * pool left under half full (true: schedule a poll to refill it). */
bool e1000x_tx_hang_check(struct net_device *netdev, struct e1000x_ring *tx,
			  struct tx_hang_state *hang);
bool e1000x_rx_needs_refill(const struct e1000x_ring *rx);
void e1000x_log_tx_timeout(struct net_device *netdev, const struct e1000x_ring *tx);

/* ---- probe and remove ---- */
/* Enables the device, allocates the net_device whose priv (adapter_size,
 * struct e1000x_hw first) is the adapter, maps BAR0. NULL: *err says why. */
struct net_device *e1000x_probe_alloc(struct pci_dev *pdev, size_t adapter_size, int *err);
/* Refuses an invalid (zero, multicast) address; otherwise it becomes the
 * device's current and permanent one, the carrier starts off until open
 * reads the link, and the device is registered (ethN). */
int e1000x_probe_register(struct net_device *netdev, struct pci_dev *pdev, const u8 *perm_addr,
			  const char *driver);
/* What probe_alloc did, undone; remove's last step. */
void e1000x_probe_free(struct net_device *netdev, struct pci_dev *pdev);

/* ---- the NVM through EERD ---- */
/* Where DONE and the word address sit: SDM 13.4.4 (8254x: DONE bit 4,
 * address 15:8) and 82574 DS 10.2.2.3 (DONE bit 1, address 15:2). */
struct e1000x_eerd {
	u32 done;
	unsigned int addr_shift;
};
int e1000x_read_nvm(struct e1000x_hw *hw, const struct e1000x_eerd *eerd, u16 word, u16 *data);
/* Words 0x00-0x3F must sum to 0xBABA: 0, -EIO (the sum in *sum) or -ETIMEDOUT. */
int e1000x_validate_nvm_checksum(struct e1000x_hw *hw, const struct e1000x_eerd *eerd, u16 *sum);
#define E1000X_NVM_SUM	0xBABA
/* The station address: NVM words 0-2, low byte first. */
int e1000x_read_mac_nvm(struct e1000x_hw *hw, const struct e1000x_eerd *eerd, u8 *mac);

/* ---- receive filters ---- */
void e1000x_rar_set(struct e1000x_hw *hw, const u8 *addr, int index);
u32 e1000x_hash_mc_addr(const u8 *addr);
void e1000x_set_rx_mode(struct net_device *netdev);		/* ndo_set_rx_mode */
int e1000x_set_mac(struct net_device *netdev, void *addr);	/* ndo_set_mac_address */

/* ---- interrupts, link ---- */
/* Interrupts per second -> ITR/EITR's 256 ns units (0: no throttling). */
u32 e1000x_itr_interval(u32 ints_per_sec);
/* Masks every cause, stops both units and waits 10 ms for their DMA to land. */
void e1000x_stop_rxtx(struct e1000x_hw *hw);
/* STATUS.LU into the carrier, with the net core's "link up/down" line;
 * fc names the flow control for that line (NULL: not shown). Returns LU. */
bool e1000x_check_link(struct net_device *netdev, const char *fc, u64 *changes);

/* ---- ethtool_ops ---- */
void e1000x_get_drvinfo(struct net_device *netdev, struct pci_dev *pdev, const char *driver,
			struct ethtool_drvinfo *info);
int e1000x_get_link_ksettings(struct net_device *netdev, struct ethtool_link_ksettings *ks);
u32 e1000x_get_link(struct net_device *netdev);

#endif
