/*
 * The HPET as a reference for calibrating the TSC: its main counter ticks
 * at a period the hardware states in femtoseconds. Only the counter is used
 * (no comparators, no interrupts). Register offsets and bits are from the
 * IA-PC HPET specification 1.0a, section 2.3; ACPI's HPET table
 * (acpi_hpet.c) says where the block is.
 */
#include <arch/x86_64/acpi.h>
#include <arch/x86_64/clocksource.h>
#include <arch/x86_64/io.h>
#include <lib/errno.h>
#include <lib/printk.h>

#define HPET_MMIO_SIZE		1024	/* 2.3.1: the register block */
#define HPET_ID			0x000	/* general capabilities, low half */
#define HPET_PERIOD		0x004	/* its high half: COUNTER_CLK_PERIOD, fs */
#define HPET_CFG		0x010	/* general configuration */
#define HPET_CFG_ENABLE		BIT(0)	/* ENABLE_CNF: the main counter runs */
#define HPET_COUNTER		0x0f0	/* main counter; its low 32 bits suffice */
#define HPET_MAX_PERIOD		100000000u	/* 2.3.4: at most 100 ns (0x05F5E100 fs) */
#define FSEC_PER_SEC		1000000000000000ULL

static u8 *hpet_regs;		/* mapped only while calibrating */
static u32 hpet_saved_cfg;

static void hpet_unmap(void)
{
	iounmap(hpet_regs);
	hpet_regs = NULL;
}

static int hpet_start(struct refclock *rc)
{
	u32 id, period;

	if (!acpi_info.have_hpet) {
		pr_info("hpet: no ACPI HPET table\n");
		return -ENODEV;
	}
	hpet_regs = ioremap(acpi_info.hpet_address, HPET_MMIO_SIZE);
	if (!hpet_regs) {
		pr_err("hpet: cannot map 0x%llx\n", (unsigned long long)acpi_info.hpet_address);
		return -ENODEV;
	}
	id = readl(hpet_regs + HPET_ID);
	period = readl(hpet_regs + HPET_PERIOD);
	if (id == 0xffffffff) {
		pr_err("hpet: 0x%llx reads all ones: nothing there\n",
		       (unsigned long long)acpi_info.hpet_address);
		hpet_unmap();
		return -ENODEV;
	}
	if (period == 0 || period > HPET_MAX_PERIOD) {
		pr_err("hpet: COUNTER_CLK_PERIOD %u fs is outside (0, 100 ns]; not used\n", period);
		hpet_unmap();
		return -ENODEV;
	}
	rc->hz = FSEC_PER_SEC / period;
	rc->mask = 0xffffffff;
	hpet_saved_cfg = readl(hpet_regs + HPET_CFG);
	if (!(hpet_saved_cfg & HPET_CFG_ENABLE))
		writel(hpet_saved_cfg | HPET_CFG_ENABLE, hpet_regs + HPET_CFG);
	pr_info("hpet: %u at 0x%llx, %llu Hz (period %u fs)\n", acpi_info.hpet_number,
		(unsigned long long)acpi_info.hpet_address, (unsigned long long)rc->hz, period);
	return 0;
}

static u32 hpet_read(struct refclock *rc)
{
	return readl(hpet_regs + HPET_COUNTER);
}

/* The counter is left running only if firmware left it so: nothing else here uses it. */
static void hpet_stop(struct refclock *rc)
{
	if (!(hpet_saved_cfg & HPET_CFG_ENABLE))
		writel(hpet_saved_cfg, hpet_regs + HPET_CFG);
	hpet_unmap();
}

struct refclock hpet_refclock = {
	.name = "hpet",
	.label = "HPET",
	.start = hpet_start,
	.read = hpet_read,
	.stop = hpet_stop,
};
