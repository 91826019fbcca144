/*
 * Host stand-in for the parts of arch/x86_64/cpu.h that need ring 0: RDMSR,
 * WRMSR and CPUID go to functions the test defines (to model a CPU, its
 * MSRs and the #GP a wrong access would raise). Forced in with -include by
 * the tests that use it: it takes the real header's include guard, so the
 * real one compiles to nothing in those tests and stays in force elsewhere.
 * Add what a code path under test needs; keep the real names.
 */
#ifndef ARCH_X86_64_CPU_H
#define ARCH_X86_64_CPU_H

#include <lib/types.h>

u64 fake_rdmsr(u32 msr);
void fake_wrmsr(u32 msr, u64 val);
void fake_cpuid(u32 leaf, u32 sub, u32 *a, u32 *b, u32 *c, u32 *d);

static inline u64 rdmsr(u32 msr) { return fake_rdmsr(msr); }
static inline void wrmsr(u32 msr, u64 val) { fake_wrmsr(msr, val); }
static inline void cpuid(u32 leaf, u32 sub, u32 *a, u32 *b, u32 *c, u32 *d)
{
	fake_cpuid(leaf, sub, a, b, c, d);
}

#define MSR_IA32_APIC_BASE	0x1B

#endif
