/*
 * The stack protector. The kernel is built with -fstack-protector-strong
 * -mstack-protector-guard=global: every function with a local array or an
 * address-taken local stores __stack_chk_guard between its locals and its
 * return address, and checks it before returning. A smashed canary means a
 * local buffer was overrun: the return address may be the attacker's, so
 * the machine stops, naming the function.
 *
 * The canary is picked once, first thing in start_kernel() (which never
 * returns, so the value it was entered with is never checked): RDSEED or
 * RDRAND when the CPU has them, else the TSC stirred with the boot
 * information's address and CPUID's timing (a guess, not a secret: say so).
 */
#include <lib/types.h>
#include <lib/panic.h>
#include <lib/printk.h>
#include <arch/x86_64/cpu.h>

#define CPUID_1_ECX_RDRAND	BIT(30)	/* Intel SDM vol. 2A, CPUID leaf 01H */
#define CPUID_7_EBX_RDSEED	BIT(18)	/* CPUID leaf 07H, subleaf 0 */
#define HW_RANDOM_RETRIES	10	/* Intel DRNG guide 5.2.1 */

/* Not zero before boot picks one: a zero canary is the easiest to forge. */
unsigned long __stack_chk_guard = 0x9d2c5680f1e3a7b4UL;

__noreturn void __stack_chk_fail(void)
{
	panic("stack-protector: kernel stack is corrupted in: %pS", __builtin_return_address(0));
}

static bool hw_random64(bool seed, u64 *out)
{
	for (int i = 0; i < HW_RANDOM_RETRIES; i++) {
		u64 v;
		u8 ok;

		if (seed)
			__asm__ __volatile__("rdseed %0; setc %1" : "=r"(v), "=qm"(ok) : : "cc");
		else
			__asm__ __volatile__("rdrand %0; setc %1" : "=r"(v), "=qm"(ok) : : "cc");
		/* All ones with CF set is a known failure mode (some AMD parts). */
		if (ok && v != ~0ULL) {
			*out = v;
			return true;
		}
	}
	return false;
}

static u64 mix64(u64 z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

const char *boot_stack_canary_source;

/* noinline and not protected itself: it returns after changing the canary. */
__attribute__((noinline, no_stack_protector)) void boot_init_stack_canary(u64 extra)
{
	u32 a, b, c, d, c1;
	u64 v = 0;

	cpuid(1, 0, &a, &b, &c1, &d);
	cpuid(7, 0, &a, &b, &c, &d);
	if ((b & CPUID_7_EBX_RDSEED) && hw_random64(true, &v)) {
		boot_stack_canary_source = "RDSEED";
	} else if ((c1 & CPUID_1_ECX_RDRAND) && hw_random64(false, &v)) {
		boot_stack_canary_source = "RDRAND";
	} else {
		u64 t0 = rdtsc();

		cpuid(0, 0, &a, &b, &c, &d);	/* its latency varies: a little jitter */
		v = mix64(t0 ^ mix64(rdtsc() ^ extra));
		boot_stack_canary_source = "TSC (no RDRAND/RDSEED: guessable)";
	}
	/* A zero low byte stops a string copy from writing the canary back. */
	__stack_chk_guard = (unsigned long)(v & ~0xffULL);
}
