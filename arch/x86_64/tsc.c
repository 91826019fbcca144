/*
 * The clock: the TSC, its rate taken from CPUID where the CPU states it and
 * otherwise measured against the HPET, the ACPI PM timer or the PIT, in that
 * order (clocksource.c chooses; clocksource=NAME forces one for tests and
 * for boxes whose firmware describes a clock wrongly). QEMU's CPU models
 * state no TSC rate, so under QEMU the rate is always measured.
 */
#include <lib/types.h>
#include <lib/ktime.h>
#include <lib/params.h>
#include <lib/printk.h>
#include <arch/x86_64/clocksource.h>
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/io.h>
#include <arch/x86_64/time.h>

u64 tsc_khz;
struct tsc_calibration tsc_calibration;	/* where tsc_khz came from, for the log */
static u64 tsc_at_boot;
static u64 ns_per_tsc_32;	/* nanoseconds per cycle, 32.32 fixed point */

/* clocksource=cpuid|hpet|acpi_pm|pit (Linux's names for the last three). */
static const char *clocksource_param;
core_param(clocksource, clocksource_param, charp, 0444);

static struct refclock *const tsc_refclocks[] = {
	&hpet_refclock, &acpi_pm_refclock, &pit_refclock,
};

static void cpuid_tsc_read(struct cpuid_tsc_info *c)
{
	u32 a, b, cx, d;

	cpuid(0, 0, &a, &b, &cx, &d);
	c->max_leaf = a;
	/* "GenuineIntel" in EBX, EDX, ECX */
	c->intel = b == 0x756e6547 && d == 0x49656e69 && cx == 0x6c65746e;
	cpuid(1, 0, &a, &b, &cx, &d);
	c->signature = a;
	if (c->max_leaf >= 0x15)
		cpuid(0x15, 0, &c->denominator, &c->numerator, &c->crystal_hz, &d);
	if (c->max_leaf >= 0x16) {
		cpuid(0x16, 0, &a, &b, &cx, &d);
		c->base_mhz = a & 0xffff;
	}
}

static u64 read_tsc(void)
{
	return rdtsc();
}

void tsc_init(void)
{
	struct tsc_calibration *cal = &tsc_calibration;
	struct cpuid_tsc_info c = { 0 };
	u64 start = rdtsc();

	cpuid_tsc_read(&c);
	tsc_calibrate(clocksource_param, &c, tsc_refclocks, ARRAY_SIZE(tsc_refclocks),
		      read_tsc, cal);
	/* Absent or stuck sources must cost milliseconds: the log shows how many. */
	pr_info("tsc: choosing and calibrating took %llu ms\n",
		(unsigned long long)mul_u64_u64_div_u64(rdtsc() - start, 1000, cal->hz));
	tsc_khz = cal->hz / 1000;
	ns_per_tsc_32 = (NSEC_PER_SEC << 32) / cal->hz;
	tsc_at_boot = rdtsc();
	if (!cal->source)
		pr_err("tsc: %llu.%03llu MHz GUESSED (nothing to calibrate against): "
		       "delays, timeouts and the tick will be off\n",
		       (unsigned long long)(tsc_khz / 1000), (unsigned long long)(tsc_khz % 1000));
	else
		pr_info("tsc: %llu.%03llu MHz (%s %s)\n", (unsigned long long)(tsc_khz / 1000),
			(unsigned long long)(tsc_khz % 1000),
			cal->measured ? "calibrated against" : "from", cal->source);
}

u64 ktime_get_ns(void)
{
	u64 delta;

	if (!tsc_khz)
		return 0;
	delta = rdtsc() - tsc_at_boot;
	return (u64)(((unsigned __int128)delta * ns_per_tsc_32) >> 32);
}

void udelay(unsigned long usecs)
{
	u64 end = ktime_get_ns() + usecs * NSEC_PER_USEC;

	while (ktime_get_ns() < end)
		cpu_relax();
}

void mdelay(unsigned long msecs)
{
	udelay(msecs * 1000);
}
