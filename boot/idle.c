/*
 * The idle loop: feed the shell from the console input queue (every input
 * device's bytes, drivers/tty/tty_input.c), run softirq work that irq_exit()
 * left over (the ksoftirqd role), run busy pollers (net/core/busy_poll.c),
 * and otherwise halt. The check for work and the halt happen with interrupts
 * off and end in "sti; hlt", whose one-instruction interrupt shadow means a wakeup arriving
 * between the check and the halt still ends the halt: no lost wakeup.
 */
#include <lib/types.h>
#include <lib/shell.h>
#include <lib/softirq.h>
#include <arch/x86_64/irqflags.h>
#include <boot/idle.h>
#include <net/core/busy_poll.h>
#include <drivers/tty/tty_input.h>

__noreturn void cpu_idle_loop(void)
{
	for (;;) {
		int c;

		while ((c = tty_getc()) >= 0)
			shell_input_char((char)c);
		run_deferred_softirqs();
		if (busy_poll_active()) {
			busy_poll_run();
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
