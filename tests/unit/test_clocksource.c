/*
 * Choosing what the TSC is calibrated against (arch/x86_64/clocksource.c):
 * CPUID leaf 0x15/0x16 decoding, the measuring loop against a fake counter
 * driven by a fake TSC, and the order, forcing and fallback of sources.
 * The hardware counters themselves are in test_clocksource_hw.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <arch/x86_64/clocksource.h>
#include <lib/errno.h>

extern char fake_log[16384];		/* acpi_printk_fake.c: "<level>text" */
bool fake_log_has(const char *needle);

/* ---- CPUID ------------------------------------------------------------------ */

#define SIG(family, model, stepping) \
	((((model) >> 4) << 16) | ((family) << 8) | (((model) & 0xf) << 4) | (stepping))

static void test_cpuid_skylake_crystal_from_model_table(void **state)
{
	/*
	 * A Skylake desktop part (i7-6700K, CPUID 06_5EH): leaf 0x15 gives the
	 * ratio 334/2 but ECX = 0, so the crystal comes from the SDM's table
	 * (24 MHz for Skylake client): 24 MHz * 334 / 2 = 4008 MHz.
	 */
	struct cpuid_tsc_info c = {
		.max_leaf = 0x16, .intel = true, .signature = SIG(6, 0x5e, 3),
		.denominator = 2, .numerator = 334, .crystal_hz = 0, .base_mhz = 4000,
	};
	const char *how;

	assert_int_equal(cpuid_tsc_hz(&c, &how), 4008000000ULL);
	assert_string_equal(how, "CPUID leaf 0x15 and the crystal of this CPU model");
	c.signature = SIG(6, 0x8e, 9);	/* Kaby Lake mobile: the same 24 MHz */
	assert_int_equal(cpuid_tsc_hz(&c, &how), 4008000000ULL);
}

static void test_cpuid_goldmont_and_denverton_crystals(void **state)
{
	struct cpuid_tsc_info c = {
		.max_leaf = 0x16, .intel = true, .signature = SIG(6, 0x5c, 9),
		.denominator = 1, .numerator = 78,
	};
	const char *how;

	/* Goldmont (06_5CH): 19.2 MHz crystal. */
	assert_int_equal(cpuid_tsc_hz(&c, &how), 19200000ULL * 78);
	/* Denverton (06_5FH): 25 MHz. */
	c.signature = SIG(6, 0x5f, 1);
	c.denominator = 2;
	c.numerator = 176;
	assert_int_equal(cpuid_tsc_hz(&c, &how), 2200000000ULL);
}

static void test_cpuid_crystal_reported_in_ecx(void **state)
{
	/*
	 * Parts from Ice Lake client on state the crystal in ECX (38.4 MHz);
	 * the model table must not override it, even for a model it lists.
	 */
	struct cpuid_tsc_info c = {
		.max_leaf = 0x1b, .intel = true, .signature = SIG(6, 0x7e, 5),
		.denominator = 2, .numerator = 146, .crystal_hz = 38400000, .base_mhz = 1300,
	};
	const char *how;

	assert_int_equal(cpuid_tsc_hz(&c, &how), 2803200000ULL);
	assert_string_equal(how, "CPUID leaf 0x15");
	c.signature = SIG(6, 0x5e, 3);
	assert_int_equal(cpuid_tsc_hz(&c, &how), 2803200000ULL);
}

static void test_cpuid_leaf_0x16_when_no_crystal_is_known(void **state)
{
	/*
	 * Skylake-SP (06_55H) reports ratio 168/2 with ECX = 0 and is not in
	 * the table: leaf 0x16's base frequency (2100 MHz) is the TSC rate.
	 */
	struct cpuid_tsc_info c = {
		.max_leaf = 0x16, .intel = true, .signature = SIG(6, 0x55, 4),
		.denominator = 2, .numerator = 168, .crystal_hz = 0, .base_mhz = 2100,
	};
	const char *how;

	assert_int_equal(cpuid_tsc_hz(&c, &how), 2100000000ULL);
	assert_string_equal(how, "CPUID leaf 0x16 base frequency");
	/* Without leaf 0x16 (max leaf 0x15) there is nothing to go on. */
	c.max_leaf = 0x15;
	assert_int_equal(cpuid_tsc_hz(&c, &how), 0);
	assert_string_equal(how, "CPUID leaf 0x15 reports no crystal frequency");
	/* Nor with a leaf 0x16 that reports 0 (not enumerated). */
	c.max_leaf = 0x16;
	c.base_mhz = 0;
	assert_int_equal(cpuid_tsc_hz(&c, &how), 0);
}

