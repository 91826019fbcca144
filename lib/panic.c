/*
 * panic(), warnings, and the spinlock sanity hook. panic() is the one path
 * that must work when everything else is broken, so it formats into a static
 * buffer (the stack may be nearly gone) and refuses to run twice: a fault
 * inside the panic path would otherwise recurse until the stack overflows and
 * the first, useful message scrolls away.
 */
#include <stdarg.h>
#include <lib/panic.h>
#include <lib/printk.h>
#include <lib/spinlock.h>
#include <arch/x86_64/irqflags.h>

#define PANIC_MSG_MAX	256

static int panic_depth;
static char panic_msg[PANIC_MSG_MAX];
static unsigned long warn_count;
static struct panic_report *panic_reports;

void panic_report_register(struct panic_report *r)
{
	for (struct panic_report *p = panic_reports; p; p = p->next)
		if (p == r)
			return;
	r->next = panic_reports;
	panic_reports = r;
}

__noreturn void panic(const char *fmt, ...)
{
	va_list args;

	/* Nothing may interrupt a dying kernel and run on its broken state. */
	local_irq_disable();
	if (panic_depth++) {
		static const char msg[] = "Kernel panic: recursive panic, halting\n";

		console_write(msg, sizeof(msg) - 1);
		arch_halt_on_panic();
	}
	/* loglevel= must not hide why the machine stopped. */
	console_loglevel = LOGLEVEL_DEFAULT + 2;

	va_start(args, fmt);
	vsnprintf(panic_msg, sizeof(panic_msg), fmt, args);
	va_end(args);

	printk(KERN_EMERG "Kernel panic: %s\n", panic_msg);
	for (struct panic_report *r = panic_reports; r; r = r->next)
		r->print();
	arch_dump_stack();
	printk(KERN_EMERG "---[ end Kernel panic: %s ]---\n", panic_msg);
	arch_halt_on_panic();
}

void __warn(const char *file, int line, const char *cond)
{
	warn_count++;
	printk(KERN_WARNING "WARNING: %s at %s:%d\n", cond, file, line);
	arch_dump_stack();
}

void spin_lock_bug(spinlock_t *lock, const char *why)
{
	panic("spinlock bug: %s on lock %p", why, (void *)lock);
}

#ifdef HOST_TEST
/* Tests catch panics by longjmp out of arch_halt_on_panic(); re-arm the guard. */
void panic_reset_for_test(void)
{
	panic_depth = 0;
}

unsigned long warn_count_for_test(void)
{
	return warn_count;
}
#endif
