/*
 * The tick: the LAPIC timer in periodic mode at HZ. Under emulation a vCPU
 * can miss ticks, so jiffies are caught up from the TSC clock rather than
 * counted blindly: a second of jiffies is a second.
 *
 * The LAPIC timer is calibrated against the TSC clock, and so, one step
 * removed, against whatever the TSC was calibrated against (tsc.c: CPUID,
 * HPET, ACPI PM timer or PIT). Not against that source directly: the TSC
 * was just measured against the best source there is, reading it costs no
 * port or MMIO access, and the tick and ktime (which catches jiffies up)
 * then agree by construction instead of drifting apart by two calibrations'
 * errors.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/ktime.h>
#include <lib/printk.h>
#include <lib/timer.h>
#include <arch/x86_64/irq.h>
#include <arch/x86_64/apic.h>
#include <arch/x86_64/clocksource.h>
#include <arch/x86_64/time.h>
#include <arch/x86_64/profile.h>

#define TIMER_IRQ	(NR_IRQS - 1)	/* an IRQ number of its own, for the listing */
#define APIC_DIV_16	0x3
#define CALIBRATE_NS	(5 * NSEC_PER_MSEC)

u32 lapic_timer_hz_measured;
static u64 boot_jiffies_ns;
static u32 per_tick;

static irqreturn_t apic_timer_interrupt(int irq, void *dev_id)
{
	u64 due = (ktime_get_ns() - boot_jiffies_ns) / (NSEC_PER_SEC / HZ);

	profile_timer_tick(get_irq_regs());
	/* Jiffies follow the clock, so a timer sped up for the profiler leaves them right. */
	while (jiffies < due)
		timer_tick();
	return IRQ_HANDLED;
}

unsigned int apic_timer_set_rate(unsigned int hz)
{
	u32 count;

	if (!per_tick)
		return 0;
	count = hz > HZ ? lapic_timer_hz_measured / hz : per_tick;
	if (!count)
		count = 1;
	/* A write to the initial count restarts the periodic countdown (SDM 11.5.4). */
	lapic_write(APIC_TMICT, count);
	return lapic_timer_hz_measured / count;
}

static void lvt_mask(unsigned int irq, void *data)
{
	lapic_write(APIC_LVT_TIMER, lapic_read(APIC_LVT_TIMER) | APIC_LVT_MASKED);
}

static void lvt_unmask(unsigned int irq, void *data)
{
	lapic_write(APIC_LVT_TIMER, lapic_read(APIC_LVT_TIMER) & ~APIC_LVT_MASKED);
}

static const struct irq_chip lapic_timer_chip = {
	.name = "LAPIC",
	.irq_mask = lvt_mask,
	.irq_unmask = lvt_unmask,
};

int apic_timer_init(void)
{
	u64 t0, elapsed;
	u32 counted;
	int ret;

	lapic_write(APIC_TDCR, APIC_DIV_16);
	lapic_write(APIC_LVT_TIMER, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
	lapic_write(APIC_TMICT, 0xFFFFFFFF);
	t0 = ktime_get_ns();
	while (ktime_get_ns() - t0 < CALIBRATE_NS)
		;
	counted = 0xFFFFFFFF - lapic_read(APIC_TMCCT);
	elapsed = ktime_get_ns() - t0;
	lapic_write(APIC_TMICT, 0);
	if (!counted) {
		pr_err("timer: the LAPIC timer does not count; no tick\n");
		return -ENODEV;
	}
	lapic_timer_hz_measured = (u32)((u64)counted * NSEC_PER_SEC / elapsed);
	per_tick = lapic_timer_hz_measured / HZ;

	ret = irq_alloc_fixed_vector(TIMER_IRQ, LOCAL_TIMER_VECTOR);
	if (ret)
		return ret;
	irq_set_chip(TIMER_IRQ, &lapic_timer_chip, NULL);
	boot_jiffies_ns = ktime_get_ns();
	lapic_write(APIC_LVT_TIMER, APIC_LVT_MASKED | APIC_TIMER_PERIODIC | LOCAL_TIMER_VECTOR);
	lapic_write(APIC_TMICT, per_tick);
	ret = request_irq(TIMER_IRQ, apic_timer_interrupt, 0, "timer", NULL);
	if (ret)
		return ret;
	pr_info("timer: LAPIC timer %u Hz (divided), %u counts per tick at HZ=%d, "
		"measured against the TSC (%s %s)\n", lapic_timer_hz_measured, per_tick, HZ,
		tsc_calibration.measured ? "calibrated against" : "from",
		tsc_calibration.source ? tsc_calibration.source : "a guess");
	return 0;
}
