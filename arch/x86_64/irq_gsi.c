/*
 * GSIs: interrupt lines routed through the IOAPIC. ISA IRQ n is GSI n unless
 * the MADT's interrupt source overrides say otherwise (ACPI 6.x, 5.2.12.5;
 * flags are MPS INTI: polarity bits 1:0, trigger bits 3:2, 00 = bus default,
 * which for ISA is edge / active high).
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/printk.h>
#include <arch/x86_64/irq.h>
#include <arch/x86_64/acpi.h>
#include <arch/x86_64/apic.h>

#define INTI_POLARITY_MASK	0x3
#define INTI_POLARITY_HIGH	0x1
#define INTI_POLARITY_LOW	0x3
#define INTI_TRIGGER_MASK	0xC
#define INTI_TRIGGER_EDGE	0x4
#define INTI_TRIGGER_LEVEL	0xC

u32 irq_isa_to_gsi(u8 isa_irq, int *trigger, int *polarity)
{
	*trigger = IRQ_TRIGGER_EDGE;
	*polarity = IRQ_POLARITY_HIGH;
	for (int i = 0; i < acpi_info.nr_overrides; i++) {
		const struct acpi_override *o = &acpi_info.overrides[i];

		if (o->isa_irq != isa_irq)
			continue;
		if ((o->flags & INTI_POLARITY_MASK) == INTI_POLARITY_LOW)
			*polarity = IRQ_POLARITY_LOW;
		if ((o->flags & INTI_TRIGGER_MASK) == INTI_TRIGGER_LEVEL)
			*trigger = IRQ_TRIGGER_LEVEL;
		return o->gsi;
	}
	return isa_irq;
}

static void ioapic_irq_mask(unsigned int irq, void *data) { ioapic_set_masked(irq, true); }
static void ioapic_irq_unmask(unsigned int irq, void *data) { ioapic_set_masked(irq, false); }

/* How each GSI was set up, to warn when a second user asks otherwise. */
static u8 gsi_trigger[NR_IRQS_LEGACY];

static const struct irq_chip ioapic_chip = {
	.name = "IO-APIC",
	.irq_mask = ioapic_irq_mask,
	.irq_unmask = ioapic_irq_unmask,
};

int irq_setup_gsi(u32 gsi, int trigger, int polarity)
{
	int vector, ret;

	if (gsi >= NR_IRQS_LEGACY || !ioapic_has_gsi(gsi)) {
		pr_err("irq: GSI %u is not served by an IOAPIC we drive\n", gsi);
		return -ENODEV;
	}
	if (irq_to_vector(gsi) >= 0) {
		if (gsi_trigger[gsi] != trigger)
			pr_warn("irq: GSI %u already set up %s-triggered; keeping it\n", gsi,
				gsi_trigger[gsi] == IRQ_TRIGGER_LEVEL ? "level" : "edge");
		return gsi;
	}
	vector = -ENOSPC;
	for (int v = FIRST_DEVICE_VECTOR; v <= LAST_DEVICE_VECTOR; v++) {
		if (irq_alloc_fixed_vector(gsi, v) == 0) {
			vector = v;
			break;
		}
	}
	if (vector < 0)
		return vector;
	gsi_trigger[gsi] = trigger;
	ret = ioapic_route(gsi, vector, trigger, polarity, lapic_id());
	if (ret) {
		irq_free(gsi);	/* else the next caller would find it "set up" */
		return ret;
	}
	irq_set_chip(gsi, &ioapic_chip, NULL);
	return gsi;
}
