/*
 * Shell commands: "ethtool [-S|-r] IFACE", "ethtool -A IFACE [rx on|off]
 * [tx on|off]" and "reset IFACE" (the Linux tools' shapes).
 */
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

static void print_modes(const char *what, u16 mii, u16 gig, u16 g_half, u16 g_full)
{
	static const struct { u16 bit; const char *name; } m[] = {
		{ ADVERTISE_10HALF, "10baseT/Half" }, { ADVERTISE_10FULL, "10baseT/Full" },
		{ ADVERTISE_100HALF, "100baseT/Half" }, { ADVERTISE_100FULL, "100baseT/Full" },
	};
	bool any = false;

	kprintf("\t%s link modes:", what);
	for (unsigned int i = 0; i < ARRAY_SIZE(m); i++) {
		if (mii & m[i].bit) {
			kprintf(" %s", m[i].name);
			any = true;
		}
	}
	if (gig & g_half)
		kprintf(" 1000baseT/Half");
	if (gig & g_full)
		kprintf(" 1000baseT/Full");
	kprintf("%s\n", any || (gig & (g_half | g_full)) ? "" : " Not reported");
}

/* ethtool's wording for the two pause bits of an advertisement. */
static const char *pause_name(u16 adv)
{
	bool sym = adv & ADVERTISE_PAUSE_CAP, asym = adv & ADVERTISE_PAUSE_ASYM;

	return sym && asym ? "Symmetric Receive-only" : sym ? "Symmetric" :
	       asym ? "Transmit-only" : "No";
}

/* What the PHY says (IEEE 802.3 registers 0-10 and the 82574's 16/17). */
static void print_phy(struct e1000_adapter *a)
{
	struct e1000_phy_info p;
	u32 ctrl = er32(a, E1000_CTRL);
	const char *mode;

	if (e1000_get_phy_info(a, &p)) {
		kprintf("\tPHY: not answering on MDIO\n");
		return;
	}
	kprintf("\tAuto-negotiation: %s%s\n", (p.bmcr & BMCR_ANENABLE) ? "on" : "off",
		(p.bmcr & BMCR_PDOWN) ? " (PHY powered down)" :
		(p.bmsr & BMSR_ANEGCOMPLETE) ? " (complete)" : " (not complete)");
	print_modes("Advertised", p.anar, p.ctrl1000, ADVERTISE_1000HALF, ADVERTISE_1000FULL);
	kprintf("\tAdvertised pause frame use: %s\n", pause_name(p.anar));
	if (p.bmsr & BMSR_ANEGCOMPLETE) {
		print_modes("Link partner advertised", p.lpa, p.stat1000, LPA_1000HALF, LPA_1000FULL);
		kprintf("\tLink partner advertised pause frame use: %s\n", pause_name(p.lpa));
	}
	kprintf("\tFlow control: rx %s tx %s (requested rx %s tx %s)\n",
		(ctrl & E1000_CTRL_RFCE) ? "on" : "off", (ctrl & E1000_CTRL_TFCE) ? "on" : "off",
		a->fc_req_rx ? "on" : "off", a->fc_req_tx ? "on" : "off");
	switch (p.copper_ctrl1 & E1000_PHY_CTRL1_MDIX_MASK) {
	case E1000_PHY_CTRL1_MDI:	mode = "forced MDI"; break;
	case E1000_PHY_CTRL1_MDIX:	mode = "forced MDI-X"; break;
	default:			mode = "auto"; break;
	}
	kprintf("\tMDI-X: %s (%s)\n", (p.copper_stat1 & E1000_PHY_STAT1_MDIX) ? "on" : "off", mode);
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
	if (a->up)
		print_phy(a);
}

static int parse_on_off(const char *s, bool *val)
{
	if (strcmp(s, "on") == 0)
		*val = true;
	else if (strcmp(s, "off") == 0)
		*val = false;
	else
		return -EINVAL;
	return 0;
}

/* ethtool -A IFACE [rx on|off] [tx on|off] */
static int set_pause(struct e1000_adapter *a, int argc, char **argv)
{
	bool rx = a->fc_req_rx, tx = a->fc_req_tx;

	if (argc < 5 || argc % 2 == 0)
		return -EINVAL;
	for (int i = 3; i < argc; i += 2) {
		bool *which = strcmp(argv[i], "rx") == 0 ? &rx : strcmp(argv[i], "tx") == 0 ? &tx : NULL;

		if (!which || parse_on_off(argv[i + 1], which))
			return -EINVAL;
	}
	if (e1000_set_pauseparam(a, rx, tx)) {
		kprintf("%s: PHY not answering; pause setting kept for the next open\n", a->netdev->name);
		return 1;
	}
	kprintf("%s: pause rx %s tx %s advertised; renegotiating\n", a->netdev->name,
		rx ? "on" : "off", tx ? "on" : "off");
	e1000_check_link(a);
	return 0;
}

static int cmd_ethtool(int argc, char **argv)
{
	const char *opt = argc >= 3 && argv[1][0] == '-' ? argv[1] : "";
	struct e1000_adapter *a;

	if (!(argc == 2 || (argc == 3 && (!strcmp(opt, "-S") || !strcmp(opt, "-r"))) ||
	      (argc >= 5 && !strcmp(opt, "-A"))))
		return shell_usage(shell_find("ethtool"));
	a = adapter_by_name(argv[*opt ? 2 : 1]);
	if (!a)
		return 1;
	if (!strcmp(opt, "-S")) {
		e1000_print_ethtool_stats(a);
		return 0;
	}
	if (*opt && !a->up) {	/* the PHY is powered down while the interface is */
		kprintf("%s is down\n", a->netdev->name);
		return 1;
	}
	if (!strcmp(opt, "-A")) {
		int ret = set_pause(a, argc, argv);

		return ret == -EINVAL ? shell_usage(shell_find("ethtool")) : ret;
	}
	if (!strcmp(opt, "-r")) {
		if (e1000_phy_restart_autoneg(a)) {
			kprintf("%s: PHY not answering; autonegotiation not restarted\n", a->netdev->name);
			return 1;
		}
		e1000_check_link(a);	/* the link drops at once: say so now */
		return 0;
	}
	print_settings(a);
	return 0;
}
SHELL_COMMAND("ethtool", cmd_ethtool,
	      "ethtool [-S|-r] IFACE | ethtool -A IFACE [rx on|off] [tx on|off]",
	      "link and PHY settings; -S every counter; -r restart autonegotiation; -A pause frames");

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

/* For the screen's status line: STATUS.LU, SPEED (2 and 3 both mean 1000) and FD. */
static int e1000e_get_link_ksettings(struct net_device *netdev, struct ethtool_link_ksettings *ks)
{
	static const int speeds[] = { 10, 100, 1000, 1000 };
	struct e1000_adapter *a = netdev_priv(netdev);
	u32 status = er32(a, E1000_STATUS);

	if (status & E1000_STATUS_LU) {
		ks->base.speed = speeds[(status & E1000_STATUS_SPEED_MASK) >> E1000_STATUS_SPEED_SHIFT];
		ks->base.duplex = status & E1000_STATUS_FD ? DUPLEX_FULL : DUPLEX_HALF;
	}
	return 0;
}

const struct ethtool_ops e1000e_ethtool_ops = {
	.get_link_ksettings = e1000e_get_link_ksettings,
};
