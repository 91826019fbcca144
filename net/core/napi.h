/*
 * NAPI and the per-CPU softnet_data.
 *
 * A driver's interrupt handler masks its device's interrupts and calls
 * napi_schedule(); NET_RX_SOFTIRQ (net_rx_action) then calls the driver's
 * poll(napi, budget) until it reports less work than its weight, at which
 * point the driver calls napi_complete_done() and unmasks. One run of
 * net_rx_action is bounded by netdev_budget packets and netdev_budget_usecs;
 * work left over re-raises the softirq and counts a time_squeeze.
 *
 * The non-NAPI path, netif_rx(), queues into softnet_data.input_pkt_queue and
 * lets the "backlog" napi deliver the packets.
 */
#ifndef NET_CORE_NAPI_H
#define NET_CORE_NAPI_H

#include <lib/types.h>
#include <lib/list.h>
#include <net/core/skbqueue.h>

struct net_device;

/* napi_struct.state bits */
enum {
	NAPI_STATE_SCHED,	/* owned: on a poll list, being polled, or disabled */
	NAPI_STATE_MISSED,	/* napi_schedule() came while SCHED was set */
	NAPI_STATE_DISABLE,	/* napi_disable() in progress or done */
};

#define NAPI_POLL_WEIGHT	64

struct napi_struct {
	struct list_head poll_list;	/* on softnet_data.poll_list */
	unsigned long state;
	int weight;
	int (*poll)(struct napi_struct *napi, int budget);
	struct net_device *dev;
	struct list_head dev_list;	/* on dev->napi_list */
	u64 polls;			/* times poll() was called */
	u64 packets;			/* work reported by poll() */
};

struct softnet_data {
	struct list_head poll_list;		/* napis with work; IRQs off to touch */
	struct sk_buff_head input_pkt_queue;	/* netif_rx() backlog */
	struct napi_struct backlog;		/* delivers input_pkt_queue */
	struct sk_buff_head completion_queue;	/* dev_kfree_skb_irq(): freed in NET_TX */
	struct list_head output_queue;		/* TX queues (netdev_queue) that want a run */
	unsigned int processed;			/* packets handed to netif_receive_skb */
	unsigned int dropped;			/* netif_rx() past netdev_max_backlog */
	unsigned int time_squeeze;		/* runs cut with work left */
	unsigned int cpu;
	bool in_poll;				/* a napi poll is delivering now */
};

/* Per-CPU from the start: adding a CPU grows the array and this helper. */
#define NR_NET_CPUS	1
extern struct softnet_data softnet_data[NR_NET_CPUS];

static inline unsigned int net_cpu_id(void) { return 0; }
static inline struct softnet_data *this_cpu_softnet(void) { return &softnet_data[net_cpu_id()]; }

/* Boot parameters (core_param), Linux's names and defaults. */
extern int netdev_budget;		/* 300 packets per net_rx_action */
extern unsigned int netdev_budget_usecs;	/* 2000 us per net_rx_action */
extern int netdev_max_backlog;		/* 1000 packets in input_pkt_queue */

void netif_napi_add(struct net_device *dev, struct napi_struct *napi,
		    int (*poll)(struct napi_struct *, int), int weight);
void netif_napi_del(struct napi_struct *napi);
void napi_enable(struct napi_struct *napi);
/* Not from the napi's own poll. Leaves it unscheduled and owned (SCHED). */
void napi_disable(struct napi_struct *napi);

bool napi_schedule_prep(struct napi_struct *napi);
void __napi_schedule(struct napi_struct *napi);
/* Any context, hard IRQ included. True if this call scheduled it. */
bool napi_schedule(struct napi_struct *napi);
/* Poll finished with work < budget. False: rescheduled, keep IRQs masked. */
bool napi_complete_done(struct napi_struct *napi, int work_done);
static inline bool napi_complete(struct napi_struct *napi) { return napi_complete_done(napi, 0); }

static inline bool napi_is_scheduled(const struct napi_struct *napi)
{
	return READ_ONCE(napi->state) & BIT(NAPI_STATE_SCHED);
}

void net_rx_action(void);	/* the NET_RX_SOFTIRQ action */
void softnet_init(void);	/* queues, backlog napi, NET_RX/NET_TX softirqs */

/*
 * Receive batches: a NAPI poll delivers up to its weight of frames at once,
 * and a protocol may hold work for the end of that batch, as Linux's GRO
 * holds a flow's segments until the poll flushes them -- lwIP's ACKs, one
 * per connection per batch (net/lwip/tcp_ack_batch.c). napi_in_poll() says
 * whether a poll is delivering now; the hook runs after each poll.
 */
bool napi_in_poll(void);
void napi_set_rx_batch_end(void (*fn)(void));

#endif
