/*
 * The services nicstack runs on lwIP (raw API, NO_SYS): started once at
 * boot by apps.c, each only if its nicstack.<name>= parameter is not 0.
 * Every start function runs with bottom halves disabled and returns 0 or
 * -errno.
 */
#ifndef NET_APPS_APPS_H
#define NET_APPS_APPS_H

#include <lib/types.h>

#include "lwip/tcp.h"

#define ECHO_PORT	7	/* RFC 862 */
#define HTTP_PORT	80

int echo_start(void);		/* UDP and TCP echo */

int http_start(void);		/* the status page */
int iperf_start(void);		/* lwIP's lwiperf, TCP port 5001 */

/* What the echo service has done (the status page shows it). */
struct echo_stats {
	u64 udp_datagrams, udp_errors;
	u64 udp_refused_port;	/* source port below 1024: no echo loops */
	u64 udp_refused_dest;	/* sent to a broadcast or multicast address */
	u64 tcp_accepted, tcp_closed, tcp_aborted, tcp_bytes;
	u64 tcp_refused_data;	/* receive refused: the connection held its limit */
	u32 tcp_active;
};
extern struct echo_stats echo_stats;

#endif
