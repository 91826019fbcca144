/*
 * MSI-X (PCI 3.0, 6.8.2): a table of (address, data, mask) entries in one of
 * the device's memory BARs, one per vector. Each vector gets its own IRQ from
 * the IRQ core; the message aims it at the boot CPU's LAPIC.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/printk.h>
#include <arch/x86_64/io.h>
#include <arch/x86_64/irq.h>
#include <arch/x86_64/msi.h>
#include <drivers/pci/pci.h>
#include <drivers/pci/internal.h>

static volatile u8 *msix_entry(struct pci_dev *dev, unsigned int entry)
{
	return (volatile u8 *)dev->msix_table + entry * PCI_MSIX_ENTRY_SIZE;
}

static void msix_set_masked(struct pci_dev *dev, unsigned int entry, bool masked)
{
	volatile u8 *ctrl = msix_entry(dev, entry) + PCI_MSIX_ENTRY_VECTOR_CTRL;
	u32 v = readl(ctrl);

	v = masked ? (v | PCI_MSIX_ENTRY_CTRL_MASKBIT) : (v & ~PCI_MSIX_ENTRY_CTRL_MASKBIT);
	writel(v, ctrl);
	/* Read back: the write is posted, and a mask must be in force on return. */
	(void)readl(ctrl);
}

static void msix_irq_mask(unsigned int irq, void *data)
{
	struct msi_desc *d = data;

	msix_set_masked(d->dev, d->entry, true);
}

static void msix_irq_unmask(unsigned int irq, void *data)
{
	struct msi_desc *d = data;

	msix_set_masked(d->dev, d->entry, false);
}

static const struct irq_chip pci_msix_chip = {
	.name = "PCI-MSI-X",
	.irq_mask = msix_irq_mask,
	.irq_unmask = msix_irq_unmask,
};

/* Checks that table/PBA (at cap offset reg) lie inside an assigned memory BAR. */
static int msix_locate(struct pci_dev *dev, int reg, u64 bytes, const char *what,
		       u64 *phys)
{
	u32 v;
	unsigned int bir;
	u64 off;
	char name[8];

	pci_read_config_dword(dev, dev->msix_cap + reg, &v);
	bir = v & PCI_MSIX_BIR_MASK;
	off = v & PCI_MSIX_OFFSET_MASK;
	if (bir >= PCI_STD_NUM_BARS || !(pci_resource_flags(dev, (int)bir) & IORESOURCE_MEM) ||
	    (pci_resource_flags(dev, (int)bir) & IORESOURCE_UNSET)) {
		pr_err("pci %s: MSI-X %s in BAR%u, which is not an assigned memory BAR\n",
		       pci_name(dev, name), what, bir);
		return -EINVAL;
	}
	if (off + bytes > pci_resource_len(dev, (int)bir)) {
		pr_err("pci %s: MSI-X %s (0x%llx + %llu bytes) overruns BAR%u (%llu bytes)\n",
		       pci_name(dev, name), what, (unsigned long long)off,
		       (unsigned long long)bytes, bir,
		       (unsigned long long)pci_resource_len(dev, (int)bir));
		return -EINVAL;
	}
	*phys = pci_resource_start(dev, (int)bir) + off;
	return 0;
}

static int msix_map_table(struct pci_dev *dev, unsigned int nr_entries)
{
	u64 table, pba;
	char name[8];
	u16 cmd;
	int ret;

	pci_read_config_word(dev, PCI_COMMAND, &cmd);
	if (!(cmd & PCI_COMMAND_MEMORY)) {
		pr_err("pci %s: MSI-X table unreachable: memory decode off "
		       "(call pci_enable_device() first)\n", pci_name(dev, name));
		return -EINVAL;
	}
	ret = msix_locate(dev, PCI_MSIX_TABLE, (u64)nr_entries * PCI_MSIX_ENTRY_SIZE,
			  "table", &table);
	if (!ret)	/* one pending bit per entry, in qwords (6.8.2.7) */
		ret = msix_locate(dev, PCI_MSIX_PBA, DIV_ROUND_UP(nr_entries, 64) * 8,
				  "PBA", &pba);
	if (ret)
		return ret;
	dev->msix_table = ioremap(table, (size_t)nr_entries * PCI_MSIX_ENTRY_SIZE);
	if (!dev->msix_table) {
		pr_err("pci %s: cannot map the MSI-X table\n", pci_name(dev, name));
		return -ENOMEM;
	}
	return 0;
}

