/*
 * The IRQ core: an irq_desc per IRQ number with its chain of irqactions,
 * masking through the IRQ's chip, counts. The platform sets IRQs up
 * (irq_desc_alloc()) and delivers them (generic_handle_irq()).
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/irqdesc.h>
#include <lib/kmalloc.h>
#include <lib/printk.h>
#include <lib/spinlock.h>
#include <lib/string.h>

static struct irq_desc irq_descs[NR_IRQS];
static DEFINE_SPINLOCK(irq_lock);

struct irq_desc *irq_to_desc(unsigned int irq)
{
	return irq < NR_IRQS ? &irq_descs[irq] : NULL;
}

int irq_desc_alloc(unsigned int irq)
{
	unsigned long flags;
	int ret = -EBUSY;

	if (irq >= NR_IRQS)
		return -EINVAL;
	spin_lock_irqsave(&irq_lock, flags);
	if (!irq_descs[irq].allocated) {
		irq_descs[irq].allocated = true;
		ret = 0;
	}
	spin_unlock_irqrestore(&irq_lock, flags);
	return ret;
}

int irq_desc_free(unsigned int irq)
{
	unsigned long flags;
	struct irq_desc *d = irq_to_desc(irq);

	if (!d)
		return -EINVAL;
	if (d->action) {
		pr_err("irq: freeing IRQ %u with handler '%s' still installed\n", irq, d->action->name);
		return -EBUSY;
	}
	spin_lock_irqsave(&irq_lock, flags);
	memset(d, 0, sizeof(*d));
	spin_unlock_irqrestore(&irq_lock, flags);
	return 0;
}

void irq_set_chip(unsigned int irq, const struct irq_chip *chip, void *chip_data)
{
	struct irq_desc *d = irq_to_desc(irq);

	if (d) {
		d->chip = chip;
		d->chip_data = chip_data;
	}
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
	struct irq_desc *d = irq_to_desc(irq);
	struct irqaction *act, **pp;
	unsigned long iflags;

	if (!d || !handler)
		return -EINVAL;
	if ((flags & IRQF_SHARED) && !dev_id) {
		pr_err("irq: %s asks for shared IRQ %u without a dev_id\n", name, irq);
		return -EINVAL;
	}
	if (!d->allocated) {
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
	struct irq_desc *d = irq_to_desc(irq);
	struct irqaction **pp, *act = NULL;
	unsigned long flags;

	if (!d)
		return;
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
	struct irq_desc *d = irq_to_desc(irq);

	if (d) {
		d->disabled = true;
		mask(d, irq);
	}
}

void enable_irq(unsigned int irq)
{
	struct irq_desc *d = irq_to_desc(irq);

	if (d) {
		d->disabled = false;
		unmask(d, irq);
	}
}

irqreturn_t generic_handle_irq(unsigned int irq)
{
	struct irq_desc *d = irq_to_desc(irq);
	irqreturn_t ret = IRQ_NONE;

	if (!d)
		return IRQ_NONE;
	d->count++;
	for (struct irqaction *a = d->action; a; a = a->next)
		ret |= a->handler(irq, a->dev_id);
	if (ret == IRQ_NONE && ++d->unhandled == IRQ_UNHANDLED_LIMIT) {
		pr_err("irq %u: nobody cared (%u unhandled interrupts); disabling it\n",
		       irq, IRQ_UNHANDLED_LIMIT);
		disable_irq(irq);
	}
	return ret;
}

void irq_for_each(void (*fn)(unsigned int irq, const char *name, u64 count, void *ctx),
		  void *ctx)
{
	for (unsigned int irq = 0; irq < NR_IRQS; irq++) {
		const struct irq_desc *d = &irq_descs[irq];

		if (d->allocated && (d->action || d->count))
			fn(irq, d->action ? d->action->name : "-", d->count, ctx);
	}
}
