/*
 * arch/x86_64/lapic.c against a modelled CPU: the choice between x2APIC
 * (MSRs 0x800 + offset/16) and xAPIC (the MMIO page), the IA32_APIC_BASE
 * transitions of SDM vol. 3, 11.12.5, and the #GP cases of 11.12.1.2. The
 * model fails the test where real hardware would fault: an x2APIC MSR outside
 * x2APIC mode, a write to a read-only or missing x2APIC register, a non-zero
 * ESR write, an illegal mode transition. RDMSR/WRMSR/CPUID reach it through
 * tests/unit/fake/cpu_msr_fake.h.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <lib/params.h>
#include <lib/printk.h>
#include <arch/x86_64/acpi.h>
#include <arch/x86_64/apic.h>
#include "fake/capture_console.h"

struct acpi_info acpi_info;

#define BASE_BSP	(1ull << 8)
#define BASE_EXTD	(1ull << 10)
#define BASE_EN		(1ull << 11)
#define BASE_ADDR	0xfee00000ull

static struct {
	bool has_x2apic, locked;
	u64 base;			/* IA32_APIC_BASE */
	u32 initial_id;			/* the x2APIC ID; its low 8 bits in xAPIC */
	u32 msr[0x100];			/* x2APIC registers 0x800-0x8ff */
	int msr_writes[0x100];
	u64 base_writes[8];
	int nr_base_writes;
	int ioremaps;
} cpu;

static u8 page[4096] __attribute__((aligned(4096)));	/* the xAPIC MMIO page */

static bool page_untouched(void)
{
	for (size_t i = 0; i < sizeof(page); i++)
		if (page[i])
			return false;
	return true;
}

void *ioremap(phys_addr_t phys, size_t size)
{
	assert_int_equal(phys, BASE_ADDR);
	assert_false(cpu.base & BASE_EXTD);	/* the MMIO page is dead in x2APIC mode */
	cpu.ioremaps++;
	/* What an xAPIC shows at power-up: ID in 31:24, version 0x14. */
	memset(page, 0, sizeof(page));
	*(u32 *)(page + 0x20) = (cpu.initial_id & 0xff) << 24;
	*(u32 *)(page + 0x30) = 0x14;
	return page;
}

void fake_cpuid(u32 leaf, u32 sub, u32 *a, u32 *b, u32 *c, u32 *d)
{
	*a = *b = *c = *d = 0;
	if (leaf == 0)
		*a = 7;
	else if (leaf == 1)
		*c = cpu.has_x2apic ? 1u << 21 : 0;
	else if (leaf == 7)
		*d = cpu.locked ? 1u << 29 : 0;	/* IA32_ARCH_CAPABILITIES exists */
}

static bool x2apic_on(void) { return cpu.base & BASE_EXTD; }

static void x2apic_reset(void)
{
	memset(cpu.msr, 0, sizeof(cpu.msr));
	cpu.msr[0x02] = cpu.initial_id;
	cpu.msr[0x03] = 0x14;
	cpu.msr[0x0d] = 0x1;		/* LDR: derived from the ID, read-only */
}

/* 11.12.1.2, table 11-6: the MSRs that exist and which of them take writes. */
static bool x2apic_msr_exists(u32 n)
{
	return n == 0x02 || n == 0x03 || n == 0x08 || n == 0x0a || n == 0x0b ||
	       n == 0x0d || n == 0x0f || (n >= 0x10 && n <= 0x27) || n == 0x28 ||
	       n == 0x2f || n == 0x30 || (n >= 0x32 && n <= 0x39) || n == 0x3e || n == 0x3f;
}

static bool x2apic_msr_read_only(u32 n)
{
	return n == 0x02 || n == 0x03 || n == 0x0a || n == 0x0d || (n >= 0x10 && n <= 0x27) ||
	       n == 0x39;
}

u64 fake_rdmsr(u32 msr)
{
	if (msr == 0x1b)
		return cpu.base;
	if (msr == 0x10a) {
		if (!cpu.locked)
			fail_msg("#GP: RDMSR of IA32_ARCH_CAPABILITIES, which CPUID does not list");
		return 1u << 21;
	}
	if (msr == 0xbd)
		return cpu.locked ? 1 : 0;
	if (msr >= 0x800 && msr <= 0x8ff) {
		if (!x2apic_on())
			fail_msg("#GP: RDMSR %#x outside x2APIC mode", msr);
		if (!x2apic_msr_exists(msr - 0x800))
			fail_msg("#GP: RDMSR of missing x2APIC register %#x", msr);
		return cpu.msr[msr - 0x800];
	}
	fail_msg("RDMSR %#x not modelled", msr);
	return 0;
}

