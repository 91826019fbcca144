/*
 * printk: the kernel log, written straight to every registered console
 * (lib/console.c keeps the list, and the boot log for late consoles).
 *
 * There is no log buffer: a message is formatted, prefixed with its
 * timestamp and handed to the consoles at once, with interrupts off so a
 * top half's message cannot land in the middle of another. Consoles must
 * therefore be usable with interrupts off (the serial one polls).
 */
#include <lib/printk.h>
#include <lib/errno.h>
#include <lib/ktime.h>
#include <lib/params.h>
#include <lib/string.h>
#include <arch/x86_64/irqflags.h>

#define PRINTK_LINE_MAX	1024	/* longer messages are cut */
#define PRINTK_NESTED_MAX 256	/* a message printed from inside printk (a fault in a console) */
#define PREFIX_MAX	32	/* "\n[%5llu.%06llu] ": a u64 of seconds is 20 digits at most */

int console_loglevel = LOGLEVEL_DEFAULT;

/* Where the console cursor is, so a new message starts on a fresh line. */
static bool line_open;		/* last output did not end with '\n' */
static bool cont_open;		/* last printk message, printed or not, is an unfinished line */
static int cont_level;
static int printk_depth;	/* > 0 while the static buffer is in use */
static char printk_buf[PREFIX_MAX + PRINTK_LINE_MAX];

/* Caller has interrupts off. */
static void console_out(const char *s, size_t len)
{
	if (!len)
		return;
	__console_write(s, len);
	line_open = s[len - 1] != '\n';
}

void console_write(const char *s, size_t len)
{
	unsigned long flags;

	local_irq_save(flags);
	console_out(s, len);
	cont_open = false;
	local_irq_restore(flags);
}

/* "\001" "3" -> 3, "\001" "c" -> 'c'; -1 when the format carries no level. */
static int printk_level(const char *fmt)
{
	if (fmt[0] != KERN_SOH[0])
		return -1;
	if ((fmt[1] >= '0' && fmt[1] <= '7') || fmt[1] == 'c')
		return fmt[1] == 'c' ? 'c' : fmt[1] - '0';
	return -1;
}

static size_t format_timestamp(char *buf, size_t size)
{
	u64 ns = ktime_get_ns();

	return (size_t)scnprintf(buf, size, "[%5llu.%06llu] ",
				 (unsigned long long)(ns / NSEC_PER_SEC),
				 (unsigned long long)(ns % NSEC_PER_SEC / NSEC_PER_USEC));
}

/*
 * Interrupts are off. Returns the length of the message text. The text is
 * formatted first, behind room for the prefix, because whether a later
 * KERN_CONT continues it depends on how it ends, printed or not.
 */
static int emit(char *buf, size_t size, const char *fmt, va_list args)
{
	int level = printk_level(fmt);
	bool cont = level == 'c' && cont_open;
	char prefix[PREFIX_MAX];
	size_t plen = 0;
	int n;

	if (level >= 0)
		fmt += 2;
	if (cont)
		level = cont_level;
	else if (level < 0 || level == 'c')
		level = LOGLEVEL_DEFAULT;
	n = vscnprintf(buf + PREFIX_MAX, size - PREFIX_MAX, fmt, args);
	cont_open = n > 0 ? buf[PREFIX_MAX + n - 1] != '\n' : cont_open || !cont;
	cont_level = level;
	if (level > console_loglevel)
		return n;

	if (!cont) {
		if (line_open)
			prefix[plen++] = '\n';	/* never glue a message to an unfinished line */
		plen += format_timestamp(prefix + plen, sizeof(prefix) - plen);
	}
	memcpy(buf + PREFIX_MAX - plen, prefix, plen);
	console_out(buf + PREFIX_MAX - plen, plen + (size_t)n);
	return n;
}

int vprintk(const char *fmt, va_list args)
{
	char nested[PREFIX_MAX + PRINTK_NESTED_MAX];
	unsigned long flags;
	int n;

	local_irq_save(flags);
	printk_depth++;
	if (printk_depth == 1)
		n = emit(printk_buf, sizeof(printk_buf), fmt, args);
	else
		n = emit(nested, sizeof(nested), fmt, args);
	printk_depth--;
	local_irq_restore(flags);
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
	char nested[PREFIX_MAX + PRINTK_NESTED_MAX];
	unsigned long flags;
	va_list ap;
	int n;

	local_irq_save(flags);
	printk_depth++;
	va_start(ap, fmt);
	if (printk_depth == 1)
		n = vscnprintf(printk_buf, sizeof(printk_buf), fmt, ap);
	else
		n = vscnprintf(nested, sizeof(nested), fmt, ap);
	va_end(ap);
	console_out(printk_depth == 1 ? printk_buf : nested, (size_t)n);
	cont_open = false;
	printk_depth--;
	local_irq_restore(flags);
	return n;
}

/* loglevel=N: only 0..7 mean anything; anything else is refused and the level kept. */
static int loglevel_set(const char *val, const struct kernel_param *kp)
{
	int v, err;

	if (!val)
		return -EINVAL;
	err = kstrtoint(val, 10, &v);
	if (err)
		return err;
	if (v < 0 || v > 7)
		return -ERANGE;
	*(int *)kp->arg = v;
	return 0;
}

static int loglevel_get(char *buf, size_t size, const struct kernel_param *kp)
{
	return scnprintf(buf, size, "%d", *(int *)kp->arg);
}

static const struct kernel_param_ops param_ops_loglevel = {
	.set = loglevel_set,
	.get = loglevel_get,
};
core_param(loglevel, console_loglevel, loglevel, 0644);
