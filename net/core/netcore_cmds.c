/*
 * Shell views of the net core, in the shapes Linux users know:
 *   netdev   /proc/net/dev, then flags, MTU, MAC and carrier per device
 *   softnet  /proc/net/softnet_stat (hex: processed dropped time_squeeze)
 *   skb      the skb pool
 * The shell runs commands with bottom halves disabled.
 */
#include <net/core/netdevice.h>
#include <net/core/skb_pool.h>
#include <lib/printk.h>
#include <lib/shell.h>

static void print_flags(unsigned int flags)
{
	static const struct { unsigned int bit; const char *name; } names[] = {
		{ IFF_UP, "UP" }, { IFF_BROADCAST, "BROADCAST" }, { IFF_RUNNING, "RUNNING" },
		{ IFF_PROMISC, "PROMISC" }, { IFF_ALLMULTI, "ALLMULTI" },
		{ IFF_MULTICAST, "MULTICAST" },
	};
	const char *sep = "";

	kprintf("<");
	for (unsigned int i = 0; i < ARRAY_SIZE(names); i++) {
		if (flags & names[i].bit) {
			kprintf("%s%s", sep, names[i].name);
			sep = ",";
		}
	}
	kprintf(">");
}

/* Columns and their sums as Linux's dev_seq_printf_stats() has them. */
static void print_dev_stats(struct net_device *dev)
{
	struct net_device_stats s;

	dev_get_stats(dev, &s);
	kprintf("%6s: %8lu %7lu %4lu %4lu %4lu %5lu %10lu %9lu %8lu %7lu %4lu %4lu %4lu %5lu %7lu %10lu\n",
		dev->name, s.rx_bytes, s.rx_packets, s.rx_errors,
		s.rx_dropped + s.rx_missed_errors, s.rx_fifo_errors,
		s.rx_length_errors + s.rx_over_errors + s.rx_crc_errors + s.rx_frame_errors,
		s.rx_compressed, s.multicast, s.tx_bytes, s.tx_packets, s.tx_errors,
		s.tx_dropped, s.tx_fifo_errors, s.collisions,
		s.tx_carrier_errors + s.tx_aborted_errors + s.tx_window_errors +
		s.tx_heartbeat_errors, s.tx_compressed);
}

static void print_dev_state(struct net_device *dev)
{
	const u8 *a = dev->dev_addr;

	kprintf("%d: %s: ", dev->ifindex, dev->name);
	print_flags(dev->flags);
	kprintf(" mtu %u carrier %s queue %s", dev->mtu,
		netif_carrier_ok(dev) ? "on" : "off",
		netif_queue_stopped(dev) ? "stopped" : "running");
	/* Queues past the first: their state only where they are in use. */
	for (unsigned int i = 1; i < dev->real_num_tx_queues; i++)
		kprintf(" %u:%s", i, netif_tx_queue_stopped(netdev_get_tx_queue(dev, i)) ?
			"stopped" : "running");
	kprintf("\n");
	kprintf("    link/ether %02x:%02x:%02x:%02x:%02x:%02x mc %u txqlen %u/%u "
		"tx_timeout %llu nohandler %llu carrier_changes %llu\n",
		a[0], a[1], a[2], a[3], a[4], a[5], dev->mc_count,
		netdev_tx_backlog(dev), dev->tx_queue_len,
		(unsigned long long)dev->tx_timeout_count,
		(unsigned long long)dev->rx_nohandler,
		(unsigned long long)(dev->carrier_up_count + dev->carrier_down_count));
}

static int cmd_netdev(int argc, char **argv)
{
	struct net_device *dev;

	if (argc != 1)
		return shell_usage(shell_find("netdev"));
	kprintf("Inter-|   Receive                                                |  Transmit\n");
	kprintf(" face |bytes    packets errs drop fifo frame compressed multicast|"
		"bytes    packets errs drop fifo colls carrier compressed\n");
	for_each_netdev(dev)
		print_dev_stats(dev);
	for_each_netdev(dev)
		print_dev_state(dev);
	return 0;
}
SHELL_COMMAND("netdev", cmd_netdev, "netdev", "interfaces: /proc/net/dev counters, flags, MTU, MAC, carrier");

static int cmd_softnet(int argc, char **argv)
{
	if (argc != 1)
		return shell_usage(shell_find("softnet"));
	kprintf("processed dropped  squeeze  cpu   backlog\n");
	for (unsigned int cpu = 0; cpu < NR_NET_CPUS; cpu++) {
		const struct softnet_data *sd = &softnet_data[cpu];

		kprintf("%08x %08x %08x %08x %u\n", sd->processed, sd->dropped,
			sd->time_squeeze, sd->cpu, skb_queue_len(&sd->input_pkt_queue));
	}
	kprintf("netdev_budget %d netdev_budget_usecs %u netdev_max_backlog %d\n",
		netdev_budget, netdev_budget_usecs, netdev_max_backlog);
	return 0;
}
SHELL_COMMAND("softnet", cmd_softnet, "softnet", "per-CPU receive counters (/proc/net/softnet_stat)");

static int cmd_skb(int argc, char **argv)
{
	struct skb_pool_stats st;

	if (argc != 1)
		return shell_usage(shell_find("skb"));
	skb_pool_get_stats(&st);
	kprintf("skb pool: size %u in_use %u free %u high_water %u\n",
		st.size, st.in_use, st.free, st.high_water);
	kprintf("  allocs %llu frees %llu alloc_failures %llu bad_frees %llu\n",
		(unsigned long long)st.allocs, (unsigned long long)st.frees,
		(unsigned long long)st.alloc_failures, (unsigned long long)st.bad_frees);
	kprintf("  dropped (kfree_skb) %llu consumed (consume_skb) %llu\n",
		(unsigned long long)skb_free_stats.dropped,
		(unsigned long long)skb_free_stats.consumed);
	return 0;
}
SHELL_COMMAND("skb", cmd_skb, "skb", "skb pool usage and drop/consume counts");
