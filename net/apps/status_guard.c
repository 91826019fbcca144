/*
 * What the defences against hostile peers did (copybreak, the skb share,
 * SYN-flood eviction, refused echo traffic, per-service limits), for the
 * status text and /stats.json alike: one list of counters, two printers.
 */
#include <net/apps/apps.h>
#include <net/apps/status.h>
#include <net/apps/tcp_service.h>
#include <net/lwip/netif_glue.h>
#include <net/lwip/tcp_guard.h>

#include "lwip/stats.h"

size_t status_guard_counters(struct status_counter *c, size_t max)
{
	const struct status_counter all[] = {
		{ "rx_skbs_held", nicstack_glue_rx_held() },
		{ "tcp_time_wait", tcp_guard_time_wait() },
		{ "tcp_backlog_full", tcp_guard_stats.backlog_full },
		{ "tcp_syn_evicted", tcp_guard_stats.syn_evicted },
		{ "nd6_proterr", lwip_stats.nd6.proterr },	/* PTB MTUs clamped, among others */
		{ "ip6_frag_err", lwip_stats.ip6_frag.err },
		{ "echo_udp_refused_port", echo_stats.udp_refused_port },
		{ "echo_udp_refused_dest", echo_stats.udp_refused_dest },
		{ "echo_tcp_refused_data", echo_stats.tcp_refused_data },
	};
	size_t n = min(ARRAY_SIZE(all), max);

	for (size_t i = 0; i < n; i++)
		c[i] = all[i];
	return n;
}

static void put_service_text(const struct tcp_service *svc, void *ctx)
{
	status_put(ctx, "  service %-5s port %-4u active %u max %u accepted %lu refused %lu "
		   "evicted %lu idle_closed %lu\n", svc->name, svc->port, tcp_service_active(svc),
		   svc->max_conns, svc->st.accepted, svc->st.refused, svc->st.evicted,
		   svc->st.idle_closed);
}

void status_guard_text(struct status_out *o)
{
	struct status_counter c[16];
	size_t n = status_guard_counters(c, ARRAY_SIZE(c));

	status_put(o, "guard:");
	for (size_t i = 0; i < n; i++)
		status_put(o, " %s %lu", c[i].name, c[i].value);
	status_put(o, "\n");
	tcp_service_for_each(put_service_text, o);
}
