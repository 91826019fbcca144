/*
 * FADT, the DSDT's \_S5 package, poweroff and reboot. Tables are exactly
 * sized allocations, so a parser reading past a (truncated) DSDT trips ASan.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <arch/x86_64/acpi.h>
#include <lib/errno.h>
#include "fake/acpi_fake.h"

enum { RSDT = 0x1000, FADT = 0x5000, DSDT = 0x6000, DSDT2 = 0x8000 };

/* FADT offsets (ACPI 6.5 table 5.9) as seen from the start of the table. */
enum {
	F_DSDT = 40, F_SMI_CMD = 48, F_ACPI_ENABLE = 52, F_PM1A_CNT = 64,
	F_PM1B_CNT = 68, F_IAPC_BOOT_ARCH = 109, F_FLAGS = 112, F_RESET_REG = 116, F_RESET_VALUE = 128,
	F_X_DSDT = 140, F_X_PM1A_CNT = 172, F_X_PM1B_CNT = 184,
};

/* The FADT as a byte array; fields are put at their table offsets. */
static u8 fadt[276];

static void fput32(size_t off, u32 v) { put32(fadt, off, v); }

static void fput_gas(size_t off, u8 space, u64 addr)
{
	put8(fadt, off, space);
	put8(fadt, off + 1, 8);
	put64(fadt, off + 4, addr);
}

static void install_fadt_rev(size_t len, u8 revision)
{
	struct fake_rsdp r;
	struct acpi_table_header *t;
	size_t rlen;

	t = fake_table_new(FADT, "FACP", fadt + 36, len - 36);
	t->revision = revision;
	fake_table_fix(t);
	fake_rsdt(RSDT, (const u64[]){ FADT }, 1);
	rlen = fake_rsdp_v1(&r, RSDT);
	assert_int_equal(acpi_init(r.b, rlen), 0);
}

static void install_fadt(size_t len)
{
	install_fadt_rev(len, 1);
}

/* A DSDT whose AML is some filler, the given bytes, and some more filler. */
static void make_dsdt(u64 phys, const u8 *aml, size_t len)
{
	u8 body[256];

	memset(body, 0xa3, 16);		/* NoopOp */
	memcpy(body + 16, aml, len);
	memset(body + 16 + len, 0xa3, 8);
	fake_table_new(phys, "DSDT", body, 16 + len + 8);
}

/* ACPI 1.0 FADT (116 bytes, QEMU "pc"): no reset register, no X_ fields. */
static void qemu_pc_fadt(void)
{
	fput32(F_DSDT, DSDT);
	fput32(F_SMI_CMD, 0xb2);
	fadt[F_ACPI_ENABLE] = 0xf1;
	fput32(F_PM1A_CNT, 0x604);
	install_fadt(116);
}

static const u8 s5_zero[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x06, 0x04, 0, 0, 0, 0 };
static const u8 s5_byte[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x08, 0x04,
			      0x0a, 0x05, 0x0a, 0x06, 0x00, 0x00 };

static int setup(void **state)
{
	fake_acpi_reset();
	memset(fadt, 0, sizeof(fadt));
	memset(&acpi_info, 0, sizeof(acpi_info));
	return 0;
}

static int teardown(void **state)
{
	fake_acpi_reset();
	return 0;
}

static void test_fadt_v1_s5_zero(void **state)
{
	make_dsdt(DSDT, s5_zero, sizeof(s5_zero));
	qemu_pc_fadt();
	assert_true(acpi_info.have_fadt);
	assert_int_equal(acpi_info.pm1a_cnt, 0x604);
	assert_int_equal(acpi_info.pm1b_cnt, 0);
	assert_true(acpi_info.have_s5);
	assert_int_equal(acpi_info.slp_typa, 0);
	assert_int_equal(acpi_info.slp_typb, 0);
	assert_false(acpi_info.have_reset_reg);
	assert_int_equal(acpi_reboot(), -ENODEV);
	acpi_print_summary();
	assert_true(fake_log_has("<6>ACPI: poweroff via PM1a_CNT 0x604 PM1b_CNT 0x0, S5 SLP_TYP 0/0\n"));
	assert_true(fake_log_has("<6>ACPI: no reset register\n"));
}

