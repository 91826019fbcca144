/* The idle loop (boot/idle.c) and the pollers that busy-poll modes add to it. */
#ifndef BOOT_IDLE_H
#define BOOT_IDLE_H

#include <lib/types.h>

struct idle_poller {
	void (*poll)(void *data);	/* called with bottom halves disabled */
	void *data;
	struct idle_poller *next;
};

/* While any poller is registered the idle loop spins instead of halting. */
void idle_register_poller(struct idle_poller *p);
void idle_unregister_poller(struct idle_poller *p);

__noreturn void cpu_idle_loop(void);

#endif
