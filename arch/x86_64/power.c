/* reboot and poweroff: ACPI where the tables allow, then the legacy ways. */
#include <lib/types.h>
#include <lib/printk.h>
#include <lib/shell.h>
#include <lib/ktime.h>
#include <arch/x86_64/io.h>
#include <arch/x86_64/irqflags.h>
#include <arch/x86_64/acpi.h>
#include <arch/x86_64/qemu.h>

#define KBC_STATUS	0x64
#define KBC_CMD_RESET	0xFE	/* pulse the CPU reset line */

__noreturn void machine_restart(void)
{
	printk(KERN_NOTICE "reboot: restarting\n");
	local_irq_disable();
	acpi_reboot();
	mdelay(50);
	/* The 8042 keyboard controller's reset line exists on PCs and QEMU's pc and q35. */
	for (int i = 0; i < 10000 && (inb(KBC_STATUS) & 0x02); i++)
		udelay(10);
	outb(KBC_CMD_RESET, KBC_STATUS);
	mdelay(50);
	/* Last resort: an empty IDT turns the next interrupt into a triple fault. */
	struct { u16 limit; u64 base; } __packed empty = { 0, 0 };
	__asm__ __volatile__("lidt %0; int3" : : "m"(empty));
	for (;;)
		__asm__ __volatile__("hlt");
}

__noreturn void machine_power_off(void)
{
	printk(KERN_NOTICE "poweroff: powering off\n");
	local_irq_disable();
	if (acpi_poweroff() == 0)
		mdelay(100);	/* S5 takes effect asynchronously on some chipsets */
	/* No ACPI S5 (or it did not take): QEMU's debug-exit device, clean status 33. */
	qemu_debug_exit(QEMU_EXIT_CLEAN);
	printk(KERN_EMERG "poweroff: no way to power off; halted. It is safe to switch off.\n");
	for (;;)
		__asm__ __volatile__("cli; hlt");
}

static int cmd_reboot(int argc, char **argv)
{
	if (argc != 1)
		return shell_usage(shell_find("reboot"));
	machine_restart();
}
SHELL_COMMAND("reboot", cmd_reboot, "reboot", "restart the machine");

static int cmd_poweroff(int argc, char **argv)
{
	if (argc != 1)
		return shell_usage(shell_find("poweroff"));
	machine_power_off();
}
SHELL_COMMAND("poweroff", cmd_poweroff, "poweroff",
	      "power off (ACPI S5; under QEMU without it, debug-exit status 33)");
