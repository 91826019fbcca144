/*
 * The e1000e's ethtool_ops: what net/core/ethtool.c's commands (ethtool,
 * ethtool -S/-r/-A/-i, reset) and the screen's status line read and do.
 */
#include <lib/types.h>
#include <lib/printk.h>
#include <lib/string.h>
#include <drivers/net/e1000e/e1000.h>

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

/* The lines under the core's generic ones: interrupts, rings and the PHY. */
static void e1000e_show_settings(struct net_device *netdev)
{
	struct e1000_adapter *a = netdev_priv(netdev);

	kprintf("\tIRQ mode: %s (%d vector%s), NAPI %s, weight %d\n",
		e1000_irq_mode_name(a->irq_mode), a->nr_irqs, a->nr_irqs == 1 ? "" : "s",
		a->use_napi ? "on" : "off", a->napi.weight);
	kprintf("\tRing sizes: rx %u tx %u\n", a->rx_ring.count, a->tx_ring.count);
	kprintf("\tInterrupt throttle: %u/s\n", a->itr);
	if (a->up)
		print_phy(a);
}

const struct ethtool_ops e1000e_ethtool_ops = {
	.get_drvinfo = e1000x_get_drvinfo,
	.get_link = e1000x_get_link,
	.get_link_ksettings = e1000x_get_link_ksettings,	/* also the screen's status line */
	.get_sset_count = e1000e_get_sset_count,
	.get_strings = e1000e_get_strings,
	.get_ethtool_stats = e1000e_get_ethtool_stats,
	.nway_reset = e1000x_nway_reset,
	.get_pauseparam = e1000x_get_pauseparam,
	.set_pauseparam = e1000x_set_pauseparam,
	.reset = e1000x_reset_op,
	.show_settings = e1000e_show_settings,
};
