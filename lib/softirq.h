/*
 * Deferred work ("bottom halves"). A hard IRQ handler raises a softirq; it runs
 * on irq_exit() when no other IRQ or softirq is running, bounded by a restart
 * count and a time limit; what is left runs from the idle loop (the ksoftirqd
 * role). local_bh_disable()/local_bh_enable() keep softirqs out of code that
 * shares state with them.
 */
#ifndef LIB_SOFTIRQ_H
#define LIB_SOFTIRQ_H

#include <lib/types.h>

enum {
	HI_SOFTIRQ,
	TIMER_SOFTIRQ,
	NET_TX_SOFTIRQ,
	NET_RX_SOFTIRQ,
	NR_SOFTIRQS
};

extern const char *const softirq_names[NR_SOFTIRQS];

/* Limits of one do_softirq() run before the rest is left to the idle loop. */
#define MAX_SOFTIRQ_RESTART	10
#define MAX_SOFTIRQ_TIME_NS	(2 * 1000 * 1000ULL)

void open_softirq(unsigned int nr, void (*action)(void));
void raise_softirq(unsigned int nr);		/* any context */
void raise_softirq_irqoff(unsigned int nr);	/* caller has IRQs off */
bool softirq_pending(void);
void do_softirq(void);		/* runs pending softirqs unless in IRQ/softirq/bh-off */
void run_deferred_softirqs(void);	/* idle loop: the ksoftirqd role */

void local_bh_disable(void);
void local_bh_enable(void);	/* runs what became pending meanwhile */

/* Hard IRQ entry/exit bookkeeping; irq_exit() runs softirqs when not nested. */
void irq_enter(void);
void irq_exit(void);

bool in_irq(void);		/* inside a hard IRQ handler */
bool in_softirq(void);		/* running a softirq, or bottom halves disabled */
bool in_serving_softirq(void);	/* running a softirq action right now */
bool in_interrupt(void);	/* any of the above */

struct softirq_stat {
	u64 count[NR_SOFTIRQS];	/* actions run, per softirq */
	u64 deferred;		/* runs cut by the restart/time limit */
};
extern struct softirq_stat softirq_stat;

#endif
