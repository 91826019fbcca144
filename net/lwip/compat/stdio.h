/*
 * lwIP's mem.c includes <stdio.h> for snprintf() in its heap sanity
 * messages; the kernel's snprintf() (lib/vsprintf.c) serves.
 */
#ifndef NET_LWIP_COMPAT_STDIO_H
#define NET_LWIP_COMPAT_STDIO_H

#include <lib/printk.h>

#endif
