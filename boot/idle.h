/* The idle loop (boot/idle.c); busy pollers are net/core/busy_poll.h's. */
#ifndef BOOT_IDLE_H
#define BOOT_IDLE_H

#include <lib/types.h>

__noreturn void cpu_idle_loop(void);

#endif
