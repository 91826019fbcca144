/*
 * TEMPORARY stand-in for lib/printk.c until the real one lands: libc formats,
 * levels are stripped, output goes to every registered console.
 */
#include <stdio.h>
#include <string.h>
#include <lib/printk.h>

int console_loglevel = LOGLEVEL_DEFAULT;
static struct console *consoles;

void register_console(struct console *con)
{
	con->next = consoles;
	consoles = con;
}

void console_write(const char *s, size_t len)
{
	for (struct console *c = consoles; c; c = c->next)
		c->write(c, s, len);
}

int vprintk(const char *fmt, va_list args)
{
	char msg[1024];
	int n;

	if (fmt[0] == KERN_SOH[0] && fmt[1])
		fmt += 2;
	n = vsnprintf(msg, sizeof(msg), fmt, args);
	console_write(msg, strlen(msg));
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

int kprintf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}
