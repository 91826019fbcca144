/*
 * The counters the TSC is calibrated against, each against a fake of its
 * hardware whose count is derived from a fake TSC: the HPET (a register
 * file behind ioremap), the ACPI PM timer (a port, 24 and 32 bits, with
 * wraps) and the PIT's channel 2 (three ports, latched reads), present and
 * absent. Each test checks the rate found and that the hardware is left as
 * it was found.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <arch/x86_64/acpi.h>
#include <arch/x86_64/clocksource.h>
#include <arch/x86_64/io.h>
#include <lib/errno.h>

extern char fake_log[16384];		/* acpi_printk_fake.c: "<level>text" */
bool fake_log_has(const char *needle);

struct acpi_info acpi_info;		/* acpi.c is not linked: the tests fill it */

#define TSC_HZ		2893421000ULL
#define HPET_PHYS	0xfed00000ULL
#define PM_PORT		0x608

static u64 fake_tsc;

static u64 read_fake_tsc(void)
{
	fake_tsc += 1234;
	return fake_tsc;
}

/* Ticks of a clock at hz since fake TSC cycle 0. */
static u64 ticks_at(u64 hz)
{
	return (u64)((unsigned __int128)fake_tsc * hz / TSC_HZ);
}

static const struct cpuid_tsc_info no_cpuid = { .max_leaf = 0xd };
static struct refclock *const refs[] = { &hpet_refclock, &acpi_pm_refclock, &pit_refclock };

static void assert_close(u64 got, u64 want, u64 ppm)
{
	u64 diff = got > want ? got - want : want - got;

	if (diff * 1000000 > want * ppm)
		fail_msg("%llu is not within %llu ppm of %llu", (unsigned long long)got,
			 (unsigned long long)ppm, (unsigned long long)want);
}

/* ---- HPET: a 1 KiB register file ---------------------------------------- */

static u32 hpet_mem[256] __attribute__((aligned(8)));
static int hpet_maps, hpet_unmaps;

void *ioremap(phys_addr_t phys, size_t size)
{
	assert_int_equal(phys, HPET_PHYS);
	assert_true(size <= sizeof(hpet_mem));
	hpet_maps++;
	return hpet_mem;
}

void iounmap(void *addr)
{
	assert_ptr_equal(addr, hpet_mem);
	hpet_unmaps++;
}

/* The main counter (0xf0) runs at 10^15 / period Hz while ENABLE_CNF (0x10 bit 0) is set. */
bool fake_mmio_read(const volatile void *addr, int size, u64 *val)
{
	u32 period = hpet_mem[1];

	if (addr != (u8 *)hpet_mem + 0xf0)
		return false;
	fake_tsc += 700;		/* an MMIO read is not free */
	*val = (hpet_mem[0x10 / 4] & 1) ? (u32)ticks_at(1000000000000000ULL / period) : 0;
	return true;
}

static void hpet_setup(u32 period_fs, u32 cfg)
{
	memset(hpet_mem, 0, sizeof(hpet_mem));
	hpet_mem[0] = 0x8086a201;	/* vendor 8086, 3 timers, 64-bit, rev 1 */
	hpet_mem[1] = period_fs;
	hpet_mem[0x10 / 4] = cfg;
	acpi_info.have_hpet = true;
	acpi_info.hpet_address = HPET_PHYS;
}

/* ---- ports: the PM timer and the PIT ------------------------------------- */

static struct {
	u32 pm_offset;		/* PM timer value at fake TSC 0 */
	bool pm_garbage;	/* reserved bits 31:24 read as ones */
	int pm_wraps;
	u32 pm_last;
	bool pit_present;
	u8 port61;		/* bit 0 gate, bit 1 speaker */
	bool speaker_seen;
	u64 pit_loaded_at;	/* fake TSC when the count was written */
	u16 pit_latched;
	int pit_byte;		/* next data read: 0 low, 1 high */
	int port_reads;
} ports;

static u16 pit_current(void)
{
	u64 ticks = (u64)((unsigned __int128)(fake_tsc - ports.pit_loaded_at) * 1193182 / TSC_HZ);

	if (!(ports.port61 & 1))
		return 0;	/* gate low: does not count (not reached by these tests) */
	return (u16)(0x10000 - (ticks % 0x10000));
}

