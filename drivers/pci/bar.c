/*
 * Base address registers (PCI 3.0, 6.2.5.1). A BAR's size is found by
 * writing all-ones and reading back which address bits stuck at zero; the
 * original value is then written back. Decode is off meanwhile, or the
 * device would briefly claim whatever address all-ones makes.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/printk.h>
#include <arch/x86_64/io.h>
#include <drivers/pci/pci.h>
#include <drivers/pci/internal.h>

/* The lowest set address bit is the size (BARs are naturally aligned). */
static u64 size_from_mask(u64 mask)
{
	return mask & ~(mask - 1);
}

/* Writes all-ones to one BAR dword, returns what sticks, restores it. */
static u32 probe_bar_dword(struct pci_dev *dev, int off, u32 orig)
{
	u32 sz;

	pci_write_config_dword(dev, off, ~0u);
	pci_read_config_dword(dev, off, &sz);
	pci_write_config_dword(dev, off, orig);
	return sz;
}

/* Decodes BAR i; returns how many BAR slots it used (2 for a 64-bit BAR). */
static int pci_read_one_base(struct pci_dev *dev, int i, int nr_bars)
{
	struct resource *res = &dev->resource[i];
	int off = PCI_BASE_ADDRESS_0 + 4 * i;
	u32 orig, sz, orig_hi, sz_hi = 0;
	char name[8];

	pci_read_config_dword(dev, off, &orig);
	sz = probe_bar_dword(dev, off, orig);
	/* Nothing stuck, or the device does not answer at all: not implemented. */
	if (sz == 0 || sz == ~0u)
		return 1;

	if (orig & PCI_BASE_ADDRESS_SPACE_IO) {
		/* Only the lowest bit counts: 16-bit decoders read 0 above bit 15. */
		res->flags = IORESOURCE_IO;
		res->start = orig & PCI_BASE_ADDRESS_IO_MASK;
		res->len = size_from_mask(sz & PCI_BASE_ADDRESS_IO_MASK);
		return 1;
	}

	res->flags = IORESOURCE_MEM;
	if (orig & PCI_BASE_ADDRESS_MEM_PREFETCH)
		res->flags |= IORESOURCE_PREFETCH;
	if ((orig & PCI_BASE_ADDRESS_MEM_TYPE_MASK) != PCI_BASE_ADDRESS_MEM_TYPE_64) {
		res->start = orig & PCI_BASE_ADDRESS_MEM_MASK;
		res->len = size_from_mask(sz & PCI_BASE_ADDRESS_MEM_MASK);
		return 1;
	}

	if (i + 1 >= nr_bars) {
		pr_err("pci %s: BAR%d is 64-bit but is the last BAR; ignored\n",
		       pci_name(dev, name), i);
		res->flags = 0;
		return 1;
	}
	pci_read_config_dword(dev, off + 4, &orig_hi);
	sz_hi = probe_bar_dword(dev, off + 4, orig_hi);
	res->flags |= IORESOURCE_MEM_64;
	res->start = (u64)orig_hi << 32 | (orig & PCI_BASE_ADDRESS_MEM_MASK);
	res->len = size_from_mask((u64)sz_hi << 32 | (sz & PCI_BASE_ADDRESS_MEM_MASK));
	return 2;
}

