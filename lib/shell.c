/*
 * The serial shell: a line discipline (echo, erase, Ctrl-C) feeding a
 * command table the linker collects from SHELL_COMMAND() anywhere in the
 * kernel. Runs from the idle loop, never from an interrupt.
 *
 * A command returns 0; -EINVAL after printing its usage; a positive number
 * when it failed and already said why; any other -errno is reported here.
 */
#include <lib/shell.h>
#include <lib/errno.h>
#include <lib/printk.h>
#include <lib/softirq.h>
#include <lib/string.h>

extern const struct shell_command __start_shell_cmds[] __attribute__((weak));
extern const struct shell_command __stop_shell_cmds[] __attribute__((weak));

#define PROMPT	"nicstack> "

const struct shell_command *shell_find(const char *name)
{
	for (const struct shell_command *c = __start_shell_cmds; c < __stop_shell_cmds; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

int shell_usage(const struct shell_command *cmd)
{
	if (cmd)
		kprintf("usage: %s\n", cmd->usage);
	return -EINVAL;
}

void shell_prompt(void)
{
	kprintf(PROMPT);
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * Splits line in place into argv. Double quotes group words ("a b" is one
 * argument) and are removed. Returns argc, or -errno after saying why.
 */
static int split_args(char *line, char **argv)
{
	char *r = line, *w;
	int argc = 0;

	for (;;) {
		bool quoted = false;

		while (is_blank(*r))
			r++;
		if (!*r)
			break;
		if (argc == SHELL_MAX_ARGS) {
			kprintf("too many arguments (at most %d)\n", SHELL_MAX_ARGS);
			return -E2BIG;
		}
		argv[argc++] = w = r;
		for (; *r && (quoted || !is_blank(*r)); r++) {
			if (*r == '"')
				quoted = !quoted;
			else
				*w++ = *r;	/* w trails r once a quote was dropped */
		}
		if (quoted) {
			kprintf("unterminated quote\n");
			return -EINVAL;
		}
		if (*r)
			r++;
		*w = '\0';
	}
	argv[argc] = NULL;
	return argc;
}

int shell_execute(char *line)
{
	char *argv[SHELL_MAX_ARGS + 1];
	const struct shell_command *cmd;
	int argc = split_args(line, argv);
	int ret;

	if (argc <= 0)
		return argc;
	cmd = shell_find(argv[0]);
	if (!cmd) {
		kprintf("unknown command '%s' (try help)\n", argv[0]);
		return -ENOENT;
	}
	/* Commands read net core state that softirqs change under them. */
	local_bh_disable();
	ret = cmd->fn(argc, argv);
	local_bh_enable();
	if (ret < 0 && ret != -EINVAL)
		kprintf("%s: failed (%s)\n", argv[0], errname(ret));
	return ret;
}

/* ---- line discipline ------------------------------------------------------ */

static char line[SHELL_LINE_MAX];
static size_t line_len;
static bool discarding;		/* the line got too long: drop the rest of it */
static bool last_was_cr;	/* so CR LF from a terminal is one end of line */

static void end_of_line(void)
{
	kprintf("\n");
	if (!discarding && line_len) {
		line[line_len] = '\0';
		shell_execute(line);
	}
	line_len = 0;
	discarding = false;
	shell_prompt();
}

void shell_input_char(char c)
{
	bool cr_lf = c == '\n' && last_was_cr;

	last_was_cr = c == '\r';
	if (cr_lf)
		return;
	if (c == '\r' || c == '\n') {
		end_of_line();
	} else if (c == 0x03) {			/* Ctrl-C: drop the line */
		kprintf("^C");
		line_len = 0;
		discarding = true;
		end_of_line();
	} else if (c == '\b' || c == 0x7f) {	/* BS or DEL: terminals send either */
		if (line_len && !discarding) {
			line_len--;
			console_write("\b \b", 3);
		}
	} else if (c >= ' ' && c <= '~' && !discarding) {
		if (line_len < SHELL_LINE_MAX - 1) {
			line[line_len++] = c;
			console_write(&c, 1);
		} else {
			kprintf("\nline too long (at most %d characters), discarded\n",
				SHELL_LINE_MAX - 1);
			discarding = true;
		}
	}
	/* Other control characters (tab, escape sequences) are ignored. */
}
