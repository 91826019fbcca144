/*
 * The IRQ core: irq_desc per IRQ number, a chain of irqactions on each, one
 * CPU vector per IRQ. The entry path is irq_enter(), the handlers, EOI, then
 * irq_exit() -- which may run softirqs, so the EOI must come first or no
 * further interrupt could arrive while they run.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/kmalloc.h>
#include <lib/printk.h>
#include <lib/softirq.h>
#include <lib/spinlock.h>
#include <lib/string.h>
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/irq.h>
#include <arch/x86_64/apic.h>
#include <arch/x86_64/acpi.h>
#include <arch/x86_64/irq_internal.h>

struct irq_desc irq_descs[NR_IRQS];
static s16 vector_to_irq[256];
static DEFINE_SPINLOCK(irq_lock);
u64 spurious_count, unexpected_vector_count;

/* A level-triggered line nobody claims would storm forever: mask it after this many. */
#define UNHANDLED_LIMIT 10000

void irq_core_init(void)
{
	for (int v = 0; v < 256; v++)
		vector_to_irq[v] = -1;
	for (int i = 0; i < NR_IRQS; i++)
		irq_descs[i].vector = -1;
}

static int alloc_vector(unsigned int irq)
{
	for (int v = FIRST_DEVICE_VECTOR; v <= LAST_DEVICE_VECTOR; v++) {
		if (vector_to_irq[v] < 0) {
			vector_to_irq[v] = irq;
			irq_descs[irq].vector = v;
			return v;
		}
	}
	return -ENOSPC;
}

int irq_alloc(void)
{
	unsigned long flags;
	int ret = -ENOSPC;

	spin_lock_irqsave(&irq_lock, flags);
	for (unsigned int irq = NR_IRQS_LEGACY; irq < NR_IRQS; irq++) {
		if (irq_descs[irq].vector < 0 && !irq_descs[irq].allocated) {
			ret = alloc_vector(irq);
			if (ret >= 0) {
				irq_descs[irq].allocated = true;
				ret = irq;
			}
			break;
		}
	}
	spin_unlock_irqrestore(&irq_lock, flags);
	if (ret < 0)
		pr_err("irq: no free IRQ number or vector left\n");
	return ret;
}

int irq_alloc_fixed_vector(unsigned int irq, u8 vector)
{
	if (irq >= NR_IRQS || vector_to_irq[vector] >= 0)
		return -EBUSY;
	vector_to_irq[vector] = irq;
	irq_descs[irq].vector = vector;
	irq_descs[irq].allocated = true;
	return 0;
}

void irq_free(unsigned int irq)
{
	unsigned long flags;
	struct irq_desc *d;

	if (irq >= NR_IRQS)
		return;
	d = &irq_descs[irq];
	if (d->action) {
		pr_err("irq: irq_free(%u) with handler '%s' still installed\n", irq, d->action->name);
		return;
	}
	spin_lock_irqsave(&irq_lock, flags);
	if (d->vector >= 0)
		vector_to_irq[d->vector] = -1;
	memset(d, 0, sizeof(*d));
	d->vector = -1;
	spin_unlock_irqrestore(&irq_lock, flags);
}

void irq_set_chip(unsigned int irq, const struct irq_chip *chip, void *chip_data)
{
	if (irq >= NR_IRQS)
		return;
	irq_descs[irq].chip = chip;
	irq_descs[irq].chip_data = chip_data;
}

int irq_to_vector(unsigned int irq)
{
	if (irq >= NR_IRQS || irq_descs[irq].vector < 0)
		return -EINVAL;
	return irq_descs[irq].vector;
}

u64 irq_count(unsigned int irq)
{
	return irq < NR_IRQS ? irq_descs[irq].count : 0;
}

static void mask(struct irq_desc *d, unsigned int irq)
{
	if (d->chip && d->chip->irq_mask)
		d->chip->irq_mask(irq, d->chip_data);
}

