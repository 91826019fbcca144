/*
 * do_initcalls(): runs every registered init function, level by level. Within
 * a level the order is the section order: the link order of files, and
 * within a file whatever order GCC emitted them in. Stable, but arbitrary:
 * code that needs another subsystem first registers at a later level.
 */
#include <lib/initcall.h>
#include <lib/errno.h>
#include <lib/ktime.h>
#include <lib/printk.h>

extern const struct initcall __start_initcalls[] __attribute__((weak));
extern const struct initcall __stop_initcalls[] __attribute__((weak));

static const char *const level_names[NR_INITCALL_LEVELS] = {
	"early", "core", "arch", "subsys", "device", "late",
};

static int run_one(const struct initcall *ic)
{
	u64 start = ktime_get_ns();
	int ret = ic->fn();
	u64 took = ktime_get_ns() - start;

	pr_debug("initcall %s returned %d after %llu us\n", ic->name, ret,
		 (unsigned long long)(took / NSEC_PER_USEC));
	if (ret) {
		pr_err("initcall %s (%s) failed: %s\n", ic->name,
		       level_names[ic->level], errname(ret));
		return 1;
	}
	return 0;
}

int do_initcalls(void)
{
	const struct initcall *ic;
	int failures = 0;

	/* An entry with a level out of range would otherwise never run, silently. */
	for (ic = __start_initcalls; ic < __stop_initcalls; ic++) {
		if (ic->level < 0 || ic->level >= NR_INITCALL_LEVELS || !ic->fn) {
			pr_err("initcall %s has bad level %d, not run\n", ic->name, ic->level);
			failures++;
		}
	}
	/* A pass per level: a few dozen entries, so simpler than sorting. */
	for (int level = 0; level < NR_INITCALL_LEVELS; level++)
		for (ic = __start_initcalls; ic < __stop_initcalls; ic++)
			if (ic->level == level && ic->fn)
				failures += run_one(ic);
	return failures;
}
