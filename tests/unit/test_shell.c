/*
 * lib/shell.c and lib/shell_cmds.c: argument splitting, dispatch and errors,
 * the line discipline character by character, and the built-in commands.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "capture_console.h"
#include <lib/shell.h>
#include <lib/errno.h>
#include <lib/params.h>
#include <lib/printk.h>

extern u64 fake_now_ns;
extern volatile u64 jiffies;
extern int fake_bh_depth, fake_bh_enables;

/* Test commands: "args" shows what it got, the others return what their names say. */
static int last_argc;
static int bh_depth_seen;

static int cmd_args(int argc, char **argv)
{
	last_argc = argc;
	bh_depth_seen = fake_bh_depth;
	assert_null(argv[argc]);
	for (int i = 0; i < argc; i++)
		kprintf("<%s>", argv[i]);
	kprintf("\n");
	return 0;
}
SHELL_COMMAND("args", cmd_args, "args [ANY...]", "print its arguments");

static int cmd_nomem(int argc, char **argv) { return -ENOMEM; }
SHELL_COMMAND("nomem", cmd_nomem, "nomem", "fail with ENOMEM");

static int cmd_needs1(int argc, char **argv)
{
	if (argc != 2)
		return shell_usage(shell_find("needs1"));
	return 0;
}
SHELL_COMMAND("needs1", cmd_needs1, "needs1 ARG", "take exactly one argument");

static int knob = 5;
static int fixed = 7;
core_param(knob, knob, int, 0644);
core_param(fixed, fixed, int, 0444);

static int setup(void **state)
{
	register_console(&capture_console);
	kprintf("\n");
	capture_clear();
	knob = 5;
	last_argc = -1;
	shell_input_char('\x03');	/* any half-typed line from an earlier test goes */
	capture_clear();
	return 0;
}

static int teardown(void **state)
{
	unregister_console(&capture_console);
	assert_int_equal(fake_bh_depth, 0);
	return 0;
}

static int run(const char *text)
{
	char line[SHELL_LINE_MAX];

	strcpy(line, text);
	capture_clear();
	return shell_execute(line);
}

static void type(const char *s)
{
	while (*s)
		shell_input_char(*s++);
}

static void test_split(void **state)
{
	assert_int_equal(run("args a bb  ccc"), 0);
	assert_string_equal(capture_buf, "<args><a><bb><ccc>\n");
	assert_int_equal(last_argc, 4);
	assert_int_equal(run("   args\t x\t"), 0);
	assert_string_equal(capture_buf, "<args><x>\n");
	assert_int_equal(run("args \"two words\" q\"uo\"ted \"\""), 0);
	assert_string_equal(capture_buf, "<args><two words><quoted><>\n");
	assert_int_equal(run("args \"a\"\"b\" c"), 0);
	assert_string_equal(capture_buf, "<args><ab><c>\n");
	assert_int_equal(run(""), 0);
	assert_string_equal(capture_buf, "");
	assert_int_equal(run("    "), 0);
	assert_int_equal(run("args \"open"), -EINVAL);
	assert_string_equal(capture_buf, "unterminated quote\n");
}

static void test_max_args(void **state)
{
	/* the command itself plus 15 is exactly the limit */
	assert_int_equal(run("args 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15"), 0);
	assert_int_equal(last_argc, SHELL_MAX_ARGS);
	last_argc = -1;
	assert_int_equal(run("args 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16"), -E2BIG);
	assert_int_equal(last_argc, -1);	/* not run */
	assert_string_equal(capture_buf, "too many arguments (at most 16)\n");
}

static void test_dispatch(void **state)
{
	assert_int_equal(run("nosuch x"), -ENOENT);
	assert_string_equal(capture_buf, "unknown command 'nosuch' (try help)\n");
	assert_int_equal(run("needs1"), -EINVAL);
	assert_string_equal(capture_buf, "usage: needs1 ARG\n");	/* nothing added by the shell */
	assert_int_equal(run("needs1 x"), 0);
	assert_string_equal(capture_buf, "");
	assert_int_equal(run("nomem"), -ENOMEM);
	assert_string_equal(capture_buf, "nomem: failed (ENOMEM)\n");
	assert_non_null(shell_find("help"));
	assert_null(shell_find("hel"));
}

static void test_bh_disabled(void **state)
{
	int enables = fake_bh_enables;

	assert_int_equal(run("args"), 0);
	assert_int_equal(bh_depth_seen, 1);
	assert_int_equal(fake_bh_depth, 0);
	assert_int_equal(fake_bh_enables, enables + 1);
}

