/*
 * Busy polling: a device with no interrupts (e1000e.irq=poll) is polled from
 * the idle loop instead. Linux busy-polls from a socket's receive path
 * (napi_busy_loop); a unikernel has one loop that waits, so it polls there.
 */
#ifndef NET_CORE_BUSY_POLL_H
#define NET_CORE_BUSY_POLL_H

#include <lib/types.h>
#include <lib/list.h>

struct busy_poller {
	void (*poll)(void *data);	/* called with bottom halves disabled */
	void *data;
	struct list_head list;
};

/* While any poller is registered the idle loop spins instead of halting. */
void busy_poll_add(struct busy_poller *p);
void busy_poll_del(struct busy_poller *p);
bool busy_poll_active(void);
void busy_poll_run(void);	/* the idle loop: every poller once */

#endif