static void write_apic_base(u64 val)
{
	bool en = val & BASE_EN, extd = val & BASE_EXTD;
	bool was_en = cpu.base & BASE_EN, was_extd = cpu.base & BASE_EXTD;

	if (extd && !en)
		fail_msg("#GP: EXTD without EN is an invalid state");
	if (was_extd && extd != was_extd && en)
		fail_msg("#GP: x2APIC -> xAPIC without passing through disabled");
	if (!was_en && en && extd)
		fail_msg("#GP: disabled -> x2APIC without passing through xAPIC");
	if (extd && !was_extd)
		x2apic_reset();
	if (!en)
		x2apic_reset();		/* disabling resets the APIC's registers */
	assert_true(cpu.nr_base_writes < 8);
	cpu.base_writes[cpu.nr_base_writes++] = val;
	cpu.base = val;
}

void fake_wrmsr(u32 msr, u64 val)
{
	u32 n = msr - 0x800;

	if (msr == 0x1b) {
		write_apic_base(val);
		return;
	}
	if (msr < 0x800 || msr > 0x8ff)
		fail_msg("WRMSR %#x not modelled", msr);
	if (!x2apic_on())
		fail_msg("#GP: WRMSR %#x outside x2APIC mode", msr);
	if (!x2apic_msr_exists(n) || x2apic_msr_read_only(n))
		fail_msg("#GP: WRMSR to %s x2APIC register %#x",
			 x2apic_msr_exists(n) ? "read-only" : "missing", msr);
	if (n == 0x28 && val)
		fail_msg("#GP: non-zero write to the x2APIC ESR");
	if (val >> 32 && n != 0x30)
		fail_msg("#GP: reserved high bits in WRMSR %#x", msr);
	cpu.msr[n] = (u32)val;
	cpu.msr_writes[n]++;
}

static void set_nox2apic(bool on)
{
	char line[16];

	strcpy(line, on ? "nox2apic" : "nox2apic=0");
	assert_int_equal(parse_args(line), 0);
}

static int setup(void **state)
{
	memset(&cpu, 0, sizeof(cpu));
	memset(page, 0, sizeof(page));
	memset(&acpi_info, 0, sizeof(acpi_info));
	cpu.base = BASE_ADDR | BASE_BSP | BASE_EN;
	set_nox2apic(false);
	register_console(&capture_console);
	capture_clear();
	return 0;
}

static int teardown(void **state)
{
	unregister_console(&capture_console);
	return 0;
}

#define assert_logged(s)							\
	do {									\
		if (!strstr(capture_buf, s))					\
			fail_msg("missing \"%s\" in the log:\n%s", s, capture_buf); \
	} while (0)

/* What lapic_init() programs, in the x2APIC registers. */
static void assert_programmed_x2apic(void)
{
	assert_int_equal(cpu.msr[0x0f], 0x1ff);		/* SVR: enabled, vector 0xff */
	assert_int_equal(cpu.msr_writes[0x08], 1);	/* TPR */
	assert_int_equal(cpu.msr[0x35], APIC_LVT_MASKED);	/* LINT0 */
	assert_int_equal(cpu.msr[0x36], 4u << 8);		/* LINT1: NMI */
	assert_int_equal(cpu.msr[0x37], ERROR_APIC_VECTOR);
	assert_int_equal(cpu.msr_writes[0x28], 2);	/* ESR: loaded, then cleared */
	assert_int_equal(cpu.msr_writes[0x0b], 1);	/* EOI */
	assert_int_equal(cpu.ioremaps, 0);
	assert_true(page_untouched());
}

