/*
 * Kernel timers, kept on one list sorted by expiry.
 *
 * Why a sorted list and not Linux's timer wheel: a unikernel has a handful
 * of timers (lwIP's timeouts, the driver watchdog), so an O(n) insertion is
 * cheaper than a wheel's bookkeeping, and the part that runs HZ times a
 * second in hard IRQ, timer_tick(), only looks at the head of the list: O(1).
 * Equal expiries run in the order they were armed.
 *
 * Expired timers run from TIMER_SOFTIRQ. run_timers() first moves every due
 * timer to a private list, then runs them one by one with the lock dropped,
 * so a callback may re-arm itself or arm/delete any timer (even one in the
 * same batch); a timer re-armed for "now" runs on the next tick, not in a
 * loop that never ends.
 */
#include <lib/timer.h>
#include <lib/softirq.h>
#include <lib/spinlock.h>
#include <lib/panic.h>

volatile u64 jiffies;

static LIST_HEAD(timer_queue);		/* armed timers, earliest first */
static DEFINE_SPINLOCK(timer_lock);	/* irqsave: the tick reads the queue */

void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *), u32 flags)
{
	INIT_LIST_HEAD(&t->entry);
	t->expires = 0;
	t->function = fn;
	t->flags = flags;
}

bool timer_pending(const struct timer_list *t)
{
	return t->entry.next && !list_empty(&t->entry);
}

static struct timer_list *first_timer(struct list_head *head)
{
	return list_first_entry(head, struct timer_list, entry);
}

/* Searches from the tail: a new timer is usually the latest. */
static void enqueue_timer(struct timer_list *t)
{
	struct list_head *pos;

	for (pos = timer_queue.prev; pos != &timer_queue; pos = pos->prev)
		if (!time_after(list_entry(pos, struct timer_list, entry)->expires, t->expires))
			break;
	__list_add(&t->entry, pos, pos->next);
}

int mod_timer(struct timer_list *t, u64 expires)
{
	unsigned long flags;
	int was_pending;

	/* A timer never passed to timer_setup() has no list node to move. */
	if (WARN_ON(!t->function || !t->entry.next))
		return 0;
	spin_lock_irqsave(&timer_lock, flags);
	was_pending = timer_pending(t);
	if (was_pending)
		list_del_init(&t->entry);
	t->expires = expires;
	enqueue_timer(t);
	spin_unlock_irqrestore(&timer_lock, flags);
	return was_pending;
}

int del_timer(struct timer_list *t)
{
	unsigned long flags;
	int was_pending;

	spin_lock_irqsave(&timer_lock, flags);
	was_pending = timer_pending(t);
	if (was_pending)
		list_del_init(&t->entry);
	spin_unlock_irqrestore(&timer_lock, flags);
	return was_pending;
}

void timer_tick(void)
{
	unsigned long flags;

	spin_lock_irqsave(&timer_lock, flags);
	jiffies++;
	if (!list_empty(&timer_queue) &&
	    time_after_eq(jiffies, first_timer(&timer_queue)->expires))
		raise_softirq_irqoff(TIMER_SOFTIRQ);
	spin_unlock_irqrestore(&timer_lock, flags);
}

void run_timers(void)
{
	LIST_HEAD(expired);
	unsigned long flags;
	u64 now;

	spin_lock_irqsave(&timer_lock, flags);
	now = jiffies;
	while (!list_empty(&timer_queue) &&
	       time_after_eq(now, first_timer(&timer_queue)->expires))
		list_move_tail(timer_queue.next, &expired);

	while (!list_empty(&expired)) {
		struct timer_list *t = first_timer(&expired);
		void (*fn)(struct timer_list *) = t->function;

		list_del_init(&t->entry);
		spin_unlock_irqrestore(&timer_lock, flags);
		fn(t);		/* may free t: not touched again */
		spin_lock_irqsave(&timer_lock, flags);
	}
	spin_unlock_irqrestore(&timer_lock, flags);
}

void timers_init(void)
{
	open_softirq(TIMER_SOFTIRQ, run_timers);
}

#ifdef HOST_TEST
void timer_reset_for_test(void)
{
	jiffies = 0;
	INIT_LIST_HEAD(&timer_queue);
	spin_lock_init(&timer_lock);
}
#endif
