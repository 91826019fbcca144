/* The sampling profiler's interrupt side (arch/x86_64/profile.c; logic in lib/profile.c). */
#ifndef ARCH_X86_64_PROFILE_H
#define ARCH_X86_64_PROFILE_H

struct pt_regs;

/* From the LAPIC timer interrupt: takes a sample of regs when one is due. */
void profile_timer_tick(const struct pt_regs *regs);

#endif
