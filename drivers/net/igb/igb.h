/*
 * The igb driver's private state (82576; I210/I211/I350 ids listed as
 * unverified). Struct e1000x_hw comes first, as in the other two Intel
 * drivers, so the shared code of drivers/net/intel reaches the registers.
 * With MSI-X, igb.queues RX/TX queue pairs, each with its own vector and
 * NAPI context; with MSI or INTx one pair.
 */
#ifndef DRIVERS_NET_IGB_IGB_H
#define DRIVERS_NET_IGB_IGB_H

#include <lib/types.h>
#include <lib/timer.h>
#include <arch/x86_64/io.h>
#include <arch/x86_64/irq.h>
#include <drivers/pci/pci.h>
#include <drivers/net/igb/hw.h>
#include <drivers/net/intel/e1000x.h>
#include <net/core/ring.h>
#include <net/core/napi.h>
#include <net/core/netdevice.h>
#include <net/core/skbuff.h>

#define IGB_DRV_NAME		"igb"
#define IGB_RXBUFFER		2048	/* SRRCTL.BSIZEPKT = 2 (KiB) */
#define IGB_RING		256
/* Bytes per data descriptor: Linux igb's cap (IGB_MAX_DATA_PER_TXD); only a
 * TSO job has pieces this long. */
#define IGB_MAX_PER_TXD		(1u << 15)
/* A TSO job: at most 64 KB of headers and payload (the IP length it stands for). */
#define IGB_MAX_TSO_LEN		0xFFFF
/* The worst job: a context, the head, the frags, and one more descriptor per
 * IGB_MAX_PER_TXD of a TSO job's length. */
#define IGB_TX_DESC_NEEDED	(MAX_SKB_FRAGS + 2 + IGB_MAX_TSO_LEN / IGB_MAX_PER_TXD)
/* Queue pairs with MSI-X: Linux igb's RSS limit on the 82576 (which has 16
 * of each); igb.queues picks how many, 2 unless told. */
#define IGB_MAX_QUEUES		8
#define IGB_DEFAULT_QUEUES	2
_Static_assert(IGB_MAX_QUEUES <= E1000X_MAX_TX_QUEUES, "a TX ring per queue pair");
#define IGB_QUEUE_ENABLE_MS	10	/* RXDCTL/TXDCTL confirmation, as Linux waits */
/*
 * Dynamic interrupt moderation (igb.itr=3, Linux igb's default mode): the
 * rate each vector is held to, by how many frames its last interrupt
 * brought. QEMU 10's model holds an interrupt back for the whole EITR
 * interval, so a fixed 8000/s made every request/response wait (UDP echo
 * with one outstanding at a third of Linux's rate, docs/profiling.md).
 */
#define IGB_ITR_DYNAMIC		3	/* igb.itr value, as Linux's InterruptThrottleRate */
#define IGB_ITR_LATENCY		0	/* a frame or two per interrupt: no holding back */
#define IGB_ITR_MODERATE	20000
#define IGB_ITR_BULK		8000	/* a batch per interrupt: NAPI's polls carry the load */
#define IGB_ITR_FEW		4	/* frames per interrupt still "a frame or two" */
#define IGB_ITR_MANY		32

enum igb_irq_mode { IGB_IRQ_NONE, IGB_IRQ_MSIX, IGB_IRQ_MSI, IGB_IRQ_INTX };

/* MSI-X: vector i serves queue pair i (RX and TX queue i), the last one the "other" causes. */
#define IGB_NR_VECS		(IGB_MAX_QUEUES + 1)
_Static_assert(IGB_NR_VECS <= PCI_IRQ_MAX_VECTORS, "a vector per queue pair and one more");
#define IGB_RSS_KEY_REGS	10	/* RSSRK: 40 bytes (DS 8.10.14) */
#define IGB_RETA_REGS		32	/* RETA: 128 one-byte entries (DS 8.10.12) */

struct igb_sw_stats {
	u64 rx_alloc_failed, rx_csum_good, rx_csum_err, rx_overruns;
	u64 irq_queue, irq_other, irq_none, link_changes, napi_polls;
	u64 tx_csum_offload, tx_csum_sw, tx_ctx_writes;	/* checksum offload (tx.c) */
	u64 tx_tso;			/* large TCP segments cut by the device */
};

struct igb_hw_stats {
	u64 crcerrs, mpc, gprc, gptc, gorc, gotc, rnbc, colc, bprc, mprc, ruc, roc;
};

/* Counters of one queue, as Linux's igb names them in ethtool -S. */
struct igb_queue_stats {
	u64 packets, bytes;
};

/* One queue pair with its NAPI context and vector: RX queue idx, and TX
 * queue idx, which is the shared head's tx_rings[idx]. */
