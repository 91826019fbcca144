/*
 * "ifup IFACE" / "ifdown IFACE": dev_open() and dev_close() from the shell
 * (which runs them with bottom halves disabled). The protocol glue hears of
 * it through the netdevice notifiers, as on Linux.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/printk.h>
#include <lib/shell.h>
#include <net/core/netdevice.h>

static int ifupdown(int argc, char **argv, bool up)
{
	struct net_device *dev;
	int ret;

	if (argc != 2)
		return shell_usage(shell_find(up ? "ifup" : "ifdown"));
	dev = dev_get_by_name(argv[1]);
	if (!dev) {
		kprintf("%s: no interface named '%s'\n", argv[0], argv[1]);
		return 1;
	}
	if (!!(dev->flags & IFF_UP) == up) {
		kprintf("%s is already %s\n", dev->name, up ? "up" : "down");
		return 0;
	}
	ret = up ? dev_open(dev) : dev_close(dev);
	if (ret) {
		kprintf("%s: %s failed: %s\n", argv[0], dev->name, errname(ret));
		return 1;
	}
	kprintf("%s is %s\n", dev->name, up ? "up" : "down");
	return 0;
}

static int cmd_ifup(int argc, char **argv) { return ifupdown(argc, argv, true); }
static int cmd_ifdown(int argc, char **argv) { return ifupdown(argc, argv, false); }

SHELL_COMMAND("ifup", cmd_ifup, "ifup IFACE", "open an interface (ndo_open)");
SHELL_COMMAND("ifdown", cmd_ifdown, "ifdown IFACE", "close an interface (ndo_stop): rings and IRQs freed");
