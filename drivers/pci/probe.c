/*
 * Bus enumeration: every function reachable from bus 0, depth first through
 * PCI-to-PCI bridges, trusting the bus numbers firmware gave the bridges
 * (we never renumber); then any other root bus (a server's second host
 * bridge, QEMU's pxb-pcie), found by probing the bus numbers no bridge led
 * to. Each function found becomes a struct pci_dev.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/kmalloc.h>
#include <lib/printk.h>
#include <lib/string.h>
#include <drivers/pci/pci.h>
#include <drivers/pci/internal.h>

LIST_HEAD(pci_devices);

/* Bus numbers already scanned: a bridge pointing back at one is a loop. */
static u8 scanned_buses[256 / 8];

static bool pci_bus_scanned(unsigned int bus)
{
	return scanned_buses[bus / 8] & (1u << (bus % 8));
}

const char *pci_name(const struct pci_dev *dev, char *buf)
{
	static const char hex[] = "0123456789abcdef";

	buf[0] = hex[dev->bus >> 4];
	buf[1] = hex[dev->bus & 0xf];
	buf[2] = ':';
	buf[3] = hex[PCI_SLOT(dev->devfn) >> 4];
	buf[4] = hex[PCI_SLOT(dev->devfn) & 0xf];
	buf[5] = '.';
	buf[6] = (char)('0' + PCI_FUNC(dev->devfn));
	buf[7] = '\0';
	return buf;
}

struct pci_dev *pci_get_slot(u8 bus, u8 devfn)
{
	struct pci_dev *dev;

	for_each_pci_dev(dev)
		if (dev->bus == bus && dev->devfn == devfn)
			return dev;
	return NULL;
}

/* Keeps the list in bus:devfn order, as lspci prints it, whatever the DFS order. */
static void pci_insert_sorted(struct pci_dev *dev)
{
	unsigned int key = (unsigned int)dev->bus << 8 | dev->devfn;
	struct pci_dev *pos;

	for_each_pci_dev(pos) {
		if (((unsigned int)pos->bus << 8 | pos->devfn) > key) {
			__list_add(&dev->node, pos->node.prev, &pos->node);
			return;
		}
	}
	list_add_tail(&dev->node, &pci_devices);
}

static void pci_read_header(struct pci_dev *dev)
{
	u32 class_rev;
	u8 hdr;

	pci_read_config_word(dev, PCI_VENDOR_ID, &dev->vendor);
	pci_read_config_word(dev, PCI_DEVICE_ID, &dev->device);
	pci_read_config_dword(dev, PCI_CLASS_REVISION, &class_rev);
	dev->revision = (u8)class_rev;
	dev->class = class_rev >> 8;
	pci_read_config_byte(dev, PCI_HEADER_TYPE, &hdr);
	dev->hdr_type = hdr & PCI_HEADER_TYPE_MASK;
	dev->multifunction = hdr & PCI_HEADER_MULTIFUNC;
	pci_read_config_byte(dev, PCI_INTERRUPT_PIN, &dev->pin);
	pci_read_config_byte(dev, PCI_INTERRUPT_LINE, &dev->irq_line);
	if (dev->pin > 4)	/* only INTA#..INTD# exist (6.2.4) */
		dev->pin = 0;
}

static struct pci_dev *pci_scan_function(u8 bus, u8 devfn, struct pci_dev *parent)
{
	struct pci_dev *dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	char name[8];

	if (!dev) {
		pr_err("pci %02x:%02x.%d: out of memory, function ignored\n",
		       bus, PCI_SLOT(devfn), PCI_FUNC(devfn));
		return NULL;
	}
	INIT_LIST_HEAD(&dev->node);
	dev->bus = bus;
	dev->devfn = devfn;
	dev->parent = parent;
	pci_read_header(dev);
	switch (dev->hdr_type) {
	case PCI_HEADER_TYPE_NORMAL:
		pci_read_config_word(dev, PCI_SUBSYSTEM_VENDOR_ID, &dev->subsystem_vendor);
		pci_read_config_word(dev, PCI_SUBSYSTEM_ID, &dev->subsystem_device);
		pci_read_bases(dev, PCI_STD_NUM_BARS);
		break;
	case PCI_HEADER_TYPE_BRIDGE:
		pci_read_config_byte(dev, PCI_SECONDARY_BUS, &dev->secondary);
		pci_read_config_byte(dev, PCI_SUBORDINATE_BUS, &dev->subordinate);
		pci_read_bases(dev, 2);
		break;
	case PCI_HEADER_TYPE_CARDBUS:
		pci_read_bases(dev, 1);
		break;
	default:
		pr_warn("pci %s: unknown header type %u, BARs ignored\n",
			pci_name(dev, name), dev->hdr_type);
	}
	pci_read_capabilities(dev);
	pci_pm_init(dev);
	pci_insert_sorted(dev);
	return dev;
}

