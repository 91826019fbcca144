/* See nic_fake.h. */
#include "nic_fake.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lib/errno.h>
#include <lib/initcall.h>
#include <arch/x86_64/io.h>

struct pci_driver *fake_nic_driver;
int fake_nic_dma_live, fake_nic_irqs_live;
void (*fake_nic_dma_free_hook)(void *vaddr);

static struct { irq_handler_t handler; void *dev; unsigned long flags; } irqs[NR_IRQS];

void fake_nic_reset(void)
{
	memset(irqs, 0, sizeof(irqs));
	fake_nic_dma_free_hook = NULL;
}

int pci_register_driver(struct pci_driver *drv)
{
	fake_nic_driver = drv;
	return 0;
}

int pci_enable_device(struct pci_dev *dev) { dev->is_enabled = true; return 0; }

/* drivers/pci/probe.c's format (ethtool -i's bus-info), without its bus scan */
const char *pci_name(const struct pci_dev *dev, char *buf)
{
	snprintf(buf, 8, "%02x:%02x.%x", dev->bus & 0xff, PCI_SLOT(dev->devfn), PCI_FUNC(dev->devfn));
	return buf;
}

int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
		const char *name, void *dev_id)
{
	if (irq >= NR_IRQS || irqs[irq].handler)
		return -EBUSY;
	irqs[irq].handler = handler;
	irqs[irq].dev = dev_id;
	irqs[irq].flags = flags;
	fake_nic_irqs_live++;
	return 0;
}

void free_irq(unsigned int irq, void *dev_id)
{
	if (irq < NR_IRQS && irqs[irq].handler && irqs[irq].dev == dev_id) {
		irqs[irq].handler = NULL;
		fake_nic_irqs_live--;
	}
}

irqreturn_t fake_nic_fire(int irq)
{
	return irqs[irq].handler(irq, irqs[irq].dev);
}

bool fake_nic_irq_requested(int irq, unsigned long *flags)
{
	if (irq < 0 || irq >= NR_IRQS || !irqs[irq].handler)
		return false;
	if (flags)
		*flags = irqs[irq].flags;
	return true;
}

/* Descriptor rings need 128-byte multiples and a 16-byte aligned base. */
void *dma_alloc_coherent(size_t size, dma_addr_t *dma_handle)
{
	void *p = aligned_alloc(128, (size + 127) & ~(size_t)127);

	if (!p)
		return NULL;
	memset(p, 0, size);
	*dma_handle = virt_to_phys(p);
	fake_nic_dma_live++;
	return p;
}

void dma_free_coherent(size_t size, void *vaddr, dma_addr_t dma_handle)
{
	if (vaddr && fake_nic_dma_free_hook)
		fake_nic_dma_free_hook(vaddr);
	if (vaddr)
		fake_nic_dma_live--;
	free(vaddr);
}

bool fake_nic_in_bar(const u8 *bar, size_t size, const volatile void *addr, u32 *off)
{
	const u8 *p = (const u8 *)addr;

	if (!bar || p < bar || p >= bar + size)
		return false;
	*off = (u32)(p - bar);
	return true;
}

extern const struct initcall __start_initcalls[], __stop_initcalls[];

int fake_nic_run_initcall(const char *name)
{
	for (const struct initcall *c = __start_initcalls; c < __stop_initcalls; c++) {
		if (strcmp(c->name, name) == 0)
			return c->fn();
	}
	return -ENOENT;
}
