/*
 * Shell commands for any driver, in the Linux tools' shapes:
 *   ethtool IFACE                 link settings, then the driver's own lines
 *   ethtool -i IFACE              driver, version, bus
 *   ethtool -S IFACE              every counter the driver names
 *   ethtool -r IFACE              restart autonegotiation
 *   ethtool -A IFACE [rx on|off] [tx on|off]   pause frames
 *   reset IFACE                   the driver's software reset
 * All of it goes through dev_get_by_name() and dev->ethtool_ops, so a driver
 * gets these commands by filling its ops table. The shell runs commands with
 * bottom halves disabled.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/kmalloc.h>
#include <lib/printk.h>
#include <lib/shell.h>
#include <lib/string.h>
#include <net/core/netdevice.h>

static const struct ethtool_ops *ops_of(struct net_device *dev)
{
	static const struct ethtool_ops none;

	return dev->ethtool_ops ? dev->ethtool_ops : &none;
}

static struct net_device *find_dev(const char *name)
{
	struct net_device *dev = dev_get_by_name(name);

	if (!dev)
		kprintf("no interface named '%s'\n", name);
	return dev;
}

static int not_supported(struct net_device *dev)
{
	kprintf("%s: operation not supported by its driver\n", dev->name);
	return 1;
}

static void print_settings(struct net_device *dev)
{
	const struct ethtool_ops *ops = ops_of(dev);
	struct ethtool_link_ksettings ks;
	bool link = ops->get_link ? ops->get_link(dev) : netif_carrier_ok(dev);

	__ethtool_get_link_ksettings(dev, &ks);
	kprintf("Settings for %s:\n", dev->name);
	kprintf("\tLink detected: %s\n", link ? "yes" : "no");
	if (ks.base.speed == SPEED_UNKNOWN) {	/* ethtool's words for a link it cannot read */
		kprintf("\tSpeed: Unknown!\n\tDuplex: Unknown!\n");
	} else {
		kprintf("\tSpeed: %dMb/s\n", ks.base.speed);
		kprintf("\tDuplex: %s\n", ks.base.duplex == DUPLEX_FULL ? "Full" : "Half");
	}
	kprintf("\tMAC: %pM (permanent %pM)\n", dev->dev_addr, dev->perm_addr);
	kprintf("\tInterface: %s\n", netif_running(dev) ? "up" : "down");
	if (ops->show_settings)
		ops->show_settings(dev);
}

static int print_drvinfo(struct net_device *dev)
{
	struct ethtool_drvinfo info = { 0 };

	if (!ops_of(dev)->get_drvinfo)
		return not_supported(dev);
	ops_of(dev)->get_drvinfo(dev, &info);
	kprintf("driver: %s\nversion: %s\nbus-info: %s\n", info.driver, info.version,
		info.bus_info);
	return 0;
}

/* ethtool -S: names and values fetched in one go, as Linux's ethtool_get_stats does. */
static int print_stats(struct net_device *dev)
{
	const struct ethtool_ops *ops = ops_of(dev);
	int n;
	u8 *names;
	u64 *vals;

	if (!ops->get_sset_count || !ops->get_strings || !ops->get_ethtool_stats)
		return not_supported(dev);
	n = ops->get_sset_count(dev, ETH_SS_STATS);
	if (n < 0)
		return not_supported(dev);
	names = kzalloc((size_t)n * ETH_GSTRING_LEN + 1, GFP_KERNEL);
	vals = kzalloc((size_t)n * sizeof(*vals) + 1, GFP_KERNEL);
	if (!names || !vals) {
		kfree(names);
		kfree(vals);
		kprintf("%s: out of memory for %d counters\n", dev->name, n);
		return 1;
	}
	ops->get_strings(dev, ETH_SS_STATS, names);
	ops->get_ethtool_stats(dev, NULL, vals);
	kprintf("NIC statistics:\n");
	for (int i = 0; i < n; i++)
		kprintf("     %.*s: %llu\n", ETH_GSTRING_LEN, (const char *)names + i * ETH_GSTRING_LEN,
			(unsigned long long)vals[i]);
	kfree(names);
	kfree(vals);
	return 0;
}

