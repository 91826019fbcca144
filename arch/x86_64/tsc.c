/*
 * The clock: the TSC, calibrated against PIT channel 2 (a fixed 1.193182 MHz
 * crystal that needs no interrupt). QEMU's default CPU model advertises no
 * invariant TSC and no CPUID frequency leaf, so we measure instead of asking.
 */
#include <lib/types.h>
#include <lib/ktime.h>
#include <lib/printk.h>
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/io.h>
#include <arch/x86_64/time.h>

#define PIT_HZ		1193182ULL
#define PIT_CH2_DATA	0x42
#define PIT_CMD		0x43
#define PIT_GATE_PORT	0x61	/* bit 0: channel 2 gate, bit 1: speaker, bit 5: OUT2 */
#define CALIBRATE_MS	10

u64 tsc_khz;
static u64 tsc_at_boot;
static u64 ns_per_tsc_32;	/* nanoseconds per cycle, 32.32 fixed point */

/* Counts TSC cycles across one PIT one-shot of 'ms' milliseconds. */
static u64 measure_tsc_over_pit(unsigned int ms)
{
	u64 pit_ticks = PIT_HZ * ms / 1000, start, end;
	u8 gate = inb(PIT_GATE_PORT);
	unsigned long spins = 0;

	outb((gate & ~0x02) | 0x01, PIT_GATE_PORT);	/* gate on, speaker off */
	outb(0xB0, PIT_CMD);				/* ch 2, lo/hi byte, mode 0 */
	outb(pit_ticks & 0xFF, PIT_CH2_DATA);
	outb(pit_ticks >> 8, PIT_CH2_DATA);
	start = rdtsc();
	while (!(inb(PIT_GATE_PORT) & 0x20)) {		/* OUT2 rises at terminal count */
		if (++spins > 100000000UL)
			return 0;
	}
	end = rdtsc();
	outb(gate, PIT_GATE_PORT);
	return end - start;
}

void tsc_init(void)
{
	u64 best = ~0ULL;

	/* The shortest of a few runs: an interrupted (longer) run only overestimates. */
	for (int i = 0; i < 2; i++) {
		u64 cycles = measure_tsc_over_pit(CALIBRATE_MS);

		if (cycles && cycles < best)
			best = cycles;
	}
	if (best == ~0ULL) {
		best = 2000000ULL * CALIBRATE_MS;	/* 2 GHz guess beats no clock at all */
		pr_err("tsc: PIT calibration timed out; assuming 2 GHz, timekeeping will be off\n");
	}
	tsc_khz = best / CALIBRATE_MS;
	ns_per_tsc_32 = (1000000ULL << 32) / tsc_khz;
	tsc_at_boot = rdtsc();
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
