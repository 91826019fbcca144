/*
 * NAPI scheduling and net_rx_action(), the NET_RX_SOFTIRQ handler, plus the
 * backlog napi that drains netif_rx()'s input_pkt_queue.
 *
 * A napi is "owned" while NAPI_STATE_SCHED is set: whoever sets it puts the
 * napi on a poll list; only napi_complete_done() (or napi_enable()) clears
 * it. A schedule that finds it already owned sets MISSED, so completion
 * polls once more instead of losing that event.
 */
#define pr_fmt(fmt) "napi: " fmt

#include <net/core/netdevice.h>
#include <net/core/dev_internal.h>
#include <net/core/trace.h>
#include <lib/ktime.h>
#include <lib/params.h>
#include <lib/printk.h>
#include <lib/softirq.h>

struct softnet_data softnet_data[NR_NET_CPUS];

int netdev_budget = 300;
core_param(netdev_budget, netdev_budget, int, 0644);
unsigned int netdev_budget_usecs = 2000;
core_param(netdev_budget_usecs, netdev_budget_usecs, uint, 0644);

/* Linux's dev_weight: how many backlog packets one poll may deliver. */
#define BACKLOG_WEIGHT	64

#define NAPIF_SCHED	BIT(NAPI_STATE_SCHED)
#define NAPIF_MISSED	BIT(NAPI_STATE_MISSED)
#define NAPIF_DISABLE	BIT(NAPI_STATE_DISABLE)

/* Moves every entry of list to the tail of head; list ends up empty. */
static void list_splice_tail_init(struct list_head *list, struct list_head *head)
{
	if (list_empty(list))
		return;
	list->next->prev = head->prev;
	head->prev->next = list->next;
	list->prev->next = head;
	head->prev = list->prev;
	INIT_LIST_HEAD(list);
}

void netif_napi_add(struct net_device *dev, struct napi_struct *napi,
		    int (*poll)(struct napi_struct *, int), int weight)
{
	if (weight <= 0) {
		pr_warn("%s: weight %d invalid, using %d\n", dev ? dev->name : "?",
			weight, NAPI_POLL_WEIGHT);
		weight = NAPI_POLL_WEIGHT;
	} else if (weight > NAPI_POLL_WEIGHT) {
		/* Allowed, as in Linux, but one device then takes more of each run. */
		pr_warn("%s: weight %d above the usual %d\n", dev ? dev->name : "?",
			weight, NAPI_POLL_WEIGHT);
	}
	INIT_LIST_HEAD(&napi->poll_list);
	INIT_LIST_HEAD(&napi->dev_list);
	napi->poll = poll;
	napi->weight = weight;
	napi->dev = dev;
	napi->polls = napi->packets = 0;
	/* Owned until napi_enable(), so an early interrupt cannot schedule it. */
	napi->state = NAPIF_SCHED;
	if (dev)
		list_add_tail(&napi->dev_list, &dev->napi_list);
}

void netif_napi_del(struct napi_struct *napi)
{
	napi_disable(napi);
	list_del_init(&napi->dev_list);
}

void napi_enable(struct napi_struct *napi)
{
	__atomic_and_fetch(&napi->state, ~(NAPIF_SCHED | NAPIF_MISSED | NAPIF_DISABLE),
			   __ATOMIC_RELEASE);
}

/*
 * One CPU: a scheduled napi is waiting on a poll list (this is never called
 * from the napi's own poll), so taking it off the list is all the waiting
 * Linux's napi_disable() does.
 */
void napi_disable(struct napi_struct *napi)
{
	unsigned long flags, old;

	__atomic_or_fetch(&napi->state, NAPIF_DISABLE, __ATOMIC_ACQ_REL);
	local_irq_save(flags);
	old = __atomic_fetch_or(&napi->state, NAPIF_SCHED, __ATOMIC_ACQ_REL);
	if (old & NAPIF_SCHED)
		list_del_init(&napi->poll_list);
	__atomic_and_fetch(&napi->state, ~NAPIF_MISSED, __ATOMIC_RELEASE);
	local_irq_restore(flags);
}

bool napi_schedule_prep(struct napi_struct *napi)
{
	unsigned long val = READ_ONCE(napi->state), new;

	do {
		if (val & NAPIF_DISABLE)
			return false;
		new = val | NAPIF_SCHED;
		if (val & NAPIF_SCHED)
			new |= NAPIF_MISSED;
	} while (!__atomic_compare_exchange_n(&napi->state, &val, new, false,
					      __ATOMIC_ACQ_REL, __ATOMIC_RELAXED));
	return !(val & NAPIF_SCHED);
}

void __napi_schedule(struct napi_struct *napi)
{
	struct softnet_data *sd = this_cpu_softnet();
	unsigned long flags;

	trace_rx("napi_schedule", napi);
	local_irq_save(flags);
	list_add_tail(&napi->poll_list, &sd->poll_list);
	raise_softirq_irqoff(NET_RX_SOFTIRQ);
	local_irq_restore(flags);
}

bool napi_schedule(struct napi_struct *napi)
{
	if (!napi_schedule_prep(napi))
		return false;
	__napi_schedule(napi);
	return true;
}

