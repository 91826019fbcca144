/*
 * What the lwIP port offers the rest of the kernel, without lwIP's headers:
 * the boot banner prints the Debian version lwIP was built from, and the
 * services start once lwIP is up.
 */
#ifndef NET_LWIP_PORT_H
#define NET_LWIP_PORT_H

#include <lib/types.h>

/* The exact Debian source package version, e.g. "2.2.1+dfsg1-1+deb13u1". */
extern const char nicstack_lwip_debian_version[];
/* How many of net/lwip/patches were applied on top of it. */
extern const unsigned int nicstack_lwip_patches;

/*
 * Takes lwIP's heap from the page allocator, runs lwip_init(), prints the
 * banner and starts the timer that runs lwIP's timeouts. Idempotent.
 * 0, or -ENOMEM when the heap cannot be had.
 */
int nicstack_lwip_init(void);
bool nicstack_lwip_is_up(void);


#endif
