/*
 * net/lwip/sys_arch.c, the lwIP port's OS layer, with lwIP's own tcp_isn
 * addon and MD5 from the fetched Debian tree, on the host's libc headers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <lib/types.h>
#include <lib/random.h>
#include <net/lwip/port.h>
#include "lwip/opt.h"
#include "lwip/sys.h"
#include "lwip/ip_addr.h"
#include "lwip_hooks.h"
#include "nicstack_lwip_version.h"

int nicstack_lwip_atoi(const char *s);
u32 nicstack_lwip_rand(void);

/* The kernel services sys_arch.c and cc.h use. */
static u64 fake_now_ns;
u64 ktime_get_ns(void) { return fake_now_ns; }
int kprintf(const char *fmt, ...) { (void)fmt; return 0; }
void panic(const char *fmt, ...) { fail_msg("panic: %s", fmt); __builtin_abort(); }

static void test_atoi_as_netif_uses_it(void **state)
{
	assert_int_equal(nicstack_lwip_atoi("0"), 0);
	assert_int_equal(nicstack_lwip_atoi("17"), 17);
	assert_int_equal(nicstack_lwip_atoi("3x"), 3);	/* stops at the first non-digit */
	assert_int_equal(nicstack_lwip_atoi("x3"), 0);
	assert_int_equal(nicstack_lwip_atoi(""), 0);
	assert_int_equal(nicstack_lwip_atoi("-5"), -5);
	assert_int_equal(nicstack_lwip_atoi("99999999999999999999"), __INT_MAX__);
}

static void test_sys_now_is_ms_since_boot(void **state)
{
	fake_now_ns = 0;
	assert_int_equal(sys_now(), 0);
	fake_now_ns = 123456789012ULL;
	assert_int_equal(sys_now(), 123456);
	/* 2^32 ms and a bit: wraps as lwIP expects, no saturation. */
	fake_now_ns = (1ULL << 32) * 1000000ULL + 5000000ULL;
	assert_int_equal(sys_now(), 5);
}

static void test_random_varies(void **state)
{
	u32 v[8];
	int distinct = 0;

	for (int i = 0; i < 8; i++)
		v[i] = i & 1 ? nicstack_lwip_rand() : get_random_u32();
	for (int i = 1; i < 8; i++)
		distinct += v[i] != v[0];
	assert_true(distinct >= 6);
}

static void test_tcp_isn_rfc6528(void **state)
{
	ip_addr_t l, r, l6, r6;
	u32 a, b, c;

	IP_ADDR4(&l, 10, 0, 0, 1);
	IP_ADDR4(&r, 10, 0, 0, 2);
	IP_ADDR6(&l6, PP_HTONL(0xfe800000), 0, 0, PP_HTONL(1));
	IP_ADDR6(&r6, PP_HTONL(0xfe800000), 0, 0, PP_HTONL(2));
	fake_now_ns = 0;
	a = nicstack_tcp_isn(&l, 80, &r, 40000);
	b = nicstack_tcp_isn(&l, 80, &r, 40001);
	c = nicstack_tcp_isn(&l, 80, &r, 40000);
	assert_int_not_equal(a, b);	/* each 4-tuple its own sequence space */
	assert_int_equal(a, c);		/* stable for one tuple at one time */
	fake_now_ns = 1000000;		/* 1 ms later: 250 ticks of 4 us */
	assert_int_equal(nicstack_tcp_isn(&l, 80, &r, 40000) - a, 250);
	assert_int_not_equal(nicstack_tcp_isn(&l6, 80, &r6, 40000),
			     nicstack_tcp_isn(&l, 80, &r, 40000));
}

static void test_version_recorded(void **state)
{
	assert_string_equal(nicstack_lwip_debian_version, NICSTACK_LWIP_DEBIAN_VERSION);
	assert_memory_equal(nicstack_lwip_debian_version, "2.2.1", 5);
	/* net/lwip/patches applied: the hostile-network fixes are in. */
	assert_int_equal(nicstack_lwip_patches, NICSTACK_LWIP_PATCHES);
	assert_true(nicstack_lwip_patches >= 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_atoi_as_netif_uses_it),
		cmocka_unit_test(test_sys_now_is_ms_since_boot),
		cmocka_unit_test(test_random_varies),
		cmocka_unit_test(test_tcp_isn_rfc6528),
		cmocka_unit_test(test_version_recorded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
