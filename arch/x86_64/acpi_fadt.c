/*
 * FADT (ACPI 6.5 5.2.9): the fixed hardware registers. We want two things
 * from it: the PM1 control ports and the DSDT (whose \_S5 says what to write
 * there to power off), and the reset register. Older FADTs are shorter, so
 * every field is read only if the table's length reaches it.
 */
#include <arch/x86_64/acpi.h>
#include <arch/x86_64/acpi_tables.h>
#include <arch/x86_64/io.h>
#include <lib/errno.h>
#include <lib/ktime.h>
#include <lib/printk.h>
#include <lib/string.h>

/* Table 5.9, up to the fields we use; offsets in the comments. */
struct acpi_fadt {
	struct acpi_table_header header;
	u32 firmware_ctrl;		/* 36 */
	u32 dsdt;			/* 40 */
	u8 reserved0;
	u8 preferred_pm_profile;
	u16 sci_int;
	u32 smi_cmd;			/* 48: port that switches to ACPI mode */
	u8 acpi_enable;			/* 52: value to write there */
	u8 acpi_disable;
	u8 s4bios_req;
	u8 pstate_cnt;
	u32 pm1a_evt_blk;		/* 56 */
	u32 pm1b_evt_blk;
	u32 pm1a_cnt_blk;		/* 64 */
	u32 pm1b_cnt_blk;		/* 68 */
	u32 pm2_cnt_blk;
	u32 pm_tmr_blk;
	u32 gpe0_blk;
	u32 gpe1_blk;
	u8 pm1_evt_len;			/* 88 */
	u8 pm1_cnt_len;
	u8 pm2_cnt_len;
	u8 pm_tmr_len;
	u8 gpe0_blk_len;
	u8 gpe1_blk_len;
	u8 gpe1_base;
	u8 cst_cnt;
	u16 p_lvl2_lat;			/* 96 */
	u16 p_lvl3_lat;
	u16 flush_size;
	u16 flush_stride;
	u8 duty_offset;			/* 104 */
	u8 duty_width;
	u8 day_alrm;
	u8 mon_alrm;
	u8 century;
	u16 iapc_boot_arch;		/* 109 */
	u8 reserved1;
	u32 flags;			/* 112; ACPI 1.0 FADTs end here (116 bytes) */
	struct acpi_gas reset_reg;	/* 116 */
	u8 reset_value;			/* 128 */
	u16 arm_boot_arch;
	u8 minor_version;
	u64 x_firmware_ctrl;		/* 132 */
	u64 x_dsdt;			/* 140 */
	struct acpi_gas x_pm1a_evt_blk;	/* 148 */
	struct acpi_gas x_pm1b_evt_blk;	/* 160 */
	struct acpi_gas x_pm1a_cnt_blk;	/* 172 */
	struct acpi_gas x_pm1b_cnt_blk;	/* 184 */
	struct acpi_gas x_pm2_cnt_blk;	/* 196 */
	struct acpi_gas x_pm_tmr_blk;	/* 208 */
} __packed;
BUILD_BUG_ON(offsetof(struct acpi_fadt, x_pm1b_cnt_blk) != 184);
BUILD_BUG_ON(offsetof(struct acpi_fadt, x_pm_tmr_blk) != 208);

#define ACPI_FADT_V1_LEN	116
#define ACPI_FADT_TMR_VAL_EXT	BIT(8)	/* table 5.10: the PM timer is 32 bits, not 24 */
#define ACPI_FADT_RESET_REG_SUP	BIT(10)	/* table 5.10: RESET_REG is usable */
/* 5.2.9.3, table 5.11: IAPC_BOOT_ARCH bit 1, "the motherboard has an 8042". Defined
 * from ACPI 2.0 (FADT revision 3); before that the field was reserved (zero). */
#define ACPI_FADT_8042		BIT(1)
#define ACPI_FADT_REV_BOOT_ARCH	3

/* Does the table reach to the end of this field? */
#define FADT_HAS(f, field) \
	((f)->header.length >= offsetof(struct acpi_fadt, field) + sizeof((f)->field))

