/*
 * Active State Power Management: a PCI Express link may drop into L0s or
 * L1 whenever it idles, on both ends' say-so (the ASPM Control field of
 * each end's Link Control register, PCIe Base 7.5.3.7). Some devices lose
 * or corrupt transactions on the way out of those states -- the 82574's
 * specification update is one -- so their drivers turn ASPM off on the
 * link, whatever firmware enabled. Only turning off is offered: enabling
 * needs the exit latencies checked along the whole path, which nothing
 * here needs yet.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/printk.h>
#include <drivers/pci/pci.h>

static const char *aspm_names(u16 bits)
{
	static const char *const names[] = { "none", "L0s", "L1", "L0s L1" };

	return names[bits & PCI_EXP_LNKCTL_ASPMC];
}

/* Clears 'clear' in one function's ASPM Control; returns the bits that were set. */
static u16 clear_aspm(struct pci_dev *dev, u16 clear)
{
	u16 ctl, was;

	if (!dev->pcie_cap)
		return 0;
	pci_read_config_word(dev, dev->pcie_cap + PCI_EXP_LNKCTL, &ctl);
	if (ctl == 0xffff)
		return 0;	/* gone from the bus: nothing to write */
	was = ctl & clear;
	if (was)
		pci_write_config_word(dev, dev->pcie_cap + PCI_EXP_LNKCTL, ctl & ~clear);
	return was;
}

/* Logs what was changed; returns whether anything was. */
static bool report(struct pci_dev *dev, u16 was, const char *role, struct pci_dev *of)
{
	char name[8], other[8];

	if (!was)
		return false;
	pr_info("pci %s: ASPM %s disabled%s%s%s\n", pci_name(dev, name), aspm_names(was), role,
		of ? pci_name(of, other) : "", of ? ")" : "");
	return true;
}

int pci_disable_link_state(struct pci_dev *dev, int state)
{
	struct pci_dev *fn;
	bool changed;
	char name[8];
	u16 clear = 0;

	if (state & PCIE_LINK_STATE_L0S)
		clear |= PCI_EXP_LNKCTL_ASPM_L0S;
	if (state & PCIE_LINK_STATE_L1)
		clear |= PCI_EXP_LNKCTL_ASPM_L1;
	if (!dev->pcie_cap) {
		pr_info("pci %s: not PCI Express: no ASPM to disable\n", pci_name(dev, name));
		return -EINVAL;
	}
	/*
	 * Downstream end first: L1 is enabled upstream first and disabled
	 * downstream first (PCIe Base 7.5.3.7, ASPM Control). All functions
	 * of a multi-function device share the link and should agree, so the
	 * siblings are cleared too.
	 */
	changed = report(dev, clear_aspm(dev, clear), "", NULL);
	for_each_pci_dev(fn) {
		if (fn != dev && fn->bus == dev->bus && PCI_SLOT(fn->devfn) == PCI_SLOT(dev->devfn))
			changed |= report(fn, clear_aspm(fn, clear), " (function sharing the link of ", dev);
	}
	/* On bus 0 (root-complex integrated) there is no link above to change. */
	if (dev->parent)
		changed |= report(dev->parent, clear_aspm(dev->parent, clear), " (upstream port of ", dev);
	if (!changed)
		pr_info("pci %s: ASPM %s already off on its link\n", pci_name(dev, name),
			aspm_names(clear));
	return 0;
}
