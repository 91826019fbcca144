/*
 * Time as the rest of the kernel sees it. lib declares it; the platform
 * (arch/x86_64/tsc.c) implements it; host tests supply a fake clock.
 */
#ifndef LIB_KTIME_H
#define LIB_KTIME_H

#include <lib/types.h>

#define NSEC_PER_USEC	1000ULL
#define NSEC_PER_MSEC	1000000ULL
#define NSEC_PER_SEC	1000000000ULL

u64 ktime_get_ns(void);		/* monotonic, since boot */
void udelay(unsigned long usecs);	/* busy wait; for hardware settle times only */
void mdelay(unsigned long msecs);

#endif
