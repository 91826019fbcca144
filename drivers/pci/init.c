/*
 * Bringing the bus up: choose the configuration mechanism, scan, print the
 * listing, bind any driver already registered. Runs as a subsys_initcall,
 * after the platform (ACPI, IOAPIC, paging) and before device_initcall
 * drivers register.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/initcall.h>
#include <lib/printk.h>
#include <arch/x86_64/acpi.h>
#include <arch/x86_64/io.h>
#include <drivers/pci/pci.h>
#include <drivers/pci/internal.h>

/*
 * Segment 0's MCFG window, if ACPI found one that starts at bus 0 (PCI
 * Firmware 3.0, 4.1.2), mapped whole: 1 MiB per bus, up to 256 MiB, which
 * ioremap() maps with 2 MiB pages (one page directory), so every bus MCFG
 * describes is reachable, peer root buses far above bus 0 included.
 */
static int pci_try_ecam(void)
{
	for (int i = 0; i < acpi_info.nr_mcfg; i++) {
		const struct acpi_mcfg_region *r = &acpi_info.mcfg[i];
		size_t size;
		void *base;

		if (r->segment != 0 || r->start_bus != 0 || r->end_bus < r->start_bus)
			continue;
		size = (size_t)(r->end_bus - r->start_bus + 1) << 20;
		base = ioremap(r->base, size);
		if (!base) {
			pr_warn("PCI: cannot map ECAM at 0x%llx; falling back to port I/O\n",
				(unsigned long long)r->base);
			return -ENOMEM;
		}
		pci_ecam_setup(base, r->start_bus, r->end_bus);
		pci_set_ops(&pci_ecam_ops);
		pr_info("PCI: using ECAM at 0x%llx for buses %02x-%02x\n",
			(unsigned long long)r->base, r->start_bus, r->end_bus);
		return 0;
	}
	return -ENODEV;
}

int pci_config_init(void)
{
	if (acpi_info.have_mcfg && pci_try_ecam() == 0)
		return 0;
	pci_set_ops(&pci_type1_ops);
	pr_info("PCI: using port I/O (type 1) config access%s\n",
		acpi_info.have_mcfg ? "" : " (no MCFG)");
	return 0;
}

static void boot_print(bool debug, const char *line)
{
	if (debug)
		printk(KERN_DEBUG "%s\n", line);
	else
		printk(KERN_INFO "%s\n", line);
}

int pci_init(void)
{
	int n;

	pci_config_init();
	n = pci_scan();
	if (n < 0)
		return n;
	pr_info("PCI: %d function%s found\n", n, n == 1 ? "" : "s");
	pci_list_devices(true, boot_print);
	pci_bus_add_devices();
	return 0;
}
subsys_initcall(pci_init);
