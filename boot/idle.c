/*
 * The idle loop: feed the shell from the console input queue (every input
 * device's bytes, drivers/tty/tty_input.c), run softirq work that irq_exit()
 * left over (the ksoftirqd role), run busy-pollers, and otherwise halt. The
 * check for work and the halt happen with interrupts off and end in
 * "sti; hlt", whose one-instruction interrupt shadow means a wakeup arriving
 * between the check and the halt still ends the halt: no lost wakeup.
 */
#include <lib/types.h>
#include <lib/shell.h>
#include <lib/softirq.h>
#include <lib/spinlock.h>
#include <arch/x86_64/irqflags.h>
#include <boot/idle.h>
#include <drivers/tty/tty_input.h>

static struct idle_poller *pollers;

void idle_register_poller(struct idle_poller *p)
{
	unsigned long flags;

	local_irq_save(flags);
	p->next = pollers;
	pollers = p;
	local_irq_restore(flags);
}

void idle_unregister_poller(struct idle_poller *p)
{
	unsigned long flags;

	local_irq_save(flags);
	for (struct idle_poller **pp = &pollers; *pp; pp = &(*pp)->next) {
		if (*pp == p) {
			*pp = p->next;
			break;
		}
	}
	local_irq_restore(flags);
}

static void run_pollers(void)
{
	local_bh_disable();
	for (struct idle_poller *p = pollers; p; p = p->next)
		p->poll(p->data);
	local_bh_enable();
}

__noreturn void cpu_idle_loop(void)
{
	for (;;) {
		int c;

		while ((c = tty_getc()) >= 0)
			shell_input_char((char)c);
		run_deferred_softirqs();
		if (pollers) {
			run_pollers();
			continue;
		}
		local_irq_disable();
		if (softirq_pending() || tty_input_pending()) {
			local_irq_enable();
			continue;
		}
		safe_halt();
	}
}
