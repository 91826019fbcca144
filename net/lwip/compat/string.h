/*
 * lwIP's sources include <string.h> for memcpy/memset/memcmp/memmove/strlen/
 * strncmp. They are compiled with -nostdinc (net/lwip/lwip.mk), so this shim
 * is what they get: the kernel's own implementations in lib/string.c.
 */
#ifndef NET_LWIP_COMPAT_STRING_H
#define NET_LWIP_COMPAT_STRING_H

#include <lib/string.h>

#endif
