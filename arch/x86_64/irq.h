/*
 * The IRQ core (Linux's request_irq() model). An IRQ number names an
 * interrupt source; each has one CPU vector and a chain of handlers
 * (irqaction), more than one only with IRQF_SHARED, where each handler
 * says whether the interrupt was its device's (IRQ_HANDLED) or not (IRQ_NONE).
 *
 * Numbering: IRQs 0..NR_IRQS_LEGACY-1 are IOAPIC GSIs (ISA IRQs unless the
 * MADT overrides them), higher ones are allocated on demand (MSI/MSI-X).
 */
#ifndef ARCH_X86_64_IRQ_H
#define ARCH_X86_64_IRQ_H

#include <lib/types.h>

typedef enum irqreturn { IRQ_NONE = 0, IRQ_HANDLED = 1 } irqreturn_t;
typedef irqreturn_t (*irq_handler_t)(int irq, void *dev_id);

#define IRQF_SHARED	0x00000080UL

#define NR_IRQS		128
#define NR_IRQS_LEGACY	24	/* GSIs of the first IOAPIC */

/* How an interrupt source is masked and acknowledged. */
struct irq_chip {
	const char *name;
	void (*irq_mask)(unsigned int irq, void *chip_data);
	void (*irq_unmask)(unsigned int irq, void *chip_data);
};

int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
		const char *name, void *dev_id);
void free_irq(unsigned int irq, void *dev_id);
void disable_irq(unsigned int irq);	/* masks at the source */
void enable_irq(unsigned int irq);

/* A fresh IRQ with its own vector, for MSI/MSI-X; -ENOSPC when none left. */
int irq_alloc(void);
void irq_free(unsigned int irq);
void irq_set_chip(unsigned int irq, const struct irq_chip *chip, void *chip_data);
int irq_to_vector(unsigned int irq);	/* -EINVAL if not set up */

/*
 * Routes a GSI through the IOAPIC: level/edge and polarity as the bus or the
 * MADT override says. Returns the IRQ number (== GSI) or -errno.
 */
#define IRQ_TRIGGER_EDGE	0
#define IRQ_TRIGGER_LEVEL	1
#define IRQ_POLARITY_HIGH	0
#define IRQ_POLARITY_LOW	1
int irq_setup_gsi(u32 gsi, int trigger, int polarity);
/* ISA IRQ -> GSI with the MADT's overrides applied (trigger/polarity out). */
u32 irq_isa_to_gsi(u8 isa_irq, int *trigger, int *polarity);

/* Per-IRQ counts and names for the "interrupts" command. */
u64 irq_count(unsigned int irq);

#endif