static void unmask(struct irq_desc *d, unsigned int irq)
{
	if (d->chip && d->chip->irq_unmask)
		d->chip->irq_unmask(irq, d->chip_data);
}

int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
		const char *name, void *dev_id)
{
	struct irq_desc *d;
	struct irqaction *act, **pp;
	unsigned long iflags;

	if (irq >= NR_IRQS || !handler)
		return -EINVAL;
	if ((flags & IRQF_SHARED) && !dev_id) {
		pr_err("irq: %s asks for shared IRQ %u without a dev_id\n", name, irq);
		return -EINVAL;
	}
	d = &irq_descs[irq];
	if (d->vector < 0) {
		pr_err("irq: %s: IRQ %u is not set up (no vector)\n", name, irq);
		return -EINVAL;
	}
	act = kzalloc(sizeof(*act), GFP_KERNEL);
	if (!act)
		return -ENOMEM;
	act->handler = handler;
	act->flags = flags;
	act->name = name;
	act->dev_id = dev_id;

	spin_lock_irqsave(&irq_lock, iflags);
	if (d->action && (!(d->action->flags & IRQF_SHARED) || !(flags & IRQF_SHARED))) {
		spin_unlock_irqrestore(&irq_lock, iflags);
		pr_err("irq: %s cannot share IRQ %u with %s (both must pass IRQF_SHARED)\n",
		       name, irq, d->action->name);
		kfree(act);
		return -EBUSY;
	}
	for (pp = &d->action; *pp; pp = &(*pp)->next)
		;
	*pp = act;
	spin_unlock_irqrestore(&irq_lock, iflags);
	if (d->action == act) {
		d->disabled = false;
		unmask(d, irq);
	}
	return 0;
}

void free_irq(unsigned int irq, void *dev_id)
{
	struct irq_desc *d;
	struct irqaction **pp, *act = NULL;
	unsigned long flags;

	if (irq >= NR_IRQS)
		return;
	d = &irq_descs[irq];
	spin_lock_irqsave(&irq_lock, flags);
	for (pp = &d->action; *pp; pp = &(*pp)->next) {
		if ((*pp)->dev_id == dev_id) {
			act = *pp;
			*pp = act->next;
			break;
		}
	}
	if (act && !d->action)
		mask(d, irq);
	spin_unlock_irqrestore(&irq_lock, flags);
	if (!act)
		pr_err("irq: free_irq(%u): no handler with that dev_id\n", irq);
	kfree(act);
}

void disable_irq(unsigned int irq)
{
	if (irq < NR_IRQS) {
		irq_descs[irq].disabled = true;
		mask(&irq_descs[irq], irq);
	}
}

void enable_irq(unsigned int irq)
{
	if (irq < NR_IRQS) {
		irq_descs[irq].disabled = false;
		unmask(&irq_descs[irq], irq);
	}
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
	irqreturn_t ret = IRQ_NONE;
	struct pt_regs *outer_regs = irq_regs;

	if (vector == SPURIOUS_APIC_VECTOR) {
		spurious_count++;	/* no EOI for the spurious vector (SDM 11.9) */
		return;
	}
	irq_enter();
	if (irq < 0) {
		unexpected_vector_count++;
	} else {
		struct irq_desc *d = &irq_descs[irq];

		d->count++;
		irq_regs = regs;
		for (struct irqaction *a = d->action; a; a = a->next)
			ret |= a->handler(irq, a->dev_id);
		/* Softirqs on irq_exit() run with interrupts on: not this frame's context. */
		irq_regs = outer_regs;
		if (ret == IRQ_NONE && ++d->unhandled == UNHANDLED_LIMIT) {
			pr_err("irq %d: nobody cared (%u unhandled interrupts); disabling it\n",
			       irq, UNHANDLED_LIMIT);
			disable_irq(irq);
		}
	}
	if (vector >= FIRST_DEVICE_VECTOR)	/* 0x20-0x2f: spurious 8259 interrupts, not ours to ack */
		lapic_eoi();
	irq_exit();
}
