/*
 * struct net_device: what the core knows of a network interface, and the
 * operations (net_device_ops) through which it drives the hardware.
 * A driver fills in ops, addresses and features, registers the device, and
 * from then on talks to the core through netif_*() (receive, queue state,
 * carrier) while the core calls it through ndo_*().
 */
#ifndef NET_CORE_NETDEVICE_H
#define NET_CORE_NETDEVICE_H

#include <lib/types.h>
#include <lib/errno.h>
#include <lib/list.h>
#include <lib/timer.h>
#include <net/core/skbuff.h>
#include <net/core/skbqueue.h>
#include <net/core/napi.h>
#include <net/core/ethernet.h>	/* ETH_ALEN and friends, as Linux's netdevice.h brings if_ether.h */

#define IFNAMSIZ	16
#define MAX_ADDR_LEN	8

/* dev->flags (the interface flags "ip link" shows) */
#define IFF_UP		0x1
#define IFF_BROADCAST	0x2
#define IFF_RUNNING	0x40	/* up and carrier on */
#define IFF_PROMISC	0x100
#define IFF_ALLMULTI	0x200
#define IFF_MULTICAST	0x1000

/* dev->features: what the hardware can do for the stack */
#define NETIF_F_SG		BIT_ULL(0)	/* transmit from frags */
#define NETIF_F_IP_CSUM		BIT_ULL(1)	/* TCP/UDP over IPv4 checksum on TX */
#define NETIF_F_IPV6_CSUM	BIT_ULL(2)	/* TCP/UDP over IPv6 checksum on TX */
#define NETIF_F_RXCSUM		BIT_ULL(3)	/* RX checksum verified by hardware */
#define NETIF_F_TSO		BIT_ULL(4)	/* cuts TCP over IPv4 GSO skbs (gso_size) */
#define NETIF_F_TSO6		BIT_ULL(5)	/* the same over IPv6 */

typedef int netdev_tx_t;
#define NETDEV_TX_OK	0x00	/* driver took the skb */
#define NETDEV_TX_BUSY	0x10	/* driver did not: the core keeps it and retries */

/* Results of netif_rx()/netif_receive_skb() and of dev_queue_xmit(). */
#define NET_RX_SUCCESS		0
#define NET_RX_DROP		1
#define NET_XMIT_SUCCESS	0x00
#define NET_XMIT_DROP		0x01

/* Linux's classic table, plus tx_fifo_errors and rx_nohandler from later Linux. */
struct net_device_stats {
	unsigned long rx_packets, tx_packets;
	unsigned long rx_bytes, tx_bytes;
	unsigned long rx_errors, tx_errors;
	unsigned long rx_dropped, tx_dropped;
	unsigned long multicast, collisions;
	unsigned long rx_length_errors, rx_over_errors, rx_crc_errors;
	unsigned long rx_frame_errors, rx_fifo_errors, rx_missed_errors;
	unsigned long tx_aborted_errors, tx_carrier_errors, tx_fifo_errors;
	unsigned long tx_heartbeat_errors, tx_window_errors;
	unsigned long rx_compressed, tx_compressed;
	unsigned long rx_nohandler;	/* no protocol wanted it */
};

struct net_device;

struct net_device_ops {
	int (*ndo_open)(struct net_device *dev);
	int (*ndo_stop)(struct net_device *dev);
	netdev_tx_t (*ndo_start_xmit)(struct sk_buff *skb, struct net_device *dev);
	struct net_device_stats *(*ndo_get_stats)(struct net_device *dev);
	void (*ndo_set_rx_mode)(struct net_device *dev);	/* flags or mc list changed */
	int (*ndo_set_mac_address)(struct net_device *dev, void *addr);	/* addr_len bytes */
	int (*ndo_change_mtu)(struct net_device *dev, int new_mtu);
	/* txqueue: the TX queue the watchdog found stopped too long */
	void (*ndo_tx_timeout)(struct net_device *dev, unsigned int txqueue);
};

