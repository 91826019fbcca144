/*
 * An iperf 2 server on TCP port 5001: lwIP's own lwiperf app (built from the
 * Debian source package, net/lwip/lwip.mk). It reports each finished test.
 * lwiperf makes its listener itself; tcp_service_adopt() puts it under the
 * same limits as our other services (nicstack.iperf_conns, a backlog) and
 * lwiperf resets a session silent for LWIPERF_TCP_MAX_IDLE_SEC.
 */
#define pr_fmt(fmt) "iperf: " fmt
#define MODULE_PARAM_PREFIX "nicstack."

#include <lib/errno.h>
#include <lib/modinfo.h>
#include <lib/params.h>
#include <lib/printk.h>
#include <net/apps/apps.h>
#include <net/apps/tcp_service.h>

#include "lwip/apps/lwiperf.h"

static unsigned int iperf_conns = 2;
module_param(iperf_conns, uint, 0444);
MODULE_PARM_DESC(iperf_conns, "concurrent iperf tests (each -r/-d test also connects back)");

static struct tcp_service iperf_service = { .name = "iperf", .port = LWIPERF_TCP_PORT_DEFAULT };

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
	/* IPv4 and IPv6 both (lwiperf's _default() binds IPv4's any address only). */
	void *server = lwiperf_start_tcp_server(IP_ANY_TYPE, LWIPERF_TCP_PORT_DEFAULT,
						iperf_report, NULL);
	int err;

	if (!server)
		return -ENOMEM;
	iperf_service.max_conns = iperf_conns;
	iperf_service.extra_pcbs = iperf_conns;
	err = tcp_service_adopt(&iperf_service);
	if (err) {
		lwiperf_abort(server);
		return err;
	}
	pr_info("TCP port %d\n", LWIPERF_TCP_PORT_DEFAULT);
	return 0;
}
