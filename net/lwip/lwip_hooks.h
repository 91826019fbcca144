/*
 * lwIP's hooks into nicstack (LWIP_HOOK_FILENAME in lwipopts.h): lwIP's
 * tcp.c and friends include this after their own headers, so lwIP's types
 * are known here.
 */
#ifndef NET_LWIP_LWIP_HOOKS_H
#define NET_LWIP_LWIP_HOOKS_H

#include "lwip/ip_addr.h"
#include "lwip/err.h"

struct tcp_pcb_listen;

/* LWIP_HOOK_TCP_ISN: RFC 6528 initial sequence numbers (sys_arch.c). */
u32_t nicstack_tcp_isn(const ip_addr_t *local_ip, u16_t local_port,
		       const ip_addr_t *remote_ip, u16_t remote_port);

/* LWIP_HOOK_TCP_LISTEN_BACKLOG_FULL (our patch 0005): make room for a SYN
 * (tcp_guard.c). */
void nicstack_tcp_backlog_full(struct tcp_pcb_listen *lpcb);

/* Segmentation offload (tcp_gso.c): raise an established pcb's MSS, mark
 * a segment larger than the real one. */
struct tcp_pcb;
struct tcp_hdr;
struct pbuf;
err_t nicstack_tcp_gso_input(struct tcp_pcb *pcb);

/* LWIP_TCP_ACK_BATCH_HOLD (our patch 0020): 1 while a NAPI poll delivers,
 * so the every-second-segment ACK waits for the batch's end (tcp_ack_batch.c). */
int nicstack_tcp_ack_batch_hold(void);
void nicstack_tcp_ack_batch_init(void);
u32_t *nicstack_tcp_gso_mark(struct pbuf *p, struct tcp_hdr *hdr, const struct tcp_pcb *pcb,
			     u32_t *opts);

#endif
