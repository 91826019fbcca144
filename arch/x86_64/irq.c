/*
 * IRQ numbers and vectors: one CPU vector per IRQ, the handlers behind it in
 * the IRQ core (lib/irq.c). The entry path is irq_enter(), the handlers,
 * EOI, then irq_exit() -- which may run softirqs, so the EOI must come first
 * or no further interrupt could arrive while they run.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/irqdesc.h>
#include <lib/printk.h>
#include <lib/softirq.h>
#include <lib/spinlock.h>
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/irq.h>
#include <arch/x86_64/apic.h>

static s16 vector_to_irq[256];
static s16 irq_vector[NR_IRQS];
static DEFINE_SPINLOCK(vector_lock);
u64 spurious_count, unexpected_vector_count;

void init_IRQ(void)
{
	for (int v = 0; v < 256; v++)
		vector_to_irq[v] = -1;
	for (int i = 0; i < NR_IRQS; i++)
		irq_vector[i] = -1;
}

/* Under vector_lock: irq fires on vector, if both are free. */
static int bind_vector(unsigned int irq, int vector)
{
	if (vector_to_irq[vector] >= 0 || irq_desc_alloc(irq))
		return -EBUSY;
	vector_to_irq[vector] = irq;
	irq_vector[irq] = vector;
	return 0;
}

/*
 * An IRQ number for an MSI or MSI-X message, bound to a CPU vector of its
 * own. The lab's stub has none to give: MSI-X and MSI setup then fail
 * cleanly, and drivers fall back to INTx (whose lines have fixed vectors)
 * or irq=poll.
 */
int irq_alloc(void)
{
	/* LAB irq: BEGIN return -ENOSPC */
	/* LAB irq: HINT under vector_lock (spin_lock_irqsave, as irq_free() takes it): the first IRQ from NR_IRQS_LEGACY whose descriptor is not allocated */
	/* LAB irq: HINT then the first device vector (FIRST_DEVICE_VECTOR..LAST_DEVICE_VECTOR) bind_vector() accepts; none of either: -ENOSPC */
	unsigned long flags;
	unsigned int irq;
	int ret = -ENOSPC;

	spin_lock_irqsave(&vector_lock, flags);
	for (irq = NR_IRQS_LEGACY; irq < NR_IRQS; irq++)
		if (!irq_to_desc(irq)->allocated)
			break;
	for (int v = FIRST_DEVICE_VECTOR; irq < NR_IRQS && v <= LAST_DEVICE_VECTOR; v++) {
		if (bind_vector(irq, v) == 0) {
			ret = irq;
			break;
		}
	}
	spin_unlock_irqrestore(&vector_lock, flags);
	if (ret < 0)
		pr_err("irq: no free IRQ number or vector left\n");
	return ret;
	/* LAB irq: END */
}

int irq_alloc_fixed_vector(unsigned int irq, u8 vector)
{
	unsigned long flags;
	int ret;

	if (irq >= NR_IRQS)
		return -EBUSY;
	spin_lock_irqsave(&vector_lock, flags);
	ret = irq_vector[irq] >= 0 ? -EBUSY : bind_vector(irq, vector);
	spin_unlock_irqrestore(&vector_lock, flags);
	return ret;
}

void irq_free(unsigned int irq)
{
	unsigned long flags;

	if (irq_desc_free(irq))
		return;		/* still in use: the vector stays with it */
	spin_lock_irqsave(&vector_lock, flags);
	if (irq_vector[irq] >= 0)
		vector_to_irq[irq_vector[irq]] = -1;
	irq_vector[irq] = -1;
	spin_unlock_irqrestore(&vector_lock, flags);
}

int irq_to_vector(unsigned int irq)
{
	if (irq >= NR_IRQS || irq_vector[irq] < 0)
		return -EINVAL;
	return irq_vector[irq];
}

static struct pt_regs *irq_regs;

struct pt_regs *get_irq_regs(void)
{
	return irq_regs;
}

void do_irq_vector(struct pt_regs *regs)
{
	u8 vector = regs->vector;
	int irq = vector_to_irq[vector];
	struct pt_regs *outer_regs = irq_regs;

	if (vector == SPURIOUS_APIC_VECTOR) {
		spurious_count++;	/* no EOI for the spurious vector (SDM 11.9) */
		return;
	}
	irq_enter();
	if (irq < 0) {
		unexpected_vector_count++;
	} else {
		irq_regs = regs;
		generic_handle_irq(irq);
		/* Softirqs on irq_exit() run with interrupts on: not this frame's context. */
		irq_regs = outer_regs;
	}
	if (vector >= FIRST_DEVICE_VECTOR)	/* 0x20-0x2f: spurious 8259 interrupts, not ours to ack */
		lapic_eoi();
	irq_exit();
}
