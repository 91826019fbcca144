/*
 * printk for the ACPI tests. The text is formatted by the kernel's own
 * lib/vsprintf.c (renamed k_vsnprintf by vsprintf_rename.h, so libc keeps
 * its own), which proves the kernel supports every format the ACPI code
 * uses. Unlike lib/printk.c it keeps the level: each message is stored as
 * "<level>text" in fake_log, so tests check what was said and how loudly.
 * Echoed to stderr to make failures readable.
 */
#include <string.h>
#include <unistd.h>
#include <lib/printk.h>

char fake_log[16384];

int vprintk(const char *fmt, va_list args)
{
	char msg[512];
	char level = '6';
	size_t used = strlen(fake_log);
	int n;

	if (fmt[0] == KERN_SOH[0] && fmt[1]) {
		level = fmt[1];
		fmt += 2;
	}
	n = vscnprintf(msg, sizeof(msg), fmt, args);
	if (used + 3 + (size_t)n < sizeof(fake_log)) {
		fake_log[used] = '<';
		fake_log[used + 1] = level;
		fake_log[used + 2] = '>';
		memcpy(fake_log + used + 3, msg, (size_t)n + 1);
	}
	if (write(2, msg, (size_t)n) < 0)
		return n;
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

bool fake_log_has(const char *needle)
{
	return strstr(fake_log, needle) != NULL;
}
