/* The "interrupts" shell command: the /proc/interrupts idea. */
#include <lib/types.h>
#include <lib/irqdesc.h>
#include <lib/printk.h>
#include <lib/shell.h>
#include <arch/x86_64/irq.h>

static void show_irq(unsigned int irq, const char *name, u64 count, void *ctx)
{
	const struct irq_desc *d = irq_to_desc(irq);

	kprintf("%4u    0x%02x %11llu  %-8s ", irq, irq_to_vector(irq),
		(unsigned long long)count, d->chip ? d->chip->name : "-");
	for (const struct irqaction *a = d->action; a; a = a->next)
		kprintf(" %s", a->name);
	kprintf("%s\n", d->disabled ? " (disabled)" : "");
}

static int cmd_interrupts(int argc, char **argv)
{
	if (argc != 1)
		return shell_usage(shell_find("interrupts"));
	kprintf(" IRQ  vector       count  chip      handlers\n");
	irq_for_each(show_irq, NULL);
	kprintf(" SPU  spurious %11llu\n", (unsigned long long)spurious_count);
	kprintf(" UNX  unexpected vectors %llu\n", (unsigned long long)unexpected_vector_count);
	return 0;
}
SHELL_COMMAND("interrupts", cmd_interrupts, "interrupts",
	      "per-IRQ counts, vectors and handlers");