/* 4.8.3.2.1, table 4.13: PM1 control register bits. */
#define ACPI_PM1_SCI_EN		BIT(0)	/* set: the chipset is in ACPI mode */
#define ACPI_PM1_SLP_TYP_SHIFT	10
#define ACPI_PM1_SLP_TYP_MASK	(7u << ACPI_PM1_SLP_TYP_SHIFT)
#define ACPI_PM1_SLP_EN		BIT(13)

/* 4.8.2.1: switching to ACPI mode can take a while; we give it 300 ms. */
#define ACPI_ENABLE_WAIT_MS	300

/* Legacy-to-ACPI mode switch (only needed before poweroff), private here. */
static u16 fadt_smi_cmd;
static u8 fadt_acpi_enable;

void acpi_fadt_reset(void)
{
	fadt_smi_cmd = 0;
	fadt_acpi_enable = 0;
}

/*
 * A PM1 control block or the PM timer: the 64-bit GAS when present and in I/O space, else
 * the 32-bit port. We only do port I/O, so a memory-space block is refused.
 */
static u16 fadt_pm1_port(const char *name, u32 port32, const struct acpi_gas *x)
{
	u64 port = port32;

	if (x && x->address) {
		if (x->space_id == ACPI_GAS_SPACE_IO)
			port = x->address;
		else if (!port32)
			pr_warn("ACPI: FADT: X_%s in address space %u, unsupported\n",
				name, x->space_id);
	}
	if (port > 0xffff) {
		pr_warn("ACPI: FADT: %s port 0x%llx is not an I/O port\n",
			name, (unsigned long long)port);
		return 0;
	}
	return (u16)port;
}

static void fadt_reset_reg(const struct acpi_fadt *f)
{
	const struct acpi_gas *g = &f->reset_reg;

	if (!FADT_HAS(f, reset_value) || !(f->flags & ACPI_FADT_RESET_REG_SUP))
		return;
	if (g->space_id != ACPI_GAS_SPACE_IO || !g->address || g->address > 0xffff) {
		pr_info("ACPI: FADT: reset register in space %u at 0x%llx unsupported\n",
			g->space_id, (unsigned long long)g->address);
		return;
	}
	acpi_info.have_reset_reg = true;
	acpi_info.reset_port = (u16)g->address;
	acpi_info.reset_value = f->reset_value;
}

static void fadt_dsdt(const struct acpi_fadt *f)
{
	u64 phys = f->dsdt;
	const struct acpi_table_header *dsdt;

	if (FADT_HAS(f, x_dsdt) && f->x_dsdt)
		phys = f->x_dsdt;
	if (!phys) {
		pr_warn("ACPI: FADT: no DSDT address: no ACPI poweroff\n");
		return;
	}
	dsdt = acpi_get_table(phys, "DSDT");
	if (dsdt) {
		acpi_parse_s5(dsdt);
		acpi_put_table(dsdt);
	}
}

void acpi_parse_fadt(const struct acpi_table_header *t)
{
	const struct acpi_fadt *f = (const void *)t;

	if (t->length < ACPI_FADT_V1_LEN) {
		pr_err("ACPI: FACP: length %u shorter than ACPI 1.0's %u, ignored\n",
		       t->length, ACPI_FADT_V1_LEN);
		return;
	}
	acpi_info.have_fadt = true;
	acpi_info.pm1a_cnt = fadt_pm1_port("PM1a_CNT_BLK", f->pm1a_cnt_blk,
					   FADT_HAS(f, x_pm1a_cnt_blk) ? &f->x_pm1a_cnt_blk : NULL);
	acpi_info.pm1b_cnt = fadt_pm1_port("PM1b_CNT_BLK", f->pm1b_cnt_blk,
					   FADT_HAS(f, x_pm1b_cnt_blk) ? &f->x_pm1b_cnt_blk : NULL);
	if (f->smi_cmd <= 0xffff) {
		fadt_smi_cmd = (u16)f->smi_cmd;
		fadt_acpi_enable = f->acpi_enable;
	}
	/* The PM timer, a reference for calibrating the TSC (acpi_pm.c). */
	acpi_info.pm_tmr_port = fadt_pm1_port("PM_TMR_BLK", f->pm_tmr_blk,
					      FADT_HAS(f, x_pm_tmr_blk) ? &f->x_pm_tmr_blk : NULL);
	acpi_info.pm_tmr_32bit = !!(f->flags & ACPI_FADT_TMR_VAL_EXT);
	acpi_info.no_8042 = t->revision >= ACPI_FADT_REV_BOOT_ARCH &&
			    !(f->iapc_boot_arch & ACPI_FADT_8042);
	fadt_reset_reg(f);
	fadt_dsdt(f);
}

