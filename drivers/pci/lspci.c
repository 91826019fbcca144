/*
 * The device listing, in lspci's words: one "-nn" line per function, and
 * with -v its bus numbers, regions, capabilities, interrupt and driver. The
 * same text goes to the boot log (details at KERN_DEBUG) and to the shell.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/printk.h>
#include <lib/shell.h>
#include <lib/string.h>
#include <drivers/pci/pci.h>
#include <drivers/pci/internal.h>

#define LINE_MAX 200

int pci_describe(const struct pci_dev *dev, char *buf, size_t size)
{
	const char *cls = pci_class_name(dev->class);
	const char *ven = pci_vendor_name(dev->vendor);
	const char *devname = ven ? pci_device_name(dev->vendor, dev->device) : NULL;
	char name[8];
	int n;

	n = scnprintf(buf, size, "%s %s [%04x]: ", pci_name(dev, name), cls ? cls : "Class",
		      (unsigned int)(dev->class >> 8));
	if (ven)
		n += scnprintf(buf + n, size - n, "%s ", ven);
	n += scnprintf(buf + n, size - n, "%s [%04x:%04x]", devname ? devname : "Device",
		       dev->vendor, dev->device);
	if (dev->revision)
		n += scnprintf(buf + n, size - n, " (rev %02x)", dev->revision);
	return n;
}

/* lspci's sizes: the largest unit that divides evenly. */
static const char *size_str(u64 len, char *buf, size_t size)
{
	static const char units[] = "KMG";
	int u = -1;

	while (u < 2 && len >= 1024 && !(len & 1023)) {
		len >>= 10;
		u++;
	}
	if (u < 0)
		scnprintf(buf, size, "%llu", (unsigned long long)len);
	else
		scnprintf(buf, size, "%llu%c", (unsigned long long)len, units[u]);
	return buf;
}

static void print_region(const struct pci_dev *dev, int i, pci_print_fn out)
{
	const struct resource *r = &dev->resource[i];
	char line[LINE_MAX], sz[24];

	if (!r->len)
		return;
	if (r->flags & IORESOURCE_IO)
		scnprintf(line, sizeof(line), "\tRegion %d: I/O ports at %04llx [size=%s]", i,
			  (unsigned long long)r->start, size_str(r->len, sz, sizeof(sz)));
	else
		scnprintf(line, sizeof(line), "\tRegion %d: Memory at %08llx (%s, %s) [size=%s]%s",
			  i, (unsigned long long)r->start,
			  (r->flags & IORESOURCE_MEM_64) ? "64-bit" : "32-bit",
			  (r->flags & IORESOURCE_PREFETCH) ? "prefetchable" : "non-prefetchable",
			  size_str(r->len, sz, sizeof(sz)),
			  (r->flags & IORESOURCE_UNSET) ? " [unassigned]" : "");
	out(true, line);
}

static const char *pcie_port_type(unsigned int type)
{
	static const char *const names[] = {
		"Endpoint", "Legacy Endpoint", "Unknown", "Unknown", "Root Port",
		"Upstream Port", "Downstream Port", "PCI-Express to PCI/PCI-X Bridge",
		"PCI/PCI-X to PCI-Express Bridge", "Root Complex Integrated Endpoint",
		"Root Complex Event Collector",
	};

	return type < ARRAY_SIZE(names) ? names[type] : "Unknown";
}

/* Capability ids (PCI Code and ID Assignment Spec, 2) as lspci names them. */
static const char *cap_name(u8 id)
{
	static const char *const names[] = {
		[0x01] = "Power Management", [0x03] = "Vital Product Data",
		[0x04] = "Slot ID", [0x09] = "Vendor Specific Information",
		[0x0a] = "Debug port", [0x0c] = "Hot-plug capable",
		[0x0d] = "Subsystem", [0x12] = "SATA HBA",
		[0x13] = "PCI Advanced Features",
	};

	return id < ARRAY_SIZE(names) ? names[id] : NULL;
}

static int describe_msi(struct pci_dev *dev, u8 pos, char *buf, size_t size)
{
	u16 ctrl;

	pci_read_config_word(dev, pos + PCI_MSI_FLAGS, &ctrl);
	return scnprintf(buf, size, "MSI: Enable%c Count=%u/%u Maskable%c 64bit%c",
			 (ctrl & PCI_MSI_FLAGS_ENABLE) ? '+' : '-',
			 1u << ((ctrl & PCI_MSI_FLAGS_QSIZE) >> 4),
			 1u << ((ctrl & PCI_MSI_FLAGS_QMASK) >> 1),
			 (ctrl & PCI_MSI_FLAGS_MASKBIT) ? '+' : '-',
			 (ctrl & PCI_MSI_FLAGS_64BIT) ? '+' : '-');
}

static int describe_msix(struct pci_dev *dev, u8 pos, char *buf, size_t size)
{
	u16 ctrl;
	u32 table, pba;

	pci_read_config_word(dev, pos + PCI_MSIX_FLAGS, &ctrl);
	pci_read_config_dword(dev, pos + PCI_MSIX_TABLE, &table);
	pci_read_config_dword(dev, pos + PCI_MSIX_PBA, &pba);
	return scnprintf(buf, size, "MSI-X: Enable%c Count=%u Masked%c "
			 "Vector table: BAR=%u offset=%08x PBA: BAR=%u offset=%08x",
			 (ctrl & PCI_MSIX_FLAGS_ENABLE) ? '+' : '-',
			 (ctrl & PCI_MSIX_FLAGS_QSIZE) + 1u,
			 (ctrl & PCI_MSIX_FLAGS_MASKALL) ? '+' : '-',
			 table & PCI_MSIX_BIR_MASK, table & PCI_MSIX_OFFSET_MASK,
			 pba & PCI_MSIX_BIR_MASK, pba & PCI_MSIX_OFFSET_MASK);
}

