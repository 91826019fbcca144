/*
 * ethtool_ops for the net core's ethtool command: driver and bus, the link
 * from STATUS, and the counters under their Linux names.
 */
#include <lib/types.h>
#include <lib/string.h>
#include <lib/printk.h>
#include <drivers/net/igb/igb.h>

#define HW(f, n)	{ n, offsetof(struct igb_adapter, hw_stats.f) }
#define SW(f)		{ #f, offsetof(struct igb_adapter, sw_stats.f) }
#define X(f, n)		{ n, offsetof(struct igb_adapter, f) }
static const struct e1000x_stat igb_stats[] = {
	HW(gprc, "rx_packets_hw"), HW(gptc, "tx_packets_hw"), HW(gorc, "rx_bytes_hw"),
	HW(gotc, "tx_bytes_hw"), HW(crcerrs, "rx_crc_errors"), HW(mpc, "rx_missed_errors"),
	HW(rnbc, "rx_no_buffer_count"), HW(mprc, "rx_multicast_hw"), HW(bprc, "rx_broadcast_hw"),
	HW(ruc, "rx_short_length_errors"), HW(roc, "rx_long_length_errors"), HW(colc, "collisions"),
	SW(rx_alloc_failed), SW(rx_csum_good), SW(rx_csum_err), SW(rx_overruns),
	SW(irq_queue), SW(irq_other), SW(irq_none), SW(link_changes), SW(napi_polls),
	X(tx_timeout_count, "tx_timeout"), X(tx_hang_count, "tx_hang_detected"),
	X(reset_count, "resets"), SW(tx_csum_offload), SW(tx_csum_sw),
	SW(tx_ctx_writes), SW(tx_tso),
};

const struct e1000x_stats_table igb_stats_table = { igb_stats, ARRAY_SIZE(igb_stats) };

/*
 * After the fixed counters, five per queue pair in use, under Linux igb's
 * names: the spread RSS (receive) and the flow hash (transmit) make.
 */
#define IGB_QUEUE_STATS	5

static int igb_get_sset_count(struct net_device *netdev, int sset)
{
	struct igb_adapter *a = netdev_priv(netdev);
	int fixed = e1000x_get_sset_count(netdev, sset);

	return fixed < 0 ? fixed : fixed + (int)(IGB_QUEUE_STATS * a->num_queues);
}

static void igb_get_strings(struct net_device *netdev, u32 sset, u8 *data)
{
	struct igb_adapter *a = netdev_priv(netdev);
	char *s = (char *)data + igb_stats_table.count * ETH_GSTRING_LEN;

	e1000x_get_strings(netdev, sset, data);
	for (unsigned int n = 0; n < a->num_queues; n++) {
		snprintf(s, ETH_GSTRING_LEN, "rx_queue_%u_packets", n);
		snprintf(s += ETH_GSTRING_LEN, ETH_GSTRING_LEN, "rx_queue_%u_bytes", n);
		snprintf(s += ETH_GSTRING_LEN, ETH_GSTRING_LEN, "rx_queue_%u_drops", n);
		snprintf(s += ETH_GSTRING_LEN, ETH_GSTRING_LEN, "tx_queue_%u_packets", n);
		snprintf(s += ETH_GSTRING_LEN, ETH_GSTRING_LEN, "tx_queue_%u_bytes", n);
		s += ETH_GSTRING_LEN;
	}
}

static void igb_get_ethtool_stats(struct net_device *netdev, struct ethtool_stats *st, u64 *data)
{
	struct igb_adapter *a = netdev_priv(netdev);

	e1000x_get_ethtool_stats(netdev, st, data);
	data += igb_stats_table.count;
	for (unsigned int n = 0; n < a->num_queues; n++) {
		*data++ = a->q[n].rx_stats.packets;
		*data++ = a->q[n].rx_stats.bytes;
		*data++ = a->q[n].rx_drops;
		*data++ = a->tx_rings[n].packets;
		*data++ = a->tx_rings[n].bytes;
	}
}

const struct ethtool_ops igb_ethtool_ops = {
	.nway_reset = e1000x_nway_reset,
	.reset = e1000x_reset_op,	/* the shell's reset IFACE: the watchdog's full reset */
	.get_drvinfo = e1000x_get_drvinfo,
	.get_link = e1000x_get_link,
	.get_link_ksettings = e1000x_get_link_ksettings,
	.get_sset_count = igb_get_sset_count,
	.get_strings = igb_get_strings,
	.get_ethtool_stats = igb_get_ethtool_stats,
};