struct igb_q_vector {
	struct igb_adapter *adapter;
	unsigned int idx;
	struct napi_struct napi;
	struct e1000x_ring rx_ring;
	struct e1000x_ring *tx_ring;
	char irq_name[16];	/* "igb-TxRx-N": the interrupts listing */
	struct igb_queue_stats rx_stats;
	u64 rx_drops;		/* RQDPC: frames dropped for want of a descriptor */
	u32 eims;		/* its EIMS/EICR bit (MSI-X) */
	u64 irqs;
	u32 itr;		/* interrupts/s its EITR holds it to; 0: none */
	u32 itr_next;		/* the rate the last interrupt asked for */
	unsigned int irq_work;	/* frames its polls handled since its interrupt */
};

struct igb_adapter {
	union {				/* first: the shared Intel code's view (e1000x.h) */
		struct e1000x_adapter x;
		struct e1000x_adapter;
	};
	bool mac_from_nvm;	/* RAR0 held no valid address after reset */
	u32 phy_id;
	struct igb_q_vector q[IGB_MAX_QUEUES];
	unsigned int num_queues;	/* queue pairs in use: 1, or up to igb.queues with MSI-X */
	u32 rss_key[IGB_RSS_KEY_REGS];
	bool itr_dynamic;	/* igb.itr=3: each vector's EITR follows its load */
	enum igb_irq_mode irq_mode;
	int irqs[IGB_NR_VECS];
	int nr_irqs;
	u32 eims_queues;	/* every queue vector's EIMS bit */
	u32 eims_other;
	struct igb_hw_stats hw_stats;
	struct igb_sw_stats sw_stats;
};

static inline struct igb_adapter *igb_adapter(struct e1000x_adapter *x)
{
	return container_of(x, struct igb_adapter, x);
}

static inline u32 igb_rd(struct igb_adapter *a, u32 reg) { return readl(a->hw.hw_addr + reg); }
static inline void igb_wr(struct igb_adapter *a, u32 reg, u32 v) { writel(v, a->hw.hw_addr + reg); }
static inline void igb_flush(struct igb_adapter *a) { (void)igb_rd(a, E1000_STATUS); }

/* mac.c */
extern const struct e1000x_eerd igb_eerd;	/* the 82576 EERD layout */
int igb_reset_hw(struct e1000x_adapter *x);
int igb_read_mac_addr(struct igb_adapter *a);
void igb_setup_link(struct igb_adapter *a);
bool igb_check_link(struct e1000x_adapter *x);
void igb_update_stats(struct e1000x_adapter *x);
struct net_device_stats *igb_get_stats(struct net_device *netdev);
int igb_wait_queue_enable(struct igb_adapter *a, u32 reg, bool on);

/* phy.c */
int igb_acquire_phy(struct igb_adapter *a);
void igb_release_phy(struct igb_adapter *a);
int igb_read_phy(struct igb_adapter *a, u32 reg, u16 *data);
int igb_write_phy(struct igb_adapter *a, u32 reg, u16 data);
u32 igb_read_phy_id(struct igb_adapter *a);
int igb_phy_hw_reset(struct igb_adapter *a);
int igb_phy_setup_autoneg(struct igb_adapter *a);
int igb_phy_restart_autoneg(struct e1000x_adapter *x);

/* rx.c */
int igb_setup_rx_rings(struct e1000x_adapter *x);
void igb_free_rx_rings(struct e1000x_adapter *x);
int igb_configure_rx(struct igb_adapter *a);
int igb_alloc_rx_buffers(struct igb_q_vector *q);
int igb_clean_rx_irq(struct igb_q_vector *q, int budget);
u32 igb_reta_reg(unsigned int n, unsigned int num_queues);
enum pkt_hash_types igb_rss_hash_type(unsigned int rss_type);

/* tx.c */
int igb_setup_tx_ring(struct e1000x_adapter *x);	/* one per queue pair */
int igb_configure_tx(struct igb_adapter *a);
netdev_tx_t igb_xmit_frame(struct sk_buff *skb, struct net_device *netdev);
bool igb_clean_tx_irq(struct igb_q_vector *q);

/* intr.c */
int igb_request_irq(struct e1000x_adapter *x);
void igb_free_irq(struct e1000x_adapter *x);
void igb_configure_irq(struct igb_adapter *a);
void igb_irq_enable(struct igb_adapter *a);
void igb_irq_disable(struct igb_adapter *a);
void igb_queue_irq_enable(struct igb_q_vector *q);
void igb_set_itr(struct igb_adapter *a, u32 ints_per_sec);
void igb_update_itr(struct igb_q_vector *q, unsigned int work, bool done);
u32 igb_param_itr_value(bool *dynamic);
u32 igb_eitr_value(u32 ints_per_sec);
u32 igb_ivar_set(u32 ivar, unsigned int queue, bool tx, unsigned int vector);

/* netdev.c */
int igb_poll(struct napi_struct *napi, int budget);
extern const struct ethtool_ops igb_ethtool_ops;	/* ethtool.c */
extern const struct e1000x_stats_table igb_stats_table;	/* its fixed part */

/* param.c: igb.* */
extern int igb_param_napi, igb_param_itr, igb_param_rx_ring, igb_param_tx_ring;
extern int igb_param_queues;
extern const char *igb_param_irq;	/* auto, msix, msi, intx */
extern bool igb_param_tso;

#endif
