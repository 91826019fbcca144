/*
 * MSI (PCI 3.0, 6.8.1): one address/data pair in config space. A device may
 * ask for up to 32 vectors, but they must be contiguous and aligned, which
 * our one-at-a-time vector allocator cannot promise; one vector is all a
 * NIC needs when MSI-X is missing.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/printk.h>
#include <arch/x86_64/irq.h>
#include <arch/x86_64/msi.h>
#include <drivers/pci/pci.h>
#include <drivers/pci/internal.h>

static int msi_mask_reg(const struct pci_dev *dev)
{
	return dev->msi_cap + (dev->msi_64bit ? PCI_MSI_MASK_64 : PCI_MSI_MASK_32);
}

/* Without per-vector masking capability the mask is a no-op (the device cannot). */
static void msi_set_masked(struct pci_dev *dev, unsigned int entry, bool masked)
{
	u32 mask;

	if (!dev->msi_maskbit)
		return;
	pci_read_config_dword(dev, msi_mask_reg(dev), &mask);
	mask = masked ? (mask | BIT(entry)) : (mask & ~(u32)BIT(entry));
	pci_write_config_dword(dev, msi_mask_reg(dev), mask);
}

static void msi_irq_mask(unsigned int irq, void *data)
{
	struct msi_desc *d = data;

	msi_set_masked(d->dev, d->entry, true);
}

static void msi_irq_unmask(unsigned int irq, void *data)
{
	struct msi_desc *d = data;

	msi_set_masked(d->dev, d->entry, false);
}

static const struct irq_chip pci_msi_chip = {
	.name = "PCI-MSI",
	.irq_mask = msi_irq_mask,
	.irq_unmask = msi_irq_unmask,
};

static int msi_write_msg(struct pci_dev *dev, const struct msi_msg *msg)
{
	char name[8];
	int data_reg = dev->msi_cap + (dev->msi_64bit ? PCI_MSI_DATA_64 : PCI_MSI_DATA_32);

	if (msg->address_hi && !dev->msi_64bit) {
		pr_err("pci %s: MSI target above 4 GiB but the device has 32-bit MSI\n",
		       pci_name(dev, name));
		return -EINVAL;
	}
	pci_write_config_dword(dev, dev->msi_cap + PCI_MSI_ADDRESS_LO, msg->address_lo);
	if (dev->msi_64bit)
		pci_write_config_dword(dev, dev->msi_cap + PCI_MSI_ADDRESS_HI, msg->address_hi);
	/* The data register is 16 bits wide (6.8.1.5). */
	pci_write_config_word(dev, data_reg, (u16)msg->data);
	return 0;
}

int pci_msi_setup(struct pci_dev *dev)
{
	struct msi_msg msg;
	u16 ctrl;
	int irq, ret;

	pci_read_config_word(dev, dev->msi_cap + PCI_MSI_FLAGS, &ctrl);
	dev->msi_64bit = ctrl & PCI_MSI_FLAGS_64BIT;
	dev->msi_maskbit = ctrl & PCI_MSI_FLAGS_MASKBIT;
	irq = irq_alloc();
	if (irq < 0)
		return irq;
	dev->irqs[0] = irq;
	ret = arch_compose_msi_msg((unsigned int)irq, &msg);
	if (ret)
		goto fail;
	/* Program it disabled, so no message goes out half-written. */
	ctrl &= ~(PCI_MSI_FLAGS_ENABLE | PCI_MSI_FLAGS_QSIZE);
	pci_write_config_word(dev, dev->msi_cap + PCI_MSI_FLAGS, ctrl);
	ret = msi_write_msg(dev, &msg);
	if (ret)
		goto fail;
	msi_set_masked(dev, 0, true);	/* request_irq() unmasks */
	dev->msi_desc[0].dev = dev;
	dev->msi_desc[0].entry = 0;
	irq_set_chip((unsigned int)irq, &pci_msi_chip, &dev->msi_desc[0]);
	pci_intx(dev, false);
	pci_write_config_word(dev, dev->msi_cap + PCI_MSI_FLAGS, ctrl | PCI_MSI_FLAGS_ENABLE);
	dev->nr_irqs = 1;
	dev->irq_mode = PCI_IRQ_MODE_MSI;
	return 1;

fail:
	irq_free((unsigned int)irq);
	dev->irqs[0] = -1;
	return ret;
}

void pci_msi_teardown(struct pci_dev *dev)
{
	u16 ctrl;

	pci_read_config_word(dev, dev->msi_cap + PCI_MSI_FLAGS, &ctrl);
	pci_write_config_word(dev, dev->msi_cap + PCI_MSI_FLAGS, ctrl & ~PCI_MSI_FLAGS_ENABLE);
	msi_set_masked(dev, 0, true);
	irq_set_chip((unsigned int)dev->irqs[0], NULL, NULL);
	irq_free((unsigned int)dev->irqs[0]);
	dev->irqs[0] = -1;
}
