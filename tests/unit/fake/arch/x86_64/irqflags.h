/* Host stand-in: a user process may not execute cli/sti, so model the flag. */
#ifndef ARCH_X86_64_IRQFLAGS_H
#define ARCH_X86_64_IRQFLAGS_H

#include <lib/types.h>

extern bool fake_irqs_off;	/* tests/unit/fake/arch_fake.c */

static inline void local_irq_disable(void) { fake_irqs_off = true; }
static inline void local_irq_enable(void) { fake_irqs_off = false; }
static inline bool irqs_disabled(void) { return fake_irqs_off; }

static inline unsigned long arch_local_irq_save(void)
{
	unsigned long was_off = fake_irqs_off;

	fake_irqs_off = true;
	return was_off;
}

static inline void local_irq_restore(unsigned long was_off) { fake_irqs_off = was_off; }

#define local_irq_save(flags)	((flags) = arch_local_irq_save())

static inline void safe_halt(void) { fake_irqs_off = false; }

#endif