void pci_read_bases(struct pci_dev *dev, int nr_bars)
{
	u16 cmd;

	pci_read_config_word(dev, PCI_COMMAND, &cmd);
	/*
	 * Host bridges are exempt, as in Linux: turning off a host bridge's
	 * decode can cut the CPU off from memory.
	 */
	bool toggle = (dev->class >> 8) != PCI_CLASS_BRIDGE_HOST &&
		      (cmd & (PCI_COMMAND_IO | PCI_COMMAND_MEMORY));

	if (toggle)
		pci_write_config_word(dev, PCI_COMMAND,
				      cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	for (int i = 0; i < nr_bars; )
		i += pci_read_one_base(dev, i, nr_bars);
	if (toggle)
		pci_write_config_word(dev, PCI_COMMAND, cmd);

	for (int i = 0; i < nr_bars; i++) {
		struct resource *res = &dev->resource[i];

		if (res->len && !res->start)
			res->flags |= IORESOURCE_UNSET;
	}
}

void *pci_iomap(struct pci_dev *dev, int bar, u64 maxlen)
{
	struct resource *res;
	char name[8];
	u64 len;

	if (bar < 0 || bar >= PCI_STD_NUM_BARS || !dev->resource[bar].len) {
		pr_err("pci %s: pci_iomap: BAR%d is not implemented\n", pci_name(dev, name), bar);
		return NULL;
	}
	res = &dev->resource[bar];
	if (!(res->flags & IORESOURCE_MEM) || (res->flags & IORESOURCE_UNSET)) {
		pr_err("pci %s: pci_iomap: BAR%d is %s; map only assigned memory BARs\n",
		       pci_name(dev, name), bar,
		       (res->flags & IORESOURCE_IO) ? "I/O space (use inl/outl)" : "unassigned");
		return NULL;
	}
	if (dev->iomap[bar]) {
		pr_err("pci %s: pci_iomap: BAR%d is already mapped\n", pci_name(dev, name), bar);
		return NULL;
	}
	len = (maxlen && maxlen < res->len) ? maxlen : res->len;
	dev->iomap[bar] = ioremap(res->start, (size_t)len);
	if (!dev->iomap[bar])
		pr_err("pci %s: pci_iomap: ioremap of BAR%d failed\n", pci_name(dev, name), bar);
	return dev->iomap[bar];
}

void pci_iounmap(struct pci_dev *dev, void *addr)
{
	for (int i = 0; i < PCI_STD_NUM_BARS; i++) {
		if (addr && dev->iomap[i] == addr) {
			iounmap(addr);
			dev->iomap[i] = NULL;
			return;
		}
	}
}

static void pci_update_command(struct pci_dev *dev, u16 set, u16 clear)
{
	u16 cmd, new;

	pci_read_config_word(dev, PCI_COMMAND, &cmd);
	new = (u16)((cmd & ~clear) | set);
	if (new != cmd)
		pci_write_config_word(dev, PCI_COMMAND, new);
}

/*
 * Turns on decode for the kinds of BAR that have an address. A BAR firmware
 * left at 0 stays off (we do not assign addresses) -- the driver may not
 * need it, as the e1000e does not need its I/O BAR; pci_iomap() refuses it.
 */
int pci_enable_device(struct pci_dev *dev)
{
	u16 set = 0;
	char name[8];

	for (int i = 0; i < PCI_STD_NUM_BARS; i++) {
		unsigned long flags = dev->resource[i].flags;

		if (flags & IORESOURCE_UNSET) {
			pr_warn("pci %s: BAR%d has no address assigned; left disabled\n",
				pci_name(dev, name), i);
			continue;
		}
		if (flags & IORESOURCE_IO)
			set |= PCI_COMMAND_IO;
		if (flags & IORESOURCE_MEM)
			set |= PCI_COMMAND_MEMORY;
	}
	pci_update_command(dev, set, 0);
	dev->is_enabled = true;
	return 0;
}

/* Stops DMA first: a device left mastering after unbind writes into freed memory. */
void pci_disable_device(struct pci_dev *dev)
{
	pci_update_command(dev, 0, PCI_COMMAND_MASTER);
	dev->is_enabled = false;
}

void pci_set_master(struct pci_dev *dev)
{
	pci_update_command(dev, PCI_COMMAND_MASTER, 0);
}

void pci_clear_master(struct pci_dev *dev)
{
	pci_update_command(dev, 0, PCI_COMMAND_MASTER);
}

void pci_intx(struct pci_dev *dev, bool enable)
{
	if (enable)
		pci_update_command(dev, 0, PCI_COMMAND_INTX_DISABLE);
	else
		pci_update_command(dev, PCI_COMMAND_INTX_DISABLE, 0);
}
