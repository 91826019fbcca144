/*
 * Starting the stack: lwIP, its netif on every registered device, then the
 * services, after the drivers have probed (late initcall; a NIC registered
 * later is attached by the glue's notifier). Each service can be turned off:
 * nicstack.echo=0, nicstack.http=0, nicstack.iperf=0. With
 * nicstack.app=reflect (reflect.c) lwIP is not started at all: the devices
 * belong to the reflector.
 */
#define pr_fmt(fmt) "apps: " fmt
#define MODULE_PARAM_PREFIX "nicstack."

#include <lib/errno.h>
#include <lib/initcall.h>
#include <lib/params.h>
#include <lib/printk.h>
#include <lib/softirq.h>
#include <net/apps/apps.h>
#include <net/apps/app.h>
#include <net/lwip/netif_glue.h>
#include <net/lwip/port.h>

static bool echo = true, http = true, iperf = true;
module_param(echo, bool, 0444);
module_param(http, bool, 0444);
module_param(iperf, bool, 0444);

static void start(const char *name, bool on, int (*fn)(void))
{
	int err;

	if (!on) {
		pr_info("%s off (nicstack.%s=0)\n", name, name);
		return;
	}
	err = fn();
	if (err)
		pr_err("%s did not start: %s\n", name, errname(err));
}

static int apps_init(void)
{
	int err;

	if (nicstack_app_mode() == NICSTACK_APP_REFLECT)
		return 0;
	err = nicstack_lwip_init();
	if (!err)
		err = nicstack_glue_init();
	if (err)
		return err;
	local_bh_disable();
	start("echo", echo, echo_start);
	start("http", http, http_start);
	start("iperf", iperf, iperf_start);
	local_bh_enable();
	return 0;
}
late_initcall(apps_init);
