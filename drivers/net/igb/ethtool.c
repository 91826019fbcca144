/*
 * ethtool_ops for the net core's ethtool command: driver and bus, the link
 * from STATUS, and the counters under their Linux names.
 */
#include <lib/types.h>
#include <lib/string.h>
#include <drivers/net/igb/igb.h>

struct igb_stat {
	const char *name;
	size_t offset;		/* of a u64 in struct igb_adapter */
};

#define HW(f, n)	{ n, offsetof(struct igb_adapter, hw_stats.f) }
#define SW(f)		{ #f, offsetof(struct igb_adapter, sw_stats.f) }
_Static_assert(IGB_MAX_QUEUES == 2, "one pair of rx_queue_N counters per RX queue below");
#define Q(n, f, name)	{ name, offsetof(struct igb_adapter, q[n].rx_stats.f) }
#define QD(n, name)	{ name, offsetof(struct igb_adapter, q[n].rx_drops) }
static const struct igb_stat igb_stats[] = {
	HW(gprc, "rx_packets_hw"), HW(gptc, "tx_packets_hw"), HW(gorc, "rx_bytes_hw"),
	HW(gotc, "tx_bytes_hw"), HW(crcerrs, "rx_crc_errors"), HW(mpc, "rx_missed_errors"),
	HW(rnbc, "rx_no_buffer_count"), HW(mprc, "rx_multicast_hw"), HW(bprc, "rx_broadcast_hw"),
	HW(ruc, "rx_short_length_errors"), HW(roc, "rx_long_length_errors"), HW(colc, "collisions"),
	SW(rx_alloc_failed), SW(rx_csum_good), SW(rx_csum_err), SW(rx_overruns),
	SW(irq_queue), SW(irq_other), SW(irq_none), SW(link_changes), SW(napi_polls),
	SW(tx_timeout), SW(tx_hang_detected), SW(resets), SW(tx_csum_offload), SW(tx_csum_sw),
	SW(tx_ctx_writes),
	/* Per queue, under Linux igb's names: the spread RSS makes. */
	Q(0, packets, "rx_queue_0_packets"), Q(0, bytes, "rx_queue_0_bytes"),
	QD(0, "rx_queue_0_drops"),
	Q(1, packets, "rx_queue_1_packets"), Q(1, bytes, "rx_queue_1_bytes"),
	QD(1, "rx_queue_1_drops"),
	{ "tx_queue_0_packets", offsetof(struct igb_adapter, tx_stats.packets) },
	{ "tx_queue_0_bytes", offsetof(struct igb_adapter, tx_stats.bytes) },
};

static void igb_get_drvinfo(struct net_device *netdev, struct ethtool_drvinfo *info)
{
	struct igb_adapter *a = netdev_priv(netdev);

	e1000x_get_drvinfo(netdev, a->pdev, IGB_DRV_NAME, info);
}

static int igb_get_sset_count(struct net_device *netdev, int sset)
{
	return sset == ETH_SS_STATS ? (int)ARRAY_SIZE(igb_stats) : -EOPNOTSUPP;
}

static void igb_get_strings(struct net_device *netdev, u32 sset, u8 *data)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(igb_stats); i++)
		strlcpy((char *)data + i * ETH_GSTRING_LEN, igb_stats[i].name, ETH_GSTRING_LEN);
}

static void igb_get_ethtool_stats(struct net_device *netdev, struct ethtool_stats *st, u64 *data)
{
	struct igb_adapter *a = netdev_priv(netdev);

	if (a->up)
		igb_update_stats(a);
	for (unsigned int i = 0; i < ARRAY_SIZE(igb_stats); i++)
		data[i] = *(const u64 *)((const u8 *)a + igb_stats[i].offset);
}

static int igb_nway_reset(struct net_device *netdev)
{
	struct igb_adapter *a = netdev_priv(netdev);
	int ret = igb_phy_restart_autoneg(a);

	if (!ret)
		igb_check_link(a);	/* the link drops at once: say so now */
	return ret;
}

/* The shell's reset IFACE: the same full reset the watchdog does on a hang. */
static int igb_reset_op(struct net_device *netdev, u32 *flags)
{
	igb_reinit(netdev_priv(netdev));
	*flags = 0;	/* one reset covers every part */
	return 0;
}

const struct ethtool_ops igb_ethtool_ops = {
	.nway_reset = igb_nway_reset,
	.reset = igb_reset_op,
	.get_drvinfo = igb_get_drvinfo,
	.get_link = e1000x_get_link,
	.get_link_ksettings = e1000x_get_link_ksettings,
	.get_sset_count = igb_get_sset_count,
	.get_strings = igb_get_strings,
	.get_ethtool_stats = igb_get_ethtool_stats,
};
