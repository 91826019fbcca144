/*
 * GET /stats.json: the status page's data for scripts (RFC 8259). Counters
 * are JSON numbers, addresses and names strings (escaped: a device or pool
 * name is data, not trusted to be plain ASCII). The layout:
 *
 *   { "uptime_ms": N,
 *     "interfaces": [ { "name", "mtu", "up", "carrier", "mac", "inet",
 *                       "netmask", "gw", "inet6": [..], "stats": {..},
 *                       "glue": {..} } ],
 *     "softnet": {..}, "skb_pool": {..}, "tx_completed": N,
 *     "irqs": [ { "irq", "name", "count" } ],
 *     "lwip": { "proto": { "ip": {..}, .. }, "heap": {..}, "pools": { NAME: {..} } },
 *     "guard": { NAME: N, .. },
 *     "services": [ { "name", "port", "max", "active", "accepted", "refused",
 *                     "evicted", "idle_closed" } ] }
 */
#include <lib/irq.h>
#include <lib/ktime.h>
#include <net/apps/status.h>
#include <net/apps/tcp_service.h>
#include <net/core/napi.h>
#include <net/core/skb_pool.h>
#include <net/lwip/netif_glue.h>

#include "lwip/ip_addr.h"
#include "lwip/stats.h"

#define put status_put

/* A JSON string: quotes, backslashes and control characters escaped (RFC 8259 7). */
static void put_str(struct status_out *o, const char *s)
{
	put(o, "\"");
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			put(o, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)	/* non-ASCII: not valid UTF-8 for sure */
			put(o, "\\u%04x", c);
		else
			put(o, "%c", c);
	}
	put(o, "\"");
}

static void put_key(struct status_out *o, const char *key)
{
	put_str(o, key);
	put(o, ":");
}

/* "key":N, -- sep is "" for the last member of an object. */
static void put_num(struct status_out *o, const char *key, u64 v, const char *sep)
{
	put_key(o, key);
	put(o, "%llu%s", (unsigned long long)v, sep);
}

static void put_ip4(struct status_out *o, const char *key, const ip4_addr_t *a)
{
	char buf[16];

	scnprintf(buf, sizeof(buf), "%pI4", &a->addr);
	put_key(o, key);
	put_str(o, buf);
	put(o, ",");
}

static void put_netif(struct status_out *o, struct nicstack_netif *nif)
{
	const struct netif *n = &nif->netif;
	const struct glue_stats *g = &nif->stats;
	char a6[IP6ADDR_STRLEN_MAX];
	bool first = true;

	put_ip4(o, "inet", netif_ip4_addr(n));
	put_ip4(o, "netmask", netif_ip4_netmask(n));
	put_ip4(o, "gw", netif_ip4_gw(n));
	put(o, "\"inet6\":[");
	for (int i = 0; i < LWIP_IPV6_NUM_ADDRESSES; i++) {
		if (!ip6_addr_isvalid(netif_ip6_addr_state(n, i)))
			continue;
		put(o, first ? "" : ",");
		put_str(o, nicstack_ip6_ntoa(netif_ip6_addr(n, i), a6, sizeof(a6)));
		first = false;
	}
	put(o, "],\"glue\":{");
	put_num(o, "rx_packets", g->rx_packets, ",");
	put_num(o, "rx_copied", g->rx_copied, ",");
	put_num(o, "rx_copybreak", g->rx_copybreak, ",");
	put_num(o, "rx_pool_low", g->rx_pool_low, ",");
	put_num(o, "rx_dropped", g->rx_dropped, ",");
	put_num(o, "rx_otherhost", g->rx_otherhost, ",");
	put_num(o, "rx_csum_unnecessary", g->rx_csum_unnecessary, ",");
	put_num(o, "tx_packets", g->tx_packets, ",");
	put_num(o, "tx_sg", g->tx_sg, ",");
	put_num(o, "tx_copied", g->tx_copied, ",");
	put_num(o, "tx_csum_offload", g->tx_csum_offload, ",");
	put_num(o, "tx_gso", g->tx_gso, ",");
	put_num(o, "tx_dropped", g->tx_dropped, "},");
}

static void put_dev(struct status_out *o, struct net_device *dev)
{
	struct nicstack_netif *nif = nicstack_netif_find(dev);
	struct net_device_stats s;
	char mac[18];

	dev_get_stats(dev, &s);
	scnprintf(mac, sizeof(mac), "%pM", dev->dev_addr);
	put(o, "{");
	put_key(o, "name");
	put_str(o, dev->name);
	put(o, ",\"mtu\":%u,\"up\":%s,\"carrier\":%s,\"mac\":", dev->mtu,
	    netif_running(dev) ? "true" : "false", netif_carrier_ok(dev) ? "true" : "false");
	put_str(o, mac);
	put(o, ",");
	if (nif)
		put_netif(o, nif);
	put(o, "\"stats\":{");
	put_num(o, "rx_packets", s.rx_packets, ",");
	put_num(o, "rx_bytes", s.rx_bytes, ",");
	put_num(o, "rx_errors", s.rx_errors, ",");
	put_num(o, "rx_dropped", s.rx_dropped, ",");
	put_num(o, "rx_missed_errors", s.rx_missed_errors, ",");
	put_num(o, "tx_packets", s.tx_packets, ",");
	put_num(o, "tx_bytes", s.tx_bytes, ",");
	put_num(o, "tx_errors", s.tx_errors, ",");
	put_num(o, "tx_dropped", s.tx_dropped, "}}");
}

