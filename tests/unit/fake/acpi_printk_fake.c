/*
 * Stand-in printk for the ACPI tests: libc formats, and every message is
 * kept as "<level>text" in fake_log so tests can check what was reported
 * and at which level. Echoed to stderr to make failures readable.
 */
#include <stdio.h>
#include <string.h>
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
	n = vsnprintf(msg, sizeof(msg), fmt, args);
	snprintf(fake_log + used, sizeof(fake_log) - used, "<%c>%s", level, msg);
	fprintf(stderr, "<%c>%s", level, msg);
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
