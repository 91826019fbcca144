/*
 * printk: levelled, timestamped kernel log to every registered console.
 * The level rides in front of the format as in Linux: "\001" "3" for KERN_ERR.
 * Messages above the console loglevel (boot parameter loglevel=, default 6)
 * are not printed. kprintf() is plain console output, for shell commands.
 */
#ifndef LIB_PRINTK_H
#define LIB_PRINTK_H

#include <stdarg.h>
#include <lib/types.h>

#define KERN_SOH	"\001"
#define KERN_EMERG	KERN_SOH "0"
#define KERN_ALERT	KERN_SOH "1"
#define KERN_CRIT	KERN_SOH "2"
#define KERN_ERR	KERN_SOH "3"
#define KERN_WARNING	KERN_SOH "4"
#define KERN_NOTICE	KERN_SOH "5"
#define KERN_INFO	KERN_SOH "6"
#define KERN_DEBUG	KERN_SOH "7"
#define KERN_CONT	KERN_SOH "c"	/* continues the previous line: no new timestamp */

#define LOGLEVEL_DEFAULT 6

/*
 * An output device for the kernel log (Linux's struct console). console=
 * boot parameters choose which register (lib/console.c); without any, all do.
 */
#define CON_PRINTBUFFER	0x1	/* on registering, first print the boot log so far */

struct console {
	const char *name;	/* what console= calls it: "ttyS0", "tty0" */
	void (*write)(struct console *con, const char *s, size_t len);
	/* console=NAME,OPTIONS: 0, or -errno to refuse the options. May be NULL. */
	int (*setup)(struct console *con, const char *options);
	/* A screen's status line (net/apps/statusline.c); NULL where there is none. */
	void (*status)(struct console *con, const char *text);
	unsigned int flags;	/* CON_* */
	size_t log_pos;		/* how much of the boot log it has printed */
	struct console *next;
};

void register_console(struct console *con);
void unregister_console(struct console *con);

/*
 * console= (lib/console.c). console_cmdline_parse() splits one value,
 * "ttyS0,115200n8" -> name "ttyS0", options "115200n8"; 0 or -EINVAL.
 * console_apply() runs once the boot parameters are parsed: it moves
 * registered consoles the command line does not name to a standby list, and
 * from then on register_console() does the same with unnamed ones.
 * console_fallback() runs once every console had its chance: when none is
 * left (console=tty0 on a box without a screen), the standby ones come back
 * with what they missed of the boot log, so the log is never lost.
 */
#define CONSOLE_NAME_MAX	8
#define CONSOLE_OPTIONS_MAX	16
int console_cmdline_parse(const char *val, char *name, char *options);
void console_apply(void);
void console_fallback(void);
bool console_wanted(const char *name);
void __console_write(const char *s, size_t len);	/* printk's: interrupts off */	/* by the command line, or there was no console= */
void console_status(const char *text);	/* to every console with a status line */

extern int console_loglevel;

__printf(1, 2) int printk(const char *fmt, ...);
int vprintk(const char *fmt, va_list args);
__printf(1, 2) int kprintf(const char *fmt, ...);	/* no level, no timestamp */
void console_write(const char *s, size_t len);

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args);
__printf(3, 4) int scnprintf(char *buf, size_t size, const char *fmt, ...);

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif
#define pr_emerg(fmt, ...)	printk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...)	printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...)	printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice(fmt, ...)	printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...)	printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define pr_debug(fmt, ...)	printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_cont(fmt, ...)	printk(KERN_CONT fmt, ##__VA_ARGS__)

#endif
