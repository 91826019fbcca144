/*
 * TCP under attack: what one peer may hold of lwIP's TCP state.
 *
 *  - A SYN that finds a listener's backlog full drops that listener's oldest
 *    half-open connection (lwIP's LWIP_HOOK_TCP_LISTEN_BACKLOG_FULL, our
 *    patch 0005), so a flood of spoofed SYNs cannot lock genuine clients out.
 *  - A service's established connections are counted by port; at the
 *    service's limit the one idle longest is reset if it has been idle for
 *    at least nicstack.tcp_evict_idle ms, else the newcomer is (tcp_service.c).
 *
 * Includes lwIP's private TCP header: for net/lwip and net/apps only.
 */
#ifndef NET_LWIP_TCP_GUARD_H
#define NET_LWIP_TCP_GUARD_H

#include <lib/types.h>

#include "lwip/tcp.h"

struct tcp_guard_stats {
	u64 syn_evicted;	/* half-open connections dropped for a newer SYN */
	u64 backlog_full;	/* SYNs that found a backlog full */
};
extern struct tcp_guard_stats tcp_guard_stats;

/* Established (or closing) connections whose local port is port, other than
 * skip; *idlest (may be NULL) gets the one longest without a segment from
 * its peer and *idle_ms its idleness. */
unsigned int tcp_guard_count_port(u16 port, const struct tcp_pcb *skip,
				  struct tcp_pcb **idlest, u32 *idle_ms);

/* pcbs in TIME_WAIT: closed connections lwIP keeps for 2 MSL (they are the
 * first a new connection takes when pcbs run out). */
unsigned int tcp_guard_time_wait(void);

/* The listen pcb bound to port, or NULL (to adjust a listener an app such
 * as lwiperf created itself). */
struct tcp_pcb_listen *tcp_guard_find_listener(u16 port);

#endif
