/* Interrupt-flag control: the only locking a single CPU needs against IRQs. */
#ifndef ARCH_X86_64_IRQFLAGS_H
#define ARCH_X86_64_IRQFLAGS_H

#include <lib/types.h>

#define X86_EFLAGS_IF	0x200UL

static inline unsigned long arch_local_save_flags(void)
{
	unsigned long flags;

	__asm__ __volatile__("pushfq; popq %0" : "=r"(flags) : : "memory");
	return flags;
}

static inline void local_irq_disable(void) { __asm__ __volatile__("cli" ::: "memory"); }
static inline void local_irq_enable(void) { __asm__ __volatile__("sti" ::: "memory"); }

static inline unsigned long arch_local_irq_save(void)
{
	unsigned long flags = arch_local_save_flags();

	local_irq_disable();
	return flags;
}

static inline void local_irq_restore(unsigned long flags)
{
	if (flags & X86_EFLAGS_IF)
		local_irq_enable();
}

static inline bool irqs_disabled(void)
{
	return !(arch_local_save_flags() & X86_EFLAGS_IF);
}

#define local_irq_save(flags)	((flags) = arch_local_irq_save())

/*
 * Enable and halt as one step: "sti" takes effect after the next instruction,
 * so an interrupt pending at that moment wakes the hlt instead of being lost.
 */
static inline void safe_halt(void) { __asm__ __volatile__("sti; hlt" ::: "memory"); }

#endif
