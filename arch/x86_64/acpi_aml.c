/*
 * Just enough AML to power off: find the \_S5 object in the DSDT and read
 * its first two integers, the SLP_TYP values for PM1a and PM1b (ACPI 6.5
 * 7.4.2, 16.1.4). No interpreter: we look for the byte pattern
 *     NameOp '_S5_' PackageOp PkgLength NumElements SLP_TYPa SLP_TYPb ...
 * and check every length against the end of both the package and the table,
 * because a DSDT is firmware input and may be cut short or simply wrong.
 */
#include <arch/x86_64/acpi.h>
#include <arch/x86_64/acpi_tables.h>
#include <lib/printk.h>
#include <lib/string.h>

/* Opcodes, ACPI 6.5 20.2 (AML grammar). */
#define AML_ZERO_OP		0x00
#define AML_ONE_OP		0x01
#define AML_NAME_OP		0x08
#define AML_BYTE_PREFIX		0x0a
#define AML_WORD_PREFIX		0x0b
#define AML_PACKAGE_OP		0x12
#define AML_ROOT_CHAR		0x5c	/* '\' */

/* SLP_TYP is a 3-bit field of PM1 control (4.8.3.2.1). */
#define ACPI_SLP_TYP_MAX	7

/*
 * 20.2.4 PkgLength: bits 7:6 of the lead byte count the bytes that follow.
 * With none, bits 5:0 are the length; else bits 3:0 are its low nibble and
 * each following byte adds 8 more bits. Returns the bytes used, 0 if cut off.
 */
static size_t aml_pkg_length(const u8 *p, const u8 *end, u32 *len)
{
	size_t follow;

	if (p >= end)
		return 0;
	follow = p[0] >> 6;
	if ((size_t)(end - p) < 1 + follow)
		return 0;
	if (!follow) {
		*len = p[0] & 0x3f;
		return 1;
	}
	*len = p[0] & 0x0f;
	for (size_t i = 0; i < follow; i++)
		*len |= (u32)p[1 + i] << (4 + 8 * i);
	return 1 + follow;
}

/* 20.2.3 ComputationalData, the small integer forms. Returns bytes used or 0. */
static size_t aml_integer(const u8 *p, const u8 *end, u32 *val)
{
	if (p >= end)
		return 0;
	switch (p[0]) {
	case AML_ZERO_OP:
		*val = 0;
		return 1;
	case AML_ONE_OP:
		*val = 1;
		return 1;
	case AML_BYTE_PREFIX:
		if (end - p < 2)
			return 0;
		*val = p[1];
		return 2;
	case AML_WORD_PREFIX:
		if (end - p < 3)
			return 0;
		*val = p[1] | (u32)p[2] << 8;
		return 3;
	default:
		return 0;
	}
}

/* p points just past PackageOp. Returns true with both values filled in. */
static bool aml_s5_package(const u8 *p, const u8 *table_end, u32 *typa, u32 *typb)
{
	const u8 *pkg_end, *q;
	size_t n, used;
	u32 pkg_len;

	n = aml_pkg_length(p, table_end, &pkg_len);
	if (!n || pkg_len > (size_t)(table_end - p) || pkg_len < n + 1) {
		pr_warn("ACPI: DSDT: \\_S5 package length runs past the table\n");
		return false;
	}
	pkg_end = p + pkg_len;	/* PkgLength counts itself */
	q = p + n;
	if (*q++ < 2) {
		pr_warn("ACPI: DSDT: \\_S5 package has fewer than 2 elements\n");
		return false;
	}
	used = aml_integer(q, pkg_end, typa);
	if (!used || !(used = aml_integer(q + used, pkg_end, typb))) {
		pr_warn("ACPI: DSDT: \\_S5 elements are not small integers\n");
		return false;
	}
	if (*typa > ACPI_SLP_TYP_MAX || *typb > ACPI_SLP_TYP_MAX) {
		pr_warn("ACPI: DSDT: \\_S5 SLP_TYP %u/%u out of range\n", *typa, *typb);
		return false;
	}
	return true;
}

/* A declaration, not a reference: NameOp, optionally with a root prefix. */
static bool aml_is_name_decl(const u8 *start, const u8 *name)
{
	if (name > start && name[-1] == AML_NAME_OP)
		return true;
	return name - start >= 2 && name[-1] == AML_ROOT_CHAR && name[-2] == AML_NAME_OP;
}

void acpi_parse_s5(const struct acpi_table_header *dsdt)
{
	const u8 *aml = (const u8 *)(dsdt + 1);
	const u8 *end = (const u8 *)dsdt + dsdt->length;
	u32 typa, typb;

	/* 5 bytes: the name and the PackageOp after it. */
	for (const u8 *p = aml; end - p >= 5; p++) {
		if (memcmp(p, "_S5_", 4) != 0 || p[4] != AML_PACKAGE_OP ||
		    !aml_is_name_decl(aml, p))
			continue;
		if (!aml_s5_package(p + 5, end, &typa, &typb))
			return;
		acpi_info.have_s5 = true;
		acpi_info.slp_typa = typa;
		acpi_info.slp_typb = typb;
		return;
	}
	pr_warn("ACPI: DSDT has no \\_S5 package: no ACPI poweroff\n");
}
