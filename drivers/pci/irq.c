/*
 * Interrupt vectors for a PCI function, Linux's pci_alloc_irq_vectors()
 * model: the driver states how many vectors it can use and which kinds,
 * and gets the best the device and the platform offer -- MSI-X, then MSI,
 * then the shared INTx line.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/printk.h>
#include <arch/x86_64/acpi.h>
#include <arch/x86_64/irq.h>
#include <drivers/pci/pci.h>
#include <drivers/pci/internal.h>

#define PCI_INTERRUPT_LINE_UNKNOWN	0xff	/* PCI 3.0, 6.2.4 */

const char *pci_irq_mode_name(enum pci_irq_mode mode)
{
	switch (mode) {
	case PCI_IRQ_MODE_INTX: return "INTx";
	case PCI_IRQ_MODE_MSI: return "MSI";
	case PCI_IRQ_MODE_MSIX: return "MSI-X";
	default: return "none";
	}
}

/*
 * PCI INTx is level triggered, active low (PCI 3.0, 2.2.6). An interrupt
 * source override for the ISA IRQ firmware put in the line register may say
 * otherwise; "conforms" fields keep the PCI default.
 */
static void intx_trigger(u8 isa_irq, int *trigger, int *polarity)
{
	*trigger = IRQ_TRIGGER_LEVEL;
	*polarity = IRQ_POLARITY_LOW;
	for (int i = 0; i < acpi_info.nr_overrides; i++) {
		u16 f = acpi_info.overrides[i].flags;

		if (acpi_info.overrides[i].isa_irq != isa_irq)
			continue;
		if ((f & ACPI_MADT_TRIGGER_MASK) != ACPI_MADT_TRIGGER_CONFORMS)
			*trigger = acpi_irq_level_triggered(f) ? IRQ_TRIGGER_LEVEL : IRQ_TRIGGER_EDGE;
		if ((f & ACPI_MADT_POLARITY_MASK) != ACPI_MADT_POLARITY_CONFORMS)
			*polarity = acpi_irq_active_low(f) ? IRQ_POLARITY_LOW : IRQ_POLARITY_HIGH;
		return;
	}
}

/*
 * The line register holds the ISA IRQ firmware routed the pin to (BIOS and
 * QEMU fill it in); without ACPI's _PRT that is all we know.
 */
static int pci_intx_setup(struct pci_dev *dev)
{
	int trigger, polarity, dummy_t, dummy_p, irq;
	char name[8];
	u32 gsi;

	if (!dev->pin)
		return -ENODEV;
	if (dev->irq_line == 0 || dev->irq_line == PCI_INTERRUPT_LINE_UNKNOWN ||
	    dev->irq_line >= NR_IRQS_LEGACY) {
		pr_err("pci %s: INTx%c not routed by firmware (interrupt line 0x%02x)\n",
		       pci_name(dev, name), 'A' + dev->pin - 1, dev->irq_line);
		return -ENODEV;
	}
	gsi = irq_isa_to_gsi(dev->irq_line, &dummy_t, &dummy_p);
	intx_trigger(dev->irq_line, &trigger, &polarity);
	irq = irq_setup_gsi(gsi, trigger, polarity);
	if (irq < 0) {
		pr_err("pci %s: INTx on GSI %u failed: %s\n", pci_name(dev, name), gsi,
		       errname(irq));
		return irq;
	}
	pci_intx(dev, true);
	dev->irqs[0] = irq;
	dev->nr_irqs = 1;
	dev->irq_mode = PCI_IRQ_MODE_INTX;
	return 1;
}

static int try_modes(struct pci_dev *dev, unsigned int min_vecs, unsigned int max_vecs,
		     unsigned int flags)
{
	int ret = -ENOSPC;

	if ((flags & PCI_IRQ_MSIX) && dev->msix_cap) {
		ret = pci_msix_setup(dev, min_vecs, max_vecs);
		if (ret > 0)
			return ret;
	}
	if (min_vecs > 1)	/* MSI is limited to one vector here, INTx has one */
		return ret;
	if ((flags & PCI_IRQ_MSI) && dev->msi_cap) {
		ret = pci_msi_setup(dev);
		if (ret > 0)
			return ret;
	}
	if (flags & PCI_IRQ_LEGACY)
		ret = pci_intx_setup(dev);
	return ret;
}

int pci_alloc_irq_vectors(struct pci_dev *dev, unsigned int min_vecs,
			  unsigned int max_vecs, unsigned int flags)
{
	char name[8];
	int ret;

	if (!dev || !min_vecs || max_vecs < min_vecs || !(flags & PCI_IRQ_ALL_TYPES))
		return -EINVAL;
	if (dev->irq_mode != PCI_IRQ_MODE_NONE) {
		pr_err("pci %s: interrupt vectors already allocated (%s)\n",
		       pci_name(dev, name), pci_irq_mode_name(dev->irq_mode));
		return -EBUSY;
	}
	if (min_vecs > PCI_IRQ_MAX_VECTORS)
		return -ENOSPC;
	max_vecs = min(max_vecs, (unsigned int)PCI_IRQ_MAX_VECTORS);
	ret = try_modes(dev, min_vecs, max_vecs, flags);
	if (ret < 0) {
		pr_err("pci %s: no interrupt for %u-%u vectors (%s%s%s): %s\n",
		       pci_name(dev, name), min_vecs, max_vecs,
		       (flags & PCI_IRQ_MSIX) ? " MSI-X" : "", (flags & PCI_IRQ_MSI) ? " MSI" : "",
		       (flags & PCI_IRQ_LEGACY) ? " INTx" : "", errname(ret));
		return ret;
	}
	pr_debug("pci %s: %d %s vector%s, first IRQ %d\n", pci_name(dev, name), ret,
		 pci_irq_mode_name(dev->irq_mode), ret > 1 ? "s" : "", dev->irqs[0]);
	return ret;
}

int pci_irq_vector(struct pci_dev *dev, unsigned int nr)
{
	if (!dev || nr >= dev->nr_irqs)
		return -EINVAL;
	return dev->irqs[nr];
}

void pci_free_irq_vectors(struct pci_dev *dev)
{
	switch (dev->irq_mode) {
	case PCI_IRQ_MODE_MSIX:
		pci_msix_teardown(dev);
		break;
	case PCI_IRQ_MODE_MSI:
		pci_msi_teardown(dev);
		break;
	case PCI_IRQ_MODE_INTX:
		/* The GSI stays routed: other devices may share the line. */
		pci_intx(dev, false);
		break;
	default:
		return;
	}
	dev->nr_irqs = 0;
	dev->irq_mode = PCI_IRQ_MODE_NONE;
}