/* Points entry i at irq's vector; left masked until request_irq() unmasks it. */
static int msix_program_entry(struct pci_dev *dev, unsigned int i)
{
	/* LAB irq: BEGIN return -ENOSPC */
	/* LAB irq: HINT arch_compose_msi_msg() for dev->irqs[i]; write address low, high and data into entry i (PCI_MSIX_ENTRY_*); leave its mask alone */
	/* LAB irq: HINT fill dev->msi_desc[i] (dev, entry) and irq_set_chip() with pci_msix_chip, so request_irq() can unmask the entry */
	/* LAB irq: STUB (void)&pci_msix_chip; */
	volatile u8 *e = msix_entry(dev, i);
	struct msi_msg msg;
	int ret = arch_compose_msi_msg((unsigned int)dev->irqs[i], &msg);

	if (ret)
		return ret;
	writel(msg.address_lo, e + PCI_MSIX_ENTRY_LOWER_ADDR);
	writel(msg.address_hi, e + PCI_MSIX_ENTRY_UPPER_ADDR);
	writel(msg.data, e + PCI_MSIX_ENTRY_DATA);
	dev->msi_desc[i].dev = dev;
	dev->msi_desc[i].entry = (u16)i;
	irq_set_chip((unsigned int)dev->irqs[i], &pci_msix_chip, &dev->msi_desc[i]);
	return 0;
	/* LAB irq: END */
}

static void msix_free_irqs(struct pci_dev *dev, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		irq_set_chip((unsigned int)dev->irqs[i], NULL, NULL);
		irq_free((unsigned int)dev->irqs[i]);
		dev->irqs[i] = -1;
	}
}

/*
 * One IRQ, each with a CPU vector of its own, per table entry the driver can
 * use: returns how many it got (the caller decides whether that is enough
 * and frees them if not). The lab's stub gets none, so MSI-X setup fails
 * cleanly and the driver falls back to MSI or INTx.
 */
static unsigned int msix_alloc_irqs(struct pci_dev *dev, unsigned int want)
{
	/* LAB irq: BEGIN return 0 */
	/* LAB irq: HINT irq_alloc() gives an IRQ bound to a free vector, or -errno when none is left; keep dev->irqs[0..n) in entry order */
	/* LAB irq: HINT stop at the first failure and return how many you got: fewer than the driver's minimum is pci_msix_setup()'s decision, not yours */
	unsigned int n = 0;

	while (n < want) {
		int irq = irq_alloc();

		if (irq < 0)
			break;
		dev->irqs[n++] = irq;
	}
	return n;
	/* LAB irq: END */
}

int pci_msix_setup(struct pci_dev *dev, unsigned int min_vecs, unsigned int max_vecs)
{
	unsigned int nr_entries, n;
	u16 ctrl;
	int ret;

	pci_read_config_word(dev, dev->msix_cap + PCI_MSIX_FLAGS, &ctrl);
	nr_entries = (ctrl & PCI_MSIX_FLAGS_QSIZE) + 1u;
	if (nr_entries < min_vecs)
		return -ENOSPC;
	ret = msix_map_table(dev, nr_entries);
	if (ret)
		return ret;
	n = msix_alloc_irqs(dev, min(max_vecs, nr_entries));
	if (n < min_vecs) {
		ret = -ENOSPC;
		goto fail;
	}

	/*
	 * 6.8.2.3: with the function mask set no entry can fire, so entries are
	 * programmed under it; some devices only decode the table while MSI-X is
	 * enabled, hence enable and mask go in together.
	 */
	pci_write_config_word(dev, dev->msix_cap + PCI_MSIX_FLAGS,
			      ctrl | PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL);
	for (unsigned int i = 0; i < nr_entries; i++)
		msix_set_masked(dev, i, true);
	for (unsigned int i = 0; i < n && !ret; i++)
		ret = msix_program_entry(dev, i);
	if (ret) {
		pci_write_config_word(dev, dev->msix_cap + PCI_MSIX_FLAGS,
				      ctrl & ~PCI_MSIX_FLAGS_ENABLE);
		goto fail;
	}
	pci_intx(dev, false);
	pci_write_config_word(dev, dev->msix_cap + PCI_MSIX_FLAGS,
			      (ctrl | PCI_MSIX_FLAGS_ENABLE) & ~PCI_MSIX_FLAGS_MASKALL);
	dev->nr_irqs = n;
	dev->irq_mode = PCI_IRQ_MODE_MSIX;
	return (int)n;

fail:
	msix_free_irqs(dev, n);
	iounmap(dev->msix_table);
	dev->msix_table = NULL;
	return ret;
}

void pci_msix_teardown(struct pci_dev *dev)
{
	u16 ctrl;

	for (unsigned int i = 0; i < dev->nr_irqs; i++)
		msix_set_masked(dev, i, true);
	pci_read_config_word(dev, dev->msix_cap + PCI_MSIX_FLAGS, &ctrl);
	pci_write_config_word(dev, dev->msix_cap + PCI_MSIX_FLAGS,
			      (ctrl | PCI_MSIX_FLAGS_MASKALL) & ~PCI_MSIX_FLAGS_ENABLE);
	msix_free_irqs(dev, dev->nr_irqs);
	iounmap(dev->msix_table);
	dev->msix_table = NULL;
}
