/*
 * A TCP service (echo, http, iperf): its listener, its limits and what they
 * did. No service can take every TCP pcb, and no peer can squat a service:
 *
 *   - a listen backlog (nicstack.tcp_backlog) bounds half-open connections;
 *   - at most max_conns established connections (nicstack.echo_conns, ...):
 *     past it the connection idle longest (no segment from its peer for
 *     nicstack.tcp_evict_idle ms or more) is reset to make room, else the
 *     newcomer is reset: the newest is refused, cleanly (RST);
 *   - listeners have a higher lwIP priority than established connections,
 *     so when the pcb pool itself runs out lwIP's tcp_alloc() resets the
 *     oldest idle established connection for a new client.
 *
 * The sum of every service's limit and backlog (and iperf's connections back
 * to its clients) is checked against MEMP_NUM_TCP_PCB at start.
 */
#ifndef NET_APPS_TCP_SERVICE_H
#define NET_APPS_TCP_SERVICE_H

#include <lib/types.h>

#include "lwip/tcp.h"

struct tcp_service_stats {
	u64 accepted;
	u64 refused;		/* newcomer reset: the service was full */
	u64 evicted;		/* idle connection reset to make room */
	u64 idle_closed;	/* reset by the service's own idle timeout */
};

struct tcp_service {
	const char *name;
	u16 port;
	unsigned int max_conns;
	unsigned int extra_pcbs;	/* pcbs it opens itself (iperf's reverse tests) */
	tcp_accept_fn accept;		/* the app's own accept callback */
	struct tcp_pcb_listen *lpcb;
	struct tcp_service_stats st;
};

extern unsigned int tcp_service_backlog;	/* nicstack.tcp_backlog */

/* A listener on svc->port (IPv4 and IPv6) that admits through svc's limits
 * into svc->accept. 0 or -errno. */
int tcp_service_listen(struct tcp_service *svc);
/* The same limits for a listener an lwIP app created itself on svc->port
 * (lwiperf): its accept callback is wrapped. */
int tcp_service_adopt(struct tcp_service *svc);

/* Established connections of svc now. */
unsigned int tcp_service_active(const struct tcp_service *svc);
void tcp_service_for_each(void (*fn)(const struct tcp_service *svc, void *ctx), void *ctx);

#endif
