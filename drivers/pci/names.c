/*
 * Names for the listing: the classes, vendors and devices QEMU's pc and q35
 * machines show, spelled as pci.ids (and so lspci) spells them. Anything else
 * is listed by its numbers only.
 */
#include <lib/types.h>
#include <drivers/pci/pci.h>

struct pci_class_name {
	u16 class;		/* base << 8 | sub */
	const char *name;
};

static const struct pci_class_name class_names[] = {
	{ 0x0000, "Non-VGA unclassified device" },
	{ 0x0100, "SCSI storage controller" },
	{ 0x0101, "IDE interface" },
	{ 0x0105, "ATA controller" },
	{ 0x0106, "SATA controller" },
	{ 0x0108, "Non-Volatile memory controller" },
	{ 0x0180, "Mass storage controller" },
	{ 0x0200, "Ethernet controller" },
	{ 0x0280, "Network controller" },
	{ 0x0300, "VGA compatible controller" },
	{ 0x0380, "Display controller" },
	{ 0x0401, "Multimedia audio controller" },
	{ 0x0403, "Audio device" },
	{ 0x0500, "RAM memory" },
	{ 0x0600, "Host bridge" },
	{ 0x0601, "ISA bridge" },
	{ 0x0604, "PCI bridge" },
	{ 0x0680, "Bridge" },
	{ 0x0700, "Serial controller" },
	{ 0x0780, "Communication controller" },
	{ 0x0880, "System peripheral" },
	{ 0x0c03, "USB controller" },
	{ 0x0c05, "SMBus" },
	{ 0x00ff, "Unassigned class" },
};

struct pci_device_name {
	u16 vendor, device;
	const char *name;
};

static const struct pci_device_name device_names[] = {
	{ 0x8086, 0x1237, "440FX - 82441FX PMC [Natoma]" },
	{ 0x8086, 0x7000, "82371SB PIIX3 ISA [Natoma/Triton II]" },
	{ 0x8086, 0x7010, "82371SB PIIX3 IDE [Natoma/Triton II]" },
	{ 0x8086, 0x7113, "82371AB/EB/MB PIIX4 ACPI" },
	{ 0x8086, 0x29c0, "82G33/G31/P35/P31 Express DRAM Controller" },
	{ 0x8086, 0x2918, "82801IB (ICH9) LPC Interface Controller" },
	{ 0x8086, 0x2922, "82801IR/IO/IH (ICH9R/DO/DH) 6 port SATA Controller [AHCI mode]" },
	{ 0x8086, 0x2930, "82801I (ICH9 Family) SMBus Controller" },
	{ 0x8086, 0x100e, "82540EM Gigabit Ethernet Controller" },
	{ 0x8086, 0x10d3, "82574L Gigabit Network Connection" },
	{ 0x1b36, 0x0001, "QEMU PCI-PCI bridge" },
	{ 0x1b36, 0x000c, "QEMU PCIe Root port" },
	{ 0x1af4, 0x1000, "Virtio network device" },
	{ 0x1af4, 0x1041, "Virtio 1.0 network device" },
};

struct pci_vendor_name {
	u16 vendor;
	const char *name;
};

static const struct pci_vendor_name vendor_names[] = {
	{ 0x8086, "Intel Corporation" },
	{ 0x1b36, "Red Hat, Inc." },
	{ 0x1af4, "Red Hat, Inc." },
};

const char *pci_class_name(u32 class)
{
	u16 cls = (u16)(class >> 8);

	for (size_t i = 0; i < ARRAY_SIZE(class_names); i++)
		if (class_names[i].class == cls)
			return class_names[i].name;
	return NULL;
}

const char *pci_vendor_name(u16 vendor)
{
	for (size_t i = 0; i < ARRAY_SIZE(vendor_names); i++)
		if (vendor_names[i].vendor == vendor)
			return vendor_names[i].name;
	return NULL;
}

const char *pci_device_name(u16 vendor, u16 device)
{
	for (size_t i = 0; i < ARRAY_SIZE(device_names); i++)
		if (device_names[i].vendor == vendor && device_names[i].device == device)
			return device_names[i].name;
	return NULL;
}
