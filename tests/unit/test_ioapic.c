/*
 * arch/x86_64/ioapic.c against a modelled 82093AA: IOREGSEL/IOWIN
 * indirection over 24 redirection entries. What matters here is the
 * destination field: 8 bits (bits 63:56), so an x2APIC ID above 254 is
 * refused rather than cut to its low byte.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <lib/errno.h>
#include <lib/printk.h>
#include <lib/spinlock.h>
#include <arch/x86_64/acpi.h>
#include <arch/x86_64/apic.h>
#include <arch/x86_64/irq.h>
#include "fake/capture_console.h"

#define NR_PINS	24

struct acpi_info acpi_info;

static struct {
	u32 regsel;
	u32 reg[0x10 + 2 * NR_PINS];
	int rte_writes;
} ioapic;
static u8 window[4096] __attribute__((aligned(4096)));

void spin_lock_bug(spinlock_t *lock, const char *why) { fail_msg("spinlock: %s", why); }

void *ioremap(phys_addr_t phys, size_t size)
{
	assert_int_equal(phys, 0xfec00000);
	return window;
}

bool fake_mmio_read(const volatile void *addr, int size, u64 *val)
{
	uintptr_t off = (uintptr_t)addr - (uintptr_t)window;

	if (off >= sizeof(window))
		return false;
	assert_int_equal(off, 0x10);	/* only IOWIN is read */
	assert_true(ioapic.regsel < sizeof(ioapic.reg) / sizeof(ioapic.reg[0]));
	*val = ioapic.reg[ioapic.regsel];
	return true;
}

bool fake_mmio_write(volatile void *addr, int size, u64 val)
{
	uintptr_t off = (uintptr_t)addr - (uintptr_t)window;

	if (off >= sizeof(window))
		return false;
	if (off == 0x00) {
		ioapic.regsel = (u32)val;
		return true;
	}
	assert_int_equal(off, 0x10);
	assert_true(ioapic.regsel >= 0x10 &&
		    ioapic.regsel < sizeof(ioapic.reg) / sizeof(ioapic.reg[0]));
	ioapic.reg[ioapic.regsel] = (u32)val;
	ioapic.rte_writes++;
	return true;
}

static int setup(void **state)
{
	static bool initialised;

	register_console(&capture_console);
	capture_clear();
	if (!initialised) {	/* ioapic_init() keeps its table: once per process */
		ioapic.reg[0x01] = (NR_PINS - 1) << 16 | 0x20;	/* IOAPICVER: max entry, version */
		acpi_info.nr_ioapics = 1;
		acpi_info.ioapics[0].address = 0xfec00000;
		assert_int_equal(ioapic_init(), 0);
		initialised = true;
	}
	ioapic.rte_writes = 0;
	return 0;
}

static int teardown(void **state)
{
	unregister_console(&capture_console);
	return 0;
}

static void test_route_names_the_apic(void **state)
{
	assert_int_equal(ioapic_route(9, 0x41, IRQ_TRIGGER_LEVEL, IRQ_POLARITY_LOW, 254), 0);
	assert_int_equal(ioapic.reg[0x10 + 2 * 9 + 1], 254u << 24);
	/* Masked (bit 16), level (15), active low (13), fixed, physical, the vector. */
	assert_int_equal(ioapic.reg[0x10 + 2 * 9], 0x41 | 1u << 16 | 1u << 15 | 1u << 13);
}

static void test_route_refuses_wide_ids(void **state)
{
	static const u32 ids[] = { 0xff, 0x100, 0x12345 };

	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		assert_int_equal(ioapic_route(4, 0x42, IRQ_TRIGGER_EDGE, IRQ_POLARITY_HIGH, ids[i]),
				 -ERANGE);
	assert_int_equal(ioapic.rte_writes, 0);
	assert_int_equal(ioapic.reg[0x10 + 2 * 4], 1u << 16);	/* still masked, untouched */
	assert_non_null(strstr(capture_buf, "ioapic: GSI 4 not routed: APIC id 256 does not fit"));
	assert_non_null(strstr(capture_buf, "interrupt remapping"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_route_names_the_apic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_route_refuses_wide_ids, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
