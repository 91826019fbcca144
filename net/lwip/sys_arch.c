/*
 * lwIP's operating-system layer for NO_SYS=1: a clock, random numbers, the
 * RFC 6528 ISN hook's seeding, and the one libc function lwIP calls that the
 * kernel does not have. lwIP needs no threads, semaphores or mailboxes here.
 */
#include <lib/ktime.h>
#include <lib/random.h>
#include <net/lwip/port.h>

#include "lwip/opt.h"
#include "lwip/sys.h"
#include "tcp_isn.h"
#include "lwip_hooks.h"
#include "nicstack_lwip_version.h"

const char nicstack_lwip_debian_version[] = NICSTACK_LWIP_DEBIAN_VERSION;
const unsigned int nicstack_lwip_patches = NICSTACK_LWIP_PATCHES;

/* lwIP's timeouts and TCP timestamps run on milliseconds since boot; the
 * 32-bit value wraps after 49.7 days, which lwIP's TIME_LESS_THAN handles. */
u32_t sys_now(void)
{
	return (u32_t)(ktime_get_ns() / NSEC_PER_MSEC);
}

/* ---- random numbers ----------------------------------------------------- */

u32 nicstack_lwip_rand(void)
{
	return get_random_u32();
}

/* ---- RFC 6528 initial sequence numbers ----------------------------------- */

static bool isn_seeded;

/* The secret is drawn at the first connection rather than at boot: then, even
 * without a hardware generator, the cycle counter has run for a less
 * predictable time. */
u32_t nicstack_tcp_isn(const ip_addr_t *local_ip, u16_t local_port,
		       const ip_addr_t *remote_ip, u16_t remote_port)
{
	if (unlikely(!isn_seeded)) {
		u8 secret[16];

		for (size_t i = 0; i < sizeof(secret); i += 4) {
			u32 r = get_random_u32();

			memcpy(&secret[i], &r, 4);
		}
		/* No wall clock: the time term starts at boot, the secret
		 * alone makes the ISNs of one boot unlike another's. */
		lwip_init_tcp_isn(0, secret);
		memset(secret, 0, sizeof(secret));
		isn_seeded = true;
	}
	return lwip_hook_tcp_isn(local_ip, local_port, remote_ip, remote_port);
}

/* ---- libc ----------------------------------------------------------------- */

/* atoi() as netif_name_to_index() uses it: leading decimal digits, 0 when
 * there are none. Saturates instead of overflowing on absurd input. */
int nicstack_lwip_atoi(const char *s)
{
	bool neg = false;
	int v = 0;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; *s >= '0' && *s <= '9'; s++) {
		int d = *s - '0';

		if (v > (__INT_MAX__ - d) / 10)
			return neg ? -__INT_MAX__ : __INT_MAX__;
		v = v * 10 + d;
	}
	return neg ? -v : v;
}
