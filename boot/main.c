/*
 * start_kernel(): bring up exactly what nicstack needs, in dependency order,
 * then run the initcalls (PCI, drivers, the network stack) and settle into
 * the idle loop, which feeds the shell, runs deferred softirqs and halts.
 */
#include <lib/types.h>
#include <lib/initcall.h>
#include <lib/kmalloc.h>
#include <lib/ktime.h>
#include <lib/params.h>
#include <lib/printk.h>
#include <lib/panic.h>
#include <lib/shell.h>
#include <lib/softirq.h>
#include <lib/string.h>
#include <lib/timer.h>
#include <arch/x86_64/acpi.h>
#include <arch/x86_64/apic.h>
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/irq.h>
#include <arch/x86_64/irqflags.h>
#include <arch/x86_64/io.h>
#include <arch/x86_64/paging.h>
#include <arch/x86_64/time.h>
#include <boot/bootinfo.h>
#include <boot/idle.h>
#include <drivers/tty/screen.h>
#include <drivers/tty/serial.h>

#define NICSTACK_VERSION "0.1"
#define LOW_MEMORY_END	0x100000ULL	/* BIOS data, EBDA, option ROMs: left alone */
#define SIZE_4G		(4ULL << 30)

extern char __kernel_start[], __kernel_end[], __text_start[], __text_end[];
static char cmdline_copy[BOOT_CMDLINE_MAX];

static const char *const mmap_type_names[] = {
	"?", "usable", "reserved", "ACPI reclaimable", "ACPI NVS", "bad",
};

/* Gives the allocator [start, end) minus the kernel image and the boot information. */
static void add_free_range(u64 start, u64 end)
{
	u64 holes[2][2] = {
		{ (u64)(uintptr_t)__kernel_start, (u64)(uintptr_t)__kernel_end },
		{ boot_info.mbi_start, boot_info.mbi_end },
	};

	start = max(start, LOW_MEMORY_END);
	for (int h = 0; h < 2; h++) {
		if (start < holes[h][1] && end > holes[h][0]) {
			if (start < holes[h][0])
				add_free_range(start, holes[h][0]);
			start = holes[h][1];
		}
	}
	if (end > start)
		page_alloc_add_range(start, end);
}

/* below4g: the early page tables map only the first 4 GiB; the rest comes after paging_init(). */
static u64 add_ram(bool below4g)
{
	u64 total = 0;

	for (int i = 0; i < boot_info.nr_mmap; i++) {
		const struct boot_mmap_entry *m = &boot_info.mmap[i];
		u64 start = m->addr, end = m->addr + m->len;

		if (m->type != MMAP_AVAILABLE)
			continue;
		total += m->len;
		if (below4g)
			end = min(end, SIZE_4G);
		else
			start = max(start, SIZE_4G);
		if (end > start)
			add_free_range(start, end);
	}
	return total;
}

static void print_memory_map(void)
{
	for (int i = 0; i < boot_info.nr_mmap; i++) {
		const struct boot_mmap_entry *m = &boot_info.mmap[i];

		pr_info("mem: [%#012llx-%#012llx] %s\n", (unsigned long long)m->addr,
			(unsigned long long)(m->addr + m->len - 1),
			m->type < ARRAY_SIZE(mmap_type_names) ? mmap_type_names[m->type] : "unknown");
	}
}

static void mm_init(void)
{
	u64 total;

	print_memory_map();
	total = add_ram(true);
	if (paging_init())
		panic("paging: cannot allocate the page tables");
	add_ram(false);
	pr_info("mem: %llu KiB usable RAM, %lu KiB free; kernel %#lx-%#lx (%lu KiB), text read-only%s\n",
		(unsigned long long)(total >> 10), nr_free_pages() * (PAGE_SIZE >> 10),
		(unsigned long)(uintptr_t)__kernel_start, (unsigned long)(uintptr_t)__kernel_end,
		(unsigned long)(__kernel_end - __kernel_start) >> 10,
		cpu_has_nx ? ", data no-execute" : " (CPU has no NX)");
}

static void platform_init(void)
{
	gdt_init();
	idt_init();
	init_IRQ();
	if (!boot_info.rsdp)
		pr_err("acpi: the loader passed no RSDP; no IOAPIC, no MCFG\n");
	else if (acpi_init(boot_info.rsdp, boot_info.rsdp_len) == 0)
		acpi_print_summary();
	pic_disable();
	if (lapic_init())
		panic("lapic: cannot map the local APIC");
	ioapic_init();
	tsc_init();
	timers_init();
	if (apic_timer_init())
		pr_err("timer: no periodic tick; kernel timers will not run\n");
}

void boot_init_stack_canary(u64 extra);		/* arch/x86_64/stackprotector.c */
extern const char *boot_stack_canary_source;

void start_kernel(u32 mbi_phys)
{
	int rejected, failures;

	/* First: every protected function called from here on checks it. */
	boot_init_stack_canary(mbi_phys);
	serial_early_init();
	printk(KERN_NOTICE "nicstack %s booting (x86-64, multiboot2)\n", NICSTACK_VERSION);
	if (bootinfo_parse(phys_to_virt(mbi_phys)))
		panic("boot: cannot read the multiboot2 information");
	strlcpy(cmdline_copy, boot_info.cmdline, sizeof(cmdline_copy));
	rejected = parse_args(cmdline_copy);
	/* Up to here the UART alone printed (the banner, and any complaint
	 * about the boot information or parameters); console= now decides. */
	console_apply();
	pr_info("boot: loader '%s'%s, command line '%s'\n", boot_info.loader,
		boot_info.efi ? " (UEFI)" : " (BIOS)", boot_info.cmdline);

	pr_info("stack protector: canary from %s\n", boot_stack_canary_source);
	mm_init();
	screen_init();
	console_fallback();
	platform_init();
	local_irq_enable();

	failures = do_initcalls();
	pr_notice("boot: up in %llu ms (%d boot parameter%s rejected, %d initcall failure%s)\n",
		  (unsigned long long)(ktime_get_ns() / NSEC_PER_MSEC), rejected,
		  rejected == 1 ? "" : "s", failures, failures == 1 ? "" : "s");
	shell_prompt();
	cpu_idle_loop();
}
