/*
 * Shell commands over lwIP: `ifconfig` (interfaces, addresses, counters) and
 * `lwipstats` (lwIP's protocol and memory statistics). The shell runs them
 * with bottom halves disabled, so lwIP's state holds still while printed.
 */
#include <lib/printk.h>
#include <lib/shell.h>
#include <net/apps/status.h>
#include <net/lwip/netif_glue.h>

static char text[8192];

/* The text is longer than one printk line (PRINTK_LINE_MAX): kprintf()
 * would cut it, so it goes to the console directly. */
static int print_status(unsigned int what)
{
	console_write(text, nicstack_status_text(text, sizeof(text), what));
	return 0;
}

static int cmd_ifconfig(int argc, char **argv)
{
	struct net_device *dev;

	print_status(STATUS_SUMMARY);
	for_each_netdev(dev) {
		const u8 *a = dev->dev_addr;

		kprintf("%s: ether %02x:%02x:%02x:%02x:%02x:%02x flags %#x\n", dev->name,
			a[0], a[1], a[2], a[3], a[4], a[5], dev->flags);
	}
	return 0;
}
SHELL_COMMAND("ifconfig", cmd_ifconfig, "ifconfig", "interfaces: addresses, MAC, MTU, counters");

static int cmd_lwipstats(int argc, char **argv)
{
	return print_status(STATUS_LWIP);
}
SHELL_COMMAND("lwipstats", cmd_lwipstats, "lwipstats", "lwIP's protocol and memory statistics");
