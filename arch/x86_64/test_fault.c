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
#include <lib/kmalloc.h>
#include <arch/x86_64/io.h>
#include <arch/x86_64/paging.h>

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

/* Overruns a local buffer: the stack protector must stop the return. */
static __attribute__((noinline)) void test_fault_stack_smash(void)
{
	char buf[16];
	char *p = buf;

	__asm__ __volatile__("" : "+r"(p));	/* the compiler may not see the bounds */
	printk(KERN_WARNING "test.fault: writing 64 bytes into a 16-byte local buffer\n");
	memset(p, 0x41, 64);
}

/* The page under the double-fault stack is unmapped: writing there faults. */
static __attribute__((noinline)) void test_fault_ist_guard(void)
{
	volatile u8 *guard = (volatile u8 *)stack_guards[1].page + 100;

	printk(KERN_WARNING "test.fault: writing below the %s at %p\n", stack_guards[1].stack,
	       (void *)guard);
	*guard = 1;
}

/* A writable, executable page must be found by the W^X check. */
static __attribute__((noinline)) void test_fault_wx_check(void)
{
	void *page = alloc_pages(GFP_KERNEL, 0);

	printk(KERN_WARNING "test.fault: making page %p writable and executable\n", page);
	paging_map_wx_for_test(page);
	paging_check_wx();
	printk(KERN_ERR "test.fault: the W^X check found nothing\n");
}

/* ioremap() must refuse the kernel's own memory and RAM it hands out. */
static __attribute__((noinline)) void test_fault_ioremap_ram(void)
{
	void *page = alloc_pages(GFP_KERNEL, 0);

	printk(KERN_WARNING "test.fault: ioremap of kernel text: %p\n",
	       ioremap((phys_addr_t)(uintptr_t)test_fault_ist_guard, 64));
	printk(KERN_WARNING "test.fault: ioremap of an allocated page: %p\n",
	       ioremap((phys_addr_t)(uintptr_t)page, 4096));
	free_pages(page, 0);
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
	else if (test_fault_is("stack_smash"))
		test_fault_stack_smash();
	else if (test_fault_is("ist_guard"))
		test_fault_ist_guard();
	else if (test_fault_is("wx_check"))
		test_fault_wx_check();
	else if (test_fault_is("ioremap_ram"))
		test_fault_ioremap_ram();
	return 0;
}
late_initcall(test_fault_run);