static void test_line_discipline(void **state)
{
	type("args hi\r");
	assert_string_equal(capture_buf, "args hi\n<args><hi>\nnicstack> ");

	capture_len = 0;
	type("args abX\bc\x7f\x7f" "z\r\n");	/* CR LF is one end of line */
	assert_string_equal(capture_buf, "args abX\b \bc\b \b\b \bz\n<args><az>\nnicstack> ");

	capture_len = 0;
	type("\b\b\r");			/* erase on an empty line echoes nothing */
	assert_string_equal(capture_buf, "\nnicstack> ");

	capture_len = 0;
	type("args no\x03");		/* Ctrl-C: dropped, not run */
	assert_string_equal(capture_buf, "args no^C\nnicstack> ");
	last_argc = -1;
	type("\n");
	assert_int_equal(last_argc, -1);

	capture_len = 0;
	type("args\tx\x1b\r");		/* tab and escape are ignored */
	assert_string_equal(capture_buf, "argsx\nunknown command 'argsx' (try help)\nnicstack> ");
}

static void test_overlong_line(void **state)
{
	char longline[SHELL_LINE_MAX + 20];

	memset(longline, 'a', sizeof(longline) - 1);
	memcpy(longline, "args ", 5);
	longline[sizeof(longline) - 1] = '\0';
	last_argc = -1;
	type(longline);
	assert_non_null(strstr(capture_buf, "\nline too long (at most 255 characters), discarded\n"));
	capture_clear();
	type("\r");
	assert_int_equal(last_argc, -1);	/* the cut line is not run */
	assert_string_equal(capture_buf, "\nnicstack> ");
	type("args ok\r");			/* and the next line works again */
	assert_int_equal(last_argc, 2);

	/* 255 characters is still fine */
	memset(longline, 'b', SHELL_LINE_MAX - 1);
	memcpy(longline, "args ", 5);
	longline[SHELL_LINE_MAX - 1] = '\0';
	capture_len = 0;
	type(longline);
	type("\r");
	assert_int_equal(last_argc, 2);
	assert_null(strstr(capture_buf, "too long"));
}

static void test_help_sorted(void **state)
{
	const char *names[] = { "args", "help", "needs1", "nomem", "params", "set", "uptime" };
	const char *prev = capture_buf;

	assert_int_equal(run("help"), 0);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char want[32];
		const char *at;

		strcpy(want, "  ");
		strcat(want, names[i]);
		strcat(want, " ");
		at = strstr(capture_buf, want);
		assert_non_null(at);
		assert_true(at >= prev);	/* in order */
		prev = at;
	}
	assert_non_null(strstr(capture_buf, "  uptime       time since boot\n"));
	assert_int_equal(run("help set"), 0);
	assert_string_equal(capture_buf, "usage: set PARAM VALUE\n  change a run-time boot parameter\n");
	assert_int_equal(run("help nosuch"), 1);
	assert_string_equal(capture_buf, "help: no command 'nosuch'\n");
	assert_int_equal(run("help a b"), -EINVAL);
	assert_string_equal(capture_buf, "usage: help [COMMAND]\n");
}

static void test_params_and_set(void **state)
{
	assert_int_equal(run("params"), 0);
	assert_non_null(strstr(capture_buf, "knob=5\n"));
	assert_non_null(strstr(capture_buf, "fixed=7\n"));
	assert_non_null(strstr(capture_buf, "loglevel="));

	assert_int_equal(run("set knob 0x20"), 0);
	assert_string_equal(capture_buf, "knob=32\n");
	assert_int_equal(knob, 32);
	assert_int_equal(run("set fixed 1"), 1);
	assert_string_equal(capture_buf, "set: fixed can only be set at boot\n");
	assert_int_equal(fixed, 7);
	assert_int_equal(run("set knob many"), 1);
	assert_string_equal(capture_buf, "set: 'many' is not a valid value for knob\n");
	assert_int_equal(run("set knob 99999999999"), 1);
	assert_string_equal(capture_buf, "set: '99999999999' is out of range for knob\n");
	assert_int_equal(run("set nope 1"), 1);
	assert_string_equal(capture_buf, "set: no parameter 'nope' (see params)\n");
	assert_int_equal(run("set knob"), -EINVAL);
	assert_string_equal(capture_buf, "usage: set PARAM VALUE\n");
	assert_int_equal(knob, 32);
}

static void test_uptime(void **state)
{
	fake_now_ns = 12345678901ULL;
	jiffies = 12345;
	assert_int_equal(run("uptime"), 0);
	assert_string_equal(capture_buf, "up 12.345678 s, jiffies 12345\n");
	assert_int_equal(run("uptime x"), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_split, setup, teardown),
		cmocka_unit_test_setup_teardown(test_max_args, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dispatch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bh_disabled, setup, teardown),
		cmocka_unit_test_setup_teardown(test_line_discipline, setup, teardown),
		cmocka_unit_test_setup_teardown(test_overlong_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_help_sorted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_params_and_set, setup, teardown),
		cmocka_unit_test_setup_teardown(test_uptime, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
