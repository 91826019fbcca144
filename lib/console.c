/*
 * Consoles: the list printk writes to, the boot log and console=.
 *
 * The boot log is the first LOG_BUF_LEN bytes ever written to the consoles.
 * It exists because consoles come up at different times: the UART before
 * anything else, a screen only once paging can map its framebuffer. A
 * console registered with CON_PRINTBUFFER is first handed the log, so the
 * screen shows the boot from its first line.
 *
 * console= (Linux's syntax: console=ttyS0,115200n8 console=tty0, several
 * allowed) names the consoles to use. It is known only once the command line
 * is parsed, after the UART has printed the banner; console_apply() then
 * retires what is not named. Retired consoles wait on a standby list, and
 * console_fallback() brings them back if no named console ever appeared.
 */
#include <lib/printk.h>
#include <lib/errno.h>
#include <lib/params.h>
#include <lib/string.h>
#include <arch/x86_64/irqflags.h>

#define LOG_BUF_LEN		16384	/* a boot to the prompt writes about 6 KiB */
#define MAX_CMDLINECONSOLES	4

struct console_cmdline {
	char name[CONSOLE_NAME_MAX];
	char options[CONSOLE_OPTIONS_MAX];
};

static struct console *console_list;
static struct console *standby_list;	/* registered, but not named by console= */
static struct console_cmdline console_cmdline[MAX_CMDLINECONSOLES];
static int nr_console_cmdline;
static bool console_applied;	/* console= is known: register_console() filters */

static char log_buf[LOG_BUF_LEN];
static size_t log_len;

/* Caller has interrupts off. */
void __console_write(const char *s, size_t len)
{
	size_t room = LOG_BUF_LEN - log_len;

	memcpy(log_buf + log_len, s, min(len, room));
	log_len += min(len, room);
	for (struct console *con = console_list; con; con = con->next) {
		con->write(con, s, len);
		con->log_pos = log_len;
	}
}

static bool list_has(struct console *list, struct console *con)
{
	for (; list; list = list->next)
		if (list == con)
			return true;
	return false;
}

static void list_del(struct console **list, struct console *con)
{
	for (struct console **pp = list; *pp; pp = &(*pp)->next) {
		if (*pp == con) {
			*pp = con->next;
			con->next = NULL;
			return;
		}
	}
}

static void list_append(struct console **list, struct console *con)
{
	struct console **pp = list;

	while (*pp)
		pp = &(*pp)->next;
	con->next = NULL;
	*pp = con;
}

static const struct console_cmdline *cmdline_find(const char *name)
{
	for (int i = 0; i < nr_console_cmdline; i++)
		if (!strcmp(console_cmdline[i].name, name))
			return &console_cmdline[i];
	return NULL;
}

bool console_wanted(const char *name)
{
	return !nr_console_cmdline || cmdline_find(name);
}

/* Interrupts off. Puts con on the live list after writing it the boot log from `from`. */
static void enable_console(struct console *con, size_t from)
{
	if (from < log_len)
		con->write(con, log_buf + from, log_len - from);
	con->log_pos = log_len;
	list_append(&console_list, con);
}

void register_console(struct console *con)
{
	unsigned long flags;

	local_irq_save(flags);
	/* Already registered: a second entry would double every line. */
	if (!list_has(console_list, con) && !list_has(standby_list, con)) {
		if (console_applied && !console_wanted(con->name))
			list_append(&standby_list, con);
		else
			enable_console(con, con->flags & CON_PRINTBUFFER ? 0 : log_len);
	}
	local_irq_restore(flags);
}

void unregister_console(struct console *con)
{
	unsigned long flags;

	local_irq_save(flags);
	list_del(&console_list, con);
	list_del(&standby_list, con);
	local_irq_restore(flags);
}

/* Options go to the console's setup(); a refusal is reported, the console kept. */
static void setup_console(struct console *con)
{
	const struct console_cmdline *c = cmdline_find(con->name);
	int err;

	if (!c || !c->options[0])
		return;
	err = con->setup ? con->setup(con, c->options) : -EINVAL;
	if (err)
		pr_warn("console: %s: options '%s' refused; defaults kept\n", con->name, c->options);
}

