/* IRQ core internals shared by irq.c, the IOAPIC glue and the "interrupts" command. */
#ifndef ARCH_X86_64_IRQ_INTERNAL_H
#define ARCH_X86_64_IRQ_INTERNAL_H

#include <lib/types.h>
#include <arch/x86_64/irq.h>

struct irqaction {
	irq_handler_t handler;
	unsigned long flags;
	const char *name;
	void *dev_id;
	struct irqaction *next;
};

struct irq_desc {
	int vector;			/* -1: none */
	bool allocated;			/* taken by irq_alloc() or a fixed user */
	bool disabled;
	const struct irq_chip *chip;
	void *chip_data;
	struct irqaction *action;
	u64 count;
	u32 unhandled;
	u32 gsi_trigger;		/* for the listing */
};

extern struct irq_desc irq_descs[NR_IRQS];
extern u64 spurious_count, unexpected_vector_count;

void irq_core_init(void);
int irq_alloc_fixed_vector(unsigned int irq, u8 vector);

struct pt_regs;
/* Inside a handler: the interrupted context's registers (the profiler samples them). */
struct pt_regs *get_irq_regs(void);

#endif
