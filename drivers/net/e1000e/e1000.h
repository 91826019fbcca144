/*
 * The e1000e driver's private state: the adapter behind each net_device,
 * its two descriptor rings and its counters. The hardware description is
 * in hw.h; this file is the OS side, as Linux splits e1000.h from hw.h.
 */
#ifndef DRIVERS_NET_E1000E_E1000_H
#define DRIVERS_NET_E1000E_E1000_H

#include <lib/types.h>
#include <lib/timer.h>
#include <arch/x86_64/io.h>
#include <drivers/pci/pci.h>
#include <drivers/net/e1000e/hw.h>
#include <drivers/net/intel/e1000x.h>
#include <net/core/ring.h>
#include <net/core/busy_poll.h>
#include <net/core/napi.h>
#include <net/core/netdevice.h>
#include <net/core/skbuff.h>

#define DRV_NAME		"e1000e"
#define E1000_RXBUFFER_2048	2048	/* RCTL BSIZE 2048: a full frame per descriptor */
#define E1000_DEFAULT_RING	256
#define E1000_MIN_RING		64
#define E1000_MAX_RING		4096
#define E1000_RX_REFILL_BATCH	16	/* RDT writes are expensive exits under QEMU */
#define E1000_DOWN_DRAIN_MS	10	/* units disabled -> reset (e1000x_stop_rxtx) */
#define E1000_MAX_FRAME		(ETH_FRAME_LEN)	/* LPE off: no jumbo frames */
#define E1000_MAX_FRAME_FCS	(E1000_MAX_FRAME + 4)	/* as the FIFO holds it */
/* e1000e.itr: 0 (no throttling) or Linux's InterruptThrottleRate range;
 * 100/s is an interval of 39062 x 256 ns, inside ITR's 16 bits. */
#define E1000_ITR_MIN_RATE	100
#define E1000_ITR_MAX_RATE	100000
/* e1000e.weight: above this one device would take most of a net_rx_action
 * run (netdev_budget 300) and hold a CPU's softirq that long. */
#define E1000_MAX_WEIGHT	256
/* Bytes per data descriptor: Linux's cap for these parts (E1000_MAX_PER_TXD);
 * only a TSO job has pieces this long. */
#define E1000_MAX_PER_TXD	8192
/* A TSO job: at most 64 KB of headers and payload (the IP length it stands for). */
#define E1000_MAX_TSO_LEN	0xFFFF
/* A frame can need a context descriptor, its linear part and every frag, and
 * a TSO job one descriptor more per E1000_MAX_PER_TXD of its length. */
#define E1000_TX_DESC_NEEDED	(MAX_SKB_FRAGS + 2 + E1000_MAX_TSO_LEN / E1000_MAX_PER_TXD)

enum e1000_irq_mode { E1000_IRQ_AUTO, E1000_IRQ_MSIX, E1000_IRQ_MSI, E1000_IRQ_INTX,
		      E1000_IRQ_POLL };

/* MSI-X vectors, as Linux's e1000e lays them out: RX queue, TX queue, other. */
enum { E1000_VEC_RX, E1000_VEC_TX, E1000_VEC_OTHER, E1000_NR_VECS };

/* Hardware statistics registers clear on read: they accumulate here. */
struct e1000_hw_stats {
	u64 crcerrs, algnerrc, symerrs, rxerrc, mpc, rlec, rnbc, ruc, rfc, roc, rjc;
	u64 gprc, bprc, mprc, gptc, gorc, gotc, tpr, tpt, mptc, bptc, tor, tot;
	u64 xonrxc, xontxc, xoffrxc, xofftxc, colc, iac;
};

/* What the driver itself counts (ethtool -S shows both sets). */
struct e1000_sw_stats {
	u64 rx_alloc_failed;		/* refill found the skb pool empty */
	u64 rx_csum_good, rx_csum_err;
	u64 rx_frame_errors, rx_length_errors;
	u64 rx_overruns;		/* RXO interrupts: ring ran out of buffers */
	u64 tx_csum_offload;
	u64 tx_tso;			/* large TCP segments cut by the device */
	u64 tx_dropped_bad;		/* too large, empty or unparsable */
	u64 tx_busy;			/* NETDEV_TX_BUSY returned */
	u64 tx_restart_queue;
	u64 link_changes;
	u64 irq_rx, irq_tx, irq_other, irq_none;	/* top-half calls by cause */
	u64 napi_polls, napi_complete;
	u64 non_napi_rx;		/* frames handed to netif_rx() (napi=0) */
};

struct e1000_adapter {
	union {				/* first: the shared Intel code's view (e1000x.h) */
		struct e1000x_adapter x;
		struct e1000x_adapter;
	};
	struct napi_struct napi;
	struct e1000x_ring rx_ring;	/* rings: drivers/net/intel/e1000x.h */

	enum e1000_irq_mode irq_mode;	/* what is in use now */
	int irqs[E1000_NR_VECS];
	int nr_irqs;
	u32 ims_rx_tx;			/* the RX/TX causes this mode unmasks */
	struct busy_poller poller;	/* irq=poll: the idle loop polls */

	struct timer_list refill_timer;	/* retries RX refill after the pool ran dry */
	bool rx_discarding;		/* dropping descriptors up to the next EOP */
	u64 tx_frames_seen;		/* for test.fault=e1000e_tx_stop */
	struct list_head list;		/* on e1000e_adapter_list */

	struct e1000_hw_stats hw_stats;
	struct e1000_sw_stats sw_stats;
};

static inline struct e1000_adapter *e1000e_adapter(struct e1000x_adapter *x)
{
	return container_of(x, struct e1000_adapter, x);
}