static void test_no_x2apic_in_cpu(void **state)
{
	cpu.initial_id = 2;
	assert_int_equal(lapic_init(), 0);
	assert_false(x2apic_mode);
	assert_int_equal(cpu.ioremaps, 1);
	assert_int_equal(*(u32 *)(page + 0xf0), 0x1ff);
	assert_int_equal(*(u32 *)(page + 0x360), 4u << 8);
	assert_int_equal(lapic_id(), 2);
	lapic_write(APIC_TMICT, 1234);
	assert_int_equal(*(u32 *)(page + 0x380), 1234);
	assert_logged("x2apic: not offered by the CPU; xAPIC mode\n");
	assert_logged("lapic: id 2 version 0x14 at 0xfee00000, xAPIC mode\n");
}

static void test_x2apic_enabled_when_offered(void **state)
{
	cpu.has_x2apic = true;
	cpu.initial_id = 5;
	acpi_info.nr_cpus = 1;
	acpi_info.boot_lapic_id = 5;
	assert_int_equal(lapic_init(), 0);
	assert_true(x2apic_mode);
	assert_true(cpu.base & BASE_EXTD);
	assert_int_equal(cpu.base & ~0xfffull, BASE_ADDR);	/* the address is kept */
	assert_programmed_x2apic();
	assert_int_equal(lapic_id(), 5);
	assert_logged("x2apic: enabled\n");
	assert_logged("lapic: id 5 version 0x14, x2APIC mode (MSRs)\n");
	assert_null(strstr(capture_buf, "MADT lists"));
	assert_null(strstr(capture_buf, "above 254"));
}

