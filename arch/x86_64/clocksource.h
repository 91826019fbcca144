/*
 * What the TSC is calibrated against, in order of trust: the CPU's own word
 * (CPUID leaves 0x15/0x16), then the HPET, the ACPI PM timer and the PIT.
 * The last three are free-running counters of known frequency behind a
 * small interface (struct refclock), so host tests drive the calibration
 * with fake registers and a fake TSC. clocksource.c holds the logic,
 * hpet.c, acpi_pm.c and i8253.c the counters, tsc.c the clock built on it.
 */
#ifndef ARCH_X86_64_CLOCKSOURCE_H
#define ARCH_X86_64_CLOCKSOURCE_H

#include <lib/types.h>

struct refclock {
	const char *name;	/* its clocksource= value */
	const char *label;	/* in the log: "calibrated against HPET" */
	/* Finds and starts the counter, sets hz and mask: 0, or -ENODEV after saying why. */
	int (*start)(struct refclock *rc);
	u32 (*read)(struct refclock *rc);	/* counts up, wrapping at mask */
	void (*stop)(struct refclock *rc);	/* unmaps; hardware left as start() found it */
	u64 hz;
	u32 mask;		/* 0xffffff for a 24-bit counter */
};

extern struct refclock hpet_refclock, acpi_pm_refclock, pit_refclock;

/* What CPUID says about the TSC (SDM vol. 2A, CPUID leaves 0, 1, 0x15, 0x16). */
struct cpuid_tsc_info {
	u32 max_leaf;		/* leaf 0 EAX */
	bool intel;		/* leaf 0 vendor is GenuineIntel */
	u32 signature;		/* leaf 1 EAX: stepping, model, family */
	u32 denominator;	/* leaf 0x15 EAX */
	u32 numerator;		/* leaf 0x15 EBX */
	u32 crystal_hz;		/* leaf 0x15 ECX; 0: not enumerated */
	u32 base_mhz;		/* leaf 0x16 EAX bits 15:0; 0: not enumerated */
};

/*
 * The TSC frequency CPUID states, with *how naming where it came from; or
 * 0 with *how saying what is missing.
 */
u64 cpuid_tsc_hz(const struct cpuid_tsc_info *c, const char **how);

/* TSC cycles per second measured against rc over about ms of rc's time; 0 if rc misbehaves. */
u64 refclock_calibrate(struct refclock *rc, u64 (*read_tsc)(void), unsigned int ms);

/* Plausible TSC rates: a result outside is a broken reference, not a CPU. */
#define TSC_MIN_HZ	10000000ULL		/* 10 MHz */
#define TSC_MAX_HZ	20000000000ULL		/* 20 GHz */
#define TSC_GUESS_HZ	2000000000ULL		/* when nothing can be measured */

struct tsc_calibration {
	u64 hz;
	const char *source;	/* "HPET", "CPUID leaf 0x15"; NULL: nothing worked */
	bool measured;		/* counted against source, not stated by it */
};

/*
 * Tries the forced source (clocksource=; NULL for none) and then CPUID and
 * refs[] in order; the first usable one gives the TSC rate. When none is,
 * out->source is NULL and out->hz is TSC_GUESS_HZ, after a pr_err.
 */
void tsc_calibrate(const char *forced, const struct cpuid_tsc_info *c,
		   struct refclock *const refs[], int nr_refs,
		   u64 (*read_tsc)(void), struct tsc_calibration *out);

/* a * b / c without overflow in the product (the kernel has no 128-bit division). */
u64 mul_u64_u64_div_u64(u64 a, u64 b, u64 c);

#endif