static inline u32 er32(struct e1000_adapter *a, u32 reg) { return readl(a->hw.hw_addr + reg); }
static inline void ew32(struct e1000_adapter *a, u32 reg, u32 val) { writel(val, a->hw.hw_addr + reg); }
/* A read forces posted writes out (PCI ordering): after resets and mask changes. */
static inline void e1e_flush(struct e1000_adapter *a) { (void)er32(a, E1000_STATUS); }

/* mac.c: the MAC, PHY and filters */
int e1000_reset_hw(struct e1000x_adapter *x);
int e1000_read_mac_addr(struct e1000_adapter *a, u8 *mac);
int e1000_read_nvm(struct e1000_adapter *a, u16 word, u16 *data);
void e1000_initialize_hw_bits_82574(struct e1000_adapter *a);
void e1000_configure_hw_misc(struct e1000_adapter *a);
bool e1000_check_link(struct e1000x_adapter *x);

/* phy.c: MDIO under the firmware semaphore, PHY power, autoneg, flow control */
struct e1000_phy_info {
	u16 bmcr, bmsr, anar, lpa, ctrl1000, stat1000, copper_ctrl1, copper_stat1;
};
int e1000_acquire_swflag(struct e1000_adapter *a);
void e1000_release_swflag(struct e1000_adapter *a);
int e1000_read_phy(struct e1000_adapter *a, u32 reg, u16 *val);
int e1000_write_phy(struct e1000_adapter *a, u32 reg, u16 val);
int e1000_phy_power_up(struct e1000_adapter *a);
void e1000_phy_power_down(struct e1000_adapter *a);
#define E1000_ADV_MODES		0x1	/* speed/duplex set changed */
#define E1000_ADV_PAUSE		0x2	/* pause bits changed */
int e1000_phy_setup_autoneg(struct e1000_adapter *a);
int e1000_phy_restart_autoneg(struct e1000x_adapter *x);
int e1000_setup_link(struct e1000_adapter *a);
void e1000_setup_fc_regs(struct e1000_adapter *a);
void e1000_fc_watermarks(u32 pba, bool tx_pause, u32 *fcrtl, u32 *fcrth);
void e1000_fc_resolve(u16 local, u16 partner, bool req_rx, bool req_tx, bool *rx, bool *tx);
bool e1000_config_fc_after_link_up(struct e1000_adapter *a);
const char *e1000_fc_name(struct e1000_adapter *a);
int e1000_set_pauseparam(struct e1000x_adapter *x, bool rx, bool tx);
int e1000_get_phy_info(struct e1000_adapter *a, struct e1000_phy_info *p);
void e1000_log_phy(struct e1000_adapter *a);

/* nvm.c: the 82574's EERD layout, for the checksum at probe and the MAC */
extern const struct e1000x_eerd e1000_eerd;

/* rx.c */
int e1000_setup_rx_ring(struct e1000x_adapter *x);
void e1000_free_rx_ring(struct e1000x_adapter *x);
void e1000_configure_rx(struct e1000_adapter *a);
int e1000_alloc_rx_buffers(struct e1000_adapter *a);
int e1000_clean_rx_irq(struct e1000_adapter *a, int budget, bool non_napi);

/* tx.c */
int e1000_setup_tx_ring(struct e1000x_adapter *x);
void e1000_configure_tx(struct e1000_adapter *a);
netdev_tx_t e1000_xmit_frame(struct sk_buff *skb, struct net_device *netdev);
bool e1000_clean_tx_irq(struct e1000_adapter *a, bool in_hardirq);	/* true: all cleaned */

/* intr.c */
int e1000_request_irqs(struct e1000x_adapter *x);
void e1000_free_irqs(struct e1000x_adapter *x);
void e1000_irq_enable(struct e1000_adapter *a);
void e1000_configure_msix(struct e1000_adapter *a);
void e1000_irq_disable(struct e1000_adapter *a);
void e1000_set_itr(struct e1000_adapter *a, u32 ints_per_sec);
const char *e1000_irq_mode_name(enum e1000_irq_mode mode);
#define E1000_ACT_OURS		0x1
#define E1000_ACT_RXTX		0x2	/* mask RX/TX causes, schedule NAPI */
#define E1000_ACT_LINK		0x4	/* link state changed: check it */
#define E1000_ACT_OVERRUN	0x8	/* ring ran out of buffers */
unsigned int e1000_icr_actions(u32 icr, bool msix);

/* netdev.c */
int e1000_poll(struct napi_struct *napi, int budget);

/* stats.c */
void e1000_update_stats(struct e1000x_adapter *x);
struct net_device_stats *e1000_get_stats(struct net_device *netdev);
int e1000e_get_sset_count(struct net_device *netdev, int sset);
void e1000e_get_strings(struct net_device *netdev, u32 stringset, u8 *data);
void e1000e_get_ethtool_stats(struct net_device *netdev, struct ethtool_stats *stats, u64 *data);

/* param.c: boot parameters e1000e.* */
extern int e1000e_napi, e1000e_weight, e1000e_rx_ring, e1000e_tx_ring, e1000e_itr;
extern bool e1000e_ignore_nvm_checksum, e1000e_tso;
enum e1000_irq_mode e1000e_param_irq_mode(void);
unsigned int e1000_validate_ring_size(const char *which, int requested);

/* every probed adapter, in probe order; no limit on their number (netdev.c) */
extern struct list_head e1000e_adapter_list;
extern const struct ethtool_ops e1000e_ethtool_ops;	/* ethtool.c */

#endif
