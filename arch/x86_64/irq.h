/*
 * x86-64's side of the IRQ core (lib/irq.h): which IRQ numbers exist and the
 * CPU vector each fires on, and the entry from the IDT stubs.
 *
 * Numbering: IRQs 0..NR_IRQS_LEGACY-1 are IOAPIC GSIs (ISA IRQs unless the
 * MADT overrides them), higher ones are allocated on demand (MSI/MSI-X).
 */
#ifndef ARCH_X86_64_IRQ_H
#define ARCH_X86_64_IRQ_H

#include <lib/types.h>
#include <lib/irq.h>

#define NR_IRQS_LEGACY	24	/* GSIs of the first IOAPIC */

/* Vector tables empty; before any IRQ is set up. */
void init_IRQ(void);

/* A fresh IRQ with its own vector, for MSI/MSI-X; -ENOSPC when none left. */
int irq_alloc(void);
void irq_free(unsigned int irq);
/* irq on exactly this vector (the LAPIC timer's); -EBUSY if either is taken. */
int irq_alloc_fixed_vector(unsigned int irq, u8 vector);
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

/* Vectors that fired with no IRQ behind them, for the "interrupts" command. */
extern u64 spurious_count, unexpected_vector_count;

struct pt_regs;
/* Inside a handler: the interrupted context's registers (the profiler samples them). */
struct pt_regs *get_irq_regs(void);

#endif
