/* The "interrupts" shell command: the /proc/interrupts idea. */
#include <lib/types.h>
#include <lib/printk.h>
#include <lib/shell.h>
#include <lib/irqstat.h>
#include <arch/x86_64/irq_internal.h>

/* An IRQ worth listing: it has a vector and a handler, or it has fired. */
static bool irq_listed(const struct irq_desc *d)
{
	return d->vector >= 0 && (d->action || d->count);
}

void irq_for_each(void (*fn)(unsigned int irq, const char *name, u64 count, void *ctx),
		  void *ctx)
{
	for (unsigned int irq = 0; irq < NR_IRQS; irq++) {
		const struct irq_desc *d = &irq_descs[irq];

		if (irq_listed(d))
			fn(irq, d->action ? d->action->name : "-", d->count, ctx);
	}
}

static int cmd_interrupts(int argc, char **argv)
{
	if (argc != 1)
		return shell_usage(shell_find("interrupts"));
	kprintf(" IRQ  vector       count  chip      handlers\n");
	for (unsigned int irq = 0; irq < NR_IRQS; irq++) {
		const struct irq_desc *d = &irq_descs[irq];

		if (!irq_listed(d))
			continue;
		kprintf("%4u    0x%02x %11llu  %-8s ", irq, d->vector,
			(unsigned long long)d->count, d->chip ? d->chip->name : "-");
		for (const struct irqaction *a = d->action; a; a = a->next)
			kprintf(" %s", a->name);
		kprintf("%s\n", d->disabled ? " (disabled)" : "");
	}
	kprintf(" SPU  spurious %11llu\n", (unsigned long long)spurious_count);
	kprintf(" UNX  unexpected vectors %llu\n", (unsigned long long)unexpected_vector_count);
	return 0;
}
SHELL_COMMAND("interrupts", cmd_interrupts, "interrupts",
	      "per-IRQ counts, vectors and handlers");
