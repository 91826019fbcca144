/*
 * The pci_driver model: a driver lists the ids it handles, the bus calls its
 * probe() for every matching function (Linux's "module load") and its
 * remove() on unregister ("module unload"), then cleans up after it.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/printk.h>
#include <drivers/pci/pci.h>
#include <drivers/pci/internal.h>

static LIST_HEAD(pci_drivers);

static bool id_matches(const struct pci_device_id *id, const struct pci_dev *dev)
{
	return (id->vendor == PCI_ANY_ID || id->vendor == dev->vendor) &&
	       (id->device == PCI_ANY_ID || id->device == dev->device) &&
	       (id->subvendor == PCI_ANY_ID || id->subvendor == dev->subsystem_vendor) &&
	       (id->subdevice == PCI_ANY_ID || id->subdevice == dev->subsystem_device) &&
	       !((id->class ^ dev->class) & id->class_mask);
}

const struct pci_device_id *pci_match_id(const struct pci_device_id *ids,
					 const struct pci_dev *dev)
{
	/* The table ends at an all-zero entry: no vendor, no subvendor, no class mask. */
	for (; ids && (ids->vendor || ids->subvendor || ids->class_mask); ids++)
		if (id_matches(ids, dev))
			return ids;
	return NULL;
}

/* Undoes what a driver may have left behind, so the next bind starts clean. */
static void pci_cleanup_after_driver(struct pci_dev *dev)
{
	pci_free_irq_vectors(dev);
	for (int i = 0; i < PCI_STD_NUM_BARS; i++)
		if (dev->iomap[i])
			pci_iounmap(dev, dev->iomap[i]);
	if (dev->is_enabled)
		pci_disable_device(dev);
	dev->driver = NULL;
	dev->driver_data = NULL;
}

static void pci_probe_one(struct pci_driver *drv, struct pci_dev *dev)
{
	const struct pci_device_id *id = pci_match_id(drv->id_table, dev);
	char name[8];
	int ret;

	if (!id)
		return;
	/* A function left in D3hot reads all ones through its BARs: wake it first. */
	if (pci_power_up(dev)) {
		pr_err("pci %s: not probing %s: the device is not in D0\n", pci_name(dev, name),
		       drv->name);
		return;
	}
	dev->driver = drv;
	ret = drv->probe(dev, id);
	if (ret) {
		pr_err("pci %s: probe of %s failed: %s (%d)\n", pci_name(dev, name),
		       drv->name, errname(ret), ret);
		pci_cleanup_after_driver(dev);
		return;
	}
	pr_debug("pci %s: bound to driver %s\n", pci_name(dev, name), drv->name);
}

int pci_register_driver(struct pci_driver *drv)
{
	struct pci_driver *d;
	struct pci_dev *dev;

	if (!drv || !drv->name || !drv->probe || !drv->id_table) {
		pr_err("pci: pci_register_driver: driver needs a name, an id_table and probe()\n");
		return -EINVAL;
	}
	list_for_each_entry(d, &pci_drivers, node) {
		if (d == drv) {
			pr_err("pci: driver %s registered twice\n", drv->name);
			return -EBUSY;
		}
	}
	list_add_tail(&drv->node, &pci_drivers);
	for_each_pci_dev(dev)
		if (!dev->driver)
			pci_probe_one(drv, dev);
	return 0;
}

void pci_device_release_driver(struct pci_dev *dev)
{
	struct pci_driver *drv = dev->driver;

	if (!drv)
		return;
	if (drv->remove)
		drv->remove(dev);
	pci_cleanup_after_driver(dev);
}

void pci_unregister_driver(struct pci_driver *drv)
{
	struct pci_driver *d;
	struct pci_dev *dev;
	bool found = false;

	list_for_each_entry(d, &pci_drivers, node)
		found |= (d == drv);
	if (!found)
		return;
	for_each_pci_dev(dev)
		if (dev->driver == drv)
			pci_device_release_driver(dev);
	list_del(&drv->node);
}

void pci_bus_add_devices(void)
{
	struct pci_driver *drv;
	struct pci_dev *dev;

	list_for_each_entry(drv, &pci_drivers, node)
		for_each_pci_dev(dev)
			if (!dev->driver)
				pci_probe_one(drv, dev);
}