static void test_cpuid_zeros_and_short_cpuid_are_not_usable(void **state)
{
	/* QEMU 7.2 under TCG with level raised to 0x16: leaf 0x15 reads all zeros. */
	struct cpuid_tsc_info c = { .max_leaf = 0x16, .intel = true, .signature = SIG(6, 0x5e, 3) };
	const char *how;

	assert_int_equal(cpuid_tsc_hz(&c, &how), 0);
	assert_string_equal(how, "CPUID leaf 0x15 reports no TSC/crystal ratio");
	c.numerator = 334;		/* a numerator without a denominator */
	assert_int_equal(cpuid_tsc_hz(&c, &how), 0);
	/* QEMU's default CPU (max leaf 0xd): leaf 0x15 is not there, whatever was read. */
	c = (struct cpuid_tsc_info){ .max_leaf = 0xd, .denominator = 2, .numerator = 334,
				     .crystal_hz = 24000000 };
	assert_int_equal(cpuid_tsc_hz(&c, &how), 0);
	assert_string_equal(how, "CPUID has no leaf 0x15");
}

static void test_cpuid_model_table_and_0x16_are_intel_only(void **state)
{
	struct cpuid_tsc_info c = {
		.max_leaf = 0x16, .intel = false, .signature = SIG(6, 0x5e, 3),
		.denominator = 2, .numerator = 334, .base_mhz = 4000,
	};
	const char *how;

	assert_int_equal(cpuid_tsc_hz(&c, &how), 0);
	/* The extended model matters: family 6 model 0x0e is not 0x5e. */
	c.intel = true;
	c.base_mhz = 0;
	c.signature = SIG(6, 0x0e, 3);
	assert_int_equal(cpuid_tsc_hz(&c, &how), 0);
}

/* ---- measuring against a fake counter -------------------------------------- */

#define FAKE_TSC_HZ	2893421000ULL

static u64 fake_tsc;
static u64 fake_tsc_step = 1234;	/* cycles each TSC read costs */

static u64 read_fake_tsc(void)
{
	fake_tsc += fake_tsc_step;
	return fake_tsc;
}

/* A counter that runs at true_hz (whatever it claims), width mask, from offset. */
struct fake_ref {
	struct refclock rc;
	u64 claim_hz, true_hz;
	u32 width_mask, offset;
	bool stuck, fail_start;
	int starts, stops;
	unsigned long reads;
};

static int fake_start(struct refclock *rc)
{
	struct fake_ref *f = (struct fake_ref *)rc;

	f->starts++;
	if (f->fail_start)
		return -ENODEV;
	rc->hz = f->claim_hz;
	rc->mask = f->width_mask;
	return 0;
}

static u32 fake_read(struct refclock *rc)
{
	struct fake_ref *f = (struct fake_ref *)rc;

	f->reads++;
	fake_tsc += 300;			/* a register read takes time too */
	if (f->stuck)
		return f->offset;
	return (u32)(f->offset + fake_tsc * f->true_hz / FAKE_TSC_HZ) & f->width_mask;
}

static void fake_stop(struct refclock *rc)
{
	((struct fake_ref *)rc)->stops++;
}

#define FAKE_REF(nm, lbl, hz) { \
	.rc = { .name = nm, .label = lbl, .start = fake_start, .read = fake_read, \
		.stop = fake_stop }, \
	.claim_hz = hz, .true_hz = hz, .width_mask = 0xffffffff }

static struct fake_ref ref_a, ref_b;
static struct refclock *const refs[] = { &ref_a.rc, &ref_b.rc };

static int setup(void **state)
{
	fake_tsc = 1000000;
	fake_tsc_step = 1234;
	ref_a = (struct fake_ref)FAKE_REF("alpha", "Alpha timer", 14318180);
	ref_b = (struct fake_ref)FAKE_REF("beta", "Beta timer", 3579545);
	fake_log[0] = '\0';
	return 0;
}