/*
 * What the ethtool command (net/core/ethtool.c) and the screen's status line
 * read from a driver, Linux's ethtool_ops. Every hook may be NULL: the command
 * says "not supported" for that option. SPEED_UNKNOWN when the link is down.
 */
#define SPEED_UNKNOWN	(-1)
#define DUPLEX_HALF	0
#define DUPLEX_FULL	1
struct ethtool_link_ksettings {
	struct {
		int speed;		/* Mb/s */
		u8 duplex;		/* DUPLEX_* */
	} base;
};

struct ethtool_drvinfo {
	char driver[32];
	char version[32];
	char bus_info[32];
};

/* ethtool -A: what the driver asks the link partner for, not what the link resolved */
struct ethtool_pauseparam {
	u32 autoneg, rx_pause, tx_pause;
};

#define ETH_GSTRING_LEN	32
enum ethtool_stringset { ETH_SS_STATS = 1 };
struct ethtool_stats;		/* Linux passes the request along; nothing in it here */

/* ethtool_ops->reset flags: one bit per part, as in Linux's ethtool.h */
#define ETH_RESET_ALL	0xffffffffu

struct ethtool_ops {
	void (*get_drvinfo)(struct net_device *dev, struct ethtool_drvinfo *info);
	u32 (*get_link)(struct net_device *dev);	/* NULL: the carrier */
	int (*get_link_ksettings)(struct net_device *dev, struct ethtool_link_ksettings *ks);
	/* ethtool -S: count, then that many ETH_GSTRING_LEN names and u64 values */
	int (*get_sset_count)(struct net_device *dev, int sset);
	void (*get_strings)(struct net_device *dev, u32 stringset, u8 *data);
	void (*get_ethtool_stats)(struct net_device *dev, struct ethtool_stats *stats, u64 *data);
	int (*nway_reset)(struct net_device *dev);	/* ethtool -r */
	void (*get_pauseparam)(struct net_device *dev, struct ethtool_pauseparam *pause);
	int (*set_pauseparam)(struct net_device *dev, struct ethtool_pauseparam *pause);
	/* the reset command; clears the *flags bits of the parts it reset */
	int (*reset)(struct net_device *dev, u32 *flags);
	/*
	 * Ours, not Linux's (whose ethtool is a program reading many ioctls): the
	 * driver's own lines under "ethtool IFACE" (interrupts, rings, PHY).
	 */
	void (*show_settings)(struct net_device *dev);
};

/* A multicast address the device should accept (dev_mc_add). */
struct netdev_hw_addr {
	struct list_head list;
	u8 addr[MAX_ADDR_LEN];
	unsigned int refcount;
};

/* dev->state bits */
enum {
	__LINK_STATE_PRESENT,	/* registered */
	__LINK_STATE_NOCARRIER,
};

/* netdev_queue->state bits */
enum {
	__QUEUE_STATE_DRV_XOFF,	/* stopped by the driver: its ring is (nearly) full */
	__QUEUE_STATE_SCHED,	/* on softnet output_queue */
};

/*
 * One transmit queue of a device (Linux's struct netdev_queue with its
 * pfifo qdisc): the FIFO in front of one of the driver's TX rings, whether
 * the driver has stopped it, and when it last made progress (for the
 * watchdog). A device has num_tx_queues of them; dev_queue_xmit() picks
 * one per packet (netdev_pick_tx(), by flow hash) and records it in
 * skb->queue_mapping, so the driver knows which ring to use.
 */
struct netdev_queue {
	struct net_device *dev;
	unsigned int index;
	unsigned long state;		/* __QUEUE_STATE_* bits */
	struct sk_buff_head fifo;	/* at most dev->tx_queue_len packets wait here */
	struct list_head output_list;	/* on softnet_data.output_queue */
	bool xmit_running;
	u64 trans_start;		/* jiffies of the last TX progress */
	bool watchdog_fired;		/* ndo_tx_timeout called for this stall */
};

