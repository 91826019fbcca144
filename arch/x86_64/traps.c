/*
 * CPU exceptions: name, error code, CR2, registers and a symbolized
 * backtrace, then panic. Also the platform half of panic(): the stack dump
 * and stopping the machine (the QEMU exit status tells tests it panicked).
 */
#include <lib/types.h>
#include <lib/printk.h>
#include <lib/panic.h>
#include <lib/kallsyms.h>
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/paging.h>
#include <arch/x86_64/io.h>
#include <arch/x86_64/irqflags.h>
#include <arch/x86_64/qemu.h>

static const char *const exception_names[32] = {
	"divide error", "debug", "NMI", "breakpoint", "overflow",
	"BOUND range exceeded", "invalid opcode", "device not available",
	"double fault", "coprocessor segment overrun", "invalid TSS",
	"segment not present", "stack-segment fault", "general protection fault",
	"page fault", "reserved (15)", "x87 floating-point error", "alignment check",
	"machine check", "SIMD floating-point error", "virtualization exception",
	"control protection exception", "reserved (22)", "reserved (23)",
	"reserved (24)", "reserved (25)", "reserved (26)", "reserved (27)",
	"hypervisor injection", "VMM communication", "security exception",
	"reserved (31)",
};

extern char __text_start[], __text_end[];

static bool is_kernel_text(u64 addr)
{
	return addr >= (u64)(uintptr_t)__text_start && addr < (u64)(uintptr_t)__text_end;
}

/*
 * Walks the frame-pointer chain (the kernel is built with
 * -fno-omit-frame-pointer). Stops at a zero or misaligned frame, a return
 * address outside kernel text, or after a bounded number of frames, so a
 * corrupted stack cannot make the dump itself fault forever.
 */
static void print_backtrace(u64 first_ip, u64 rbp)
{
	printk(KERN_EMERG "Call trace:\n");
	if (first_ip)
		printk(KERN_EMERG "  [<%016llx>] %pS\n", (unsigned long long)first_ip,
		       (void *)(uintptr_t)first_ip);
	for (int depth = 0; depth < 32; depth++) {
		if (!rbp || (rbp & 7) || rbp < 0x1000)
			break;
		u64 ret = ((u64 *)(uintptr_t)rbp)[1];
		if (!is_kernel_text(ret))
			break;
		/* ret points after the call; ret - 1 is inside the calling function. */
		printk(KERN_EMERG "  [<%016llx>] %pS\n", (unsigned long long)ret, (void *)(uintptr_t)(ret - 1));
		rbp = ((u64 *)(uintptr_t)rbp)[0];
	}
}

static void dump_regs(const struct pt_regs *r)
{
	printk(KERN_EMERG "RIP: %016llx  %pS\n", (unsigned long long)r->rip, (void *)(uintptr_t)r->rip);
	printk(KERN_EMERG "RSP: %016llx RFLAGS: %08llx CS: %04llx SS: %04llx\n",
	       (unsigned long long)r->rsp, (unsigned long long)r->rflags,
	       (unsigned long long)r->cs, (unsigned long long)r->ss);
	printk(KERN_EMERG "RAX: %016llx RBX: %016llx RCX: %016llx\n",
	       (unsigned long long)r->rax, (unsigned long long)r->rbx, (unsigned long long)r->rcx);
	printk(KERN_EMERG "RDX: %016llx RSI: %016llx RDI: %016llx\n",
	       (unsigned long long)r->rdx, (unsigned long long)r->rsi, (unsigned long long)r->rdi);
	printk(KERN_EMERG "RBP: %016llx R8:  %016llx R9:  %016llx\n",
	       (unsigned long long)r->rbp, (unsigned long long)r->r8, (unsigned long long)r->r9);
	printk(KERN_EMERG "R10: %016llx R11: %016llx R12: %016llx\n",
	       (unsigned long long)r->r10, (unsigned long long)r->r11, (unsigned long long)r->r12);
	printk(KERN_EMERG "R13: %016llx R14: %016llx R15: %016llx\n",
	       (unsigned long long)r->r13, (unsigned long long)r->r14, (unsigned long long)r->r15);
	printk(KERN_EMERG "CR0: %016llx CR2: %016llx CR3: %016llx CR4: %016llx\n",
	       (unsigned long long)read_cr0(), (unsigned long long)read_cr2(),
	       (unsigned long long)read_cr3(), (unsigned long long)read_cr4());
}

static void explain_page_fault(const struct pt_regs *r)
{
	u64 cr2 = read_cr2();
	const struct stack_guard *g = stack_guard_of(cr2);

	/* Error code bits, SDM vol. 3, 4.7: P, W/R, U/S, RSVD, I/D. */
	printk(KERN_EMERG "page fault at %016llx: %s %s%s\n", (unsigned long long)cr2,
	       (r->error_code & 1) ? "protection violation" : "page not present",
	       (r->error_code & 16) ? "on instruction fetch" :
	       (r->error_code & 2) ? "on write" : "on read",
	       (r->error_code & 8) ? " (reserved bit set)" : "");
	if (g)
		printk(KERN_EMERG "the address is the stack guard page of the %s: kernel stack overflow\n",
		       g->stack);
}

void do_exception(struct pt_regs *regs)
{
	printk(KERN_EMERG "\nException %llu (%s), error code %#llx\n",
	       (unsigned long long)regs->vector, exception_names[regs->vector & 31],
	       (unsigned long long)regs->error_code);
	if (regs->vector == 14)
		explain_page_fault(regs);
	if (regs->vector == 8)
		printk(KERN_EMERG "double fault: often a stack overflow into the guard page\n");
	dump_regs(regs);
	print_backtrace(regs->rip, regs->rbp);
	panic("fatal exception %llu (%s) in %pS", (unsigned long long)regs->vector,
	      exception_names[regs->vector & 31], (void *)(uintptr_t)regs->rip);
}

void arch_dump_stack(void)
{
	print_backtrace(0, (u64)(uintptr_t)__builtin_frame_address(0));
}

bool running_under_hypervisor(void)
{
	u32 a, b, c, d;

	cpuid(1, 0, &a, &b, &c, &d);
	return c & (1u << 31);	/* CPUID.1:ECX bit 31, "hypervisor present" */
}

void qemu_debug_exit(u8 value)
{
	if (running_under_hypervisor())
		outb(value, QEMU_DEBUG_EXIT_PORT);
}

__noreturn void arch_halt_on_panic(void)
{
	local_irq_disable();
	qemu_debug_exit(QEMU_EXIT_PANIC);
	for (;;)
		__asm__ __volatile__("hlt");
}
