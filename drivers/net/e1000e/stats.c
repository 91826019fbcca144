/*
 * Statistics. The hardware counters clear when read, so each read is added
 * to a 64-bit total here (from the watchdog, get_stats and before a reset);
 * the 64-bit pairs must be read low half first (reading the high half
 * clears both). ndo_get_stats folds them into net_device_stats.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/printk.h>
#include <lib/string.h>
#include <lib/spinlock.h>
#include <drivers/net/e1000e/e1000.h>

static u64 rd64(struct e1000_adapter *a, u32 lo_reg)
{
	u64 lo = er32(a, lo_reg);

	return lo | ((u64)er32(a, lo_reg + 4) << 32);
}

void e1000_update_stats(struct e1000x_adapter *x)
{
	struct e1000_adapter *a = e1000e_adapter(x);
	struct e1000_hw_stats *s = &a->hw_stats;
	unsigned long flags;

	local_irq_save(flags);	/* one consistent snapshot against the watchdog */
	s->crcerrs += er32(a, E1000_CRCERRS);
	s->algnerrc += er32(a, E1000_ALGNERRC);
	s->symerrs += er32(a, E1000_SYMERRS);
	s->rxerrc += er32(a, E1000_RXERRC);
	s->mpc += er32(a, E1000_MPC);
	s->rlec += er32(a, E1000_RLEC);
	s->rnbc += er32(a, E1000_RNBC);
	s->ruc += er32(a, E1000_RUC);
	s->rfc += er32(a, E1000_RFC);
	s->roc += er32(a, E1000_ROC);
	s->rjc += er32(a, E1000_RJC);
	s->gprc += er32(a, E1000_GPRC);
	s->bprc += er32(a, E1000_BPRC);
	s->mprc += er32(a, E1000_MPRC);
	s->gptc += er32(a, E1000_GPTC);
	s->mptc += er32(a, E1000_MPTC);
	s->bptc += er32(a, E1000_BPTC);
	s->tpr += er32(a, E1000_TPR);
	s->tpt += er32(a, E1000_TPT);
	s->gorc += rd64(a, E1000_GORCL);
	s->gotc += rd64(a, E1000_GOTCL);
	s->tor += rd64(a, E1000_TORL);
	s->tot += rd64(a, E1000_TOTL);
	s->xonrxc += er32(a, E1000_XONRXC);
	s->xontxc += er32(a, E1000_XONTXC);
	s->xoffrxc += er32(a, E1000_XOFFRXC);
	s->xofftxc += er32(a, E1000_XOFFTXC);
	s->colc += er32(a, E1000_COLC);
	s->iac += er32(a, E1000_IAC);
	local_irq_restore(flags);
}

/*
 * The software counters (packets, bytes, frame errors) are kept in
 * netdev->stats by the rings; the error kinds only the hardware sees are
 * set from its totals. RUC is left out of the errors: QEMU counts every
 * padded short frame (each ARP) there, which is not an error.
 */
struct net_device_stats *e1000_get_stats(struct net_device *netdev)
{
	struct e1000_adapter *a = netdev_priv(netdev);
	struct net_device_stats *st = &netdev->stats;
	const struct e1000_hw_stats *s = &a->hw_stats;

	if (a->up)
		e1000_update_stats(&a->x);
	st->rx_crc_errors = s->crcerrs;
	st->rx_missed_errors = s->mpc;
	st->rx_over_errors = s->rnbc;
	st->rx_length_errors = s->roc + s->rlec + a->sw_stats.rx_length_errors;
	st->collisions = s->colc;
	st->rx_errors = s->crcerrs + s->algnerrc + s->rxerrc + st->rx_length_errors +
			a->sw_stats.rx_frame_errors;
	st->rx_fifo_errors = a->sw_stats.rx_overruns;
	return st;
}

#define HW(name)	{ #name, offsetof(struct e1000_hw_stats, name) }
/* The driver's counters: its sw_stats, and the shared life's (e1000x.h). */
#define SW(name)	{ #name, offsetof(struct e1000_adapter, sw_stats.name) }
#define X(f, name)	{ name, offsetof(struct e1000_adapter, f) }