/* What an rx_handler did with the frame (Linux's rx_handler_result). */
typedef enum rx_handler_result {
	RX_HANDLER_CONSUMED,	/* it took the skb: stop */
	RX_HANDLER_PASS,	/* deliver to the protocols as usual */
} rx_handler_result_t;
struct sk_buff;
typedef rx_handler_result_t rx_handler_func_t(struct sk_buff **pskb);

struct net_device {
	char name[IFNAMSIZ];
	int ifindex;
	struct list_head dev_list;	/* all registered devices */
	const struct net_device_ops *netdev_ops;
	const struct ethtool_ops *ethtool_ops;	/* may be NULL */

	unsigned int flags;		/* IFF_* */
	unsigned long state;		/* __LINK_STATE_* bits */
	unsigned int mtu, min_mtu, max_mtu;
	unsigned short type;		/* ARPHRD_ETHER */
	unsigned short hard_header_len;
	u8 addr_len;
	u8 dev_addr[MAX_ADDR_LEN];
	u8 perm_addr[MAX_ADDR_LEN];	/* the burnt-in address (ethtool shows it) */
	u8 broadcast[MAX_ADDR_LEN];
	u64 features;			/* NETIF_F_* */
	unsigned int irq;		/* for the views only */

	/* TX: the queues in front of the driver's rings; real_num_tx_queues
	 * of them in use (set by the driver before it opens). */
	struct netdev_queue *_tx;
	unsigned int num_tx_queues, real_num_tx_queues;
	unsigned int tx_queue_len;	/* per queue */

	/* TX watchdog (watchdog.c) */
	u64 watchdog_timeo;		/* jiffies; 0 = no watchdog */
	struct timer_list watchdog_timer;
	u64 tx_timeout_count;

	/* Driver-owned counters, and the core's own (added by dev_get_stats). */
	struct net_device_stats stats;
	u64 rx_dropped, tx_dropped, rx_nohandler;
	u64 carrier_up_count, carrier_down_count;

	struct list_head mc_list;	/* struct netdev_hw_addr */
	unsigned int mc_count;
	int promiscuity, allmulti;

	struct list_head napi_list;
	size_t priv_size;

	/* A handler that sees every frame before the protocols (bridge, reflector). */
	rx_handler_func_t *rx_handler;
	void *rx_handler_data;
};

/* Driver private data sits after the net_device in the same allocation. */
#define NETDEV_ALIGN	32
static inline void *netdev_priv(const struct net_device *dev)
{
	return (char *)dev + ALIGN(sizeof(struct net_device), NETDEV_ALIGN);
}

/* The driver's link settings; speed SPEED_UNKNOWN when it cannot tell. */
static inline int __ethtool_get_link_ksettings(struct net_device *dev,
					       struct ethtool_link_ksettings *ks)
{
	ks->base.speed = SPEED_UNKNOWN;
	ks->base.duplex = DUPLEX_HALF;
	if (!dev->ethtool_ops || !dev->ethtool_ops->get_link_ksettings)
		return -EOPNOTSUPP;
	return dev->ethtool_ops->get_link_ksettings(dev, ks);
}

/* Allocation and registration (netdevice.c); txqs TX queues, at least 1. */
struct net_device *alloc_netdev_mqs(size_t sizeof_priv, const char *name,
				    void (*setup)(struct net_device *dev), unsigned int txqs);
static inline struct net_device *alloc_netdev(size_t sizeof_priv, const char *name,
					      void (*setup)(struct net_device *dev))
{
	return alloc_netdev_mqs(sizeof_priv, name, setup, 1);
}
/* How many of the allocated TX queues the driver uses (1..num_tx_queues),
 * set before the queues start (in ndo_open at the latest). 0 or -EINVAL. */
