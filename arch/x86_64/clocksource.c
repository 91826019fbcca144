/*
 * Choosing and using a reference for the TSC (see clocksource.h). The CPU's
 * own statement wins when it makes one; otherwise the TSC is counted across
 * a stretch of a counter whose frequency a specification fixes. Every loop
 * here is bounded: a reference that is absent, stuck or slow costs
 * milliseconds and a message, never the boot (with the PIT gated off, the
 * old PIT-only loop spun for 40 s and then believed its 0.048 MHz).
 */
#include <arch/x86_64/clocksource.h>
#include <lib/errno.h>
#include <lib/printk.h>
#include <lib/string.h>

#define CALIBRATE_MS	50	/* of reference time; a few us of read skew is < 0.1 % */
#define SAMPLE_TRIES	5	/* TSC-counter-TSC sandwiches per endpoint; the tightest wins */
/*
 * A counter that has not moved in this many reads is stuck: even the slowest
 * reference, the PIT's 1.19 MHz behind three port accesses, ticks every read
 * or two. Ten thousand reads are a few milliseconds.
 */
#define STALL_READS	10000

u64 mul_u64_u64_div_u64(u64 a, u64 b, u64 c)
{
	unsigned __int128 n = (unsigned __int128)a * b, rem = 0;
	u64 q = 0;

	if (!c)
		return 0;
	if ((u64)(n >> 64) >= c)
		return ~0ULL;		/* the quotient does not fit: saturate */
	if (!(u64)(n >> 64))
		return (u64)n / c;
	/* Long division a bit at a time: constant shifts only, no libgcc. */
	for (int i = 0; i < 128; i++) {
		rem = (rem << 1) | (u64)(n >> 127);
		n <<= 1;
		q <<= 1;
		if (rem >= c) {
			rem -= c;
			q |= 1;
		}
	}
	return q;
}

/* ---- CPUID -------------------------------------------------------------- */

/*
 * Crystal frequencies of the Intel family-6 models whose leaf 0x15 reports
 * ECX = 0 (SDM vol. 3B, 18.7.3, "Nominal Core Crystal Clock Frequency").
 */
static const struct { u8 model; u32 hz; } crystal_by_model[] = {
	{ 0x4e, 24000000 },	/* Skylake client (mobile) */
	{ 0x5e, 24000000 },	/* Skylake client (desktop) */
	{ 0x8e, 24000000 },	/* Kaby Lake / Coffee Lake mobile */
	{ 0x9e, 24000000 },	/* Kaby Lake / Coffee Lake desktop */
	{ 0x5c, 19200000 },	/* Goldmont (Apollo Lake) */
	{ 0x5f, 25000000 },	/* Goldmont microserver (Denverton) */
};

/* SDM vol. 2A, CPUID leaf 1: the extended model counts for families 6 and 15. */
static u32 cpu_model(u32 signature, u32 *family)
{
	u32 model = (signature >> 4) & 0xf;

	*family = (signature >> 8) & 0xf;
	if (*family == 6 || *family == 15)
		model |= ((signature >> 16) & 0xf) << 4;
	return model;
}

static u32 crystal_hz_for_model(const struct cpuid_tsc_info *c)
{
	u32 family, model = cpu_model(c->signature, &family);

	if (!c->intel || family != 6)
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(crystal_by_model); i++)
		if (crystal_by_model[i].model == model)
			return crystal_by_model[i].hz;
	return 0;
}

/*
 * SDM vol. 2A, CPUID leaf 0x15: TSC = crystal * EBX / EAX, where EBX = 0
 * means no ratio is given and ECX = 0 no crystal frequency. Without ECX
 * we know the crystal of a few models; failing that, as Linux does, leaf
 * 0x16's base frequency, which is the rate the TSC runs at on these parts.
 */
u64 cpuid_tsc_hz(const struct cpuid_tsc_info *c, const char **how)
{
	u32 crystal;

	if (c->max_leaf < 0x15) {
		*how = "CPUID has no leaf 0x15";
		return 0;
	}
	if (!c->denominator || !c->numerator) {
		*how = "CPUID leaf 0x15 reports no TSC/crystal ratio";
		return 0;
	}
	if (c->crystal_hz) {
		*how = "CPUID leaf 0x15";
		return (u64)c->crystal_hz * c->numerator / c->denominator;
	}
	crystal = crystal_hz_for_model(c);
	if (crystal) {
		*how = "CPUID leaf 0x15 and the crystal of this CPU model";
		return (u64)crystal * c->numerator / c->denominator;
	}
	if (c->intel && c->max_leaf >= 0x16 && c->base_mhz) {
		*how = "CPUID leaf 0x16 base frequency";
		return (u64)c->base_mhz * 1000000;
	}
	*how = "CPUID leaf 0x15 reports no crystal frequency";
	return 0;
}

/* ---- measuring against a counter ---------------------------------------- */

/* Ticks since the last read, whatever the counter's width (a wrap is one step). */
static u64 ref_advance(struct refclock *rc, u32 *last)
{
	u32 now = rc->read(rc) & rc->mask;
	u32 delta = (now - *last) & rc->mask;

	*last = now;
	return delta;
}

struct ref_sample {
	u64 tsc;		/* midpoint of the two TSC reads */
	u64 ticks;		/* counter ticks since the start, across wraps */
};

/*
 * Both clocks "at once": the counter read between two TSC reads, keeping
 * the tightest of a few tries, so an interrupt, an SMI or a host that
 * preempts the vCPU between the reads does not skew the endpoint.
 */
