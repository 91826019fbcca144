/*
 * lib/shell.c's line editor and history, driven one character at a time as a
 * serial terminal sends them: what the command finally receives, and what
 * the terminal is sent (only characters, backspaces and spaces).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "capture_console.h"
#include <lib/shell.h>
#include <lib/printk.h>

extern int fake_bh_depth;

#define UP	"\x1b[A"
#define DOWN	"\x1b[B"
#define RIGHT	"\x1b[C"
#define LEFT	"\x1b[D"

static char got[SHELL_LINE_MAX];	/* the line "args" last received, words joined by '|' */
static int runs;

static int cmd_args(int argc, char **argv)
{
	got[0] = '\0';
	for (int i = 1; i < argc; i++) {
		if (i > 1)
			strcat(got, "|");
		strcat(got, argv[i]);
	}
	runs++;
	return 0;
}
SHELL_COMMAND("args", cmd_args, "args [ANY...]", "record its arguments");

static int stops;
static void job_stop(void) { stops++; assert_int_equal(fake_bh_depth, 1); }

static int cmd_job(int argc, char **argv)
{
	shell_hold(job_stop);
	return 0;
}
SHELL_COMMAND("job", cmd_job, "job", "keep running after returning");

static void clear(void)
{
	capture_clear();
}

static void type(const char *s)
{
	while (*s)
		shell_input_char(*s++);
}

/* Replays the terminal: what it would show on the current line after all the output. */
static void screen(char *buf, size_t size)
{
	size_t col = 0, width = 0;

	memset(buf, 0, size);
	for (size_t i = 0; i < capture_len; i++) {
		char c = capture_buf[i];

		if (c == '\n') {
			memset(buf, 0, size);
			col = width = 0;
		} else if (c == '\b') {
			assert_true(col > 0);	/* never left of the line's start */
			col--;
		} else {
			assert_true(c >= ' ' && c <= '~');	/* nothing a dumb terminal can't show */
			buf[col++] = c;
			if (col > width)
				width = col;
		}
	}
	while (width && buf[width - 1] == ' ')
		buf[--width] = '\0';
}

static void assert_screen(const char *want)
{
	char buf[SHELL_LINE_MAX * 2];

	screen(buf, sizeof(buf));
	assert_string_equal(buf, want);
}

static int setup(void **state)
{
	register_console(&capture_console);
	type("\x03");
	got[0] = '\0';
	runs = 0;
	clear();
	return 0;
}

static int teardown(void **state)
{
	unregister_console(&capture_console);
	assert_int_equal(fake_bh_depth, 0);
	return 0;
}

static void test_insert_in_middle(void **state)
{
	type("args ac" LEFT "b");
	assert_screen("args abc");
	type("\r");
	assert_string_equal(got, "abc");

	clear();
	type("args 1234" LEFT LEFT LEFT LEFT "X" RIGHT RIGHT "Y\r");
	assert_string_equal(got, "X12Y34");
}

static void test_backspace_anywhere(void **state)
{
	type("args abcd" LEFT LEFT "\x7f");
	assert_screen("args acd");
	type("\b\b\b\b\b\b\b\b\b\b");		/* more than there is: stops at the start */
	assert_screen("cd");
	type("args \r");
	assert_string_equal(got, "cd");
	assert_int_equal(runs, 1);
	/* arrows past either end do nothing */
	type(LEFT "args x" RIGHT RIGHT "y\r");
	assert_string_equal(got, "xy");
}

static void test_emacs_keys(void **state)
{
	type("rgs one two\x01" "a\x05 three\r");	/* Ctrl-A, Ctrl-E */
	assert_string_equal(got, "one|two|three");

	clear();
	type("junk args keep" LEFT LEFT LEFT LEFT LEFT LEFT LEFT LEFT LEFT);
	type("\x15");					/* Ctrl-U: cut before the cursor */
	assert_screen("args keep");
	type("\x05" LEFT LEFT "\x0b");			/* Ctrl-K: cut from the cursor */
	assert_screen("args ke");
	type("\r");
	assert_string_equal(got, "ke");
	type("args zz\x01\x0b\r");			/* Ctrl-K at the start: empty line */
	assert_string_equal(got, "ke");
	assert_int_equal(runs, 2);
}

static void test_home_end_delete(void **state)
{
	type("rgs bcX\x1b[H" "a\x1b[F" LEFT "\x1b[3~\r");
	assert_string_equal(got, "bc");
	type("rgs 12\x1b[1~a\x1b[4~3\x1bOD\x1bOD" "\x1b[1;5C" "_\r");	/* VT220 and SS3 forms */
	assert_string_equal(got, "12_3");
}

static void test_history(void **state)
{
	type("args one\r");
	type("args two\r");
	type("args three\r");
	clear();
	type(UP);
	assert_screen("args three");
	type(UP UP);
	assert_screen("args one");
	type(DOWN);
	assert_screen("args two");
	type("\r");
	assert_string_equal(got, "two");

	/* a half-typed line comes back after browsing */
	clear();
	type("args new" UP UP);		/* running "two" again made it the newest */
	assert_screen("args three");
	type(DOWN DOWN);
	assert_screen("args new");
	type("\r");
	assert_string_equal(got, "new");

	/* a recalled line can be edited; the same line twice is one entry */
	type(UP "\x7f\x7fX\r");
	assert_string_equal(got, "nX");
	type(UP "\r");
	clear();
	type(UP UP);
	assert_screen("args new");
}

static void test_history_keeps_sixteen(void **state)
{
	char cmd[32];

	for (int i = 0; i < 20; i++) {
		snprintf(cmd, sizeof(cmd), "args h%d\r", i);
		type(cmd);
	}
	for (int i = 0; i < 30; i++)
		type(UP);
	type("\r");
	assert_string_equal(got, "h4");		/* 20 typed, the last 16 kept */
	type("\x10\x10\x0e\r");			/* Ctrl-P, Ctrl-P, Ctrl-N */
	assert_string_equal(got, "h4");
}

static void test_plain_lines_unchanged(void **state)
{
	/* What the QEMU tests send: plain text and CR, echoed as typed */
	type("args plain text\r");
	assert_string_equal(capture_buf, "args plain text\nnicstack> ");
	assert_string_equal(got, "plain|text");
	clear();
	type("\x1b" "args esc\r");	/* a lone ESC is dropped, the key after it kept */
	assert_string_equal(got, "esc");
}

static void test_held_command(void **state)
{
	type("job\r");
	assert_string_equal(capture_buf, "job\n");	/* no prompt while it runs */
	clear();
	type("x");				/* a key stops it and is used up */
	assert_int_equal(stops, 1);
	assert_string_equal(capture_buf, "nicstack> ");
	type("args after\r");
	assert_string_equal(got, "after");

	type("job\r");
	clear();
	shell_release();			/* ended on its own */
	assert_string_equal(capture_buf, "nicstack> ");
	shell_release();			/* twice: one prompt */
	assert_string_equal(capture_buf, "nicstack> ");
	type("y");
	assert_int_equal(stops, 1);
	type("\x03");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_insert_in_middle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backspace_anywhere, setup, teardown),
		cmocka_unit_test_setup_teardown(test_emacs_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(test_home_end_delete, setup, teardown),
		cmocka_unit_test_setup_teardown(test_history, setup, teardown),
		cmocka_unit_test_setup_teardown(test_history_keeps_sixteen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plain_lines_unchanged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_held_command, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