/*
 * Firmware may boot us in legacy mode, where SLP_EN can be ignored or
 * trapped to SMM; the FADT says how to ask for ACPI mode (4.8.2.1).
 */
static void acpi_enable_mode(void)
{
	if (inw(acpi_info.pm1a_cnt) & ACPI_PM1_SCI_EN)
		return;
	if (!fadt_smi_cmd || !fadt_acpi_enable)
		return;	/* hardware-reduced or always in ACPI mode */
	outb(fadt_acpi_enable, fadt_smi_cmd);
	for (int ms = 0; ms < ACPI_ENABLE_WAIT_MS; ms++) {
		if (inw(acpi_info.pm1a_cnt) & ACPI_PM1_SCI_EN)
			return;
		mdelay(1);
	}
	pr_warn("ACPI: SCI_EN still clear after %d ms, trying poweroff anyway\n",
		ACPI_ENABLE_WAIT_MS);
}

/* The PM1 control value with SLP_TYP set and the other bits kept. */
static u16 acpi_pm1_sleep_value(u16 port, u16 slp_typ)
{
	u16 v = inw(port) & ~(ACPI_PM1_SLP_TYP_MASK | ACPI_PM1_SLP_EN);

	return v | (u16)(slp_typ << ACPI_PM1_SLP_TYP_SHIFT);
}

/*
 * 7.4.2 and 16.1.4: SLP_TYP goes to PM1a and PM1b first, then SLP_EN with
 * it; the chipset enters the state on the SLP_EN write.
 */
int acpi_poweroff(void)
{
	u16 a, b = 0;

	if (!acpi_info.have_fadt || !acpi_info.have_s5 || !acpi_info.pm1a_cnt)
		return -ENODEV;
	acpi_enable_mode();
	a = acpi_pm1_sleep_value(acpi_info.pm1a_cnt, acpi_info.slp_typa);
	outw(a, acpi_info.pm1a_cnt);
	if (acpi_info.pm1b_cnt) {
		b = acpi_pm1_sleep_value(acpi_info.pm1b_cnt, acpi_info.slp_typb);
		outw(b, acpi_info.pm1b_cnt);
	}
	outw(a | ACPI_PM1_SLP_EN, acpi_info.pm1a_cnt);
	if (acpi_info.pm1b_cnt)
		outw(b | ACPI_PM1_SLP_EN, acpi_info.pm1b_cnt);
	return 0;
}

int acpi_reboot(void)
{
	if (!acpi_info.have_reset_reg)
		return -ENODEV;
	outb(acpi_info.reset_value, acpi_info.reset_port);
	return 0;
}

void acpi_print_fadt(void)
{
	if (!acpi_info.have_fadt)
		return;
	if (acpi_info.have_s5)
		pr_info("ACPI: poweroff via PM1a_CNT 0x%x PM1b_CNT 0x%x, S5 SLP_TYP %u/%u\n",
			acpi_info.pm1a_cnt, acpi_info.pm1b_cnt,
			acpi_info.slp_typa, acpi_info.slp_typb);
	else
		pr_info("ACPI: no S5 poweroff\n");
	if (acpi_info.have_reset_reg)
		pr_info("ACPI: reset register I/O 0x%x value 0x%x\n",
			acpi_info.reset_port, acpi_info.reset_value);
	else
		pr_info("ACPI: no reset register\n");
}
