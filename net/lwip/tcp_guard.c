/*
 * TCP state an attacker can make us hold, bounded (see tcp_guard.h). Runs
 * wherever lwIP runs: softirq, or with bottom halves disabled.
 */
#include <net/lwip/tcp_guard.h>
#include <net/lwip/lwip_hooks.h>

#include "lwip/priv/tcp_priv.h"

struct tcp_guard_stats tcp_guard_stats;

static u32 ticks_to_ms(u32 ticks)
{
	return ticks * TCP_SLOW_INTERVAL;
}

/*
 * RFC 4987 3.4: recycle the oldest half-open connection of this listener.
 * New pcbs go to the front of tcp_active_pcbs, so among equal ages (tcp_ticks
 * moves every 500 ms) the last one found is the oldest. No RST: the SYN most
 * likely came from a spoofed address.
 */
void nicstack_tcp_backlog_full(struct tcp_pcb_listen *lpcb)
{
	struct tcp_pcb *pcb, *oldest = NULL;
	u32 age, oldest_age = 0;

	tcp_guard_stats.backlog_full++;
	for (pcb = tcp_active_pcbs; pcb; pcb = pcb->next) {
		if (pcb->state != SYN_RCVD || pcb->listener != lpcb)
			continue;
		age = tcp_ticks - pcb->tmr;
		if (!oldest || age >= oldest_age) {
			oldest = pcb;
			oldest_age = age;
		}
	}
	if (oldest) {
		tcp_guard_stats.syn_evicted++;
		tcp_abandon(oldest, 0);
	}
}

static bool tcp_guard_established(const struct tcp_pcb *pcb)
{
	return pcb->state != CLOSED && pcb->state != LISTEN && pcb->state != SYN_SENT &&
	       pcb->state != SYN_RCVD && pcb->state != TIME_WAIT;
}

unsigned int tcp_guard_count_port(u16 port, const struct tcp_pcb *skip,
				  struct tcp_pcb **idlest, u32 *idle_ms)
{
	struct tcp_pcb *pcb, *best = NULL;
	u32 idle, best_idle = 0;
	unsigned int n = 0;

	for (pcb = tcp_active_pcbs; pcb; pcb = pcb->next) {
		if (pcb == skip || pcb->local_port != port || !tcp_guard_established(pcb))
			continue;
		n++;
		idle = tcp_ticks - pcb->tmr;
		if (!best || idle > best_idle) {
			best = pcb;
			best_idle = idle;
		}
	}
	if (idlest)
		*idlest = best;
	if (idle_ms)
		*idle_ms = ticks_to_ms(best_idle);
	return n;
}

unsigned int tcp_guard_time_wait(void)
{
	unsigned int n = 0;

	for (struct tcp_pcb *pcb = tcp_tw_pcbs; pcb; pcb = pcb->next)
		n++;
	return n;
}

struct tcp_pcb_listen *tcp_guard_find_listener(u16 port)
{
	struct tcp_pcb_listen *lpcb;

	for (lpcb = tcp_listen_pcbs.listen_pcbs; lpcb; lpcb = lpcb->next)
		if (lpcb->local_port == port)
			return lpcb;
	return NULL;
}
