/*
 * Configuration space access. Two mechanisms reach the same registers:
 *  - type 1 (PCI 3.0, 3.2.2.3.2): write an address to port 0xCF8, then move
 *    data through 0xCFC-0xCFF. Only the first 256 bytes of each function.
 *  - ECAM (PCIe Base 7.2.2): one 4 KiB page per function in a memory window
 *    the ACPI MCFG table announces; reaches the extended space to 4095.
 * Everything above goes through pci_ops, so host tests can swap the mechanism.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/printk.h>
#include <lib/spinlock.h>
#include <arch/x86_64/io.h>
#include <drivers/pci/pci.h>

#define PCI_CONF1_ADDRESS	0xcf8
#define PCI_CONF1_DATA		0xcfc
#define PCI_CONF1_ENABLE	0x80000000u	/* bit 31: this is a config cycle */

/* Port I/O is two steps (address, data): the lock keeps them paired. */
static DEFINE_SPINLOCK(pci_config_lock);

static u32 conf1_address(u8 bus, u8 devfn, u16 where)
{
	return PCI_CONF1_ENABLE | (u32)bus << 16 | (u32)devfn << 8 | (where & 0xfc);
}

static int type1_read(u8 bus, u8 devfn, u16 where, int size, u32 *val)
{
	u16 port = PCI_CONF1_DATA + (where & 3);
	unsigned long flags;

	spin_lock_irqsave(&pci_config_lock, flags);
	outl(conf1_address(bus, devfn, where), PCI_CONF1_ADDRESS);
	if (size == 1)
		*val = inb(port);
	else if (size == 2)
		*val = inw(port);
	else
		*val = inl(port);
	spin_unlock_irqrestore(&pci_config_lock, flags);
	return 0;
}

static int type1_write(u8 bus, u8 devfn, u16 where, int size, u32 val)
{
	u16 port = PCI_CONF1_DATA + (where & 3);
	unsigned long flags;

	spin_lock_irqsave(&pci_config_lock, flags);
	outl(conf1_address(bus, devfn, where), PCI_CONF1_ADDRESS);
	if (size == 1)
		outb((u8)val, port);
	else if (size == 2)
		outw((u16)val, port);
	else
		outl(val, port);
	spin_unlock_irqrestore(&pci_config_lock, flags);
	return 0;
}

const struct pci_ops pci_type1_ops = {
	.name = "port I/O (type 1)",
	.max_offset = 256,
	.read = type1_read,
	.write = type1_write,
};

/* Segment 0's ECAM window: bus b, devfn f at base + (b - start) << 20 | f << 12. */
static u8 *ecam_base;
static u8 ecam_start_bus, ecam_end_bus;

void pci_ecam_setup(void *base, u8 start_bus, u8 end_bus)
{
	ecam_base = base;
	ecam_start_bus = start_bus;
	ecam_end_bus = end_bus;
}

static volatile void *ecam_addr(u8 bus, u8 devfn, u16 where)
{
	if (!ecam_base || bus < ecam_start_bus || bus > ecam_end_bus)
		return NULL;
	return ecam_base + ((size_t)(bus - ecam_start_bus) << 20) +
	       ((size_t)devfn << 12) + where;
}

/*
 * A bus outside MCFG's window (a bridge firmware numbered past it) may
 * still answer type 1 cycles for its first 256 bytes.
 */
static int ecam_read(u8 bus, u8 devfn, u16 where, int size, u32 *val)
{
	volatile void *a = ecam_addr(bus, devfn, where);

	if (!a) {
		if (where < 256)
			return type1_read(bus, devfn, where, size, val);
		pr_err("pci %02x:%02x.%d: bus outside the mapped ECAM window; "
		       "offset 0x%x unreachable\n", bus, PCI_SLOT(devfn), PCI_FUNC(devfn), where);
		*val = ~0u;
		return -ENODEV;
	}
	if (size == 1)
		*val = readb(a);
	else if (size == 2)
		*val = readw(a);
	else
		*val = readl(a);
	return 0;
}

static int ecam_write(u8 bus, u8 devfn, u16 where, int size, u32 val)
{
	volatile void *a = ecam_addr(bus, devfn, where);

	if (!a)
		return where < 256 ? type1_write(bus, devfn, where, size, val) : -ENODEV;
	if (size == 1)
		writeb((u8)val, a);
	else if (size == 2)
		writew((u16)val, a);
	else
		writel(val, a);
	return 0;
}