static int parse_on_off(const char *s, u32 *val)
{
	if (strcmp(s, "on") == 0)
		*val = 1;
	else if (strcmp(s, "off") == 0)
		*val = 0;
	else
		return -EINVAL;
	return 0;
}

/* ethtool -A IFACE [rx on|off] [tx on|off]: what is not named stays as requested */
static int set_pause(struct net_device *dev, int argc, char **argv)
{
	const struct ethtool_ops *ops = ops_of(dev);
	struct ethtool_pauseparam pp = { 0 };

	if (argc < 5 || argc % 2 == 0)
		return -EINVAL;
	if (!ops->get_pauseparam || !ops->set_pauseparam)
		return not_supported(dev);
	ops->get_pauseparam(dev, &pp);
	for (int i = 3; i < argc; i += 2) {
		u32 *which = strcmp(argv[i], "rx") == 0 ? &pp.rx_pause :
			     strcmp(argv[i], "tx") == 0 ? &pp.tx_pause : NULL;

		if (!which || parse_on_off(argv[i + 1], which))
			return -EINVAL;
	}
	if (ops->set_pauseparam(dev, &pp)) {
		kprintf("%s: PHY not answering; pause setting kept for the next open\n", dev->name);
		return 1;
	}
	kprintf("%s: pause rx %s tx %s advertised; renegotiating\n", dev->name,
		pp.rx_pause ? "on" : "off", pp.tx_pause ? "on" : "off");
	return 0;
}

static int restart_autoneg(struct net_device *dev)
{
	if (!ops_of(dev)->nway_reset)
		return not_supported(dev);
	if (ops_of(dev)->nway_reset(dev)) {
		kprintf("%s: PHY not answering; autonegotiation not restarted\n", dev->name);
		return 1;
	}
	return 0;
}

static int cmd_ethtool(int argc, char **argv)
{
	const char *opt = argc >= 3 && argv[1][0] == '-' ? argv[1] : "";
	struct net_device *dev;

	if (!(argc == 2 || (argc == 3 && (!strcmp(opt, "-S") || !strcmp(opt, "-r") ||
					  !strcmp(opt, "-i"))) ||
	      (argc >= 5 && !strcmp(opt, "-A"))))
		return shell_usage(shell_find("ethtool"));
	dev = find_dev(argv[*opt ? 2 : 1]);
	if (!dev)
		return 1;
	if (!strcmp(opt, "-S"))
		return print_stats(dev);
	if (!strcmp(opt, "-i"))
		return print_drvinfo(dev);
	if (*opt && !netif_running(dev)) {	/* a driver may power its PHY down with the interface */
		kprintf("%s is down\n", dev->name);
		return 1;
	}
	if (!strcmp(opt, "-A")) {
		int ret = set_pause(dev, argc, argv);

		return ret == -EINVAL ? shell_usage(shell_find("ethtool")) : ret;
	}
	if (!strcmp(opt, "-r"))
		return restart_autoneg(dev);
	print_settings(dev);
	return 0;
}
SHELL_COMMAND("ethtool", cmd_ethtool,
	      "ethtool [-i|-S|-r] IFACE | ethtool -A IFACE [rx on|off] [tx on|off]",
	      "link settings; -i driver; -S every counter; -r restart autonegotiation; -A pause frames");

static int cmd_reset(int argc, char **argv)
{
	struct net_device *dev;
	u32 flags = ETH_RESET_ALL;

	if (argc != 2)
		return shell_usage(shell_find("reset"));
	dev = find_dev(argv[1]);
	if (!dev)
		return 1;
	if (!dev->ethtool_ops || !dev->ethtool_ops->reset)
		return not_supported(dev);
	if (!netif_running(dev)) {
		kprintf("%s is down\n", argv[1]);
		return 1;
	}
	return dev->ethtool_ops->reset(dev, &flags) ? 1 : 0;
}
SHELL_COMMAND("reset", cmd_reset, "reset IFACE", "software-reset a NIC (rings rebuilt, counters kept)");
