/* Shared between the files of drivers/pci only; drivers use pci.h. */
#ifndef DRIVERS_PCI_INTERNAL_H
#define DRIVERS_PCI_INTERNAL_H

#include <drivers/pci/pci.h>

/*
 * Calls fn(dev, id, pos, arg) for each capability until it returns true.
 * Returns the offset where fn stopped, 0 at the end of the list, or -1 when
 * the list is malformed (a loop or an out-of-range pointer); *bad_pos then
 * holds the offending pointer and *why says what was wrong.
 */
typedef bool (*pci_cap_fn)(struct pci_dev *dev, u8 id, u8 pos, void *arg);
int pci_walk_capabilities(struct pci_dev *dev, pci_cap_fn fn, void *arg,
			  u8 *bad_pos, const char **why);

/* Fills BARs of one function; used by the scan (bar.c). */
void pci_read_bases(struct pci_dev *dev, int nr_bars);
/* Walks the capability list once, recording MSI/MSI-X/PCIe/PM (cap.c). */
void pci_read_capabilities(struct pci_dev *dev);
/* Reads the power state the scan found the function in (pm.c). */
void pci_pm_init(struct pci_dev *dev);

/* Binds every registered driver to the unbound devices it matches. */
void pci_bus_add_devices(void);
/* Unbinds the driver (remove, then vectors and mappings it left behind). */
void pci_device_release_driver(struct pci_dev *dev);

/* irq_chips for the vectors drivers/pci/msi.c and msix.c set up. */
int pci_msix_setup(struct pci_dev *dev, unsigned int min_vecs, unsigned int max_vecs);
void pci_msix_teardown(struct pci_dev *dev);
int pci_msi_setup(struct pci_dev *dev);
void pci_msi_teardown(struct pci_dev *dev);

#endif
