/*
 * The platform side of lib/random.c: RDRAND when CPUID says the CPU has it
 * (Intel SDM vol. 1, 7.3.17.1), and the TSC as the cycle counter.
 */
#include <lib/random.h>
#include <arch/x86_64/cpu.h>

static int rdrand_state;	/* 0 unknown, 1 present, -1 absent */

bool arch_get_random_u64(u64 *v)
{
	if (rdrand_state == 0)
		rdrand_state = cpu_has_rdrand() ? 1 : -1;
	return rdrand_state > 0 && hw_random64(false, v);
}

u64 random_get_entropy(void)
{
	return rdtsc();
}
