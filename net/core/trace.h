/*
 * trace rx: a teaching view of the receive path. Each stage a frame passes
 * (top half, napi_schedule, net_rx_action, the driver's poll and clean,
 * netif_receive_skb, the protocol handler, lwIP's input) calls
 *     trace_rx(__func__, obj);
 * with the object it works on (the skb, or the napi/adapter before an skb
 * exists), and the shell command "trace rx on" prints one line per call:
 *     rx: e1000_clean_rx_irq        ffff8000001234c0
 * Off, each call is one load and a branch predicted not taken, so the calls
 * stay in the fast path for good. Each call also records the stage as this
 * CPU's last one: a panic prints it (an lwIP assertion reached from the
 * wire then names the path the fatal frame took), at the cost of two stores.
 */
#ifndef NET_CORE_TRACE_H
#define NET_CORE_TRACE_H

#include <lib/types.h>

extern bool trace_rx_enabled;

void trace_rx_print(const char *stage, const void *obj);

struct trace_rx_last {
	const char *stage;
	const void *obj;
};
extern struct trace_rx_last trace_rx_last[];	/* per CPU (net_cpu_id()) */

/* Forgets the last stages and has a panic print them (softnet_init()). */
void trace_rx_init(void);

/* Any context, hard IRQ included (printk is). One CPU today: index 0. */
static inline void trace_rx(const char *stage, const void *obj)
{
	trace_rx_last[0].stage = stage;
	trace_rx_last[0].obj = obj;
	if (unlikely(READ_ONCE(trace_rx_enabled)))
		trace_rx_print(stage, obj);
}

#endif
