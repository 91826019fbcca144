/* trace rx on|off: the switch for trace_rx() (see trace.h) and its printer. */
#include <net/core/trace.h>
#include <lib/errno.h>
#include <lib/panic.h>
#include <net/core/napi.h>
#include <lib/printk.h>
#include <lib/shell.h>
#include <lib/string.h>

bool trace_rx_enabled;
struct trace_rx_last trace_rx_last[NR_NET_CPUS];

/* A panic names the receive path's last stage and the object it had in
 * hand (the skb, or the napi/adapter before an skb exists). */
static void trace_rx_panic_report(void)
{
	const struct trace_rx_last *l = &trace_rx_last[0];

	if (!l->stage) {
		printk(KERN_EMERG "last rx: none\n");
		return;
	}
	printk(KERN_EMERG "last rx: %s %p\n", l->stage, l->obj);
}

static struct panic_report trace_rx_report = { .print = trace_rx_panic_report };

void trace_rx_init(void)
{
	memset(trace_rx_last, 0, sizeof(trace_rx_last));
	panic_report_register(&trace_rx_report);
}

void trace_rx_print(const char *stage, const void *obj)
{
	/* KERN_INFO: the default loglevel shows it; loglevel=5 hides it again. */
	printk(KERN_INFO "rx: %-24s %p\n", stage, obj);
}

static int cmd_trace(int argc, char **argv)
{
	if (argc == 1) {
		kprintf("trace rx %s\n", trace_rx_enabled ? "on" : "off");
		return 0;
	}
	if (argc != 3 || strcmp(argv[1], "rx"))
		return shell_usage(shell_find("trace"));
	if (!strcmp(argv[2], "on"))
		WRITE_ONCE(trace_rx_enabled, true);
	else if (!strcmp(argv[2], "off"))
		WRITE_ONCE(trace_rx_enabled, false);
	else
		return shell_usage(shell_find("trace"));
	kprintf("trace rx %s\n", trace_rx_enabled ? "on" : "off");
	return 0;
}
SHELL_COMMAND("trace", cmd_trace, "trace [rx on|off]",
	      "print each stage a received packet passes (IRQ to lwIP input)");
