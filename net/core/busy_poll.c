/*
 * The busy-poller list. The idle loop walks it; drivers add and remove
 * themselves from open and close, which run in process context, so the
 * lock is irq-safe only for a second CPU's sake (one CPU: the idle loop
 * never runs inside open).
 */
#include <lib/spinlock.h>
#include <lib/softirq.h>
#include <net/core/busy_poll.h>

static LIST_HEAD(busy_pollers);
static DEFINE_SPINLOCK(busy_poll_lock);

void busy_poll_add(struct busy_poller *p)
{
	unsigned long flags;

	spin_lock_irqsave(&busy_poll_lock, flags);
	list_add_tail(&p->list, &busy_pollers);
	spin_unlock_irqrestore(&busy_poll_lock, flags);
}

void busy_poll_del(struct busy_poller *p)
{
	unsigned long flags;

	spin_lock_irqsave(&busy_poll_lock, flags);
	list_del(&p->list);
	spin_unlock_irqrestore(&busy_poll_lock, flags);
}

bool busy_poll_active(void)
{
	return !list_empty(&busy_pollers);
}

void busy_poll_run(void)
{
	struct list_head *pos, *next;

	/* A poll may free skbs and feed lwIP: no softirq may cut in (DESIGN.md). */
	local_bh_disable();
	/* next is read first: a poller may take itself off (a reset closes its device) */
	for (pos = busy_pollers.next; pos != &busy_pollers; pos = next) {
		struct busy_poller *p = list_entry(pos, struct busy_poller, list);

		next = pos->next;
		p->poll(p->data);
	}
	local_bh_enable();
}
