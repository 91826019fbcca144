/*
 * Bringing lwIP up: its heap from the page allocator, lwip_init(), the boot
 * banner, and the kernel timer that runs lwIP's timeouts (TCP retransmits,
 * ARP/ND ageing, DHCP, reassembly expiry). NO_SYS=1 lwIP has no thread of its
 * own, so something must call sys_check_timeouts(): here a kernel timer,
 * which runs in TIMER_SOFTIRQ, one of the two contexts lwIP may run in
 * (DESIGN.md, Contexts and rules).
 */
#define pr_fmt(fmt) "lwip: " fmt

#include <lib/errno.h>
#include <lib/kmalloc.h>
#include <lib/printk.h>
#include <lib/timer.h>
#include <net/lwip/port.h>

#include "lwip/init.h"
#include "lwip/timeouts.h"
#include "lwip/stats.h"

unsigned char *nicstack_lwip_heap;

/*
 * lwIP reports how long until its next timeout, but a timeout added later
 * (a new TCP connection's timer, a DHCP retry) may be due sooner, and lwIP
 * has no way to tell us. Sleeping at most this long bounds that error; TCP's
 * own timers tick every 250 ms, so 25 ms is invisible to it, and it costs 40
 * timer softirqs a second.
 */
#define LWIP_TIMER_MAX_MS	25

static struct timer_list lwip_timer;
static bool lwip_up;

static void lwip_timer_fn(struct timer_list *t)
{
	u32 ms;

	sys_check_timeouts();
	ms = sys_timeouts_sleeptime();
	if (ms > LWIP_TIMER_MAX_MS)
		ms = LWIP_TIMER_MAX_MS;
	mod_timer(t, jiffies + max(msecs_to_jiffies(ms), 1ULL));
}

bool nicstack_lwip_is_up(void)
{
	return lwip_up;
}

int nicstack_lwip_init(void)
{
	if (lwip_up)
		return 0;
	nicstack_lwip_heap = alloc_pages(GFP_KERNEL, NICSTACK_LWIP_HEAP_ORDER);
	if (!nicstack_lwip_heap) {
		pr_err("no memory for the %lu KiB heap\n",
		       (PAGE_SIZE << NICSTACK_LWIP_HEAP_ORDER) >> 10);
		return -ENOMEM;
	}
	lwip_init();
	lwip_up = true;
	pr_info("lwIP %s from Debian %s with %u nicstack patches, heap %lu KiB\n",
		LWIP_VERSION_STRING, nicstack_lwip_debian_version, nicstack_lwip_patches,
		(PAGE_SIZE << NICSTACK_LWIP_HEAP_ORDER) >> 10);
	timer_setup(&lwip_timer, lwip_timer_fn, 0);
	mod_timer(&lwip_timer, jiffies + 1);
	return 0;
}