static int pci_scan_bus(u8 bus, struct pci_dev *parent);

/* Follows a bridge only to a bus that lies below it and was never scanned. */
static int pci_scan_bridge(struct pci_dev *br, u8 bus)
{
	char name[8];
	u8 sec = br->secondary, sub = br->subordinate;

	if (sec == 0) {
		pr_warn("pci %s: bridge has no bus number (firmware did not set it up); "
			"not scanning behind it\n", pci_name(br, name));
		return 0;
	}
	if (sec <= bus || sub < sec || pci_bus_scanned(sec)) {
		pr_err("pci %s: bridge to bus %02x-%02x from bus %02x would loop; ignored\n",
		       pci_name(br, name), sec, sub, bus);
		return 0;
	}
	return pci_scan_bus(sec, br);
}

static int pci_scan_slot(u8 bus, u8 slot, struct pci_dev *parent)
{
	int found = 0;

	for (u8 fn = 0; fn < 8; fn++) {
		u8 devfn = PCI_DEVFN(slot, fn);
		struct pci_dev *dev;
		u16 vendor;

		/* 0xFFFF is what the bus returns when nobody decodes the cycle. */
		if (pci_bus_read_config_word(bus, devfn, PCI_VENDOR_ID, &vendor) ||
		    vendor == 0xffff || vendor == 0) {
			if (fn == 0)
				return 0;	/* no function 0: the slot is empty */
			continue;
		}
		dev = pci_scan_function(bus, devfn, parent);
		if (!dev)
			continue;
		found++;
		if (dev->hdr_type == PCI_HEADER_TYPE_BRIDGE)
			found += pci_scan_bridge(dev, bus);
		/* Single-function devices may answer on every function number. */
		if (fn == 0 && !dev->multifunction)
			break;
	}
	return found;
}

static int pci_scan_bus(u8 bus, struct pci_dev *parent)
{
	int found = 0;

	scanned_buses[bus / 8] |= (u8)(1u << (bus % 8));
	for (u8 slot = 0; slot < 32; slot++)
		found += pci_scan_slot(bus, slot, parent);
	return found;
}

/* Any function 0 answering on the bus: enough to call it a root bus. */
static bool pci_bus_has_devices(u8 bus)
{
	for (u8 slot = 0; slot < 32; slot++) {
		u16 vendor;

		if (!pci_bus_read_config_word(bus, PCI_DEVFN(slot, 0), PCI_VENDOR_ID, &vendor) &&
		    vendor != 0xffff && vendor != 0)
			return true;
	}
	return false;
}

/*
 * Host bridges other than bus 0's are not behind any bridge, so the walk
 * from bus 0 never reaches them; ACPI describes them only in AML (_CRS of
 * each PNP0A08), which we do not interpret. Like Linux's
 * pcibios_fixup_peer_bridges(), probe every bus number up to the last one
 * the config mechanism covers and scan each that answers as a root; buses
 * behind bridges found there are marked as they are scanned, so they are
 * not taken for roots themselves.
 */
static int pci_scan_peer_roots(void)
{
	unsigned int last = pci_last_bus();
	int found = 0;

	for (unsigned int bus = 1; bus <= last; bus++) {
		int n;

		if (pci_bus_scanned(bus) || !pci_bus_has_devices((u8)bus))
			continue;
		n = pci_scan_bus((u8)bus, NULL);
		pr_info("PCI: root bus %02x (no bridge from bus 00 leads to it): %d function%s\n",
			bus, n, n == 1 ? "" : "s");
		found += n;
	}
	return found;
}

int pci_scan(void)
{
	int found;

	if (!list_empty(&pci_devices)) {
		pr_err("pci: bus already scanned; pci_destroy_devices() first\n");
		return -EBUSY;
	}
	memset(scanned_buses, 0, sizeof(scanned_buses));
	found = pci_scan_bus(0, NULL);
	return found + pci_scan_peer_roots();
}

void pci_destroy_devices(void)
{
	struct pci_dev *dev, *tmp;

	list_for_each_entry_safe(dev, tmp, &pci_devices, node) {
		pci_device_release_driver(dev);
		pci_free_irq_vectors(dev);	/* taken without a driver (tests) */
		list_del(&dev->node);
		kfree(dev);
	}
}
