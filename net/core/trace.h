/*
 * trace rx: a teaching view of the receive path. Each stage a frame passes
 * (top half, napi_schedule, net_rx_action, the driver's poll and clean,
 * netif_receive_skb, the protocol handler, lwIP's input) calls
 *     trace_rx(__func__, obj);
 * with the object it works on (the skb, or the napi/adapter before an skb
 * exists), and the shell command "trace rx on" prints one line per call:
 *     rx: e1000_clean_rx_irq        ffff8000001234c0
 * Off, each call is one load and a branch predicted not taken, so the calls
 * stay in the fast path for good.
 */
#ifndef NET_CORE_TRACE_H
#define NET_CORE_TRACE_H

#include <lib/types.h>

extern bool trace_rx_enabled;

void trace_rx_print(const char *stage, const void *obj);

/* Any context, hard IRQ included (printk is). */
static inline void trace_rx(const char *stage, const void *obj)
{
	if (unlikely(READ_ONCE(trace_rx_enabled)))
		trace_rx_print(stage, obj);
}

#endif
