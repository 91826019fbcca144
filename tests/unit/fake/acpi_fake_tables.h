/*
 * Builders shared by the ACPI tests: addresses of the synthetic tables,
 * MADT entries, a QEMU-like MADT, an MCFG. static inline so each test
 * includes what it uses without unused-function warnings. Include after
 * <cmocka.h>: init_with_madt() asserts.
 */
#ifndef TESTS_UNIT_FAKE_ACPI_FAKE_TABLES_H
#define TESTS_UNIT_FAKE_ACPI_FAKE_TABLES_H

#include <string.h>
#include <arch/x86_64/acpi.h>
#include "acpi_fake.h"

enum { RSDT = 0x1000, XSDT = 0x2000, MADT = 0x3000, MCFG = 0x4000, HPET = 0x7000 };

static inline size_t e_lapic(u8 *b, size_t o, u8 uid, u8 id, u32 flags)
{
	o = put8(b, o, 0);
	o = put8(b, o, 8);
	o = put8(b, o, uid);
	o = put8(b, o, id);
	return put32(b, o, flags);
}

static inline size_t e_ioapic(u8 *b, size_t o, u8 id, u32 addr, u32 gsi_base)
{
	o = put8(b, o, 1);
	o = put8(b, o, 12);
	o = put8(b, o, id);
	o = put8(b, o, 0);
	o = put32(b, o, addr);
	return put32(b, o, gsi_base);
}

static inline size_t e_override(u8 *b, size_t o, u8 irq, u32 gsi, u16 flags)
{
	o = put8(b, o, 2);
	o = put8(b, o, 10);
	o = put8(b, o, 0);	/* ISA */
	o = put8(b, o, irq);
	o = put32(b, o, gsi);
	return put16(b, o, flags);
}

static inline size_t e_lapic_addr(u8 *b, size_t o, u64 addr)
{
	o = put8(b, o, 5);
	o = put8(b, o, 12);
	o = put16(b, o, 0);
	return put64(b, o, addr);
}

/* The MADT body: LAPIC address, flags, then the given entries. */
static inline struct acpi_table_header *make_madt(const u8 *entries, size_t len, u32 flags)
{
	u8 body[512];
	size_t o = put32(body, 0, 0xfee00000);

	o = put32(body, o, flags);
	memcpy(body + o, entries, len);
	return fake_table_new(MADT, "APIC", body, o + len);
}

/* QEMU-like: one CPU, one IOAPIC, IRQ0 on GSI 2, SCI level/high. */
static inline void make_std_madt(void)
{
	u8 e[128];
	size_t o = e_lapic(e, 0, 0, 0, 1);

	o = e_ioapic(e, o, 0, 0xfec00000, 0);
	o = e_override(e, o, 0, 2, 0);
	o = e_override(e, o, 9, 9, 0xd);
	make_madt(e, o, 1);
}

static inline void make_mcfg(const u64 *bases, int n)
{
	u8 body[8 + 16 * 8] = { 0 };
	size_t o = 8;	/* reserved */

	for (int i = 0; i < n; i++) {
		o = put64(body, o, bases[i]);
		o = put16(body, o, (u16)i);
		o = put8(body, o, 0);
		o = put8(body, o, 255);
		o = put32(body, o, 0);
	}
	fake_table_new(MCFG, "MCFG", body, o);
}

static inline int setup(void **state)
{
	fake_acpi_reset();
	return 0;
}

/* Every test also checks that each table mapped was unmapped again. */
static inline int teardown(void **state)
{
	int live = fake_acpi_mappings();

	fake_acpi_reset();
	if (live)
		print_error("%d ACPI table mapping(s) never unmapped\n", live);
	return live ? -1 : 0;
}

static inline void init_with_madt(void)
{
	const u64 tables[] = { MADT };
	struct fake_rsdp r;
	size_t len;

	fake_rsdt(RSDT, tables, 1);
	len = fake_rsdp_v1(&r, RSDT);
	assert_int_equal(acpi_init(r.b, len), 0);
	assert_true(acpi_info.have_madt);
}

#endif
