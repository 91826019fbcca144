/* panic() and the assertion macros. */
#ifndef LIB_PANIC_H
#define LIB_PANIC_H

#include <lib/types.h>

/* Prints the message, the registers and a symbolized backtrace, then stops. */
__printf(1, 2) __noreturn void panic(const char *fmt, ...);

/* The platform's half of a panic: dump state, stop the machine (arch/x86_64/traps.c). */
void arch_dump_stack(void);
__noreturn void arch_halt_on_panic(void);

void __warn(const char *file, int line, const char *cond);

/*
 * What other parts of the kernel know that helps read a panic (Linux's
 * panic_notifier_list): each report prints a line or two after the message
 * and before the backtrace. It runs on a dying kernel: no locks, no
 * allocation. Registered once, never removed.
 */
struct panic_report {
	void (*print)(void);
	struct panic_report *next;
};
void panic_report_register(struct panic_report *r);

#define BUG()		panic("BUG at %s:%d", __FILE__, __LINE__)
#define BUG_ON(cond)	do { if (unlikely(cond)) panic("BUG_ON(%s) at %s:%d", #cond, __FILE__, __LINE__); } while (0)
#define WARN_ON(cond)	({ bool __w = !!(cond); if (unlikely(__w)) __warn(__FILE__, __LINE__, #cond); __w; })

#endif
