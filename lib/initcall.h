/*
 * Initcalls: subsystems register their init function at a level and
 * start_kernel() runs the levels in order, timing each call and logging failures.
 */
#ifndef LIB_INITCALL_H
#define LIB_INITCALL_H

#include <lib/types.h>

typedef int (*initcall_t)(void);

struct initcall {
	initcall_t fn;
	const char *name;
	int level;
} __aligned(8);

enum { INITCALL_EARLY, INITCALL_CORE, INITCALL_ARCH, INITCALL_SUBSYS,
       INITCALL_DEVICE, INITCALL_LATE, NR_INITCALL_LEVELS };

#define __define_initcall(fn, lvl)						\
	static const struct initcall __initcall_##fn				\
	__attribute__((used, section("initcalls"), aligned(8))) = { fn, #fn, lvl }

#define early_initcall(fn)	__define_initcall(fn, INITCALL_EARLY)
#define core_initcall(fn)	__define_initcall(fn, INITCALL_CORE)
#define arch_initcall(fn)	__define_initcall(fn, INITCALL_ARCH)
#define subsys_initcall(fn)	__define_initcall(fn, INITCALL_SUBSYS)
#define device_initcall(fn)	__define_initcall(fn, INITCALL_DEVICE)
#define late_initcall(fn)	__define_initcall(fn, INITCALL_LATE)

/* Runs every level in order (within a level, link order); returns failures. */
int do_initcalls(void);

#endif
