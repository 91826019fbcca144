/*
 * Softirqs: the bottom halves of interrupt handling.
 *
 * Where we are is kept in one counter, split into fields as Linux's
 * preempt_count is, so "may a softirq run here?" is a single test:
 *   bits  8-15  softirq: +1 (SOFTIRQ_OFFSET) while actions run,
 *               +2 (SOFTIRQ_DISABLE_OFFSET) per local_bh_disable()
 *   bits 16-19  hardirq: +1 per irq_enter()
 * Bits 0-7 would count preempt_disable() in a kernel with a scheduler; this
 * one has none. Counting bh-disable in steps of two keeps the low bit of the
 * softirq field meaning "an action is running", whatever the nesting.
 *
 * One CPU today: the counter, the pending mask and the stats would become
 * per-CPU data with a second one.
 */
#include <lib/softirq.h>
#include <lib/ktime.h>
#include <lib/panic.h>
#include <arch/x86_64/irqflags.h>

#define SOFTIRQ_SHIFT		8
#define HARDIRQ_SHIFT		16
#define SOFTIRQ_OFFSET		(1U << SOFTIRQ_SHIFT)
#define SOFTIRQ_DISABLE_OFFSET	(2 * SOFTIRQ_OFFSET)
#define HARDIRQ_OFFSET		(1U << HARDIRQ_SHIFT)
#define SOFTIRQ_MASK		(0xffU << SOFTIRQ_SHIFT)
#define HARDIRQ_MASK		(0xfU << HARDIRQ_SHIFT)

const char *const softirq_names[NR_SOFTIRQS] = {
	[HI_SOFTIRQ] = "HI",
	[TIMER_SOFTIRQ] = "TIMER",
	[NET_TX_SOFTIRQ] = "NET_TX",
	[NET_RX_SOFTIRQ] = "NET_RX",
};

struct softirq_stat softirq_stat;

static void (*softirq_vec[NR_SOFTIRQS])(void);
static volatile u32 pending_mask;	/* written with IRQs off only */
static volatile u32 preempt_count;

bool in_irq(void) { return preempt_count & HARDIRQ_MASK; }
bool in_softirq(void) { return preempt_count & SOFTIRQ_MASK; }
bool in_serving_softirq(void) { return preempt_count & SOFTIRQ_OFFSET; }
bool in_interrupt(void) { return preempt_count & (HARDIRQ_MASK | SOFTIRQ_MASK); }

bool softirq_pending(void)
{
	return READ_ONCE(pending_mask) != 0;
}

void open_softirq(unsigned int nr, void (*action)(void))
{
	if (WARN_ON(nr >= NR_SOFTIRQS))
		return;
	softirq_vec[nr] = action;
}

void raise_softirq_irqoff(unsigned int nr)
{
	if (WARN_ON(nr >= NR_SOFTIRQS))
		return;
	/* Nothing to wake: irq_exit() or the idle loop will see the bit. */
	pending_mask |= 1U << nr;
}

void raise_softirq(unsigned int nr)
{
	unsigned long flags;

	local_irq_save(flags);
	raise_softirq_irqoff(nr);
	local_irq_restore(flags);
}

static void run_actions(u32 pending)
{
	for (unsigned int nr = 0; pending; nr++, pending >>= 1) {
		if (!(pending & 1))
			continue;
		if (WARN_ON(!softirq_vec[nr]))	/* raised but never opened */
			continue;
		softirq_stat.count[nr]++;
		softirq_vec[nr]();
	}
}

/*
 * Called with IRQs off; runs actions with IRQs on, so a flood of softirq
 * work never makes the machine deaf to the hardware. Each pass takes the
 * whole pending mask; what gets raised meanwhile makes another pass, until
 * the restart or time limit says the idle loop should finish the job rather
 * than starve everything else (receive livelock).
 */
static void __do_softirq(void)
{
	/* LAB softirq: BEGIN void */
	/* LAB softirq: HINT mark the CPU as serving softirqs (SOFTIRQ_OFFSET) for the whole run */
	/* LAB softirq: HINT take and clear the pending mask with IRQs off, run the actions with them on */
	/* LAB softirq: HINT pass again while something is pending, up to MAX_SOFTIRQ_RESTART passes or MAX_SOFTIRQ_TIME_NS; then count softirq_stat.deferred and leave the rest to the idle loop */
	/* LAB softirq: STUB u32 pending = pending_mask; */
	/* LAB softirq: STUB preempt_count += SOFTIRQ_OFFSET; */
	/* LAB softirq: STUB pending_mask = 0; */
	/* LAB softirq: STUB run_actions(pending); */
	/* LAB softirq: STUB preempt_count -= SOFTIRQ_OFFSET; */
	u64 start = ktime_get_ns();
	unsigned int passes = 0;
	u32 pending;

	preempt_count += SOFTIRQ_OFFSET;
	while ((pending = pending_mask) != 0) {
		if (passes == MAX_SOFTIRQ_RESTART ||
		    ktime_get_ns() - start >= MAX_SOFTIRQ_TIME_NS) {
			softirq_stat.deferred++;
			break;
		}
		passes++;
		pending_mask = 0;
		local_irq_enable();
		run_actions(pending);
		local_irq_disable();
	}
	preempt_count -= SOFTIRQ_OFFSET;
	/* LAB softirq: END */
}

void do_softirq(void)
{
	unsigned long flags;

	if (in_interrupt())
		return;
	local_irq_save(flags);
	if (pending_mask)
		__do_softirq();
	local_irq_restore(flags);
}

void run_deferred_softirqs(void)
{
	do_softirq();
}

void local_bh_disable(void)
{
	preempt_count += SOFTIRQ_DISABLE_OFFSET;
	barrier();
}

void local_bh_enable(void)
{
	barrier();
	if (WARN_ON((preempt_count & SOFTIRQ_MASK) < SOFTIRQ_DISABLE_OFFSET))
		return;		/* unbalanced: more enables than disables */
	preempt_count -= SOFTIRQ_DISABLE_OFFSET;
	/* Work raised while we held softirqs off would otherwise wait for the next IRQ. */
	if (!in_interrupt() && softirq_pending())
		do_softirq();
}

void irq_enter(void)
{
	preempt_count += HARDIRQ_OFFSET;
}

void irq_exit(void)
{
	unsigned long flags;

	if (WARN_ON(!(preempt_count & HARDIRQ_MASK)))
		return;
	preempt_count -= HARDIRQ_OFFSET;
	/* Only the outermost handler, and only if no softirq is already running. */
	if (in_interrupt() || !softirq_pending())
		return;
	local_irq_save(flags);
	__do_softirq();
	local_irq_restore(flags);
}

#ifdef HOST_TEST
void softirq_reset_for_test(void)
{
	preempt_count = 0;
	pending_mask = 0;
	for (int i = 0; i < NR_SOFTIRQS; i++)
		softirq_vec[i] = NULL;
	softirq_stat = (struct softirq_stat){ { 0 }, 0 };
}
#endif
