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
#include <net/core/ethernet.h>
#include <lib/timer.h>

struct e1000x_adapter;		/* below: the shared head of every driver's adapter */

/* TX rings an adapter can have: the 82576 has 16 queues, igb uses up to 8. */
#define E1000X_MAX_TX_QUEUES	8

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
	/* TX only; these survive the ring's rebuild at a reset. */
	u16 queue_index;		/* its net core queue (netdev_get_tx_queue()) */
	u64 ctx_key;			/* the offload context the device holds; 0: none */
	struct tx_hang_state hang;	/* the watchdog's hang check */
	u64 packets, bytes;		/* frames completed (per queue in ethtool -S) */
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
/* TX cleaning: one finished frame whose last descriptor is eop, counted (in
 * the device's and the ring's counters) and freed. */
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

/*
 * RX refill: every free slot gets a fresh skb of bufsz bytes, its
 * descriptor written in the family's read format by fill(); the tail
 * register is written once, after a barrier. A slot the pool cannot fill
 * stays empty (counted in *alloc_failed): poll and the watchdog retry, as
 * an empty ring raises no interrupt of its own. Returns the slots filled.
 */
typedef void (*e1000x_rx_fill_fn)(void *desc, unsigned int i, dma_addr_t buf);
unsigned int e1000x_alloc_rx_buffers(struct net_device *netdev, struct e1000x_ring *r,
				     unsigned int bufsz, e1000x_rx_fill_fn fill, u64 *alloc_failed);

/* A good frame of len bytes, its checksum verdict set: counted and handed to
 * the stack (netif_receive_skb() from NAPI's poll, netif_rx() without NAPI). */
void e1000x_rx_deliver(struct e1000x_adapter *x, struct sk_buff *skb, unsigned int len);

/* The watchdog's ring checks: a TX hang (frames pending on the ring at two
 * checks with none of its own completed between; logged, true: reset) and
 * an RX ring a dry skb pool left under half full (true: schedule a poll to
 * refill it). */
bool e1000x_tx_hang_check(struct net_device *netdev, struct e1000x_ring *tx);
bool e1000x_rx_needs_refill(const struct e1000x_ring *rx);
void e1000x_log_tx_timeout(struct net_device *netdev, const struct e1000x_ring *tx);

struct e1000x_eerd;

/* ethtool -S: named u64 counters at offsets inside the adapter. */
struct e1000x_stat {
	const char *name;
	size_t offset;
};
struct e1000x_stats_table {
	const struct e1000x_stat *stat;
	unsigned int count;
};

/* ---- the adapter and its life (e1000x_netdev.c) ---- */
struct e1000x_adapter;

/*
 * The steps of an adapter's life that differ by family. e1000x_open(),
 * e1000x_stop(), e1000x_reinit() and the watchdog run them in one order for
 * the three drivers (Linux writes that order out in each of e1000_open(),
 * e1000e_open() and igb_open()). Each takes the adapter's shared head.
 */
struct e1000x_life_ops {
	int (*reset_hw)(struct e1000x_adapter *x);	/* ends all DMA: 0 or -errno */
	int (*configure)(struct e1000x_adapter *x);	/* after a reset: every register used */
	int (*request_irq)(struct e1000x_adapter *x);	/* first: vectors may decide the queues */
	void (*free_irq)(struct e1000x_adapter *x);
	/* x->num_tx_queues rings of x->tx_count descriptors; on failure none is left */
	int (*setup_tx_ring)(struct e1000x_adapter *x);
	int (*setup_rx_rings)(struct e1000x_adapter *x);	/* x->rx_count each */
	void (*free_rx_rings)(struct e1000x_adapter *x);
	/* NAPI on, RX rings filled, interrupts unmasked; false: the skb pool
	 * could not fill a ring (the watchdog's refill retries). */
	bool (*start)(struct e1000x_adapter *x);
	/* Nothing runs afterwards: interrupts masked, both units stopped with
	 * e1000x_stop_rxtx(), NAPI off, the driver's own timers stopped. */
	void (*quiesce)(struct e1000x_adapter *x);
	bool (*check_link)(struct e1000x_adapter *x);
	void (*update_stats)(struct e1000x_adapter *x);	/* fold the clear-on-read counters */
	void (*refill)(struct e1000x_adapter *x);	/* a poll for each RX ring left short */
	void (*log_up)(struct e1000x_adapter *x);	/* the "up:" line: its interrupts and queues */
	/* ethtool -r and -A (NULL: not offered); the link is read right after. */
	int (*restart_autoneg)(struct e1000x_adapter *x);
	int (*set_pause)(struct e1000x_adapter *x, bool rx, bool tx);
};

/*
 * The head of the three drivers' adapters (their netdev_priv()): what the
 * shared life, the shared ndo/ethtool operations and the TX ring helpers
 * use. A driver embeds it first, both named and unnamed, so its own code
 * keeps writing a->netdev while it hands &a->x to the code here:
 *	struct e1k_adapter { union { struct e1000x_adapter x; struct e1000x_adapter; }; ... };
 */
