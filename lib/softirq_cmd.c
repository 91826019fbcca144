/* The "softirqs" shell command: Linux's /proc/softirqs, plus our deferral count. */
#include <lib/softirq.h>
#include <lib/printk.h>
#include <lib/shell.h>

static int cmd_softirqs(int argc, char **argv)
{
	kprintf("%-8s %12s\n", "softirq", "count");
	for (unsigned int nr = 0; nr < NR_SOFTIRQS; nr++)
		kprintf("%-8s %12llu\n", softirq_names[nr],
			(unsigned long long)softirq_stat.count[nr]);
	kprintf("pending: %s\n", softirq_pending() ? "yes" : "no");
	/* A growing count means IRQ-exit runs keep hitting their limit: heavy load. */
	kprintf("deferred to the idle loop: %llu\n",
		(unsigned long long)softirq_stat.deferred);
	return 0;
}

SHELL_COMMAND("softirqs", cmd_softirqs, "softirqs",
	      "softirq actions run, and runs cut short by the restart/time limit");
