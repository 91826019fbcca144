/*
 * test.fault=NAME: deliberate faults for the tests, so the fault paths are
 * proven to work. The platform's are triggered after boot; drivers ask
 * test_fault_is("their_name") for their own (e1000e_tx_stop, lost_irq, ...).
 */
#include <lib/types.h>
#include <lib/initcall.h>
#include <lib/params.h>
#include <lib/printk.h>
#include <lib/panic.h>
#include <lib/string.h>
#include <lib/testfault.h>

static char fault_name[32];

static int test_fault_setup(char *val)
{
	strlcpy(fault_name, val, sizeof(fault_name));
	return 0;
}
__setup("test.fault=", test_fault_setup);

bool test_fault_is(const char *name)
{
	return fault_name[0] && strcmp(fault_name, name) == 0;
}

/* noinline: the backtrace test looks for this function's name. */
static __attribute__((noinline)) void test_fault_pagefault(void)
{
	volatile u64 *bad = (volatile u64 *)0xdead0000ULL;

	printk(KERN_WARNING "test.fault: reading unmapped address %p\n", (void *)bad);
	(void)*bad;
}

/* The bound is far beyond the stack's size; it only tells the compiler this ends. */
static __attribute__((noinline)) int test_fault_recurse(int depth)
{
	volatile char pad[512];

	pad[0] = (char)depth;
	if (depth > 1000000)
		return 0;
	return test_fault_recurse(depth + 1) + pad[0];
}

/* Kernel text is mapped read-only: this write must fault, not patch the code. */
static __attribute__((noinline)) void test_fault_write_text(void)
{
	volatile u8 *text = (volatile u8 *)(uintptr_t)test_fault_pagefault;

	printk(KERN_WARNING "test.fault: writing to kernel text at %p\n", (void *)text);
	*text = 0xC3;
}

/* Data is mapped no-execute: jumping into it must fault, not run it. */
static u8 not_code[16] __aligned(16) = { 0xC3 };	/* "ret", if it ever ran */

static __attribute__((noinline)) void test_fault_exec_data(void)
{
	void (*fn)(void) = (void (*)(void))(uintptr_t)not_code;

	printk(KERN_WARNING "test.fault: calling into data at %p\n", (void *)not_code);
	fn();
	printk(KERN_ERR "test.fault: data executed: NX is not in force\n");
}

static int test_fault_run(void)
{
	if (!fault_name[0])
		return 0;
	if (test_fault_is("pagefault"))
		test_fault_pagefault();
	else if (test_fault_is("stackoverflow"))
		test_fault_recurse(0);
	else if (test_fault_is("panic"))
		panic("test.fault=panic requested");
	else if (test_fault_is("write_text"))
		test_fault_write_text();
	else if (test_fault_is("exec_data"))
		test_fault_exec_data();
	else if (test_fault_is("ud2"))
		__asm__ __volatile__("ud2");
	return 0;
}
late_initcall(test_fault_run);
