/*
 * The platform half of the NIC fakes (e1000_fake.c, e1000e_fake.c): what a
 * PCI network driver calls besides its registers -- driver registration,
 * request_irq() and a way to fire the handler, DMA-coherent memory, the
 * bus name, and the driver's module init. Each device fake keeps what its
 * part does differently: BAR mapping, interrupt vector types, bus mastering.
 */
#ifndef TESTS_UNIT_FAKE_NIC_FAKE_H
#define TESTS_UNIT_FAKE_NIC_FAKE_H

#include <lib/types.h>
#include <arch/x86_64/irq.h>
#include <drivers/pci/pci.h>

extern struct pci_driver *fake_nic_driver;	/* what pci_register_driver() got */
extern int fake_nic_dma_live;		/* dma_alloc_coherent minus frees */
extern int fake_nic_irqs_live;		/* request_irq minus free_irq */
/* Called with every region dma_free_coherent() is about to free (NULL: none). */
extern void (*fake_nic_dma_free_hook)(void *vaddr);

/* Forgets the handlers and the hook; the counts go on (each device fake's reset calls it). */
void fake_nic_reset(void);
/* The handler request_irq() registered on irq, called as the IDT would. */
irqreturn_t fake_nic_fire(int irq);
bool fake_nic_irq_requested(int irq, unsigned long *flags);
/* Whether addr falls in the register file bar (size bytes; NULL: none), and where. */
bool fake_nic_in_bar(const u8 *bar, size_t size, const volatile void *addr, u32 *off);
/* Runs the initcall named name (the driver's module init), -ENOENT if none. */
int fake_nic_run_initcall(const char *name);

#endif