int netif_set_real_num_tx_queues(struct net_device *dev, unsigned int txq);
void free_netdev(struct net_device *dev);
int register_netdev(struct net_device *dev);	/* "eth%d" -> lowest free eth<N> */
void unregister_netdev(struct net_device *dev);
int dev_open(struct net_device *dev);
int dev_close(struct net_device *dev);
int dev_set_mtu(struct net_device *dev, int new_mtu);
int dev_set_mac_address(struct net_device *dev, const u8 *addr);
struct net_device_stats *dev_get_stats(struct net_device *dev,
				       struct net_device_stats *storage);

/* No reference counting: devices live until unregistered, by the caller. */
struct net_device *dev_get_by_name(const char *name);
struct net_device *dev_get_by_index(int ifindex);
extern struct list_head net_device_list;
#define for_each_netdev(dev) list_for_each_entry(dev, &net_device_list, dev_list)

/* Multicast list and receive mode (dev_addr.c) */
int dev_mc_add(struct net_device *dev, const u8 *addr);
int dev_mc_del(struct net_device *dev, const u8 *addr);
int dev_set_promiscuity(struct net_device *dev, int inc);
int dev_set_allmulti(struct net_device *dev, int inc);
void dev_set_rx_mode(struct net_device *dev);
#define netdev_for_each_mc_addr(ha, dev) list_for_each_entry(ha, &(dev)->mc_list, list)
static inline unsigned int netdev_mc_count(const struct net_device *dev) { return dev->mc_count; }

/* Events for the protocol glue (carrier.c) */
enum {
	NETDEV_UP = 1, NETDEV_DOWN, NETDEV_CHANGE /* carrier */, NETDEV_REGISTER,
	NETDEV_UNREGISTER, NETDEV_CHANGEMTU, NETDEV_CHANGEADDR,
};
struct notifier_block {
	int (*notifier_call)(struct notifier_block *nb, unsigned long event, void *dev);
	struct notifier_block *next;
};
int register_netdevice_notifier(struct notifier_block *nb);
int unregister_netdevice_notifier(struct notifier_block *nb);
void call_netdevice_notifiers(unsigned long event, struct net_device *dev);

/* Carrier: process or softirq context (the notifiers run lwIP code). */
void netif_carrier_on(struct net_device *dev);
void netif_carrier_off(struct net_device *dev);
/* Carrier to what the hardware says, logging "link up, 1000 Mbps full duplex"
 * or "link down" on a change (carrier.c); true when it changed. */
bool netif_carrier_update(struct net_device *dev, bool up, const char *fc);
static inline bool netif_carrier_ok(const struct net_device *dev)
{
	return !(READ_ONCE(dev->state) & BIT(__LINK_STATE_NOCARRIER));
}
static inline bool netif_running(const struct net_device *dev) { return dev->flags & IFF_UP; }
static inline bool netif_device_present(const struct net_device *dev)
{
	return dev->state & BIT(__LINK_STATE_PRESENT);
}

/*
 * TX queue state: the driver stops a queue before its ring is full and
 * wakes it when descriptors come back (dev_xmit.c). The netif_tx_*()
 * calls act on one queue; the netif_*_queue(dev) ones, for single-queue
 * drivers, on queue 0, and the *_all_queues() ones on every queue.
 */
static inline struct netdev_queue *netdev_get_tx_queue(const struct net_device *dev,
							unsigned int index)
{
	return &dev->_tx[index];
}
void netif_tx_start_queue(struct netdev_queue *txq);
void netif_tx_stop_queue(struct netdev_queue *txq);
void netif_tx_wake_queue(struct netdev_queue *txq);	/* any context: reruns it */
static inline bool netif_tx_queue_stopped(const struct netdev_queue *txq)
{
	return READ_ONCE(txq->state) & BIT(__QUEUE_STATE_DRV_XOFF);
}
/* The driver saw TX progress on this queue (a completed descriptor): the watchdog's clock. */
void txq_trans_update(struct netdev_queue *txq);