static void test_fadt_v3_x_fields_s5_byte(void **state)
{
	make_dsdt(DSDT, s5_zero, sizeof(s5_zero));	/* the 32-bit one: not used */
	make_dsdt(DSDT2, s5_byte, sizeof(s5_byte));
	fput32(F_DSDT, DSDT);
	put64(fadt, F_X_DSDT, DSDT2);
	fput32(F_PM1A_CNT, 0x1234);			/* the X_ field wins */
	fput_gas(F_X_PM1A_CNT, 1, 0xb004);
	fput_gas(F_X_PM1B_CNT, 1, 0xb104);
	fput32(F_FLAGS, 1u << 10);
	fput_gas(F_RESET_REG, 1, 0xcf9);
	fadt[F_RESET_VALUE] = 0x0f;
	install_fadt(244);
	assert_int_equal(acpi_info.pm1a_cnt, 0xb004);
	assert_int_equal(acpi_info.pm1b_cnt, 0xb104);
	assert_true(acpi_info.have_s5);
	assert_int_equal(acpi_info.slp_typa, 5);
	assert_int_equal(acpi_info.slp_typb, 6);
	assert_true(acpi_info.have_reset_reg);
	assert_int_equal(acpi_info.reset_port, 0xcf9);
	assert_int_equal(acpi_info.reset_value, 0x0f);
	acpi_print_summary();
	assert_true(fake_log_has("<6>ACPI: reset register I/O 0xcf9 value 0xf\n"));

	assert_int_equal(acpi_reboot(), 0);
	assert_int_equal(fake_port_nr_writes, 1);
	assert_int_equal(fake_port_log[0].port, 0xcf9);
	assert_int_equal(fake_port_log[0].size, 1);
	assert_int_equal(fake_port_log[0].val, 0x0f);
}

/*
 * IAPC_BOOT_ARCH bit 1 says whether there is an 8042 (ACPI 6.5 table 5.11),
 * from FADT revision 3 on; in ACPI 1.0 tables the byte is reserved and zero,
 * which must not read as "no 8042" (QEMU's pc machine has such a table).
 */
static void test_fadt_8042_flag(void **state)
{
	qemu_pc_fadt();
	assert_false(acpi_info.no_8042);

	setup(state);
	install_fadt_rev(244, 3);		/* ACPI 2.0+, boot arch 0: none */
	assert_true(acpi_info.no_8042);

	setup(state);
	put16(fadt, F_IAPC_BOOT_ARCH, 0x0003);	/* LEGACY_DEVICES | 8042 */
	install_fadt_rev(244, 6);
	assert_false(acpi_info.no_8042);
}

static void test_reset_reg_unsupported(void **state)
{
	make_dsdt(DSDT, s5_zero, sizeof(s5_zero));
	fput32(F_DSDT, DSDT);
	fput32(F_PM1A_CNT, 0x604);
	fput_gas(F_RESET_REG, 1, 0xcf9);
	fadt[F_RESET_VALUE] = 6;
	install_fadt(244);				/* RESET_REG_SUP clear */
	assert_false(acpi_info.have_reset_reg);

	fake_acpi_reset();
	make_dsdt(DSDT, s5_zero, sizeof(s5_zero));
	fput32(F_FLAGS, 1u << 10);
	fput_gas(F_RESET_REG, 0, 0xfed00000);		/* memory space */
	install_fadt(244);
	assert_false(acpi_info.have_reset_reg);
	assert_true(fake_log_has("reset register in space 0 at 0xfed00000 unsupported"));
	assert_int_equal(acpi_reboot(), -ENODEV);
	assert_int_equal(fake_port_nr_writes, 0);
}

static void test_poweroff_writes(void **state)
{
	make_dsdt(DSDT, s5_byte, sizeof(s5_byte));
	fput32(F_DSDT, DSDT);
	fput32(F_PM1A_CNT, 0x604);
	fput32(F_PM1B_CNT, 0x704);
	install_fadt(116);
	fake_port_value[0x604] = 0x0001 | (7 << 10);	/* SCI_EN, stale SLP_TYP */
	fake_port_value[0x704] = 0x0001;
	assert_int_equal(acpi_poweroff(), 0);
	assert_int_equal(fake_port_nr_writes, 4);
	assert_int_equal(fake_port_log[0].port, 0x604);
	assert_int_equal(fake_port_log[0].size, 2);
	assert_int_equal(fake_port_log[0].val, 0x0001 | (5 << 10));
	assert_int_equal(fake_port_log[1].port, 0x704);
	assert_int_equal(fake_port_log[1].val, 0x0001 | (6 << 10));
	assert_int_equal(fake_port_log[2].port, 0x604);
	assert_int_equal(fake_port_log[2].val, 0x0001 | (5 << 10) | (1 << 13));
	assert_int_equal(fake_port_log[3].port, 0x704);
	assert_int_equal(fake_port_log[3].val, 0x0001 | (6 << 10) | (1 << 13));
}