static void sample(struct refclock *rc, u64 (*read_tsc)(void), u32 *last, u64 *ticks,
		   struct ref_sample *out)
{
	u64 best_gap = ~0ULL;

	for (int i = 0; i < SAMPLE_TRIES; i++) {
		u64 t0 = read_tsc();
		u64 delta = ref_advance(rc, last);
		u64 t1 = read_tsc();

		*ticks += delta;
		if (t1 - t0 < best_gap) {
			best_gap = t1 - t0;
			out->tsc = t0 + (t1 - t0) / 2;
			out->ticks = *ticks;
		}
	}
}

u64 refclock_calibrate(struct refclock *rc, u64 (*read_tsc)(void), unsigned int ms)
{
	u64 target = rc->hz * ms / 1000, ticks = 0, t_start;
	/* Four windows even at the fastest TSC believable: beyond that the counter lies. */
	u64 budget = TSC_MAX_HZ / 1000 * ms * 4;
	u32 last = rc->read(rc) & rc->mask;
	unsigned int stalled = 0;
	struct ref_sample a = { 0 }, b = { 0 };

	sample(rc, read_tsc, &last, &ticks, &a);
	t_start = read_tsc();
	while (ticks - a.ticks < target) {
		u64 delta = ref_advance(rc, &last);

		ticks += delta;
		if (delta) {
			stalled = 0;
		} else if (++stalled > STALL_READS) {
			pr_err("tsc: %s stopped counting\n", rc->label);
			return 0;
		}
		if (read_tsc() - t_start > budget) {
			pr_err("tsc: %s counted %llu of %llu ticks in %llu TSC cycles; too slow to believe\n",
			       rc->label, (unsigned long long)(ticks - a.ticks),
			       (unsigned long long)target, (unsigned long long)budget);
			return 0;
		}
	}
	sample(rc, read_tsc, &last, &ticks, &b);
	if (b.tsc <= a.tsc || b.ticks <= a.ticks)
		return 0;
	return mul_u64_u64_div_u64(b.tsc - a.tsc, rc->hz, b.ticks - a.ticks);
}

/* ---- choosing ------------------------------------------------------------ */

static bool plausible(u64 hz, const char *what)
{
	if (hz >= TSC_MIN_HZ && hz <= TSC_MAX_HZ)
		return true;
	pr_err("tsc: %s gives %llu Hz, not a believable TSC rate; ignored\n",
	       what, (unsigned long long)hz);
	return false;
}

static u64 try_cpuid(const struct cpuid_tsc_info *c, struct tsc_calibration *out)
{
	const char *how;
	u64 hz = cpuid_tsc_hz(c, &how);

	if (!hz) {
		pr_info("tsc: %s (max basic leaf 0x%x)\n", how, c->max_leaf);
		return 0;
	}
	if (!plausible(hz, how))
		return 0;
	out->source = how;
	out->measured = false;
	return hz;
}

static u64 try_refclock(struct refclock *rc, u64 (*read_tsc)(void), struct tsc_calibration *out)
{
	u64 hz;

	if (rc->start(rc))
		return 0;
	hz = refclock_calibrate(rc, read_tsc, CALIBRATE_MS);
	rc->stop(rc);
	if (!hz || !plausible(hz, rc->label))
		return 0;
	out->source = rc->label;
	out->measured = true;
	return hz;
}

#define SOURCE_CPUID	(-1)
#define SOURCE_UNKNOWN	(-2)

static int source_index(const char *name, struct refclock *const refs[], int nr_refs)
{
	if (!strcmp(name, "cpuid"))
		return SOURCE_CPUID;
	for (int i = 0; i < nr_refs; i++)
		if (!strcmp(name, refs[i]->name))
			return i;
	return SOURCE_UNKNOWN;
}

static u64 try_source(int idx, const struct cpuid_tsc_info *c, struct refclock *const refs[],
		      u64 (*read_tsc)(void), struct tsc_calibration *out)
{
	if (idx == SOURCE_CPUID)
		return try_cpuid(c, out);
	return try_refclock(refs[idx], read_tsc, out);
}

static void report_unknown(const char *forced, struct refclock *const refs[], int nr_refs)
{
	char names[64] = "cpuid";
	size_t used = strlen(names);

	for (int i = 0; i < nr_refs; i++)
		used += scnprintf(names + used, sizeof(names) - used, ", %s", refs[i]->name);
	pr_warn("tsc: clocksource=%s is not one of %s; using the automatic order\n",
		forced, names);
}

void tsc_calibrate(const char *forced, const struct cpuid_tsc_info *c,
		   struct refclock *const refs[], int nr_refs,
		   u64 (*read_tsc)(void), struct tsc_calibration *out)
{
	int tried = SOURCE_UNKNOWN;

	out->source = NULL;
	out->measured = false;
	if (forced && *forced && strcmp(forced, "auto") != 0) {
		int idx = source_index(forced, refs, nr_refs);

		if (idx == SOURCE_UNKNOWN) {
			report_unknown(forced, refs, nr_refs);
		} else {
			out->hz = try_source(idx, c, refs, read_tsc, out);
			if (out->hz)
				return;
			pr_warn("tsc: clocksource=%s is not usable here; using the automatic order\n",
				forced);
			tried = idx;
		}
	}
	for (int idx = SOURCE_CPUID; idx < nr_refs; idx++) {
		if (idx == tried)
			continue;
		out->hz = try_source(idx, c, refs, read_tsc, out);
		if (out->hz)
			return;
	}
	pr_err("tsc: no usable clock source: CPUID, HPET, ACPI PM timer and PIT all failed\n");
	out->hz = TSC_GUESS_HZ;
}
