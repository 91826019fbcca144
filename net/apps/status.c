/*
 * The status text shared by the HTTP page and the shell: uptime, interfaces
 * (addresses and net_device_stats), softnet, the skb pool, the glue's
 * counters, per-IRQ counts and lwIP's own statistics. Written into a caller's buffer with
 * scnprintf(), so it is truncated, never overrun.
 */
#include <lib/irq.h>
#include <lib/ktime.h>
#include <lib/printk.h>
#include <net/apps/status.h>
#include <net/core/napi.h>
#include <net/core/skb_pool.h>
#include <net/lwip/netif_glue.h>

#include "lwip/stats.h"
#include "lwip/ip_addr.h"

void status_put(struct status_out *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	o->len += (size_t)vscnprintf(o->buf + o->len, o->size - o->len, fmt, ap);
	va_end(ap);
}

static void put_dev(struct status_out *o, struct net_device *dev)
{
	struct nicstack_netif *nif = nicstack_netif_find(dev);
	struct net_device_stats s;

	dev_get_stats(dev, &s);
	status_put(o, "%s: mtu %u %s%s\n", dev->name, dev->mtu, netif_running(dev) ? "up" : "down",
	    netif_carrier_ok(dev) ? " carrier" : " no-carrier");
	if (nif) {
		const struct netif *n = &nif->netif;
		char a6[IP6ADDR_STRLEN_MAX];

		status_put(o, "  inet %pI4 mask %pI4 gw %pI4\n", &netif_ip4_addr(n)->addr,
		    &netif_ip4_netmask(n)->addr, &netif_ip4_gw(n)->addr);
		for (int i = 0; i < LWIP_IPV6_NUM_ADDRESSES; i++)
			if (ip6_addr_isvalid(netif_ip6_addr_state(n, i)))
				status_put(o, "  inet6 %s\n", nicstack_ip6_ntoa(netif_ip6_addr(n, i), a6, sizeof(a6)));
		status_put(o, "  glue rx %lu copied %lu copybreak %lu pool_low %lu dropped %lu "
		    "otherhost %lu csum_unnecessary %lu | tx %lu sg %lu copied %lu csum_offload %lu "
		    "gso %lu dropped %lu\n",
		    nif->stats.rx_packets, nif->stats.rx_copied, nif->stats.rx_copybreak,
		    nif->stats.rx_pool_low, nif->stats.rx_dropped, nif->stats.rx_otherhost,
		    nif->stats.rx_csum_unnecessary, nif->stats.tx_packets, nif->stats.tx_sg,
		    nif->stats.tx_copied, nif->stats.tx_csum_offload, nif->stats.tx_gso,
		    nif->stats.tx_dropped);
	}
	status_put(o, "  rx_packets %lu rx_bytes %lu rx_errors %lu rx_dropped %lu rx_missed_errors %lu\n"
	    "  tx_packets %lu tx_bytes %lu tx_errors %lu tx_dropped %lu\n",
	    s.rx_packets, s.rx_bytes, s.rx_errors, s.rx_dropped, s.rx_missed_errors,
	    s.tx_packets, s.tx_bytes, s.tx_errors, s.tx_dropped);
}

static void put_proto(struct status_out *o, const char *name, const struct stats_proto *p)
{
	status_put(o, "  %-6s xmit %u recv %u drop %u chkerr %u lenerr %u memerr %u proterr %u\n",
	    name, p->xmit, p->recv, p->drop, p->chkerr, p->lenerr, p->memerr, p->proterr);
}

static void put_lwip(struct status_out *o)
{
	status_put(o, "lwip:\n");
	put_proto(o, "link", &lwip_stats.link);
	put_proto(o, "etharp", &lwip_stats.etharp);
	put_proto(o, "ip", &lwip_stats.ip);
	put_proto(o, "icmp", &lwip_stats.icmp);
	put_proto(o, "udp", &lwip_stats.udp);
	put_proto(o, "tcp", &lwip_stats.tcp);
	put_proto(o, "ip6", &lwip_stats.ip6);
	put_proto(o, "icmp6", &lwip_stats.icmp6);
	put_proto(o, "nd6", &lwip_stats.nd6);
	status_put(o, "  heap used %u max %u of %u, errors %u\n", (unsigned int)lwip_stats.mem.used,
	    (unsigned int)lwip_stats.mem.max, (unsigned int)lwip_stats.mem.avail,
	    (unsigned int)lwip_stats.mem.err);
	for (int i = 0; i < MEMP_MAX; i++) {
		const struct stats_mem *m = lwip_stats.memp[i];

		if (m)
			status_put(o, "  pool %-14s used %u max %u of %u, errors %u\n", m->name,
			    (unsigned int)m->used, (unsigned int)m->max, (unsigned int)m->avail,
			    (unsigned int)m->err);
	}
}

static void put_irq(unsigned int irq, const char *name, u64 count, void *ctx)
{
	status_put(ctx, "  irq %3u %-16s %llu\n", irq, name, (unsigned long long)count);
}

size_t nicstack_status_text(char *buf, size_t size, unsigned int what)
{
	struct status_out o = { buf, size, 0 };
	struct softnet_data *sd = this_cpu_softnet();
	struct skb_pool_stats sp;
	struct net_device *dev;
	u64 ms = ktime_get_ns() / NSEC_PER_MSEC;

	if (!size)
		return 0;
	buf[0] = '\0';
	if (what & STATUS_SUMMARY) {
		status_put(&o, "nicstack up %lu.%03lu s\n", ms / 1000, ms % 1000);
		for_each_netdev(dev)
			put_dev(&o, dev);
		skb_pool_get_stats(&sp);
		status_put(&o, "softnet: processed %u dropped %u time_squeeze %u\n",
		    sd->processed, sd->dropped, sd->time_squeeze);
		status_put(&o, "skb pool: size %u in_use %u free %u high_water %u alloc_failures %lu\n"
		    "  reserved for rx rings %u, held by lwIP %u, %zu bytes per received skb\n",
		    sp.size, sp.in_use, sp.free, sp.high_water, sp.alloc_failures,
		    sp.reserved, nicstack_glue_rx_held(), skb_rx_truesize());
		status_put(&o, "tx completions releasing pbufs: %lu\n", nicstack_glue_tx_completed);
	}
	if (what & STATUS_IRQ) {
		status_put(&o, "interrupts:\n");
		irq_for_each(put_irq, &o);
	}
	if (what & STATUS_LWIP) {
		put_lwip(&o);
		status_guard_text(&o);
	}
	return o.len;
}
