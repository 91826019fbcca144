/*
 * Host stand-ins for the platform half of panic(): count the stack dump, and
 * instead of halting, jump back into the test that expected the panic.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <lib/panic.h>
#include <lib/printk.h>
#include "panic_fake.h"

jmp_buf *fake_panic_jmp;
unsigned int fake_panic_count;
unsigned int fake_dump_stack_count;
void (*fake_dump_stack_hook)(void);
bool fake_irqs_off_at_halt;
char fake_console_buf[FAKE_CONSOLE_SIZE];

static void capture_write(struct console *con, const char *s, size_t len)
{
	size_t used = strlen(fake_console_buf);
	size_t room = sizeof(fake_console_buf) - 1 - used;

	if (len > room)
		len = room;
	memcpy(fake_console_buf + used, s, len);
	fake_console_buf[used + len] = '\0';
	fwrite(s, 1, len, stderr);	/* readable failures */
}

static struct console capture_console = { .name = "capture", .write = capture_write };

void fake_console_reset(void)
{
	static bool registered;

	if (!registered) {
		register_console(&capture_console);
		registered = true;
	}
	fake_console_buf[0] = '\0';
}

bool fake_console_has(const char *needle)
{
	return strstr(fake_console_buf, needle) != NULL;
}

void arch_dump_stack(void)
{
	fake_dump_stack_count++;
	if (fake_dump_stack_hook)
		fake_dump_stack_hook();
}

__noreturn void arch_halt_on_panic(void)
{
	fake_panic_count++;
	fake_irqs_off_at_halt = fake_irqs_off;
	if (fake_panic_jmp)
		longjmp(*fake_panic_jmp, 1);
	/* An unexpected panic: stop this test with what was printed. */
	fail_msg("unexpected panic:\n%s", fake_console_buf);
	abort();
}
