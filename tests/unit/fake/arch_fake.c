/* Host stand-ins for the platform hooks lib/ declares (see tests/unit/fake/). */
#include <lib/types.h>
#include <lib/ktime.h>

bool fake_irqs_off;
u64 fake_now_ns;	/* tests move time by hand */

u64 ktime_get_ns(void) { return fake_now_ns; }
void udelay(unsigned long usecs) { fake_now_ns += usecs * NSEC_PER_USEC; }
void mdelay(unsigned long msecs) { fake_now_ns += msecs * NSEC_PER_MSEC; }