static bool print_cap(struct pci_dev *dev, u8 id, u8 pos, void *arg)
{
	pci_print_fn out = *(pci_print_fn *)arg;
	char line[LINE_MAX];
	int n = scnprintf(line, sizeof(line), "\tCapabilities: [%02x] ", pos);
	u16 flags;

	switch (id) {
	case PCI_CAP_ID_MSI:
		describe_msi(dev, pos, line + n, sizeof(line) - n);
		break;
	case PCI_CAP_ID_MSIX:
		describe_msix(dev, pos, line + n, sizeof(line) - n);
		break;
	case PCI_CAP_ID_PM:
		pci_read_config_word(dev, pos + PCI_PM_PMC, &flags);
		n += scnprintf(line + n, sizeof(line) - n, "Power Management version %u",
			       flags & PCI_PM_CAP_VER_MASK);
		pci_read_config_word(dev, pos + PCI_PM_CTRL, &flags);
		scnprintf(line + n, sizeof(line) - n, ": Status: %s NoSoftRst%c",
			  pci_power_name(flags & PCI_PM_CTRL_STATE_MASK),
			  (flags & PCI_PM_CTRL_NO_SOFT_RESET) ? '+' : '-');
		break;
	case PCI_CAP_ID_EXP:
		pci_read_config_word(dev, pos + PCI_EXP_FLAGS, &flags);
		scnprintf(line + n, sizeof(line) - n, "Express (v%u) %s",
			  flags & PCI_EXP_FLAGS_VERS,
			  pcie_port_type((flags & PCI_EXP_FLAGS_TYPE) >> 4));
		break;
	default:
		if (cap_name(id))
			scnprintf(line + n, sizeof(line) - n, "%s", cap_name(id));
		else
			scnprintf(line + n, sizeof(line) - n, "Capability id %02x", id);
	}
	out(true, line);
	return false;
}

static void print_irq(struct pci_dev *dev, pci_print_fn out)
{
	char line[LINE_MAX];
	int n;

	if (!dev->pin && dev->irq_mode == PCI_IRQ_MODE_NONE)
		return;
	n = scnprintf(line, sizeof(line), "\tInterrupt: ");

	if (dev->pin)
		n += scnprintf(line + n, sizeof(line) - n, "pin %c line %u, ",
			       'A' + dev->pin - 1, dev->irq_line);
	n += scnprintf(line + n, sizeof(line) - n, "mode %s", pci_irq_mode_name(dev->irq_mode));
	if (dev->nr_irqs)
		scnprintf(line + n, sizeof(line) - n, " (%u vector%s, IRQ %d%s)", dev->nr_irqs,
			  dev->nr_irqs > 1 ? "s" : "", dev->irqs[0],
			  dev->nr_irqs > 1 ? " onwards" : "");
	out(true, line);
}

static void print_details(struct pci_dev *dev, pci_print_fn out)
{
	char line[LINE_MAX];
	const char *why = "";
	u8 bad = 0;

	if (dev->hdr_type == PCI_HEADER_TYPE_BRIDGE) {
		scnprintf(line, sizeof(line), "\tBus: primary=%02x, secondary=%02x, subordinate=%02x",
			  dev->bus, dev->secondary, dev->subordinate);
		out(true, line);
	}
	for (int i = 0; i < PCI_STD_NUM_BARS; i++)
		print_region(dev, i, out);
	if (pci_walk_capabilities(dev, print_cap, &out, &bad, &why) < 0) {
		scnprintf(line, sizeof(line), "\tCapabilities: <list %s at %02x>", why, bad);
		out(true, line);
	}
	print_irq(dev, out);
	if (dev->driver) {
		scnprintf(line, sizeof(line), "\tKernel driver in use: %s", dev->driver->name);
		out(true, line);
	}
}

void pci_list_devices(bool verbose, pci_print_fn out)
{
	struct pci_dev *dev;
	char line[LINE_MAX];

	for_each_pci_dev(dev) {
		pci_describe(dev, line, sizeof(line));
		out(false, line);
		if (verbose)
			print_details(dev, out);
	}
}

static void shell_print(bool debug, const char *line)
{
	kprintf("%s\n", line);
}

int pci_lspci_cmd(int argc, char **argv)
{
	bool verbose = false;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-v") && strcmp(argv[i], "-nn")) {
			kprintf("usage: lspci [-v]\n");
			return -EINVAL;
		}
		if (!strcmp(argv[i], "-v"))
			verbose = true;
	}
	if (list_empty(&pci_devices))
		kprintf("lspci: no PCI devices found\n");
	pci_list_devices(verbose, shell_print);
	return 0;
}

SHELL_COMMAND("lspci", pci_lspci_cmd, "lspci [-v]",
	      "list PCI devices; -v adds regions, capabilities, IRQ mode, driver");
