/*
 * The IRQ core (Linux's kernel/irq and <linux/interrupt.h>). An IRQ number
 * names an interrupt source; each has a chain of handlers (irqaction), more
 * than one only with IRQF_SHARED, where each handler says whether the
 * interrupt was its device's (IRQ_HANDLED) or not (IRQ_NONE). How a number
 * becomes a CPU vector, and which numbers exist, is the platform's
 * (arch/x86_64/irq.h: irq_alloc(), irq_setup_gsi()).
 */
#ifndef LIB_IRQ_H
#define LIB_IRQ_H

#include <lib/types.h>

typedef enum irqreturn { IRQ_NONE = 0, IRQ_HANDLED = 1 } irqreturn_t;
typedef irqreturn_t (*irq_handler_t)(int irq, void *dev_id);

#define IRQF_SHARED	0x00000080UL

#define NR_IRQS		128

/* How an interrupt source is masked and unmasked (IOAPIC pin, MSI, LVT). */
struct irq_chip {
	const char *name;
	void (*irq_mask)(unsigned int irq, void *chip_data);
	void (*irq_unmask)(unsigned int irq, void *chip_data);
};

/* -EINVAL for an IRQ the platform has not set up, -EBUSY when not both share. */
int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
		const char *name, void *dev_id);
void free_irq(unsigned int irq, void *dev_id);
/* Mask and unmask at the source (through the chip); the handlers stay. */
void disable_irq(unsigned int irq);
void enable_irq(unsigned int irq);
void irq_set_chip(unsigned int irq, const struct irq_chip *chip, void *chip_data);

/*
 * Calls fn once per IRQ that is set up and has a handler or has fired, in
 * IRQ order; name is the first handler's (or "-"). fn must not sleep or take
 * IRQ locks: it runs with the IRQ table as it is (counts may move under it).
 * The status page and the "interrupts" command list IRQs this way.
 */
void irq_for_each(void (*fn)(unsigned int irq, const char *name, u64 count, void *ctx),
		  void *ctx);

#endif