/* The chipset's side of the ACPI-mode switch: SCI_EN comes on. */
static void chipset_enables_acpi(u16 port, int size, u32 val)
{
	if (port == 0xb2 && val == 0xf1)
		fake_port_value[0x604] |= 1;
}

static void test_poweroff_enables_acpi_mode(void **state)
{
	make_dsdt(DSDT, s5_zero, sizeof(s5_zero));
	qemu_pc_fadt();
	fake_port_write_hook = chipset_enables_acpi;
	assert_int_equal(acpi_poweroff(), 0);
	assert_int_equal(fake_port_nr_writes, 3);
	assert_int_equal(fake_port_log[0].port, 0xb2);
	assert_int_equal(fake_port_log[0].size, 1);
	assert_int_equal(fake_port_log[0].val, 0xf1);
	assert_int_equal(fake_port_log[2].port, 0x604);
	assert_int_equal(fake_port_log[2].val, 0x0001 | (1 << 13));
	assert_false(fake_log_has("SCI_EN still clear"));

	/* A chipset that never switches: bounded wait, a warning, then try anyway. */
	fake_acpi_reset();
	make_dsdt(DSDT, s5_zero, sizeof(s5_zero));
	qemu_pc_fadt();
	assert_int_equal(acpi_poweroff(), 0);
	assert_true(fake_log_has("<4>ACPI: SCI_EN still clear after 300 ms"));
	assert_int_equal(fake_port_log[fake_port_nr_writes - 1].val, 1 << 13);
}

static void test_poweroff_unsupported(void **state)
{
	assert_int_equal(acpi_poweroff(), -ENODEV);	/* nothing parsed at all */

	make_dsdt(DSDT, (const u8 *)"\x08_S6_\x12\x03\x01\x00", 9);
	qemu_pc_fadt();
	assert_false(acpi_info.have_s5);
	assert_true(fake_log_has("<4>ACPI: DSDT has no \\_S5 package"));
	assert_int_equal(acpi_poweroff(), -ENODEV);
	assert_int_equal(fake_port_nr_writes, 0);
	acpi_print_summary();
	assert_true(fake_log_has("<6>ACPI: no S5 poweroff\n"));
}

static void test_dsdt_bad_checksum(void **state)
{
	struct acpi_table_header *t;

	make_dsdt(DSDT, s5_zero, sizeof(s5_zero));
	t = fake_region_at(DSDT, 36);
	t->checksum++;
	qemu_pc_fadt();
	assert_true(acpi_info.have_fadt);
	assert_false(acpi_info.have_s5);
	assert_true(fake_log_has("<3>ACPI: DSDT table at 0x6000: checksum mismatch"));
}

/* Every prefix of the \_S5 declaration as the DSDT's last bytes. */
static void test_truncated_dsdt(void **state)
{
	for (size_t cut = 0; cut < sizeof(s5_byte); cut++) {
		fake_acpi_reset();
		fake_table_new(DSDT, "DSDT", s5_byte, cut);
		qemu_pc_fadt();
		assert_false(acpi_info.have_s5);
	}
	fake_acpi_reset();
	fake_table_new(DSDT, "DSDT", s5_byte, sizeof(s5_byte));	/* whole: found */
	qemu_pc_fadt();
	assert_true(acpi_info.have_s5);
}