u32 fake_port_read(u16 port, int size)
{
	ports.port_reads++;
	fake_tsc += 1500;		/* a port access takes about a microsecond */
	if (port == PM_PORT) {
		u32 mask = acpi_info.pm_tmr_32bit ? 0xffffffff : 0xffffff;
		u32 v = (u32)(ports.pm_offset + ticks_at(3579545)) & mask;

		assert_int_equal(size, 4);
		if (v < ports.pm_last)
			ports.pm_wraps++;
		ports.pm_last = v;
		return v | (ports.pm_garbage ? 0xab000000 : 0);
	}
	if (port == 0x61)
		return ports.port61;
	if (port == 0x42 && ports.pit_present) {
		u8 b = ports.pit_byte ? ports.pit_latched >> 8 : ports.pit_latched & 0xff;

		ports.pit_byte ^= 1;
		return b;
	}
	return 0xff;			/* nothing decodes the port: the bus floats high */
}

void fake_port_write(u16 port, int size, u32 val)
{
	if (port == 0x61) {
		ports.port61 = (u8)val;
		if (val & 2)
			ports.speaker_seen = true;
	} else if (port == 0x43 && val == 0x80) {	/* latch channel 2 */
		ports.pit_latched = pit_current();
		ports.pit_byte = 0;
	} else if (port == 0x43) {
		assert_int_equal(val, 0xb4);	/* channel 2, lo/hi, mode 2, binary */
	} else if (port == 0x42) {
		ports.pit_loaded_at = fake_tsc;
	}
}

static int setup(void **state)
{
	memset(&acpi_info, 0, sizeof(acpi_info));
	memset(&ports, 0, sizeof(ports));
	memset(hpet_mem, 0xff, sizeof(hpet_mem));
	hpet_maps = hpet_unmaps = 0;
	fake_tsc = 5000000;
	fake_log[0] = '\0';
	return 0;
}

/* ---- HPET ------------------------------------------------------------------- */

static void test_hpet_calibrates_and_is_left_disabled_as_found(void **state)
{
	struct tsc_calibration cal;

	hpet_setup(69841279, 0);	/* 14.31818 MHz, disabled by firmware */
	tsc_calibrate(NULL, &no_cpuid, refs, 3, read_fake_tsc, &cal);
	assert_string_equal(cal.source, "HPET");
	assert_true(cal.measured);
	assert_close(cal.hz, TSC_HZ, 100);
	assert_true(fake_log_has("<6>hpet: 0 at 0xfed00000, 14318179 Hz (period 69841279 fs)"));
	assert_int_equal(hpet_mem[0x10 / 4], 0);
	assert_int_equal(hpet_maps, 1);
	assert_int_equal(hpet_unmaps, 1);
}

static void test_hpet_running_with_legacy_routing_is_left_alone(void **state)
{
	struct tsc_calibration cal;

	hpet_setup(10000000, 0x3);	/* QEMU's 100 MHz, enabled, legacy replacement on */
	tsc_calibrate("hpet", &no_cpuid, refs, 3, read_fake_tsc, &cal);
	assert_string_equal(cal.source, "HPET");
	assert_close(cal.hz, TSC_HZ, 100);
	assert_int_equal(hpet_mem[0x10 / 4], 0x3);
	assert_int_equal(hpet_unmaps, 1);
}

static void test_hpet_period_outside_the_spec_is_refused(void **state)
{
	hpet_setup(0, 0);
	assert_int_equal(hpet_refclock.start(&hpet_refclock), -ENODEV);
	assert_true(fake_log_has("<3>hpet: COUNTER_CLK_PERIOD 0 fs is outside (0, 100 ns]"));
	hpet_setup(100000001, 0);
	assert_int_equal(hpet_refclock.start(&hpet_refclock), -ENODEV);
	assert_true(fake_log_has("COUNTER_CLK_PERIOD 100000001 fs"));
	assert_int_equal(hpet_maps, hpet_unmaps);
	hpet_setup(100000000, 0);	/* exactly 100 ns (10 MHz) is allowed */
	assert_int_equal(hpet_refclock.start(&hpet_refclock), 0);
	assert_int_equal(hpet_refclock.hz, 10000000);
	hpet_refclock.stop(&hpet_refclock);
	assert_int_equal(hpet_maps, hpet_unmaps);
}

static void test_hpet_reading_all_ones_is_absent(void **state)
{
	acpi_info.have_hpet = true;
	acpi_info.hpet_address = HPET_PHYS;	/* hpet_mem is all ones from setup() */
	assert_int_equal(hpet_refclock.start(&hpet_refclock), -ENODEV);
	assert_true(fake_log_has("<3>hpet: 0xfed00000 reads all ones: nothing there"));
	assert_int_equal(hpet_unmaps, 1);
}

static void test_no_hpet_table_maps_nothing(void **state)
{
	assert_int_equal(hpet_refclock.start(&hpet_refclock), -ENODEV);
	assert_true(fake_log_has("<6>hpet: no ACPI HPET table"));
	assert_int_equal(hpet_maps, 0);
}

/* ---- ACPI PM timer ------------------------------------------------------------ */