struct e1000x_adapter {
	struct e1000x_hw hw;		/* first: e1000x_hw(netdev) */
	struct net_device *netdev;
	struct pci_dev *pdev;
	const struct e1000x_life_ops *ops;
	const char *drv_name;		/* "e1000": messages, ethtool -i */
	const struct e1000x_stats_table *stats;	/* ethtool -S; NULL: the driver's own ops */
	u8 perm_addr[ETH_ALEN];
	/* TX ring n serves the net core's TX queue n. tx_ring is tx_rings[0],
	 * the only one of the single-queue families (e1000, e1000e). */
	union {
		struct e1000x_ring tx_ring;
		struct e1000x_ring tx_rings[E1000X_MAX_TX_QUEUES];
	};
	unsigned int num_tx_queues;	/* rings in use; 1 unless the driver says more */
	struct timer_list watchdog_timer;
	unsigned int rx_count, tx_count;	/* ring sizes, set at open */
	u32 itr;			/* interrupts per second; 0: no throttling */
	bool up;
	bool use_napi;
	bool reset_pending;		/* the watchdog resets the adapter */
	bool link_check_pending;	/* the watchdog only reads the link */
	bool tx_stopped_by_test;	/* test.fault=DRIVER_tx_stop has bitten */
	bool fc_req_rx, fc_req_tx;	/* pause wanted (ethtool -A); the link decides */
	bool fc_pending;		/* pause resolved at the next link up */
	u64 tx_timeout_count, tx_hang_count, reset_count;	/* ethtool -S */
};

#define E1000X_WATCHDOG_MS	2000
#define E1000X_TX_TIMEOUT_MS	5000

/* ndo_open's shared part, after the driver set use_napi, itr and the ring
 * sizes: vectors, rings, bus mastering, up. Undone in reverse on failure. */
int e1000x_open(struct e1000x_adapter *x);
int e1000x_stop(struct net_device *netdev);			/* ndo_stop */
void e1000x_tx_timeout(struct net_device *netdev, unsigned int txqueue);	/* ndo_tx_timeout */
/* The software reset: down (the MAC reset ends all DMA), both rings
 * rebuilt with every in-flight skb freed, up again; counters survive.
 * From the watchdog (softirq) or the shell, never hard IRQ. */
void e1000x_reinit(struct e1000x_adapter *x);
/* The watchdog runs at once: only the link (LSC), or a reset (TX timeout). */
void e1000x_schedule_link_check(struct e1000x_adapter *x);
/* Frees the TX rings; frames still queued were never sent: tx_dropped. */
void e1000x_free_tx_ring(struct e1000x_adapter *x);

/* Boot parameters DRIVER.rx_ring/tx_ring (a multiple of 8 descriptors,
 * RDLEN/TDLEN being multiples of 128 bytes) and DRIVER.itr; a bad value is
 * named and replaced. */
unsigned int e1000x_param_ring(const char *drv, const char *name, int v, unsigned int dflt);
u32 e1000x_param_itr(const char *drv, int v);

/* ---- probe and remove ---- */
/* Enables the device, allocates the net_device (with txqs TX queues, at
 * most E1000X_MAX_TX_QUEUES) whose priv (adapter_size, struct
 * e1000x_adapter first) is the adapter, maps BAR0, and fills in the
 * adapter's head (the watchdog ready; one TX ring in use). NULL: *err says why. */
struct e1000x_adapter *e1000x_probe_alloc(struct pci_dev *pdev, size_t adapter_size,
					  const struct e1000x_life_ops *ops,
					  const char *drv_name, unsigned int txqs, int *err);
/* The NVM checksum at probe, three reads as Linux makes; a wrong sum
 * refuses the device unless *ignore (DRIVER.ignore_nvm_checksum=1; NULL
 * for a driver without that parameter). 0, -EIO or -ETIMEDOUT. */
int e1000x_check_nvm(struct e1000x_adapter *x, const struct e1000x_eerd *eerd,
		     const bool *ignore);
/* Refuses an invalid (zero, multicast) x->perm_addr; otherwise it becomes
 * the device's current and permanent address, the carrier starts off until
 * open reads the link, and the device is registered (ethN). */
int e1000x_probe_register(struct e1000x_adapter *x);
/* What probe_alloc did, undone; remove's last step. */
void e1000x_probe_free(struct e1000x_adapter *x);

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
void e1000x_get_drvinfo(struct net_device *netdev, struct ethtool_drvinfo *info);
void e1000x_get_pauseparam(struct net_device *netdev, struct ethtool_pauseparam *pp);
int e1000x_set_pauseparam(struct net_device *netdev, struct ethtool_pauseparam *pp);
int e1000x_nway_reset(struct net_device *netdev);
int e1000x_reset_op(struct net_device *netdev, u32 *flags);	/* ethtool's reset: e1000x_reinit */
/* ethtool -S from x->stats, the hardware counters folded first when up. */
int e1000x_get_sset_count(struct net_device *netdev, int sset);
void e1000x_get_strings(struct net_device *netdev, u32 sset, u8 *data);
void e1000x_get_ethtool_stats(struct net_device *netdev, struct ethtool_stats *st, u64 *data);
int e1000x_get_link_ksettings(struct net_device *netdev, struct ethtool_link_ksettings *ks);
u32 e1000x_get_link(struct net_device *netdev);

#endif