static void assert_close(u64 got, u64 want, u64 ppm)
{
	u64 diff = got > want ? got - want : want - got;

	if (diff * 1000000 > want * ppm)
		fail_msg("%llu is not within %llu ppm of %llu", (unsigned long long)got,
			 (unsigned long long)ppm, (unsigned long long)want);
}

static void test_calibrate_measures_the_tsc_rate(void **state)
{
	assert_int_equal(ref_a.rc.start(&ref_a.rc), 0);
	assert_close(refclock_calibrate(&ref_a.rc, read_fake_tsc, 50), FAKE_TSC_HZ, 100);
	/* A narrow counter that wraps many times within the window is still right. */
	ref_b.width_mask = 0xfff;
	ref_b.offset = 0xff0;
	assert_int_equal(ref_b.rc.start(&ref_b.rc), 0);
	assert_close(refclock_calibrate(&ref_b.rc, read_fake_tsc, 50), FAKE_TSC_HZ, 100);
}

static void test_calibrate_gives_up_on_a_stuck_counter_quickly(void **state)
{
	ref_a.stuck = true;
	assert_int_equal(ref_a.rc.start(&ref_a.rc), 0);
	assert_int_equal(refclock_calibrate(&ref_a.rc, read_fake_tsc, 50), 0);
	assert_true(ref_a.reads < 10100);	/* STALL_READS and the first samples */
	assert_true(fake_log_has("<3>tsc: Alpha timer stopped counting"));
}

static void test_calibrate_gives_up_on_a_counter_far_slower_than_claimed(void **state)
{
	ref_a.true_hz = ref_a.claim_hz / 1000;	/* moves, but a thousand times too slowly */
	assert_int_equal(ref_a.rc.start(&ref_a.rc), 0);
	assert_int_equal(refclock_calibrate(&ref_a.rc, read_fake_tsc, 50), 0);
	assert_true(fake_log_has("too slow to believe"));
}

/* ---- choosing --------------------------------------------------------------- */

static const struct cpuid_tsc_info no_cpuid = { .max_leaf = 0xd };
static const struct cpuid_tsc_info skylake = {
	.max_leaf = 0x16, .intel = true, .signature = SIG(6, 0x5e, 3),
	.denominator = 2, .numerator = 334,
};

static void test_auto_order_cpuid_first(void **state)
{
	struct tsc_calibration cal;

	tsc_calibrate(NULL, &skylake, refs, 2, read_fake_tsc, &cal);
	assert_int_equal(cal.hz, 4008000000ULL);
	assert_false(cal.measured);
	assert_int_equal(ref_a.starts + ref_b.starts, 0);
}

static void test_auto_order_skips_what_is_missing(void **state)
{
	struct tsc_calibration cal;

	ref_a.fail_start = true;
	tsc_calibrate("auto", &no_cpuid, refs, 2, read_fake_tsc, &cal);
	assert_string_equal(cal.source, "Beta timer");
	assert_true(cal.measured);
	assert_close(cal.hz, FAKE_TSC_HZ, 100);
	assert_true(fake_log_has("<6>tsc: CPUID has no leaf 0x15 (max basic leaf 0xd)"));
	assert_int_equal(ref_a.starts, 1);
	assert_int_equal(ref_a.stops, 0);	/* never started, so never stopped */
	assert_int_equal(ref_b.stops, 1);
}

static void test_forced_source_wins_over_the_order(void **state)
{
	struct tsc_calibration cal;

	tsc_calibrate("beta", &skylake, refs, 2, read_fake_tsc, &cal);
	assert_string_equal(cal.source, "Beta timer");
	assert_int_equal(ref_a.starts, 0);
	tsc_calibrate("cpuid", &skylake, refs, 2, read_fake_tsc, &cal);
	assert_string_equal(cal.source, "CPUID leaf 0x15 and the crystal of this CPU model");
}

