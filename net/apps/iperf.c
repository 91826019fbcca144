/*
 * An iperf 2 server on TCP port 5001: lwIP's own lwiperf app (built from the
 * Debian source package, net/lwip/lwip.mk). It reports each finished test.
 */
#define pr_fmt(fmt) "iperf: " fmt

#include <lib/errno.h>
#include <lib/printk.h>
#include <net/apps/apps.h>

#include "lwip/apps/lwiperf.h"

static void iperf_report(void *arg, enum lwiperf_report_type type,
			 const ip_addr_t *local, u16_t local_port,
			 const ip_addr_t *remote, u16_t remote_port,
			 u32_t bytes, u32_t ms, u32_t kbps)
{
	pr_info("%s %u bytes in %u ms: %u kbit/s\n",
		type == LWIPERF_TCP_DONE_SERVER ? "received" :
		type == LWIPERF_TCP_DONE_CLIENT ? "sent" : "aborted", bytes, ms, kbps);
}

int iperf_start(void)
{
	if (!lwiperf_start_tcp_server_default(iperf_report, NULL))
		return -ENOMEM;
	pr_info("TCP port %d\n", LWIPERF_TCP_PORT_DEFAULT);
	return 0;
}
