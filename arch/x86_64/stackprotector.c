/*
 * The stack protector. The kernel is built with -fstack-protector-strong
 * -mstack-protector-guard=global: every function with a local array or an
 * address-taken local stores __stack_chk_guard between its locals and its
 * return address, and checks it before returning. A smashed canary means a
 * local buffer was overrun: the return address may be the attacker's, so
 * the machine stops, naming the function.
 *
 * The canary is picked once, first thing in start_kernel() (which never
 * returns, so the value it was entered with is never checked), by
 * get_random_u64(): RDRAND when the CPU has it, else the TSC stirred with
 * the boot information's address (a guess, not a secret: say so).
 */
#include <lib/types.h>
#include <lib/panic.h>
#include <lib/printk.h>
#include <lib/random.h>
#include <arch/x86_64/cpu.h>

/* Not zero before boot picks one: a zero canary is the easiest to forge. */
unsigned long __stack_chk_guard = 0x9d2c5680f1e3a7b4UL;

__noreturn void __stack_chk_fail(void)
{
	panic("stack-protector: kernel stack is corrupted in: %pS", __builtin_return_address(0));
}

const char *boot_stack_canary_source;

/* noinline and not protected itself: it returns after changing the canary. */
__attribute__((noinline, no_stack_protector)) void boot_init_stack_canary(u64 extra)
{
	u64 v;

	add_device_randomness(&extra, sizeof(extra));
	v = get_random_u64();
	boot_stack_canary_source = cpu_has_rdrand() ? "RDRAND" : "TSC (no RDRAND: guessable)";
	/* A zero low byte stops a string copy from writing the canary back. */
	__stack_chk_guard = (unsigned long)(v & ~0xffULL);
}
