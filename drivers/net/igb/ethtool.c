/*
 * ethtool_ops for the net core's ethtool command: driver and bus, the link
 * from STATUS, and the counters under their Linux names.
 */
#include <lib/types.h>
#include <lib/string.h>
#include <drivers/net/igb/igb.h>

#define HW(f, n)	{ n, offsetof(struct igb_adapter, hw_stats.f) }
#define SW(f)		{ #f, offsetof(struct igb_adapter, sw_stats.f) }
#define X(f, n)		{ n, offsetof(struct igb_adapter, f) }
_Static_assert(IGB_MAX_QUEUES == 2, "one pair of rx_queue_N counters per RX queue below");
#define Q(n, f, name)	{ name, offsetof(struct igb_adapter, q[n].rx_stats.f) }
#define QD(n, name)	{ name, offsetof(struct igb_adapter, q[n].rx_drops) }
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
	/* Per queue, under Linux igb's names: the spread RSS makes. */
	Q(0, packets, "rx_queue_0_packets"), Q(0, bytes, "rx_queue_0_bytes"),
	QD(0, "rx_queue_0_drops"),
	Q(1, packets, "rx_queue_1_packets"), Q(1, bytes, "rx_queue_1_bytes"),
	QD(1, "rx_queue_1_drops"),
	{ "tx_queue_0_packets", offsetof(struct igb_adapter, tx_stats.packets) },
	{ "tx_queue_0_bytes", offsetof(struct igb_adapter, tx_stats.bytes) },
};

const struct e1000x_stats_table igb_stats_table = { igb_stats, ARRAY_SIZE(igb_stats) };

const struct ethtool_ops igb_ethtool_ops = {
	.nway_reset = e1000x_nway_reset,
	.reset = e1000x_reset_op,	/* the shell's reset IFACE: the watchdog's full reset */
	.get_drvinfo = e1000x_get_drvinfo,
	.get_link = e1000x_get_link,
	.get_link_ksettings = e1000x_get_link_ksettings,
	.get_sset_count = e1000x_get_sset_count,
	.get_strings = e1000x_get_strings,
	.get_ethtool_stats = e1000x_get_ethtool_stats,
};