static inline void netif_start_queue(struct net_device *dev) { netif_tx_start_queue(dev->_tx); }
static inline void netif_stop_queue(struct net_device *dev) { netif_tx_stop_queue(dev->_tx); }
static inline void netif_wake_queue(struct net_device *dev) { netif_tx_wake_queue(dev->_tx); }
static inline bool netif_queue_stopped(const struct net_device *dev)
{
	return netif_tx_queue_stopped(dev->_tx);
}
static inline void netif_trans_update(struct net_device *dev) { txq_trans_update(dev->_tx); }
void netif_tx_start_all_queues(struct net_device *dev);
void netif_tx_stop_all_queues(struct net_device *dev);
void netif_tx_wake_all_queues(struct net_device *dev);
/* Packets waiting in the device's FIFOs, all queues. */
unsigned int netdev_tx_backlog(const struct net_device *dev);

/* Receive (dev.c) */
int netif_rx(struct sk_buff *skb);		/* non-NAPI drivers, hard IRQ: to the backlog */
int netif_receive_skb(struct sk_buff *skb);	/* softirq (NAPI poll): deliver now */

struct packet_type {
	__be16 type;			/* cpu_to_be16(ETH_P_IP), or ETH_P_ALL for a tap */
	struct net_device *dev;		/* NULL: every device */
	/* Owns the skb it is given: must free or keep it. */
	int (*func)(struct sk_buff *skb, struct net_device *dev,
		    struct packet_type *pt, struct net_device *orig_dev);
	struct list_head list;
};
void dev_add_pack(struct packet_type *pt);
void dev_remove_pack(struct packet_type *pt);

/* Transmit (dev_xmit.c). Consumes the skb whatever the result. */
int dev_queue_xmit(struct sk_buff *skb);
/* The TX queue a packet goes out on: queue 0 on a single-queue device,
 * else by flow hash, so one flow keeps one queue (its order kept). */
u16 netdev_pick_tx(struct net_device *dev, struct sk_buff *skb);

/*
 * Cuts a GSO skb into frames of gso_size payload (gso.c; Linux's
 * skb_gso_segment(), which returns a list: here the frames go into segs).
 * The skb itself is left to the caller. -EINVAL for a malformed GSO skb,
 * -ENOMEM when a frame could not be allocated; segs is empty then.
 */
int skb_gso_segment(struct sk_buff *skb, u64 features, struct sk_buff_head *segs);
/* Whether dev can take this GSO skb as it is. */
static inline bool netif_gso_ok(const struct sk_buff *skb, u64 features)
{
	u32 type = skb_shinfo(skb)->gso_type;

	return (type == SKB_GSO_TCPV4 && (features & NETIF_F_TSO)) ||
	       (type == SKB_GSO_TCPV6 && (features & NETIF_F_TSO6));
}

/* One rx_handler per device (after the taps, before the protocols); -EBUSY if taken. */
int netdev_rx_handler_register(struct net_device *dev, rx_handler_func_t *handler, void *data);
void netdev_rx_handler_unregister(struct net_device *dev);

/* Freeing from contexts that must not run destructors (NET_TX frees later). */
void dev_kfree_skb_irq(struct sk_buff *skb);	/* a drop */
void dev_consume_skb_irq(struct sk_buff *skb);	/* a normal end (TX completion) */
void dev_kfree_skb_any(struct sk_buff *skb);
void dev_consume_skb_any(struct sk_buff *skb);
void net_tx_action(void);	/* the NET_TX_SOFTIRQ action */

/* The TX watchdog (watchdog.c): armed by dev_open() and carrier on. */
void dev_watchdog_up(struct net_device *dev);
void dev_watchdog_down(struct net_device *dev);

/* Boot-time setup of the whole core: pool, softnet, softirqs. */
int net_dev_init(void);

#endif
