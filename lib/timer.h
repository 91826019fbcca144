/*
 * jiffies and kernel timers. The platform tick calls timer_tick() HZ times a
 * second from hard IRQ; expired timers run from TIMER_SOFTIRQ, never in hard IRQ.
 */
#ifndef LIB_TIMER_H
#define LIB_TIMER_H

#include <lib/types.h>
#include <lib/list.h>

#define HZ 1000

extern volatile u64 jiffies;

struct timer_list {
	struct list_head entry;
	u64 expires;			/* in jiffies */
	void (*function)(struct timer_list *t);
	u32 flags;
};

#define from_timer(var, timer, field) container_of(timer, __typeof__(*var), field)

void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *), u32 flags);
/* (Re)arm for 'expires'; returns 1 if it was pending, 0 if not. */
int mod_timer(struct timer_list *t, u64 expires);
int del_timer(struct timer_list *t);	/* 1 if it was pending */
bool timer_pending(const struct timer_list *t);

void timer_tick(void);		/* hard IRQ: jiffies++, raise TIMER_SOFTIRQ if due */
void timers_init(void);		/* opens TIMER_SOFTIRQ */
void run_timers(void);		/* the TIMER_SOFTIRQ action */

#define time_after(a, b)	((s64)((b) - (a)) < 0)
#define time_before(a, b)	time_after(b, a)
#define time_after_eq(a, b)	((s64)((a) - (b)) >= 0)

static inline u64 msecs_to_jiffies(u64 ms) { return (ms * HZ + 999) / 1000; }
static inline u64 jiffies_to_msecs(u64 j) { return j * 1000 / HZ; }

#endif
