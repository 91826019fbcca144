/* CPU instructions the platform code needs, and the saved-register frame. */
#ifndef ARCH_X86_64_CPU_H
#define ARCH_X86_64_CPU_H

#include <lib/types.h>

/* Saved by entry.S in this order; the CPU pushed the part from 'vector' on (error code by the stub). */
struct pt_regs {
	u64 r15, r14, r13, r12, r11, r10, r9, r8;
	u64 rbp, rdi, rsi, rdx, rcx, rbx, rax;
	u64 vector, error_code;
	u64 rip, cs, rflags, rsp, ss;
};

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;

	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void wrmsr(u32 msr, u64 val)
{
	__asm__ __volatile__("wrmsr" : : "c"(msr), "a"((u32)val), "d"((u32)(val >> 32)));
}

static inline void cpuid(u32 leaf, u32 sub, u32 *a, u32 *b, u32 *c, u32 *d)
{
	__asm__ __volatile__("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(sub));
}

static inline u64 rdtsc(void)
{
	u32 lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

#define CPUID_1_ECX_RDRAND	BIT(30)	/* Intel SDM vol. 2A, CPUID leaf 01H, ECX */
#define CPUID_7_EBX_RDSEED	BIT(18)	/* CPUID leaf 07H, subleaf 0, EBX */
#define HW_RANDOM_RETRIES	10	/* Intel DRNG guide 5.2.1: 10 tries, else broken */

static inline bool cpu_has_rdrand(void)
{
	u32 a, b, c, d;

	cpuid(1, 0, &a, &b, &c, &d);
	return c & CPUID_1_ECX_RDRAND;
}

static inline bool cpu_has_rdseed(void)
{
	u32 a, b, c, d;

	cpuid(7, 0, &a, &b, &c, &d);
	return b & CPUID_7_EBX_RDSEED;
}

/* RDSEED (seed) or RDRAND: CF=1 means a value was delivered. All ones with
 * CF set is a known failure (some AMD parts after resume): no value either.
 * The caller checks that the CPU has the instruction. */
static inline bool hw_random64(bool seed, u64 *out)
{
	for (int i = 0; i < HW_RANDOM_RETRIES; i++) {
		u64 v;
		u8 ok;

		if (seed)
			__asm__ __volatile__("rdseed %0; setc %1" : "=r"(v), "=qm"(ok) : : "cc");
		else
			__asm__ __volatile__("rdrand %0; setc %1" : "=r"(v), "=qm"(ok) : : "cc");
		if (ok && v != ~0ULL) {
			*out = v;
			return true;
		}
	}
	return false;
}

static inline u64 read_cr0(void) { u64 v; __asm__ __volatile__("mov %%cr0, %0" : "=r"(v)); return v; }
static inline u64 read_cr2(void) { u64 v; __asm__ __volatile__("mov %%cr2, %0" : "=r"(v)); return v; }
static inline u64 read_cr3(void) { u64 v; __asm__ __volatile__("mov %%cr3, %0" : "=r"(v)); return v; }
static inline u64 read_cr4(void) { u64 v; __asm__ __volatile__("mov %%cr4, %0" : "=r"(v)); return v; }
static inline void write_cr3(u64 v) { __asm__ __volatile__("mov %0, %%cr3" : : "r"(v) : "memory"); }
static inline void invlpg(const void *va) { __asm__ __volatile__("invlpg (%0)" : : "r"(va) : "memory"); }

#define MSR_EFER		0xC0000080
#define MSR_IA32_APIC_BASE	0x1B

extern u32 cpu_has_nx;		/* boot/head.S */

/* The IDT's dispatch (entry.S -> here): exceptions to traps.c, the rest to irq.c. */
void x86_dispatch(struct pt_regs *regs);
void do_exception(struct pt_regs *regs);
void do_irq_vector(struct pt_regs *regs);

void gdt_init(void);
void idt_init(void);

#endif