static const struct { const char *name; size_t off; } hw_names[] = {
	HW(crcerrs), HW(algnerrc), HW(symerrs), HW(rxerrc), HW(mpc), HW(rlec), HW(rnbc),
	HW(ruc), HW(rfc), HW(roc), HW(rjc), HW(gprc), HW(bprc), HW(mprc), HW(gptc), HW(gorc),
	HW(gotc), HW(tpr), HW(tpt), HW(mptc), HW(bptc), HW(tor), HW(tot), HW(xonrxc),
	HW(xontxc), HW(xoffrxc), HW(xofftxc), HW(colc), HW(iac),
}, sw_names[] = {
	SW(rx_alloc_failed), SW(rx_csum_good), SW(rx_csum_err), SW(rx_frame_errors),
	SW(rx_length_errors), SW(rx_overruns), SW(tx_csum_offload), SW(tx_tso), SW(tx_dropped_bad),
	SW(tx_busy), SW(tx_restart_queue), X(tx_hang_count, "tx_hang_detected"),
	X(tx_timeout_count, "tx_timeout"), X(reset_count, "resets"),
	SW(link_changes), SW(irq_rx), SW(irq_tx), SW(irq_other), SW(irq_none), SW(napi_polls),
	SW(napi_complete), SW(non_napi_rx),
};

/* ethtool -S: the net_device counters first, then the MAC's, then the driver's. */
#define NETDEV_STAT(name)	{ #name, offsetof(struct net_device_stats, name) }
static const struct { const char *name; size_t off; } netdev_names[] = {
	NETDEV_STAT(rx_packets), NETDEV_STAT(tx_packets), NETDEV_STAT(rx_bytes),
	NETDEV_STAT(tx_bytes), NETDEV_STAT(rx_errors), NETDEV_STAT(tx_errors),
	NETDEV_STAT(rx_dropped), NETDEV_STAT(tx_dropped), NETDEV_STAT(multicast),
};
#define E1000_STATS_LEN	(ARRAY_SIZE(netdev_names) + ARRAY_SIZE(hw_names) + ARRAY_SIZE(sw_names))

int e1000e_get_sset_count(struct net_device *netdev, int sset)
{
	return sset == ETH_SS_STATS ? (int)E1000_STATS_LEN : -EOPNOTSUPP;
}

void e1000e_get_strings(struct net_device *netdev, u32 stringset, u8 *data)
{
	char *p = (char *)data;

	if (stringset != ETH_SS_STATS)
		return;
	for (unsigned int i = 0; i < ARRAY_SIZE(netdev_names); i++, p += ETH_GSTRING_LEN)
		strlcpy(p, netdev_names[i].name, ETH_GSTRING_LEN);
	for (unsigned int i = 0; i < ARRAY_SIZE(hw_names); i++, p += ETH_GSTRING_LEN)
		snprintf(p, ETH_GSTRING_LEN, "hw_%s", hw_names[i].name);
	for (unsigned int i = 0; i < ARRAY_SIZE(sw_names); i++, p += ETH_GSTRING_LEN)
		strlcpy(p, sw_names[i].name, ETH_GSTRING_LEN);
}

void e1000e_get_ethtool_stats(struct net_device *netdev, struct ethtool_stats *stats, u64 *data)
{
	struct e1000_adapter *a = netdev_priv(netdev);
	const struct net_device_stats *st = e1000_get_stats(netdev);

	for (unsigned int i = 0; i < ARRAY_SIZE(netdev_names); i++)
		*data++ = *(const unsigned long *)((const u8 *)st + netdev_names[i].off);
	for (unsigned int i = 0; i < ARRAY_SIZE(hw_names); i++)
		*data++ = *(const u64 *)((const u8 *)&a->hw_stats + hw_names[i].off);
	for (unsigned int i = 0; i < ARRAY_SIZE(sw_names); i++)
		*data++ = *(const u64 *)((const u8 *)a + sw_names[i].off);
}
