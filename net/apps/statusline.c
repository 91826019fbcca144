/*
 * The status line at the top of the screen (drivers/tty/vt.c keeps row 0 for
 * it): what someone in front of the box wants first, refreshed once a second
 * by a kernel timer. The first interface's addresses, its link and speed,
 * packets per second each way and the uptime, from the same counters the
 * `ifconfig` command and the status page show:
 *
 *   nicstack  eth0 10.0.2.15/24 fec0::5054:ff:fe12:3456  link up 1000 Mb/s  rx 12 tx 3 pkt/s  up 0:01:05
 *
 * The timer runs in softirq context, where lwIP runs too, so its addresses
 * hold still while they are read.
 */
#include <lib/initcall.h>
#include <lib/ktime.h>
#include <lib/printk.h>
#include <lib/timer.h>
#include <net/apps/status.h>
#include <net/core/netdevice.h>
#include <net/lwip/netif_glue.h>

#include "lwip/ip_addr.h"

#define STATUS_LINE_MAX	200	/* wider than any screen's row: the console cuts it */

static struct timer_list statusline_timer;
static u64 last_rx, last_tx, last_jiffies;

/* A netmask's bits (a mask, so counting them is its prefix length). */
static unsigned int prefix_len(u32 mask)
{
	unsigned int n = 0;

	for (; mask; mask &= mask - 1)
		n++;
	return n;
}

/* A global IPv6 address if there is one, else the link-local one. */
static const ip6_addr_t *best_ip6(const struct netif *n)
{
	const ip6_addr_t *found = NULL;

	for (int i = 0; i < LWIP_IPV6_NUM_ADDRESSES; i++) {
		const ip6_addr_t *a = netif_ip6_addr(n, i);

		if (!ip6_addr_isvalid(netif_ip6_addr_state(n, i)))
			continue;
		if (!ip6_addr_islinklocal(a))
			return a;
		found = a;
	}
	return found;
}

static void put_addresses(struct status_out *o, struct net_device *dev)
{
	struct nicstack_netif *nif = nicstack_netif_find(dev);
	char a6[IP6ADDR_STRLEN_MAX];
	const ip6_addr_t *ip6;

	if (!nif) {
		status_put(o, " (not on lwIP)");
		return;
	}
	if (ip4_addr_isany_val(*netif_ip4_addr(&nif->netif)))
		status_put(o, " no IPv4 yet");
	else
		status_put(o, " %pI4/%u", &netif_ip4_addr(&nif->netif)->addr,
			   prefix_len(ip4_addr_get_u32(netif_ip4_netmask(&nif->netif))));
	ip6 = best_ip6(&nif->netif);
	if (ip6)
		status_put(o, " %s", nicstack_ip6_ntoa(ip6, a6, sizeof(a6)));
}

static void put_rates(struct status_out *o, struct net_device *dev)
{
	struct net_device_stats s;
	u64 now = jiffies, dt = now - last_jiffies;

	dev_get_stats(dev, &s);
	if (last_jiffies && dt)
		status_put(o, "  rx %llu tx %llu pkt/s",
			   (unsigned long long)((s.rx_packets - last_rx) * HZ / dt),
			   (unsigned long long)((s.tx_packets - last_tx) * HZ / dt));
	last_rx = s.rx_packets;
	last_tx = s.tx_packets;
	last_jiffies = now;
}

static void statusline_refresh(struct timer_list *t)
{
	char text[STATUS_LINE_MAX];
	struct status_out o = { text, sizeof(text), 0 };
	struct net_device *dev = NULL, *d;
	u64 s = ktime_get_ns() / NSEC_PER_SEC;
	struct ethtool_link_ksettings ks;

	text[0] = '\0';
	status_put(&o, "nicstack ");
	for_each_netdev(d)
		if (!dev)
			dev = d;
	if (dev) {
		status_put(&o, " %s", dev->name);
		put_addresses(&o, dev);
		status_put(&o, "  link %s", netif_carrier_ok(dev) ? "up" : "down");
		if (netif_carrier_ok(dev) && !__ethtool_get_link_ksettings(dev, &ks) &&
		    ks.base.speed > 0)
			status_put(&o, " %d Mb/s", ks.base.speed);
		put_rates(&o, dev);
	} else {
		status_put(&o, " no network device");
	}
	status_put(&o, "  up %llu:%02llu:%02llu", (unsigned long long)(s / 3600),
		   (unsigned long long)(s / 60 % 60), (unsigned long long)(s % 60));
	console_status(text);
	mod_timer(t, jiffies + HZ);
}

static int statusline_init(void)
{
	timer_setup(&statusline_timer, statusline_refresh, 0);
	mod_timer(&statusline_timer, jiffies + 1);
	return 0;
}
late_initcall(statusline_init);
