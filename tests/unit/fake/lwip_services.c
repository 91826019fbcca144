/*
 * The services on the lwIP host harness, for the hostile-peer tests: echo
 * (at most 2 connections, so the limits are quick to reach) and lwiperf.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <lib/softirq.h>
#include <net/apps/apps.h>
#include "lwip_harness.h"
#include "panic_fake.h"

int lwip_services_setup(void **state)
{
	static char line[] = "ip=192.0.2.2/24 gw=192.0.2.1 nicstack.echo_conns=2";

	lwip_harness_init(line);
	local_bh_disable();
	assert_int_equal(echo_start(), 0);
	assert_int_equal(iperf_start(), 0);
	local_bh_enable();
	/* The services' limits and backlogs fit the pcb pool (tcp_service.c). */
	assert_false(fake_console_has("exceed the"));
	return 0;
}
