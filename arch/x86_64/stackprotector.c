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

/* Not zero before boot picks one: a zero canary is the easiest to forge. */
unsigned long __stack_chk_guard = 0x9d2c5680f1e3a7b4UL;

__noreturn void __stack_chk_fail(void)
{
	panic("stack-protector: kernel stack is corrupted in: %pS", __builtin_return_address(0));
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
	u32 a, b, c, d;
	u64 v = 0;

	if (cpu_has_rdseed() && hw_random64(true, &v)) {
		boot_stack_canary_source = "RDSEED";
	} else if (cpu_has_rdrand() && hw_random64(false, &v)) {
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
