/*
 * lwIP includes <stdlib.h> for one function: netif.c's netif_name_to_index()
 * parses the number in names like "en0" with atoi(). Renamed so that the
 * kernel exports no libc name; implemented in net/lwip/sys_arch.c.
 */
#ifndef NET_LWIP_COMPAT_STDLIB_H
#define NET_LWIP_COMPAT_STDLIB_H

int nicstack_lwip_atoi(const char *s);
#define atoi(s)		nicstack_lwip_atoi(s)

#endif
