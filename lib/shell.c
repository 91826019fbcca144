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

/* ---- line discipline ------------------------------------------------------
 *
 * A plain serial terminal has no line editing of its own, so the shell does
 * it: the terminal only ever sees characters, backspaces (cursor left) and
 * spaces, which every terminal and every test log understands. It reads the
 * ANSI/VT100 cursor keys a terminal sends (ESC [ A..D; ESC O A..D in the
 * terminal's "application" mode), Home/End/Delete (ESC [ H, F, 1~ 4~ 3~) and
 * the Emacs keys bash users expect. Lines ending in CR, LF or CR LF are run.
 */

#define HISTORY_LEN	16
#define CTRL(c)		((c) & 0x1f)

static char line[SHELL_LINE_MAX];
static size_t line_len, cursor;
static bool discarding;		/* the line got too long: drop the rest of it */
static bool last_was_cr;	/* so CR LF from a terminal is one end of line */

/* Escape sequence parser: ESC, then '[' or 'O', then digits, then a final byte. */
static enum { ESC_NONE, ESC_START, ESC_CSI } esc_state;
static unsigned int esc_arg;

/* The last HISTORY_LEN lines, oldest overwritten; browsing copies one into line[]. */
static char history[HISTORY_LEN][SHELL_LINE_MAX];
static unsigned int hist_count;		/* lines ever added */
static unsigned int hist_back;		/* 0: editing a new line; n: showing the n-th newest */
static char scratch[SHELL_LINE_MAX];	/* the new line, kept while browsing */

static void (*held_stop)(void);		/* a command still running (shell_hold) */
static bool held;

static void put_repeat(char c, size_t n)
{
	while (n--)
		console_write(&c, 1);
}

/*
 * Repaints from screen column `from` (where the terminal's cursor is now) to
 * the end, blanks what is left of a longer old line, and puts the terminal's
 * cursor back at `cursor`.
 */
static void repaint_from(size_t from, size_t old_len)
{
	size_t end = line_len;

	console_write(line + from, line_len - from);
	if (old_len > line_len) {
		put_repeat(' ', old_len - line_len);
		end = old_len;
	}
	put_repeat('\b', end - cursor);
}

static void move_to(size_t pos)
{
	if (pos < cursor)
		put_repeat('\b', cursor - pos);
	else
		console_write(line + cursor, pos - cursor);	/* retyping moves right */
	cursor = pos;
}

/* Removes [from, to) and leaves the cursor at from. */
static void delete_range(size_t from, size_t to)
{
	size_t old_len = line_len;

	if (from >= to)
		return;
	move_to(from);
	memmove(line + from, line + to, line_len - to);
	line_len -= to - from;
	repaint_from(from, old_len);
}

static void insert_char(char c)
{
	if (line_len >= SHELL_LINE_MAX - 1) {
		kprintf("\nline too long (at most %d characters), discarded\n",
			SHELL_LINE_MAX - 1);
		discarding = true;
		return;
	}
	memmove(line + cursor + 1, line + cursor, line_len - cursor);
	line[cursor] = c;
	line_len++;
	cursor++;
	console_write(&c, 1);
	if (cursor < line_len)
		repaint_from(cursor, line_len);
}

/* Shows text as the line being edited, cursor at its end. */
static void replace_line(const char *text)
{
	size_t old_len = line_len;

	move_to(0);
	line_len = cursor = strlen(text);
	memcpy(line, text, line_len);
	console_write(line, line_len);
	if (old_len > line_len) {
		put_repeat(' ', old_len - line_len);
		put_repeat('\b', old_len - line_len);
	}
}

static const char *history_entry(unsigned int back)
{
	return history[(hist_count - back) % HISTORY_LEN];
}

static void history_add(void)
{
	if (hist_count && !strcmp(history_entry(1), line))
		return;		/* the same command again is one entry, as in bash */
	memcpy(history[hist_count % HISTORY_LEN], line, line_len + 1);
	hist_count++;
}

/* dir > 0: older (up), dir < 0: newer (down). */
static void history_move(int dir)
{
	unsigned int avail = hist_count < HISTORY_LEN ? hist_count : HISTORY_LEN;
	unsigned int want = hist_back + (dir > 0 ? 1 : 0) - (dir < 0 ? 1 : 0);

	if (discarding || (dir > 0 && hist_back == avail) || (dir < 0 && hist_back == 0))
		return;		/* nothing further: bash just stays */
	if (hist_back == 0) {
		line[line_len] = '\0';
		memcpy(scratch, line, line_len + 1);
	}
	hist_back = want;
	replace_line(want ? history_entry(want) : scratch);
}