bool napi_complete_done(struct napi_struct *napi, int work_done)
{
	unsigned long val = READ_ONCE(napi->state), new;

	do {
		new = val & ~(NAPIF_MISSED | NAPIF_SCHED);
		if (val & NAPIF_MISSED)
			new |= NAPIF_SCHED;	/* stays owned: polled again */
	} while (!__atomic_compare_exchange_n(&napi->state, &val, new, false,
					      __ATOMIC_ACQ_REL, __ATOMIC_RELAXED));
	if (val & NAPIF_MISSED) {
		__napi_schedule(napi);
		return false;
	}
	return true;
}

static void (*rx_batch_end)(void);

bool napi_in_poll(void)
{
	return this_cpu_softnet()->in_poll;
}

void napi_set_rx_batch_end(void (*fn)(void))
{
	rx_batch_end = fn;
}

/* Polls one napi; one that used its whole weight goes on repoll. */
static int napi_poll(struct napi_struct *n, struct list_head *repoll)
{
	int work = 0, weight = n->weight;

	list_del_init(&n->poll_list);
	if (READ_ONCE(n->state) & NAPIF_SCHED) {
		trace_rx("net_rx_action", n);
		this_cpu_softnet()->in_poll = true;
		work = n->poll(n, weight);
		this_cpu_softnet()->in_poll = false;
		if (rx_batch_end)
			rx_batch_end();
		n->polls++;
	}
	if (work > weight) {
		pr_err("%s: poll returned %d, more than its weight %d\n",
		       n->dev ? n->dev->name : "backlog", work, weight);
		work = weight;
	}
	n->packets += (u64)work;
	if (work < weight)
		return work;	/* the driver completed it */
	if (READ_ONCE(n->state) & NAPIF_DISABLE) {
		napi_complete(n);
		return work;
	}
	list_add_tail(&n->poll_list, repoll);
	return work;
}

void net_rx_action(void)
{
	struct softnet_data *sd = this_cpu_softnet();
	u64 time_limit = ktime_get_ns() + (u64)READ_ONCE(netdev_budget_usecs) * NSEC_PER_USEC;
	int budget = READ_ONCE(netdev_budget);
	LIST_HEAD(list);
	LIST_HEAD(repoll);
	unsigned long flags;
	bool cut = false;

	local_irq_save(flags);
	list_splice_tail_init(&sd->poll_list, &list);
	local_irq_restore(flags);

	while (!list_empty(&list)) {
		struct napi_struct *n = list_first_entry(&list, struct napi_struct, poll_list);

		budget -= napi_poll(n, &repoll);
		if (budget <= 0 || time_after_eq(ktime_get_ns(), time_limit)) {
			cut = true;
			break;
		}
	}

	/* Unfinished first, then newly scheduled, then the ones that used their weight. */
	local_irq_save(flags);
	list_splice_tail_init(&sd->poll_list, &list);
	list_splice_tail_init(&repoll, &list);
	list_splice_tail_init(&list, &sd->poll_list);
	if (!list_empty(&sd->poll_list)) {
		if (cut)
			sd->time_squeeze++;
		raise_softirq_irqoff(NET_RX_SOFTIRQ);
	}
	local_irq_restore(flags);
}

/*
 * The backlog's poll: delivers what netif_rx() queued. It completes itself
 * with the queue lock held and the queue seen empty, so a netif_rx() from an
 * interrupt either lands before (and is delivered) or reschedules it.
 */
static int process_backlog(struct napi_struct *napi, int quota)
{
	/* LAB backlog: BEGIN return 0 */
	/* LAB backlog: HINT dequeue under the queue's lock, deliver with netif_receive_skb_core() without it, at most quota skbs */
	/* LAB backlog: HINT seen empty: clear NAPIF_SCHED and NAPIF_MISSED while still holding the lock, or a netif_rx() in between is lost */
	struct softnet_data *sd = container_of(napi, struct softnet_data, backlog);
	struct sk_buff *skb;
	unsigned long flags;
	int work = 0;

	while (work < quota) {
		spin_lock_irqsave(&sd->input_pkt_queue.lock, flags);
		skb = __skb_dequeue(&sd->input_pkt_queue);
		if (!skb) {
			__atomic_and_fetch(&napi->state, ~(NAPIF_SCHED | NAPIF_MISSED),
					   __ATOMIC_RELEASE);
			spin_unlock_irqrestore(&sd->input_pkt_queue.lock, flags);
			break;
		}
		spin_unlock_irqrestore(&sd->input_pkt_queue.lock, flags);
		netif_receive_skb_core(skb);
		work++;
	}
	return work;
	/* LAB backlog: END */
}

void softnet_init(void)
{
	unsigned int cpu;

	for (cpu = 0; cpu < NR_NET_CPUS; cpu++) {
		struct softnet_data *sd = &softnet_data[cpu];

		INIT_LIST_HEAD(&sd->poll_list);
		INIT_LIST_HEAD(&sd->output_queue);
		skb_queue_head_init(&sd->input_pkt_queue);
		skb_queue_head_init(&sd->completion_queue);
		sd->processed = sd->dropped = sd->time_squeeze = 0;
		sd->cpu = cpu;
		netif_napi_add(NULL, &sd->backlog, process_backlog, BACKLOG_WEIGHT);
		napi_enable(&sd->backlog);
	}
	open_softirq(NET_RX_SOFTIRQ, net_rx_action);
	open_softirq(NET_TX_SOFTIRQ, net_tx_action);
	trace_rx_init();
}
