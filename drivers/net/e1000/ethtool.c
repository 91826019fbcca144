/*
 * ethtool_ops for the net core's ethtool command, all of them the shared
 * Intel ones (e1000x.h) but for the counters' names: the hardware's
 * (accumulated by e1k_update_stats) and the driver's own, as Linux names them.
 */
#include <lib/types.h>
#include <lib/string.h>
#include <drivers/net/e1000/e1000.h>

#define HW(f, n)	{ n, offsetof(struct e1k_adapter, hw_stats.f) }
#define SW(f)		{ #f, offsetof(struct e1k_adapter, sw_stats.f) }
#define X(f, n)		{ n, offsetof(struct e1k_adapter, f) }
static const struct e1000x_stat e1k_stats[] = {
	HW(gprc, "rx_packets_hw"), HW(gptc, "tx_packets_hw"), HW(gorc, "rx_bytes_hw"),
	HW(gotc, "tx_bytes_hw"), HW(mprc, "rx_multicast_hw"), HW(crcerrs, "rx_crc_errors"),
	HW(mpc, "rx_missed_errors"), HW(rnbc, "rx_no_buffer_count"), HW(colc, "collisions"),
	SW(rx_alloc_failed), SW(rx_csum_good), SW(rx_csum_err), SW(rx_overruns),
	SW(irq_handled), SW(irq_none), SW(link_changes), SW(napi_polls),
	X(tx_timeout_count, "tx_timeout"), X(tx_hang_count, "tx_hang_detected"),
	X(reset_count, "resets"), SW(tx_csum_offload), SW(tx_csum_sw), SW(tx_ctx_writes), SW(tx_tso),
};

const struct e1000x_stats_table e1k_stats_table = { e1k_stats, ARRAY_SIZE(e1k_stats) };

const struct ethtool_ops e1k_ethtool_ops = {
	.get_drvinfo = e1000x_get_drvinfo,
	.get_link_ksettings = e1000x_get_link_ksettings,
	.get_sset_count = e1000x_get_sset_count,
	.get_strings = e1000x_get_strings,
	.get_ethtool_stats = e1000x_get_ethtool_stats,
	.nway_reset = e1000x_nway_reset,
	.get_pauseparam = e1000x_get_pauseparam,
	.set_pauseparam = e1000x_set_pauseparam,
	.reset = e1000x_reset_op,
};
