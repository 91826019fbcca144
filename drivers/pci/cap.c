/*
 * The capability list (PCI 3.0, 6.7): a chain of (id, next) headers in the
 * device-specific part of config space. It comes from the device, so it is
 * untrusted: a pointer back into the chain or below the standard header would
 * otherwise spin the scan forever or read the header as a capability.
 */
#include <lib/types.h>
#include <lib/printk.h>
#include <drivers/pci/pci.h>
#include <drivers/pci/internal.h>

/* 6.7: "the bottom two bits are reserved ... software must mask these bits off". */
#define PCI_CAP_PTR_MASK	0xfc

static u8 pci_cap_start(struct pci_dev *dev)
{
	u16 status;
	u8 ptr;

	pci_read_config_word(dev, PCI_STATUS, &status);
	if (!(status & PCI_STATUS_CAP_LIST) || status == 0xffff)
		return 0;
	pci_read_config_byte(dev, dev->hdr_type == PCI_HEADER_TYPE_CARDBUS ?
			     PCI_CB_CAPABILITY_LIST : PCI_CAPABILITY_LIST, &ptr);
	return ptr & PCI_CAP_PTR_MASK;
}

int pci_walk_capabilities(struct pci_dev *dev, pci_cap_fn fn, void *arg,
			  u8 *bad_pos, const char **why)
{
	u64 seen = 0;	/* one bit per dword slot 0x40..0xfc: 48 slots */
	u8 pos = pci_cap_start(dev);

	for (int n = 0; pos; n++) {
		u8 id, next;
		unsigned int slot = (unsigned int)(pos - PCI_CAP_MIN_OFFSET) / 4;

		*bad_pos = pos;
		if (pos < PCI_CAP_MIN_OFFSET) {
			*why = "points into the standard header";
			return -1;
		}
		if (n >= PCI_CAP_MAX_ENTRIES || (seen & BIT_ULL(slot))) {
			*why = "loops";
			return -1;
		}
		seen |= BIT_ULL(slot);
		pci_read_config_byte(dev, pos + PCI_CAP_LIST_ID, &id);
		pci_read_config_byte(dev, pos + PCI_CAP_LIST_NEXT, &next);
		if (fn(dev, id, pos, arg))
			return pos;
		pos = next & PCI_CAP_PTR_MASK;
	}
	return 0;
}

static bool record_cap(struct pci_dev *dev, u8 id, u8 pos, void *arg)
{
	/* The first instance of each counts, as for pci_find_capability(). */
	if (id == PCI_CAP_ID_MSI && !dev->msi_cap)
		dev->msi_cap = pos;
	else if (id == PCI_CAP_ID_MSIX && !dev->msix_cap)
		dev->msix_cap = pos;
	else if (id == PCI_CAP_ID_EXP && !dev->pcie_cap)
		dev->pcie_cap = pos;
	else if (id == PCI_CAP_ID_PM && !dev->pm_cap)
		dev->pm_cap = pos;
	return false;
}

void pci_read_capabilities(struct pci_dev *dev)
{
	const char *why = "";
	char name[8];
	u8 bad = 0;

	if (pci_walk_capabilities(dev, record_cap, NULL, &bad, &why) < 0) {
		dev->cap_list_broken = true;
		pr_warn("pci %s: capability list %s at 0x%02x; ignoring the rest of it\n",
			pci_name(dev, name), why, bad);
	}
}

static bool match_cap(struct pci_dev *dev, u8 id, u8 pos, void *arg)
{
	return id == *(int *)arg;
}

u8 pci_find_capability(struct pci_dev *dev, int cap_id)
{
	const char *why;
	u8 bad;
	int pos = pci_walk_capabilities(dev, match_cap, &cap_id, &bad, &why);

	return pos > 0 ? (u8)pos : 0;
}