static void test_pm_timer_24_bit_wraps_are_counted(void **state)
{
	struct tsc_calibration cal;

	acpi_info.pm_tmr_port = PM_PORT;
	ports.pm_offset = 0xffff00 - (u32)ticks_at(3579545);	/* wraps within the window */
	ports.pm_garbage = true;
	tsc_calibrate("acpi_pm", &no_cpuid, refs, 3, read_fake_tsc, &cal);
	assert_string_equal(cal.source, "ACPI PM timer");
	assert_close(cal.hz, TSC_HZ, 100);
	assert_int_equal(ports.pm_wraps, 1);
	assert_true(fake_log_has("<6>acpi_pm: PM timer at port 0x608, 24-bit"));
}

static void test_pm_timer_32_bit_with_tmr_val_ext(void **state)
{
	struct tsc_calibration cal;

	acpi_info.pm_tmr_port = PM_PORT;
	acpi_info.pm_tmr_32bit = true;
	ports.pm_offset = 0xffffff00 - (u32)ticks_at(3579545);
	tsc_calibrate("acpi_pm", &no_cpuid, refs, 3, read_fake_tsc, &cal);
	assert_string_equal(cal.source, "ACPI PM timer");
	assert_close(cal.hz, TSC_HZ, 100);
	assert_int_equal(ports.pm_wraps, 1);
	assert_true(fake_log_has("32-bit"));
}

static void test_no_pm_timer_without_a_port(void **state)
{
	assert_int_equal(acpi_pm_refclock.start(&acpi_pm_refclock), -ENODEV);
	assert_true(fake_log_has("<6>acpi_pm: no PM timer in the FADT"));
}

/* ---- PIT ------------------------------------------------------------------------- */

static void test_pit_calibrates_and_restores_the_gate(void **state)
{
	struct tsc_calibration cal;

	ports.pit_present = true;
	ports.port61 = 0x02;		/* speaker on, gate off, as firmware might leave it */
	tsc_calibrate("pit", &no_cpuid, refs, 3, read_fake_tsc, &cal);
	assert_string_equal(cal.source, "PIT");
	assert_close(cal.hz, TSC_HZ, 200);
	assert_int_equal(ports.port61, 0x02);
}

static void test_absent_pit_is_found_in_milliseconds(void **state)
{
	struct tsc_calibration cal;

	ports.port61 = 0x00;
	assert_int_equal(pit_refclock.start(&pit_refclock), -ENODEV);
	assert_true(fake_log_has("<4>pit: channel 2 count stuck at 0xffff over 1000 reads"));
	/* Three port accesses per read, about 1 us each on real chipsets: ~3 ms. */
	assert_true(ports.port_reads < 2100);
	assert_true(fake_tsc - 5000000 < TSC_HZ / 100);	/* under 10 ms of fake time */
	assert_int_equal(ports.port61, 0x00);
	assert_false(ports.speaker_seen);

	/* Forced, it falls back to the automatic order, which finds the HPET. */
	hpet_setup(10000000, 0);
	tsc_calibrate("pit", &no_cpuid, refs, 3, read_fake_tsc, &cal);
	assert_true(fake_log_has("<4>tsc: clocksource=pit is not usable here"));
	assert_string_equal(cal.source, "HPET");
}

static void test_nothing_at_all_is_a_guess(void **state)
{
	struct tsc_calibration cal;

	tsc_calibrate(NULL, &no_cpuid, refs, 3, read_fake_tsc, &cal);
	assert_null(cal.source);
	assert_int_equal(cal.hz, TSC_GUESS_HZ);
	assert_true(fake_log_has("<3>tsc: no usable clock source"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_hpet_calibrates_and_is_left_disabled_as_found, setup),
		cmocka_unit_test_setup(test_hpet_running_with_legacy_routing_is_left_alone, setup),
		cmocka_unit_test_setup(test_hpet_period_outside_the_spec_is_refused, setup),
		cmocka_unit_test_setup(test_hpet_reading_all_ones_is_absent, setup),
		cmocka_unit_test_setup(test_no_hpet_table_maps_nothing, setup),
		cmocka_unit_test_setup(test_pm_timer_24_bit_wraps_are_counted, setup),
		cmocka_unit_test_setup(test_pm_timer_32_bit_with_tmr_val_ext, setup),
		cmocka_unit_test_setup(test_no_pm_timer_without_a_port, setup),
		cmocka_unit_test_setup(test_pit_calibrates_and_restores_the_gate, setup),
		cmocka_unit_test_setup(test_absent_pit_is_found_in_milliseconds, setup),
		cmocka_unit_test_setup(test_nothing_at_all_is_a_guess, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