const struct pci_ops pci_ecam_ops = {
	.name = "ECAM",
	.max_offset = 4096,
	.read = ecam_read,
	.write = ecam_write,
};

static const struct pci_ops *pci_ops = &pci_type1_ops;

const struct pci_ops *pci_get_ops(void) { return pci_ops; }

/* Through ECAM, the last bus MCFG describes; type 1 can name any of 256. */
unsigned int pci_last_bus(void)
{
	return pci_ops == &pci_ecam_ops && ecam_base ? ecam_end_bus : 255;
}
void pci_set_ops(const struct pci_ops *ops) { pci_ops = ops; }

/* Rejects what no mechanism can do, naming the function and the offset. */
static int pci_check_access(u8 bus, u8 devfn, int where, int size)
{
	if (where < 0 || where + size > 4096 || (where & (size - 1))) {
		pr_err("pci %02x:%02x.%d: bad config access: %d bytes at 0x%x\n",
		       bus, PCI_SLOT(devfn), PCI_FUNC(devfn), size, where);
		return -EINVAL;
	}
	if (where + size > pci_ops->max_offset) {
		pr_err("pci %02x:%02x.%d: config offset 0x%x is extended config space; "
		       "%s reaches only 0x%x (needs ECAM)\n", bus, PCI_SLOT(devfn),
		       PCI_FUNC(devfn), where, pci_ops->name, pci_ops->max_offset);
		return -EINVAL;
	}
	return 0;
}

static int pci_bus_read(u8 bus, u8 devfn, int where, int size, u32 *val)
{
	int ret = pci_check_access(bus, devfn, where, size);

	if (ret) {
		*val = ~0u;
		return ret;
	}
	return pci_ops->read(bus, devfn, (u16)where, size, val);
}

static int pci_bus_write(u8 bus, u8 devfn, int where, int size, u32 val)
{
	int ret = pci_check_access(bus, devfn, where, size);

	return ret ? ret : pci_ops->write(bus, devfn, (u16)where, size, val);
}

int pci_bus_read_config_byte(u8 bus, u8 devfn, int where, u8 *val)
{
	u32 v;
	int ret = pci_bus_read(bus, devfn, where, 1, &v);

	*val = (u8)v;
	return ret;
}

int pci_bus_read_config_word(u8 bus, u8 devfn, int where, u16 *val)
{
	u32 v;
	int ret = pci_bus_read(bus, devfn, where, 2, &v);

	*val = (u16)v;
	return ret;
}

int pci_bus_read_config_dword(u8 bus, u8 devfn, int where, u32 *val)
{
	return pci_bus_read(bus, devfn, where, 4, val);
}

int pci_bus_write_config_byte(u8 bus, u8 devfn, int where, u8 val)
{
	return pci_bus_write(bus, devfn, where, 1, val);
}

int pci_bus_write_config_word(u8 bus, u8 devfn, int where, u16 val)
{
	return pci_bus_write(bus, devfn, where, 2, val);
}

int pci_bus_write_config_dword(u8 bus, u8 devfn, int where, u32 val)
{
	return pci_bus_write(bus, devfn, where, 4, val);
}

int pci_read_config_byte(const struct pci_dev *dev, int where, u8 *val)
{
	return pci_bus_read_config_byte(dev->bus, dev->devfn, where, val);
}

int pci_read_config_word(const struct pci_dev *dev, int where, u16 *val)
{
	return pci_bus_read_config_word(dev->bus, dev->devfn, where, val);
}

int pci_read_config_dword(const struct pci_dev *dev, int where, u32 *val)
{
	return pci_bus_read_config_dword(dev->bus, dev->devfn, where, val);
}

int pci_write_config_byte(const struct pci_dev *dev, int where, u8 val)
{
	return pci_bus_write_config_byte(dev->bus, dev->devfn, where, val);
}

int pci_write_config_word(const struct pci_dev *dev, int where, u16 val)
{
	return pci_bus_write_config_word(dev->bus, dev->devfn, where, val);
}

int pci_write_config_dword(const struct pci_dev *dev, int where, u32 val)
{
	return pci_bus_write_config_dword(dev->bus, dev->devfn, where, val);
}
