/*
 * The sampling profiler's kernel side and its shell command. The LAPIC
 * timer's interrupt (apic_timer.c) hands us the interrupted registers; every
 * prof_every-th tick we walk the interrupted frame-pointer chain (the kernel
 * is built with -fno-omit-frame-pointer) and copy it into a buffer allocated
 * when profiling starts, never in the interrupt. Rates up to HZ divide the
 * tick; faster rates speed the LAPIC timer up while profiling (jiffies follow
 * the clock, not the interrupt count, so timekeeping is unaffected).
 *
 * Only what runs with interrupts enabled can be sampled: code under cli
 * (hard IRQ handlers, local_irq_save sections) shows up as the instruction
 * that re-enables interrupts. docs/profiling.md says how to read the result.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/kmalloc.h>
#include <lib/printk.h>
#include <lib/profile.h>
#include <lib/shell.h>
#include <lib/string.h>
#include <lib/timer.h>
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/irqflags.h>
#include <arch/x86_64/profile.h>
#include <arch/x86_64/time.h>

#define PROFILE_SAMPLES		8192	/* 8 s at 1000 Hz; 1 MiB, taken at the first start */
#define PROFILE_MAX_HZ		10000	/* beyond this TCG spends its time in the tick */
#define PROFILE_TOP_MAX		64

extern char __text_start[], __text_end[];
/* The one kernel stack (boot/head.S); its guard page below is never mapped. */
extern char boot_stack_guard[], boot_stack_top[];
extern char ret_from_intr[];		/* entry.S */

static struct profile_buf prof;
static struct profile_sample *prof_mem;
static struct profile_entry top_tmp[PROFILE_TOP_MAX];
static bool prof_active;
static unsigned int prof_every, prof_skip, prof_hz;

void profile_timer_tick(const struct pt_regs *regs)
{
	struct profile_bounds bd;
	unsigned long ips[PROFILE_MAX_DEPTH];
	int n;

	if (!prof_active || !regs || ++prof_skip < prof_every)
		return;
	prof_skip = 0;
	bd.stack_lo = (unsigned long)boot_stack_guard + PAGE_SIZE;
	bd.stack_hi = (unsigned long)boot_stack_top;
	bd.text_lo = (unsigned long)__text_start;
	bd.text_hi = (unsigned long)__text_end;
	bd.irq_return = (unsigned long)ret_from_intr;
	bd.regs_rip_offset = offsetof(struct pt_regs, rip);
	bd.regs_rsp_offset = offsetof(struct pt_regs, rsp);
	n = profile_walk_sp(&bd, regs->rip, regs->rsp, regs->rbp, ips, PROFILE_MAX_DEPTH);
	profile_record(&prof, ips, n);
}

static int profile_start(unsigned int hz)
{
	unsigned long flags;
	unsigned int every = 1, rate;

	if (!prof_mem) {
		prof_mem = kmalloc(PROFILE_SAMPLES * sizeof(*prof_mem), GFP_KERNEL);
		if (!prof_mem) {
			kprintf("profile: no memory for %u samples\n", PROFILE_SAMPLES);
			return -ENOMEM;
		}
	}
	if (profile_withdraw()) {
		kprintf("profile: the last profile is being read (HTTP /profile.folded); try again\n");
		return -EBUSY;
	}
	if (hz <= HZ)
		every = (HZ + hz / 2) / hz;
	local_irq_save(flags);
	profile_reset(&prof, prof_mem, PROFILE_SAMPLES);
	rate = apic_timer_set_rate(hz > HZ ? hz : HZ);
	prof_every = every;
	prof_skip = 0;
	prof_hz = rate / every;
	prof_active = true;
	local_irq_restore(flags);
	kprintf("profile: sampling at %u Hz, room for %u samples\n", prof_hz, PROFILE_SAMPLES);
	return 0;
}

static void profile_stop(void)
{
	unsigned long flags;

	local_irq_save(flags);
	prof_active = false;
	apic_timer_set_rate(HZ);
	local_irq_restore(flags);
	if (prof_mem)
		profile_publish(&prof);
	kprintf("profile: stopped, %u samples, %llu dropped\n", prof.count,
		(unsigned long long)prof.dropped);
}

static void emit_console(void *ctx, const char *line)
{
	kprintf("%s\n", line);
}

static int parse_uint(const char *s, unsigned int lo, unsigned int hi, unsigned int *out)
{
	unsigned long long v;

	if (kstrtoull(s, 10, &v) || v < lo || v > hi)
		return -EINVAL;
	*out = (unsigned int)v;
	return 0;
}

static int cmd_profile(int argc, char **argv)
{
	unsigned int n = 1000;

	if (argc < 2) {
		kprintf("profile: %s at %u Hz, %u samples, %llu dropped\n",
			prof_active ? "running" : "stopped", prof_hz, prof.count,
			(unsigned long long)prof.dropped);
		return 0;
	}
	if (!strcmp(argv[1], "start")) {
		if (argc > 2 && parse_uint(argv[2], 1, PROFILE_MAX_HZ, &n)) {
			kprintf("profile: rate must be 1..%u Hz\n", PROFILE_MAX_HZ);
			return -EINVAL;
		}
		return profile_start(n);
	}
	if (!strcmp(argv[1], "stop")) {
		profile_stop();
		return 0;
	}
	if (strcmp(argv[1], "top") && strcmp(argv[1], "dump"))
		return -EINVAL;
	if (prof_active) {
		/* The reports sort the buffer in place: not under the interrupt's feet. */
		kprintf("profile: still running; profile stop first\n");
		return -EBUSY;
	}
	if (argv[1][0] == 'd') {
		profile_report_folded(&prof, emit_console, NULL);
		return 0;
	}
	n = 20;
	if (argc > 2 && parse_uint(argv[2], 1, PROFILE_TOP_MAX, &n)) {
		kprintf("profile: top takes 1..%u\n", PROFILE_TOP_MAX);
		return -EINVAL;
	}
	profile_report_top(&prof, top_tmp, n, emit_console, NULL);
	return 0;
}

SHELL_COMMAND("profile", cmd_profile, "profile [start [HZ]|stop|top [N]|dump]",
	      "sample where the CPU is (timer interrupt); top: shares per function, "
	      "dump: folded stacks");