static void put_irq(unsigned int irq, const char *name, u64 count, void *ctx)
{
	struct status_out *o = ctx;

	/* Every member but the first is preceded by a comma: irqs start with '['. */
	if (o->len && o->buf[o->len - 1] != '[')
		put(o, ",");
	put(o, "{\"irq\":%u,\"name\":", irq);
	put_str(o, name);
	put(o, ",\"count\":%llu}", (unsigned long long)count);
}

static void put_proto(struct status_out *o, const char *name, const struct stats_proto *p,
		      const char *sep)
{
	put_key(o, name);
	put(o, "{\"xmit\":%u,\"recv\":%u,\"drop\":%u,\"chkerr\":%u,\"lenerr\":%u,"
	    "\"memerr\":%u,\"proterr\":%u}%s", p->xmit, p->recv, p->drop, p->chkerr,
	    p->lenerr, p->memerr, p->proterr, sep);
}

static void put_mem(struct status_out *o, const struct stats_mem *m)
{
	put(o, "{\"used\":%u,\"max\":%u,\"avail\":%u,\"err\":%u}", (unsigned int)m->used,
	    (unsigned int)m->max, (unsigned int)m->avail, (unsigned int)m->err);
}

static void put_lwip(struct status_out *o)
{
	bool first = true;

	put(o, "\"lwip\":{\"proto\":{");
	put_proto(o, "link", &lwip_stats.link, ",");
	put_proto(o, "etharp", &lwip_stats.etharp, ",");
	put_proto(o, "ip", &lwip_stats.ip, ",");
	put_proto(o, "icmp", &lwip_stats.icmp, ",");
	put_proto(o, "udp", &lwip_stats.udp, ",");
	put_proto(o, "tcp", &lwip_stats.tcp, ",");
	put_proto(o, "ip6", &lwip_stats.ip6, ",");
	put_proto(o, "icmp6", &lwip_stats.icmp6, ",");
	put_proto(o, "nd6", &lwip_stats.nd6, "},");
	put(o, "\"heap\":");
	put_mem(o, &lwip_stats.mem);
	put(o, ",\"pools\":{");
	for (int i = 0; i < MEMP_MAX; i++) {
		const struct stats_mem *m = lwip_stats.memp[i];

		if (!m)
			continue;
		put(o, first ? "" : ",");
		put_key(o, m->name);
		put_mem(o, m);
		first = false;
	}
	put(o, "}}");
}

static void put_service(const struct tcp_service *svc, void *ctx)
{
	struct status_out *o = ctx;

	if (o->len && o->buf[o->len - 1] != '[')
		put(o, ",");
	put(o, "{\"name\":");
	put_str(o, svc->name);
	put(o, ",\"port\":%u,\"max\":%u,", svc->port, svc->max_conns);
	put_num(o, "active", tcp_service_active(svc), ",");
	put_num(o, "accepted", svc->st.accepted, ",");
	put_num(o, "refused", svc->st.refused, ",");
	put_num(o, "evicted", svc->st.evicted, ",");
	put_num(o, "idle_closed", svc->st.idle_closed, "}");
}

/* ,"guard":{...},"services":[...] after lwip's object. */
static void put_guard(struct status_out *o)
{
	struct status_counter c[16];
	size_t n = status_guard_counters(c, ARRAY_SIZE(c));

	put(o, ",\"guard\":{");
	for (size_t i = 0; i < n; i++)
		put_num(o, c[i].name, c[i].value, i + 1 < n ? "," : "");
	put(o, "},\"services\":[");
	tcp_service_for_each(put_service, o);
	put(o, "]");
}

static void put_pools(struct status_out *o)
{
	struct softnet_data *sd = this_cpu_softnet();
	struct skb_pool_stats sp;

	skb_pool_get_stats(&sp);
	put(o, "\"softnet\":{");
	put_num(o, "processed", sd->processed, ",");
	put_num(o, "dropped", sd->dropped, ",");
	put_num(o, "time_squeeze", sd->time_squeeze, "},");
	put(o, "\"skb_pool\":{");
	put_num(o, "size", sp.size, ",");
	put_num(o, "in_use", sp.in_use, ",");
	put_num(o, "free", sp.free, ",");
	put_num(o, "reserved", sp.reserved, ",");
	put_num(o, "rx_truesize", skb_rx_truesize(), ",");
	put_num(o, "high_water", sp.high_water, ",");
	put_num(o, "allocs", sp.allocs, ",");
	put_num(o, "frees", sp.frees, ",");
	put_num(o, "alloc_failures", sp.alloc_failures, "},");
	put_num(o, "tx_completed", nicstack_glue_tx_completed, ",");
}

size_t nicstack_status_json(char *buf, size_t size)
{
	struct status_out o = { buf, size, 0 };
	struct net_device *dev;
	bool first = true;

	if (!size)
		return 0;
	buf[0] = '\0';
	put(&o, "{");
	put_num(&o, "uptime_ms", ktime_get_ns() / NSEC_PER_MSEC, ",");
	put(&o, "\"interfaces\":[");
	for_each_netdev(dev) {
		put(&o, first ? "" : ",");
		put_dev(&o, dev);
		first = false;
	}
	put(&o, "],");
	put_pools(&o);
	put(&o, "\"irqs\":[");
	irq_for_each(put_irq, &o);
	put(&o, "],");
	put_lwip(&o);
	put_guard(&o);
	put(&o, "}\n");
	return o.len;
}
