/* Shell commands: "ethtool [-S] IFACE" and "reset IFACE" (the Linux tools' shapes). */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/printk.h>
#include <lib/shell.h>
#include <lib/string.h>
#include <drivers/net/e1000e/e1000.h>

static struct e1000_adapter *adapter_by_name(const char *name)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(e1000_adapters); i++) {
		if (e1000_adapters[i] && strcmp(e1000_adapters[i]->netdev->name, name) == 0)
			return e1000_adapters[i];
	}
	kprintf("no e1000e interface named '%s'\n", name);
	return NULL;
}

static void print_settings(struct e1000_adapter *a)
{
	u32 status = er32(a, E1000_STATUS);
	static const unsigned int speeds[] = { 10, 100, 1000, 1000 };

	kprintf("Settings for %s:\n", a->netdev->name);
	kprintf("\tLink detected: %s\n", (status & E1000_STATUS_LU) ? "yes" : "no");
	kprintf("\tSpeed: %uMb/s\n", speeds[(status & E1000_STATUS_SPEED_MASK) >> E1000_STATUS_SPEED_SHIFT]);
	kprintf("\tDuplex: %s\n", (status & E1000_STATUS_FD) ? "Full" : "Half");
	kprintf("\tMAC: %pM (permanent %pM)\n", a->netdev->dev_addr, a->perm_addr);
	kprintf("\tInterface: %s\n", a->up ? "up" : "down");
	kprintf("\tIRQ mode: %s (%d vector%s), NAPI %s, weight %d\n",
		e1000_irq_mode_name(a->irq_mode), a->nr_irqs, a->nr_irqs == 1 ? "" : "s",
		a->use_napi ? "on" : "off", a->napi.weight);
	kprintf("\tRing sizes: rx %u tx %u\n", a->rx_ring.count, a->tx_ring.count);
	kprintf("\tInterrupt throttle: %u/s\n", a->itr);
}

static int cmd_ethtool(int argc, char **argv)
{
	struct e1000_adapter *a;
	bool stats = argc == 3 && strcmp(argv[1], "-S") == 0;

	if (!(argc == 2 || stats))
		return shell_usage(shell_find("ethtool"));
	a = adapter_by_name(argv[argc - 1]);
	if (!a)
		return 1;
	if (stats)
		e1000_print_ethtool_stats(a);
	else
		print_settings(a);
	return 0;
}
SHELL_COMMAND("ethtool", cmd_ethtool, "ethtool [-S] IFACE",
	      "link settings, or (-S) every driver counter");

static int cmd_reset(int argc, char **argv)
{
	struct e1000_adapter *a;

	if (argc != 2)
		return shell_usage(shell_find("reset"));
	a = adapter_by_name(argv[1]);
	if (!a)
		return 1;
	if (!a->up) {
		kprintf("%s is down\n", argv[1]);
		return 1;
	}
	e1000_reinit(a);
	return 0;
}
SHELL_COMMAND("reset", cmd_reset, "reset IFACE", "software-reset a NIC (rings rebuilt, counters kept)");
