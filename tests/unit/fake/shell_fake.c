/* Host stand-ins for what lib/shell.c and lib/shell_cmds.c use from softirq.c and timer.c. */
#include <lib/softirq.h>
#include <lib/timer.h>

volatile u64 jiffies;
int fake_bh_depth;		/* > 0 while bottom halves are "disabled" */
int fake_bh_enables;

void local_bh_disable(void) { fake_bh_depth++; }
void local_bh_enable(void) { fake_bh_depth--; fake_bh_enables++; }
