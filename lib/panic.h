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

#define BUG()		panic("BUG at %s:%d", __FILE__, __LINE__)
#define BUG_ON(cond)	do { if (unlikely(cond)) panic("BUG_ON(%s) at %s:%d", #cond, __FILE__, __LINE__); } while (0)
#define WARN_ON(cond)	({ bool __w = !!(cond); if (unlikely(__w)) __warn(__FILE__, __LINE__, #cond); __w; })

#endif