/* apic_timer.c's accesses, by xAPIC offset, land on the timer MSRs. */
static void test_x2apic_timer_registers(void **state)
{
	cpu.has_x2apic = true;
	assert_int_equal(lapic_init(), 0);
	lapic_write(APIC_TDCR, 0x3);
	lapic_write(APIC_LVT_TIMER, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
	lapic_write(APIC_TMICT, 0xffffffff);
	cpu.msr[0x39] = 0x12345678;			/* the current count ticks down */
	assert_int_equal(cpu.msr[0x3e], 0x3);
	assert_int_equal(cpu.msr[0x32], APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
	assert_int_equal(cpu.msr[0x38], 0xffffffff);
	assert_int_equal(lapic_read(APIC_TMCCT), 0x12345678);
	assert_int_equal(lapic_read(APIC_LVT_TIMER), APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
	lapic_eoi();
	assert_int_equal(cpu.msr_writes[0x0b], 2);
	assert_true(page_untouched());
}

/* The ICR is one 64-bit MSR, DFR is gone, LDR is read-only: refused, no #GP. */
static void test_x2apic_refuses_missing_registers(void **state)
{
	cpu.has_x2apic = true;
	assert_int_equal(lapic_init(), 0);
	capture_clear();
	lapic_write(0x0e0, 0xffffffff);	/* DFR */
	lapic_write(0x0d0, 0);		/* LDR */
	lapic_write(0x300, 0x4000);	/* ICR, 32 bits */
	lapic_write(0x310, 0);		/* ICR2 */
	assert_logged("lapic: register 0xe0 cannot be written in x2APIC mode\n");
	assert_logged("lapic: register 0x300 cannot be written in x2APIC mode\n");
	assert_int_equal(cpu.msr_writes[0x30], 0);
}

/* A 32-bit x2APIC ID: all of MSR 0x802, not bits 31:24; MSIs cannot name it. */
static void test_x2apic_wide_id(void **state)
{
	cpu.has_x2apic = true;
	cpu.initial_id = 0x12345;
	assert_int_equal(lapic_init(), 0);
	assert_int_equal(lapic_id(), 0x12345);
	assert_logged("lapic: id 74565 version 0x14, x2APIC mode (MSRs)\n");
	assert_logged("lapic: APIC id 74565 is above 254: without interrupt remapping");
}

static void test_x2apic_enabled_by_firmware(void **state)
{
	cpu.has_x2apic = true;
	cpu.initial_id = 1;
	cpu.base |= BASE_EXTD;
	x2apic_reset();
	assert_int_equal(lapic_init(), 0);
	assert_true(x2apic_mode);
	assert_int_equal(cpu.nr_base_writes, 0);
	assert_programmed_x2apic();
	assert_logged("x2apic: enabled by firmware\n");
}

/* nox2apic after firmware's x2APIC: through disabled, then xAPIC (11.12.5). */
static void test_nox2apic_leaves_firmware_x2apic(void **state)
{
	cpu.has_x2apic = true;
	cpu.initial_id = 3;
	cpu.base |= BASE_EXTD;
	x2apic_reset();
	set_nox2apic(true);
	assert_int_equal(lapic_init(), 0);
	assert_false(x2apic_mode);
	assert_int_equal(cpu.nr_base_writes, 2);
	assert_int_equal(cpu.base_writes[0] & (BASE_EN | BASE_EXTD), 0);
	assert_int_equal(cpu.base_writes[1] & (BASE_EN | BASE_EXTD), BASE_EN);
	assert_int_equal(cpu.base & ~0xfffull, BASE_ADDR);
	assert_int_equal(cpu.ioremaps, 1);
	assert_int_equal(*(u32 *)(page + 0xf0), 0x1ff);
	assert_int_equal(lapic_id(), 3);
	assert_logged("x2apic: disabled by nox2apic (firmware had enabled it); xAPIC mode\n");
}

/* Locked on (IA32_XAPIC_DISABLE_STATUS), or an ID xAPIC cannot hold: kept. */
static void test_nox2apic_cannot_leave(void **state)
{
	cpu.has_x2apic = true;
	cpu.locked = true;
	cpu.base |= BASE_EXTD;
	x2apic_reset();
	set_nox2apic(true);
	assert_int_equal(lapic_init(), 0);
	assert_true(x2apic_mode);
	assert_int_equal(cpu.nr_base_writes, 0);
	assert_programmed_x2apic();
	assert_logged("x2apic: locked on by firmware (IA32_XAPIC_DISABLE_STATUS); nox2apic ignored\n");
	assert_logged("x2apic: enabled by firmware\n");

	teardown(state);
	setup(state);
	cpu.has_x2apic = true;
	cpu.initial_id = 0x100;
	cpu.base |= BASE_EXTD;
	x2apic_reset();
	set_nox2apic(true);
	assert_int_equal(lapic_init(), 0);
	assert_true(x2apic_mode);
	assert_int_equal(cpu.nr_base_writes, 0);
	assert_logged("x2apic: APIC id 256 does not fit xAPIC's 8 bits; nox2apic ignored\n");
}

static void test_nox2apic_keeps_xapic(void **state)
{
	cpu.has_x2apic = true;
	cpu.initial_id = 4;
	set_nox2apic(true);
	assert_int_equal(lapic_init(), 0);
	assert_false(x2apic_mode);
	assert_false(cpu.base & BASE_EXTD);
	assert_int_equal(cpu.ioremaps, 1);
	assert_int_equal(*(u32 *)(page + 0xf0), 0x1ff);
	assert_logged("x2apic: off (nox2apic); xAPIC mode\n");
}

/* Firmware left the APIC globally disabled: enabled in xAPIC mode first. */
static void test_enable_from_disabled(void **state)
{
	cpu.has_x2apic = true;
	cpu.base = BASE_ADDR | BASE_BSP;
	assert_int_equal(lapic_init(), 0);
	assert_true(x2apic_mode);
	assert_int_equal(cpu.nr_base_writes, 2);
	assert_int_equal(cpu.base_writes[0] & (BASE_EN | BASE_EXTD), BASE_EN);
	assert_programmed_x2apic();
}

static void test_madt_boot_id_mismatch(void **state)
{
	cpu.has_x2apic = true;
	cpu.initial_id = 9;
	acpi_info.have_madt = true;
	acpi_info.nr_cpus = 2;
	acpi_info.boot_lapic_id = 8;
	assert_int_equal(lapic_init(), 0);
	assert_logged("lapic: the MADT lists APIC id 8 first, this CPU is 9\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_no_x2apic_in_cpu, setup, teardown),
		cmocka_unit_test_setup_teardown(test_x2apic_enabled_when_offered, setup, teardown),
		cmocka_unit_test_setup_teardown(test_x2apic_timer_registers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_x2apic_refuses_missing_registers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_x2apic_wide_id, setup, teardown),
		cmocka_unit_test_setup_teardown(test_x2apic_enabled_by_firmware, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nox2apic_leaves_firmware_x2apic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nox2apic_cannot_leave, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nox2apic_keeps_xapic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_enable_from_disabled, setup, teardown),
		cmocka_unit_test_setup_teardown(test_madt_boot_id_mismatch, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
