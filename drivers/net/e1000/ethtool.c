/*
 * ethtool_ops for the net core's ethtool command: driver and bus, the link
 * from STATUS, and the counters (hardware ones accumulated by
 * e1k_update_stats, and the driver's own) under their Linux names.
 */
#include <lib/types.h>
#include <lib/string.h>
#include <drivers/net/e1000/e1000.h>

struct e1k_stat {
	const char *name;
	size_t offset;		/* of a u64 in struct e1k_adapter */
};

#define HW(f, n)	{ n, offsetof(struct e1k_adapter, hw_stats.f) }
#define SW(f)		{ #f, offsetof(struct e1k_adapter, sw_stats.f) }
static const struct e1k_stat e1k_stats[] = {
	HW(gprc, "rx_packets_hw"), HW(gptc, "tx_packets_hw"), HW(gorc, "rx_bytes_hw"),
	HW(gotc, "tx_bytes_hw"), HW(mprc, "rx_multicast_hw"), HW(crcerrs, "rx_crc_errors"),
	HW(mpc, "rx_missed_errors"), HW(rnbc, "rx_no_buffer_count"), HW(colc, "collisions"),
	SW(rx_alloc_failed), SW(rx_csum_good), SW(rx_csum_err), SW(rx_overruns),
	SW(irq_handled), SW(irq_none), SW(link_changes), SW(napi_polls), SW(tx_timeout),
	SW(tx_hang_detected), SW(resets), SW(tx_csum_offload), SW(tx_csum_sw), SW(tx_ctx_writes),
	SW(tx_tso),
};

static void e1k_get_drvinfo(struct net_device *netdev, struct ethtool_drvinfo *info)
{
	struct e1k_adapter *a = netdev_priv(netdev);

	e1000x_get_drvinfo(netdev, a->pdev, E1K_DRV_NAME, info);
}

static int e1k_get_sset_count(struct net_device *netdev, int sset)
{
	return sset == ETH_SS_STATS ? (int)ARRAY_SIZE(e1k_stats) : -EOPNOTSUPP;
}

static void e1k_get_strings(struct net_device *netdev, u32 sset, u8 *data)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(e1k_stats); i++)
		strlcpy((char *)data + i * ETH_GSTRING_LEN, e1k_stats[i].name, ETH_GSTRING_LEN);
}

static void e1k_get_ethtool_stats(struct net_device *netdev, struct ethtool_stats *st, u64 *data)
{
	struct e1k_adapter *a = netdev_priv(netdev);

	if (a->up)
		e1k_update_stats(a);
	for (unsigned int i = 0; i < ARRAY_SIZE(e1k_stats); i++)
		data[i] = *(const u64 *)((const u8 *)a + e1k_stats[i].offset);
}

static void e1k_get_pauseparam(struct net_device *netdev, struct ethtool_pauseparam *pp)
{
	struct e1k_adapter *a = netdev_priv(netdev);

	pp->autoneg = 1;	/* pause is advertised and resolved by autonegotiation */
	pp->rx_pause = a->fc_req_rx;
	pp->tx_pause = a->fc_req_tx;
}

static int e1k_set_pauseparam_op(struct net_device *netdev, struct ethtool_pauseparam *pp)
{
	struct e1k_adapter *a = netdev_priv(netdev);
	int ret = e1k_set_pauseparam(a, pp->rx_pause, pp->tx_pause);

	if (!ret)
		e1k_check_link(a);
	return ret;
}

static int e1k_nway_reset(struct net_device *netdev)
{
	struct e1k_adapter *a = netdev_priv(netdev);
	int ret = e1k_phy_restart_autoneg(a);

	if (!ret)
		e1k_check_link(a);	/* the link drops at once: say so now */
	return ret;
}

static int e1k_reset_op(struct net_device *netdev, u32 *flags)
{
	e1k_reinit(netdev_priv(netdev));
	*flags = 0;	/* one reset covers every part */
	return 0;
}

const struct ethtool_ops e1k_ethtool_ops = {
	.get_drvinfo = e1k_get_drvinfo,
	.get_link_ksettings = e1000x_get_link_ksettings,
	.get_sset_count = e1k_get_sset_count,
	.get_strings = e1k_get_strings,
	.get_ethtool_stats = e1k_get_ethtool_stats,
	.nway_reset = e1k_nway_reset,
	.get_pauseparam = e1k_get_pauseparam,
	.set_pauseparam = e1k_set_pauseparam_op,
	.reset = e1k_reset_op,
};
