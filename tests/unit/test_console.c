/*
 * lib/console.c: the console= parser, which consoles stay once the command
 * line is known, the boot log replayed to late consoles, and the fallback
 * when console= names nothing that exists. The tests run in order: the
 * command line is applied once, as at boot.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <lib/errno.h>
#include <lib/params.h>
#include <lib/printk.h>

struct cap {
	struct console con;
	char text[4096];
	size_t len;
	char options[CONSOLE_OPTIONS_MAX];
	int setups;
};

static void cap_write(struct console *con, const char *s, size_t len)
{
	struct cap *c = container_of(con, struct cap, con);

	assert_true(c->len + len < sizeof(c->text));
	memcpy(c->text + c->len, s, len);
	c->len += len;
	c->text[c->len] = '\0';
}

static int cap_setup(struct console *con, const char *options)
{
	struct cap *c = container_of(con, struct cap, con);

	c->setups++;
	strcpy(c->options, options);
	return strcmp(options, "bad") ? 0 : -EINVAL;
}

#define CAP(n) { .con = { .name = n, .write = cap_write, .setup = cap_setup } }
static struct cap serial = CAP("ttyS0"), screen = CAP("tty0"), late = CAP("ttyS1"),
		  other = CAP("lp0");

static void reset(struct cap *c)
{
	c->len = 0;
	c->text[0] = '\0';
}

static void test_parse(void **state)
{
	char name[CONSOLE_NAME_MAX], opt[CONSOLE_OPTIONS_MAX];

	assert_int_equal(console_cmdline_parse("ttyS0,115200n8", name, opt), 0);
	assert_string_equal(name, "ttyS0");
	assert_string_equal(opt, "115200n8");
	assert_int_equal(console_cmdline_parse("tty0", name, opt), 0);
	assert_string_equal(name, "tty0");
	assert_string_equal(opt, "");
	static const char *const bad[] = {
		"", "tty", "0", "ttyS0,", ",9600", "tty0x", "ttyS0,96 00", "ttyS0,9600,n8",
		"averylongname0", "ttyS0,0123456789abcdef", "tty-0",
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		assert_int_equal(console_cmdline_parse(bad[i], name, opt), -EINVAL);
}

/* A console registered late with CON_PRINTBUFFER gets the log so far first. */
static void test_late_console_gets_the_boot_log(void **state)
{
	register_console(&serial.con);
	printk(KERN_NOTICE "banner line\n");
	screen.con.flags = CON_PRINTBUFFER;
	register_console(&screen.con);
	assert_non_null(strstr(screen.text, "banner line\n"));
	reset(&serial);
	reset(&screen);
	kprintf("both\n");
	assert_string_equal(serial.text, "both\n");
	assert_string_equal(screen.text, "both\n");
}

/* console=tty0 console=lp0,bad: the UART retires, options reach setup(). */
static void test_apply_keeps_only_named_consoles(void **state)
{
	char cmdline[] = "console=tty0,9600 console=lp0,bad console=ttyS0? console=tty0,4800";

	register_console(&other.con);
	assert_int_equal(parse_args(cmdline), 1);	/* the malformed ttyS0? */
	/* lp0 went to standby at console=tty0 and came back at console=lp0
	 * with the line it missed meanwhile. */
	assert_non_null(strstr(other.text, "param: console=tty0,9600\n"));
	/* From the first console=, the UART hears nothing more. */
	assert_null(strstr(serial.text, "param: console=tty0"));
	assert_non_null(strstr(screen.text, "param: console=tty0"));
	console_apply();
	assert_true(console_wanted("tty0"));
	assert_false(console_wanted("ttyS0"));
	assert_int_equal(screen.setups, 1);
	assert_string_equal(screen.options, "4800");	/* named twice: the last wins */
	assert_int_equal(other.setups, 1);
	assert_non_null(strstr(screen.text, "lp0: options 'bad' refused"));
	reset(&serial);
	reset(&screen);
	register_console(&late.con);	/* not named: waits on standby */

	kprintf("screen only\n");
	assert_string_equal(serial.text, "");
	assert_string_equal(late.text, "");
	assert_string_equal(screen.text, "screen only\n");
}

/* With no named console left, the standby ones return with what they missed. */
static void test_fallback_when_no_named_console_exists(void **state)
{
	unregister_console(&screen.con);
	unregister_console(&other.con);
	kprintf("said to nobody\n");
	console_fallback();
	assert_non_null(strstr(serial.text, "screen only\nsaid to nobody\n"));
	assert_non_null(strstr(serial.text, "none of the consoles console= names exists"));
	assert_non_null(strstr(late.text, "said to nobody\n"));
	reset(&serial);
	console_fallback();		/* consoles exist: nothing changes */
	assert_string_equal(serial.text, "");
	unregister_console(&serial.con);
	unregister_console(&late.con);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_late_console_gets_the_boot_log),
		cmocka_unit_test(test_apply_keeps_only_named_consoles),
		cmocka_unit_test(test_fallback_when_no_named_console_exists),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
