/*
 * The IRQ core's descriptors, for the platform code that creates IRQs and
 * delivers them (Linux's <linux/irqdesc.h>); drivers use lib/irq.h only.
 */
#ifndef LIB_IRQDESC_H
#define LIB_IRQDESC_H

#include <lib/irq.h>

struct irqaction {
	irq_handler_t handler;
	unsigned long flags;
	const char *name;
	void *dev_id;
	struct irqaction *next;
};

struct irq_desc {
	bool allocated;			/* the platform set this IRQ up */
	bool disabled;
	const struct irq_chip *chip;
	void *chip_data;
	struct irqaction *action;
	u64 count;
	u32 unhandled;
};

/* NULL for a number out of range. */
struct irq_desc *irq_to_desc(unsigned int irq);
/* The platform has given irq a way to fire (a vector); -EBUSY if it had one. */
int irq_desc_alloc(unsigned int irq);
/* Forgets irq; -EBUSY (and logged) while a handler is installed. */
int irq_desc_free(unsigned int irq);
/*
 * Runs irq's handlers and counts it; called by the platform's entry code
 * between irq_enter() and irq_exit(). A line nobody claims is disabled
 * after IRQ_UNHANDLED_LIMIT unclaimed interrupts, or a level-triggered one
 * would storm forever.
 */
#define IRQ_UNHANDLED_LIMIT	10000
irqreturn_t generic_handle_irq(unsigned int irq);

#endif