/* Interrupts off. Unnamed consoles to standby, named ones back (with what they missed). */
static void select_consoles(void)
{
	struct console *con, *next;

	for (con = console_list; con; con = next) {
		next = con->next;
		if (!console_wanted(con->name)) {
			list_del(&console_list, con);
			list_append(&standby_list, con);
		}
	}
	for (con = standby_list; con; con = next) {
		next = con->next;
		if (console_wanted(con->name)) {
			list_del(&standby_list, con);
			enable_console(con, con->log_pos);
		}
	}
}

void console_apply(void)
{
	unsigned long flags;

	local_irq_save(flags);
	console_applied = true;
	select_consoles();
	local_irq_restore(flags);
	for (struct console *con = console_list; con; con = con->next)
		setup_console(con);
}

void console_fallback(void)
{
	unsigned long flags;
	struct console *con;
	bool none;

	local_irq_save(flags);
	none = !console_list;
	while (none && (con = standby_list)) {
		list_del(&standby_list, con);
		enable_console(con, con->log_pos);	/* with what it missed */
	}
	local_irq_restore(flags);
	if (none && console_list)
		pr_warn("console: none of the consoles console= names exists; using %s\n",
			console_list->name);
}

void console_status(const char *text)
{
	unsigned long flags;

	local_irq_save(flags);
	for (struct console *con = console_list; con; con = con->next)
		if (con->status)
			con->status(con, text);
	local_irq_restore(flags);
}

/*
 * "NAME[,OPTIONS]": a name of letters then a unit number ("ttyS0", "tty0"),
 * options of letters and digits ("115200n8"). Which names exist is known only
 * as consoles register, so an unknown one is kept (and shown by
 * console_fallback() if nothing named ever came).
 */
int console_cmdline_parse(const char *val, char *name, char *options)
{
	const char *comma = strchr(val, ',');
	size_t nlen = comma ? (size_t)(comma - val) : strlen(val);
	size_t i = 0;

	if (!nlen || nlen >= CONSOLE_NAME_MAX)
		return -EINVAL;
	while (i < nlen && ((val[i] >= 'a' && val[i] <= 'z') || (val[i] >= 'A' && val[i] <= 'Z')))
		i++;
	if (i == 0 || i == nlen)
		return -EINVAL;		/* no letters, or no unit number */
	for (; i < nlen; i++)
		if (val[i] < '0' || val[i] > '9')
			return -EINVAL;
	if (comma) {
		const char *o = comma + 1;

		if (!*o || strlen(o) >= CONSOLE_OPTIONS_MAX)
			return -EINVAL;
		for (; *o; o++)
			if (!((*o >= '0' && *o <= '9') || (*o >= 'a' && *o <= 'z') ||
			      (*o >= 'A' && *o <= 'Z')))
				return -EINVAL;
	}
	memcpy(name, val, nlen);
	name[nlen] = '\0';
	if (comma)
		memcpy(options, comma + 1, strlen(comma + 1) + 1);
	else
		options[0] = '\0';
	return 0;
}

static int console_setup(char *val)
{
	struct console_cmdline c;
	unsigned long flags;

	if (console_cmdline_parse(val, c.name, c.options))
		return -EINVAL;
	for (int i = 0; i < nr_console_cmdline; i++) {
		if (!strcmp(console_cmdline[i].name, c.name)) {
			console_cmdline[i] = c;	/* named twice: one console, the last options */
			return 0;
		}
	}
	if (nr_console_cmdline == MAX_CMDLINECONSOLES)
		return -ENOSPC;
	console_cmdline[nr_console_cmdline++] = c;
	/* At once, so the rest of the command line's messages already go
	 * only where console= says (the boot log keeps them for the others). */
	local_irq_save(flags);
	select_consoles();
	local_irq_restore(flags);
	return 0;
}
__setup("console=", console_setup);