static void test_forced_but_unavailable_falls_back_in_order(void **state)
{
	struct tsc_calibration cal;

	ref_a.fail_start = true;
	tsc_calibrate("alpha", &no_cpuid, refs, 2, read_fake_tsc, &cal);
	assert_true(fake_log_has("<4>tsc: clocksource=alpha is not usable here; "
				 "using the automatic order\n"));
	assert_string_equal(cal.source, "Beta timer");
	assert_int_equal(ref_a.starts, 1);	/* not tried a second time */

	fake_log[0] = '\0';
	tsc_calibrate("cpuid", &no_cpuid, refs, 2, read_fake_tsc, &cal);
	assert_true(fake_log_has("clocksource=cpuid is not usable here"));
	assert_string_equal(cal.source, "Beta timer");
}

static void test_unknown_name_is_reported_with_the_choices(void **state)
{
	struct tsc_calibration cal;

	tsc_calibrate("tsc", &no_cpuid, refs, 2, read_fake_tsc, &cal);
	assert_true(fake_log_has("<4>tsc: clocksource=tsc is not one of cpuid, alpha, beta; "
				 "using the automatic order\n"));
	assert_string_equal(cal.source, "Alpha timer");
}

static void test_nothing_usable_is_a_loud_guess(void **state)
{
	struct tsc_calibration cal;

	ref_a.fail_start = true;
	ref_b.stuck = true;
	tsc_calibrate(NULL, &no_cpuid, refs, 2, read_fake_tsc, &cal);
	assert_null(cal.source);
	assert_int_equal(cal.hz, TSC_GUESS_HZ);
	assert_true(fake_log_has("<3>tsc: no usable clock source"));
}

static void test_an_unbelievable_rate_is_not_used(void **state)
{
	struct tsc_calibration cal;

	/* Claims a thousandth of its real rate: the TSC would come out at 2.9 MHz. */
	ref_a.claim_hz = ref_a.true_hz / 1000;
	tsc_calibrate(NULL, &no_cpuid, refs, 2, read_fake_tsc, &cal);
	assert_true(fake_log_has("not a believable TSC rate"));
	assert_string_equal(cal.source, "Beta timer");
	assert_close(cal.hz, FAKE_TSC_HZ, 100);
}

static void test_mul_div_without_overflow(void **state)
{
	assert_int_equal(mul_u64_u64_div_u64(6, 7, 3), 14);
	/* 2^40 * 2^40 / 2^30 = 2^50: the product needs 81 bits. */
	assert_int_equal(mul_u64_u64_div_u64(1ULL << 40, 1ULL << 40, 1ULL << 30), 1ULL << 50);
	assert_int_equal(mul_u64_u64_div_u64(123456789012345ULL, 1000000000000ULL, 999999999989ULL),
			 (u64)((unsigned __int128)123456789012345ULL * 1000000000000ULL /
			       999999999989ULL));
	assert_int_equal(mul_u64_u64_div_u64(~0ULL, ~0ULL, 1), ~0ULL);	/* saturates */
	assert_int_equal(mul_u64_u64_div_u64(5, 5, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cpuid_skylake_crystal_from_model_table),
		cmocka_unit_test(test_cpuid_goldmont_and_denverton_crystals),
		cmocka_unit_test(test_cpuid_crystal_reported_in_ecx),
		cmocka_unit_test(test_cpuid_leaf_0x16_when_no_crystal_is_known),
		cmocka_unit_test(test_cpuid_zeros_and_short_cpuid_are_not_usable),
		cmocka_unit_test(test_cpuid_model_table_and_0x16_are_intel_only),
		cmocka_unit_test_setup(test_calibrate_measures_the_tsc_rate, setup),
		cmocka_unit_test_setup(test_calibrate_gives_up_on_a_stuck_counter_quickly, setup),
		cmocka_unit_test_setup(test_calibrate_gives_up_on_a_counter_far_slower_than_claimed,
				       setup),
		cmocka_unit_test_setup(test_auto_order_cpuid_first, setup),
		cmocka_unit_test_setup(test_auto_order_skips_what_is_missing, setup),
		cmocka_unit_test_setup(test_forced_source_wins_over_the_order, setup),
		cmocka_unit_test_setup(test_forced_but_unavailable_falls_back_in_order, setup),
		cmocka_unit_test_setup(test_unknown_name_is_reported_with_the_choices, setup),
		cmocka_unit_test_setup(test_nothing_usable_is_a_loud_guess, setup),
		cmocka_unit_test_setup(test_an_unbelievable_rate_is_not_used, setup),
		cmocka_unit_test(test_mul_div_without_overflow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
