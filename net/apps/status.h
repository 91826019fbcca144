/* The status text for the HTTP page and the shell (status.c). */
#ifndef NET_APPS_STATUS_H
#define NET_APPS_STATUS_H

#include <lib/types.h>

#define STATUS_SUMMARY	0x1	/* uptime, interfaces, softnet, skb pool */
#define STATUS_LWIP	0x2	/* lwIP's protocol and memory statistics */

/* Bytes written (without the NUL); truncated to size - 1. */
size_t nicstack_status_text(char *buf, size_t size, unsigned int what);

#endif
