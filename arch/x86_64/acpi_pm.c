/*
 * The ACPI power-management timer as a reference for calibrating the TSC:
 * a counter in I/O space at 3.579545 MHz (ACPI 6.5, 4.8.3.3), 24 bits wide
 * unless the FADT's TMR_VAL_EXT flag says 32 (acpi_fadt.c reads both).
 * It wraps every 4.7 s at 24 bits; the calibration loop reads it far more
 * often than that and counts the wraps.
 */
#include <arch/x86_64/acpi.h>
#include <arch/x86_64/clocksource.h>
#include <arch/x86_64/io.h>
#include <lib/errno.h>
#include <lib/printk.h>

#define ACPI_PM_TIMER_HZ	3579545

static int acpi_pm_start(struct refclock *rc)
{
	if (!acpi_info.pm_tmr_port) {
		pr_info("acpi_pm: no PM timer in the FADT\n");
		return -ENODEV;
	}
	rc->hz = ACPI_PM_TIMER_HZ;
	rc->mask = acpi_info.pm_tmr_32bit ? 0xffffffff : 0xffffff;
	pr_info("acpi_pm: PM timer at port 0x%x, %d-bit\n", acpi_info.pm_tmr_port,
		acpi_info.pm_tmr_32bit ? 32 : 24);
	return 0;
}

/* Bits above the counter's width are reserved (ACPI 6.5, 4.8.3.3): masked off. */
static u32 acpi_pm_read(struct refclock *rc)
{
	return inl(acpi_info.pm_tmr_port) & rc->mask;
}

static void acpi_pm_stop(struct refclock *rc)
{
}

struct refclock acpi_pm_refclock = {
	.name = "acpi_pm",
	.label = "ACPI PM timer",
	.start = acpi_pm_start,
	.read = acpi_pm_read,
	.stop = acpi_pm_stop,
};
