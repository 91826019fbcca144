/*
 * The 8254x driver's private state. Its global functions carry the e1k_
 * prefix: the e1000e driver, linked into the same image, already owns the
 * e1000_ names Linux gives both drivers.
 */
#ifndef DRIVERS_NET_E1000_E1000_H
#define DRIVERS_NET_E1000_E1000_H

#include <lib/types.h>
#include <lib/timer.h>
#include <arch/x86_64/io.h>
#include <arch/x86_64/irq.h>
#include <drivers/pci/pci.h>
#include <drivers/net/e1000/hw.h>
#include <drivers/net/intel/e1000x.h>
#include <net/core/ring.h>
#include <net/core/napi.h>
#include <net/core/netdevice.h>
#include <net/core/skbuff.h>

#define E1K_DRV_NAME		"e1000"
#define E1K_RXBUFFER		2048
#define E1K_RING		256
#define E1K_TX_DESC_NEEDED	(MAX_SKB_FRAGS + 2)	/* a context, the head, the frags */

struct e1k_sw_stats {
	u64 rx_alloc_failed, rx_csum_good, rx_csum_err, rx_overruns;
	u64 irq_handled, irq_none, link_changes, napi_polls;
	u64 tx_csum_offload, tx_csum_sw, tx_ctx_writes;	/* checksum offload (tx.c) */
	u64 tx_tso;			/* large TCP segments cut by the device */
};

struct e1k_hw_stats {
	u64 crcerrs, mpc, colc, gprc, mprc, gptc, gorc, gotc, rnbc;
};

struct e1k_adapter {
	union {				/* first: the shared Intel code's view (e1000x.h) */
		struct e1000x_adapter x;
		struct e1000x_adapter;
	};
	u16 io_base;		/* 0: no I/O BAR */
	struct napi_struct napi;
	struct e1000x_ring rx_ring;	/* drivers/net/intel/e1000x.h */
	int irq;
	bool irq_requested;
	struct e1k_hw_stats hw_stats;
	struct e1k_sw_stats sw_stats;
};

static inline struct e1k_adapter *e1k_adapter(struct e1000x_adapter *x)
{
	return container_of(x, struct e1k_adapter, x);
}

static inline u32 e1k_rd(struct e1k_adapter *a, u32 reg) { return readl(a->hw.hw_addr + reg); }
static inline void e1k_wr(struct e1k_adapter *a, u32 reg, u32 v) { writel(v, a->hw.hw_addr + reg); }
static inline void e1k_flush(struct e1k_adapter *a) { (void)e1k_rd(a, E1000_STATUS); }

/* mac.c */
int e1k_reset_hw(struct e1000x_adapter *x);
extern const struct e1000x_eerd e1k_eerd;	/* the 8254x EERD layout */
bool e1k_check_link(struct e1000x_adapter *x);
void e1k_setup_link(struct e1k_adapter *a);
void e1k_update_stats(struct e1000x_adapter *x);
struct net_device_stats *e1k_get_stats(struct net_device *netdev);

/* phy.c */
int e1k_read_phy(struct e1k_adapter *a, u32 reg, u16 *val);
int e1k_write_phy(struct e1k_adapter *a, u32 reg, u16 val);
int e1k_phy_restart_autoneg(struct e1000x_adapter *x);
void e1k_setup_fc_regs(struct e1k_adapter *a);
int e1k_set_pauseparam(struct e1000x_adapter *x, bool rx, bool tx);
void e1k_config_fc_after_link_up(struct e1k_adapter *a);
const char *e1k_fc_name(struct e1k_adapter *a);

/* rx.c */
int e1k_setup_rx_ring(struct e1000x_adapter *x);
void e1k_free_rx_ring(struct e1000x_adapter *x);
void e1k_configure_rx(struct e1k_adapter *a);
int e1k_alloc_rx_buffers(struct e1k_adapter *a);
int e1k_clean_rx_irq(struct e1k_adapter *a, int budget);

/* tx.c */
int e1k_setup_tx_ring(struct e1000x_adapter *x);
void e1k_configure_tx(struct e1k_adapter *a);
netdev_tx_t e1k_xmit_frame(struct sk_buff *skb, struct net_device *netdev);
bool e1k_clean_tx_irq(struct e1k_adapter *a);	/* true when all cleaned */
u64 e1k_tx_features(struct e1k_adapter *a);	/* the offloads this part has */

/* intr.c */
#define E1K_IMS_RXTX	(E1000_ICR_RXT0 | E1000_ICR_RXDMT0 | E1000_ICR_RXO | E1000_ICR_TXDW)
irqreturn_t e1k_intr(int irq, void *data);
int e1k_request_irq(struct e1000x_adapter *x);
void e1k_free_irq(struct e1000x_adapter *x);
void e1k_irq_enable(struct e1k_adapter *a);
void e1k_irq_disable(struct e1k_adapter *a);
void e1k_set_itr(struct e1k_adapter *a, u32 ints_per_sec);

/* netdev.c */
int e1k_poll(struct napi_struct *napi, int budget);
extern const struct ethtool_ops e1k_ethtool_ops;	/* ethtool.c */
extern const struct e1000x_stats_table e1k_stats_table;

/* param.c: e1000.* */
extern int e1k_param_napi, e1k_param_itr, e1k_param_rx_ring, e1k_param_tx_ring;
extern bool e1k_param_tso;

#endif
