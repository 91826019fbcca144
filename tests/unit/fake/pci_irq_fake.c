/*
 * Stand-ins for what drivers/pci takes from the platform: the IRQ core
 * (numbers, chips, GSI routing), the LAPIC id arch/x86_64/msi.c aims at, and
 * kmalloc (libc's, so ASan sees every leak).
 */
#include "pci_fake.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lib/errno.h>
#include <lib/kmalloc.h>
#include <lib/spinlock.h>
#include <arch/x86_64/acpi.h>
#include <arch/x86_64/apic.h>

#define FAKE_FIRST_DYN_IRQ	NR_IRQS_LEGACY

int fake_irq_available;
int fake_irq_allocs;
bool fake_irq_in_use[NR_IRQS];
const struct irq_chip *fake_irq_chip[NR_IRQS];
void *fake_irq_chip_data[NR_IRQS];
int fake_gsi_calls, fake_gsi_last, fake_gsi_trigger, fake_gsi_polarity, fake_gsi_result;
u32 fake_lapic_id;

void fake_irq_reset(void)
{
	fake_irq_available = 16;
	fake_irq_allocs = 0;
	memset(fake_irq_in_use, 0, sizeof(fake_irq_in_use));
	memset(fake_irq_chip, 0, sizeof(fake_irq_chip));
	memset(fake_irq_chip_data, 0, sizeof(fake_irq_chip_data));
	fake_gsi_calls = fake_gsi_result = 0;
	fake_gsi_last = fake_gsi_trigger = fake_gsi_polarity = -1;
	fake_lapic_id = 0;
}

int fake_irqs_in_use(void)
{
	int n = 0;

	for (int i = FAKE_FIRST_DYN_IRQ; i < NR_IRQS; i++)
		n += fake_irq_in_use[i];
	return n;
}

int irq_alloc(void)
{
	if (fake_irq_available <= 0)
		return -ENOSPC;
	for (int i = FAKE_FIRST_DYN_IRQ; i < NR_IRQS; i++) {
		if (!fake_irq_in_use[i]) {
			fake_irq_in_use[i] = true;
			fake_irq_available--;
			fake_irq_allocs++;
			return i;
		}
	}
	return -ENOSPC;
}

void irq_free(unsigned int irq)
{
	if (irq >= NR_IRQS || !fake_irq_in_use[irq])
		abort();	/* a double or foreign free is a bug in the code under test */
	fake_irq_in_use[irq] = false;
	fake_irq_chip[irq] = NULL;
	fake_irq_chip_data[irq] = NULL;
	fake_irq_available++;
}

void irq_set_chip(unsigned int irq, const struct irq_chip *chip, void *chip_data)
{
	fake_irq_chip[irq] = chip;
	fake_irq_chip_data[irq] = chip_data;
}

/* Vector = 0x30 + irq, so a test can predict the MSI data. */
int irq_to_vector(unsigned int irq)
{
	return (irq < NR_IRQS && fake_irq_in_use[irq]) ? (int)(0x30 + irq) : -EINVAL;
}

u32 lapic_id(void) { return fake_lapic_id; }

int irq_setup_gsi(u32 gsi, int trigger, int polarity)
{
	fake_gsi_calls++;
	fake_gsi_last = (int)gsi;
	fake_gsi_trigger = trigger;
	fake_gsi_polarity = polarity;
	return fake_gsi_result < 0 ? fake_gsi_result : (int)gsi;
}

/* Only the GSI matters to drivers/pci: it decides trigger and polarity itself. */
u32 irq_isa_to_gsi(u8 isa_irq, int *trigger, int *polarity)
{
	*trigger = IRQ_TRIGGER_EDGE;
	*polarity = IRQ_POLARITY_HIGH;
	for (int i = 0; i < acpi_info.nr_overrides; i++)
		if (acpi_info.overrides[i].isa_irq == isa_irq)
			return acpi_info.overrides[i].gsi;
	return isa_irq;
}

void *kmalloc(size_t size, gfp_t gfp) { return malloc(size); }
void *kzalloc(size_t size, gfp_t gfp) { return calloc(1, size); }
void kfree(const void *p) { free((void *)p); }

/* lib/panic.c's: a lock misuse in the code under test ends the test loudly. */
void spin_lock_bug(spinlock_t *lock, const char *why)
{
	fprintf(stderr, "spinlock bug: %s\n", why);
	abort();
}
