/*
 * The final GDT: kernel code and data, and a TSS whose IST1 stack catches
 * double faults. A stack overflow into the guard page cannot push an
 * exception frame on the broken stack; the #DF then runs on IST1 and can
 * still report it (Intel SDM vol. 3, 6.14.5 "Interrupt Stack Table"). Each
 * IST stack has a page below it that paging.c leaves unmapped, like the boot
 * stack: an overflow of the #DF or NMI stack faults instead of writing over
 * whatever the linker put before it.
 */
#include <lib/types.h>
#include <lib/string.h>
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/paging.h>

#define GDT_KERNEL_CS	0x08
#define GDT_KERNEL_DS	0x10
#define GDT_TSS		0x18

struct tss64 {
	u32 reserved0;
	u64 rsp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __packed;

struct guarded_stack {
	u8 guard[4096];
	u8 stack[8192];
} __aligned(4096);

static struct tss64 tss;
static struct guarded_stack double_fault_stack __section(".bss.stack");
static struct guarded_stack nmi_stack __section(".bss.stack");
static u64 gdt[5] __aligned(16);

extern char boot_stack_guard[];

const struct stack_guard stack_guards[] = {
	{ boot_stack_guard, "boot stack" },
	{ double_fault_stack.guard, "double-fault stack" },
	{ nmi_stack.guard, "NMI stack" },
	{ NULL, NULL },
};

static void set_tss_descriptor(u64 *slot, u64 base, u32 limit)
{
	/* A 16-byte system descriptor, type 0x9 "available 64-bit TSS" (SDM 7.2.3). */
	slot[0] = (limit & 0xFFFF) | ((base & 0xFFFFFF) << 16) | (0x89ULL << 40) |
		  ((u64)((limit >> 16) & 0xF) << 48) | (((base >> 24) & 0xFF) << 56);
	slot[1] = base >> 32;
}

void gdt_init(void)
{
	struct { u16 limit; u64 base; } __packed gdtr;

	gdt[0] = 0;
	gdt[1] = 0x00AF9A000000FFFFULL;	/* 64-bit code, present, DPL 0 */
	gdt[2] = 0x00CF92000000FFFFULL;	/* data, present, writable */
	memset(&tss, 0, sizeof(tss));
	tss.ist[0] = (u64)(uintptr_t)(double_fault_stack.stack + sizeof(double_fault_stack.stack));
	tss.ist[1] = (u64)(uintptr_t)(nmi_stack.stack + sizeof(nmi_stack.stack));
	tss.iomap_base = sizeof(tss);	/* no I/O bitmap */
	set_tss_descriptor(&gdt[3], (u64)(uintptr_t)&tss, sizeof(tss) - 1);

	gdtr.limit = sizeof(gdt) - 1;
	gdtr.base = (u64)(uintptr_t)gdt;
	__asm__ __volatile__(
		"lgdt %0\n\t"
		"pushq %1\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"movw %w2, %%ax\n\t"
		"movw %%ax, %%ds\n\t"
		"movw %%ax, %%es\n\t"
		"movw %%ax, %%ss\n\t"
		"ltr %w3"
		: : "m"(gdtr), "i"(GDT_KERNEL_CS), "r"(GDT_KERNEL_DS), "r"(GDT_TSS)
		: "rax", "memory");
}