static void test_s5_malformed(void **state)
{
	static const struct {
		u8 aml[16];
		size_t len;
		const char *msg;
	} cases[] = {
		/* PkgLength 0x30 runs far past the table. */
		{ { 0x08, '_', 'S', '5', '_', 0x12, 0x30, 0x02, 0, 0 }, 10, "runs past" },
		/* Two-byte PkgLength claiming 0x104 bytes. */
		{ { 0x08, '_', 'S', '5', '_', 0x12, 0x44, 0x10, 0x02, 0, 0 }, 11, "runs past" },
		/* PkgLength 1: no room even for NumElements. */
		{ { 0x08, '_', 'S', '5', '_', 0x12, 0x01, 0x02, 0, 0 }, 10, "runs past" },
		/* One element only. */
		{ { 0x08, '_', 'S', '5', '_', 0x12, 0x04, 0x01, 0x0a, 5 }, 10, "fewer than 2" },
		/* Package ends inside the second BytePrefix value. */
		{ { 0x08, '_', 'S', '5', '_', 0x12, 0x05, 0x02, 0x0a, 5, 0x0a, 6 }, 12, "not small" },
		/* A string where an integer should be. */
		{ { 0x08, '_', 'S', '5', '_', 0x12, 0x05, 0x02, 0x0d, 'a', 0 }, 11, "not small" },
		/* SLP_TYP is 3 bits wide. */
		{ { 0x08, '_', 'S', '5', '_', 0x12, 0x06, 0x02, 0x0a, 9, 0x0a, 0 }, 12, "out of range" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		fake_acpi_reset();
		make_dsdt(DSDT, cases[i].aml, cases[i].len);
		qemu_pc_fadt();
		assert_false(acpi_info.have_s5);
		assert_true(fake_log_has(cases[i].msg));
	}
}

static void test_s5_other_forms(void **state)
{
	/* Root-prefixed name, two-byte PkgLength, One and WordPrefix values. */
	static const u8 aml[] = { 0x08, '\\', '_', 'S', '5', '_', 0x12, 0x47, 0x00,
				  0x02, 0x01, 0x0b, 0x07, 0x00 };
	/* A reference to _S5_ (no NameOp) before the real declaration. */
	static const u8 ref_first[] = { 0x70, '_', 'S', '5', '_', 0x12, 0x00,
					0x08, '_', 'S', '5', '_', 0x12, 0x05, 0x02,
					0x01, 0x0a, 0x03 };

	make_dsdt(DSDT, aml, sizeof(aml));
	qemu_pc_fadt();
	assert_true(acpi_info.have_s5);
	assert_int_equal(acpi_info.slp_typa, 1);
	assert_int_equal(acpi_info.slp_typb, 7);

	fake_acpi_reset();
	make_dsdt(DSDT, ref_first, sizeof(ref_first));
	qemu_pc_fadt();
	assert_true(acpi_info.have_s5);
	assert_int_equal(acpi_info.slp_typa, 1);
	assert_int_equal(acpi_info.slp_typb, 3);
}

static void test_fadt_short_or_odd(void **state)
{
	fput32(F_PM1A_CNT, 0x604);
	install_fadt(100);
	assert_false(acpi_info.have_fadt);
	assert_true(fake_log_has("<3>ACPI: FACP: length 100 shorter than ACPI 1.0's 116"));

	/* Memory-space PM1a block and no port: no poweroff, said so. */
	fake_acpi_reset();
	make_dsdt(DSDT, s5_zero, sizeof(s5_zero));
	fput32(F_PM1A_CNT, 0);
	fput32(F_DSDT, DSDT);
	fput_gas(F_X_PM1A_CNT, 0, 0xfed80000);
	install_fadt(244);
	assert_int_equal(acpi_info.pm1a_cnt, 0);
	assert_true(fake_log_has("X_PM1a_CNT_BLK in address space 0, unsupported"));
	assert_int_equal(acpi_poweroff(), -ENODEV);

	/* No DSDT address at all. */
	fake_acpi_reset();
	memset(fadt, 0, sizeof(fadt));
	fput32(F_PM1A_CNT, 0x604);
	install_fadt(116);
	assert_true(fake_log_has("FADT: no DSDT address"));
	assert_false(acpi_info.have_s5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fadt_v1_s5_zero, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fadt_v3_x_fields_s5_byte, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reset_reg_unsupported, setup, teardown),
		cmocka_unit_test_setup_teardown(test_poweroff_writes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_poweroff_enables_acpi_mode, setup, teardown),
		cmocka_unit_test_setup_teardown(test_poweroff_unsupported, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dsdt_bad_checksum, setup, teardown),
		cmocka_unit_test_setup_teardown(test_truncated_dsdt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_s5_malformed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_s5_other_forms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fadt_short_or_odd, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fadt_8042_flag, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