static void reset_line(void)
{
	line_len = cursor = 0;
	hist_back = 0;
	discarding = false;
}

static void end_of_line(void)
{
	kprintf("\n");
	if (!discarding && line_len) {
		line[line_len] = '\0';
		history_add();
		shell_execute(line);	/* may modify line[]: history has its copy */
	}
	reset_line();
	if (!held)
		shell_prompt();
}

/* The final byte of ESC [ n X or ESC O X. */
static void escape_final(char c, unsigned int arg)
{
	switch (c) {
	case 'A': history_move(1); break;
	case 'B': history_move(-1); break;
	case 'C': if (cursor < line_len) move_to(cursor + 1); break;
	case 'D': if (cursor) move_to(cursor - 1); break;
	case 'H': move_to(0); break;
	case 'F': move_to(line_len); break;
	case '~':	/* VT220 keys: 1/7 Home, 4/8 End, 3 Delete */
		if (arg == 1 || arg == 7)
			move_to(0);
		else if (arg == 4 || arg == 8)
			move_to(line_len);
		else if (arg == 3 && cursor < line_len)
			delete_range(cursor, cursor + 1);
		break;
	default: break;	/* other keys (F1..F12, PgUp) do nothing */
	}
}

/* True if c was part of an escape sequence. */
static bool escape_char(char c)
{
	switch (esc_state) {
	case ESC_NONE:
		if (c != 0x1b)
			return false;
		esc_state = ESC_START;
		return true;
	case ESC_START:
		if (c == '[' || c == 'O') {
			esc_state = ESC_CSI;
			esc_arg = 0;
			return true;
		}
		esc_state = ESC_NONE;	/* a lone ESC: ignored, c is an ordinary key */
		return false;
	case ESC_CSI:
		if (c >= '0' && c <= '9') {
			if (esc_arg < 1000)
				esc_arg = esc_arg * 10 + (unsigned int)(c - '0');
			return true;
		}
		if (c == ';')
			return true;	/* modifiers (ESC [ 1 ; 5 C): the key is enough */
		esc_state = ESC_NONE;
		if (!discarding)
			escape_final(c, esc_arg);
		return true;
	}
	return false;
}

static void edit_key(char c)
{
	switch (c) {
	case '\b': case 0x7f:		/* BS or DEL: terminals send either */
		if (cursor)
			delete_range(cursor - 1, cursor);
		break;
	case CTRL('A'): move_to(0); break;
	case CTRL('E'): move_to(line_len); break;
	case CTRL('B'): if (cursor) move_to(cursor - 1); break;
	case CTRL('F'): if (cursor < line_len) move_to(cursor + 1); break;
	case CTRL('U'): delete_range(0, cursor); break;
	case CTRL('K'): delete_range(cursor, line_len); break;
	case CTRL('P'): history_move(1); break;
	case CTRL('N'): history_move(-1); break;
	default:
		if (c >= ' ' && c <= '~')
			insert_char(c);
		break;	/* other control characters (tab) are ignored */
	}
}

void shell_hold(void (*stop)(void))
{
	held_stop = stop;
	held = true;
}

void shell_release(void)
{
	if (!held)
		return;
	held = false;
	held_stop = NULL;
	shell_prompt();
}

/* A key while a command is held stops it; the key itself is used up. */
static void stop_held(void)
{
	void (*stop)(void);

	local_bh_disable();	/* the job ends from softirq too: one of us wins */
	stop = held_stop;
	held_stop = NULL;
	if (held && stop)
		stop();
	shell_release();
	local_bh_enable();
}

void shell_input_char(char c)
{
	bool cr_lf = c == '\n' && last_was_cr;

	last_was_cr = c == '\r';
	if (cr_lf)
		return;
	if (held) {
		stop_held();
		return;
	}
	if (escape_char(c))
		return;
	if (c == '\r' || c == '\n') {
		end_of_line();
	} else if (c == CTRL('C')) {		/* drop the line */
		kprintf("^C");
		discarding = true;
		end_of_line();
	} else if (!discarding) {
		edit_key(c);
	}
}
