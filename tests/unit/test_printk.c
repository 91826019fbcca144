/* lib/printk.c: levels, timestamps, KERN_CONT, consoles, kprintf. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <lib/printk.h>

extern u64 fake_now_ns;
extern bool fake_irqs_off;

/* A console that appends into a buffer and checks it runs with IRQs off. */
struct cap_console {
	struct console con;
	char text[2048];
	size_t len;
	int writes;
};

static void cap_write(struct console *con, const char *s, size_t len)
{
	struct cap_console *c = container_of(con, struct cap_console, con);

	assert_true(fake_irqs_off);
	assert_true(c->len + len < sizeof(c->text));
	memcpy(c->text + c->len, s, len);
	c->len += len;
	c->text[c->len] = '\0';
	c->writes++;
}

static struct cap_console cap1 = { .con = { .name = "cap1", .write = cap_write } };
static struct cap_console cap2 = { .con = { .name = "cap2", .write = cap_write } };

static void reset(struct cap_console *c)
{
	c->len = 0;
	c->text[0] = '\0';
	c->writes = 0;
}

static int setup(void **state)
{
	register_console(&cap1.con);
	/* end whatever line an earlier test left open, then start clean */
	kprintf("\n");
	reset(&cap1);
	console_loglevel = LOGLEVEL_DEFAULT;
	fake_now_ns = 0;
	fake_irqs_off = false;
	return 0;
}

static int teardown(void **state)
{
	unregister_console(&cap1.con);
	unregister_console(&cap2.con);
	assert_false(fake_irqs_off);	/* printk restored the flag */
	return 0;
}

static void test_timestamp(void **state)
{
	fake_now_ns = 1234567890ULL;	/* 1.234567890 s: microseconds truncate */
	assert_int_equal(printk(KERN_INFO "hello %d\n", 42), 9);
	assert_string_equal(cap1.text, "[    1.234567] hello 42\n");
	reset(&cap1);
	fake_now_ns = 123456ULL * 1000000000ULL + 5000;
	pr_err("x\n");
	assert_string_equal(cap1.text, "[123456.000005] x\n");
	reset(&cap1);
	fake_now_ns = 0;
	pr_warn("zero\n");
	assert_string_equal(cap1.text, "[    0.000000] zero\n");
}

static void test_levels_filtered(void **state)
{
	pr_emerg("0\n");
	pr_err("3\n");
	pr_warn("4\n");
	pr_notice("5\n");
	pr_info("6\n");
	pr_debug("7\n");
	printk("none\n");	/* no level: KERN_INFO */
	assert_string_equal(cap1.text,
		"[    0.000000] 0\n[    0.000000] 3\n[    0.000000] 4\n"
		"[    0.000000] 5\n[    0.000000] 6\n[    0.000000] none\n");

	reset(&cap1);
	console_loglevel = 7;
	pr_debug("debug\n");
	assert_string_equal(cap1.text, "[    0.000000] debug\n");

	reset(&cap1);
	console_loglevel = 3;
	pr_warn("warn\n");
	printk("plain\n");
	pr_err("err\n");
	assert_string_equal(cap1.text, "[    0.000000] err\n");

	reset(&cap1);
	console_loglevel = 0;
	printk(KERN_ALERT "alert\n");
	printk(KERN_CRIT "crit\n");
	pr_emerg("emerg\n");
	assert_string_equal(cap1.text, "[    0.000000] emerg\n");
}

static void test_cont(void **state)
{
	pr_info("link up:");
	fake_now_ns = 5000000000ULL;
	pr_cont(" %d Mbps", 1000);
	pr_cont(" full duplex\n");
	assert_string_equal(cap1.text, "[    0.000000] link up: 1000 Mbps full duplex\n");

	/* a continuation takes the level of the line it continues */
	reset(&cap1);
	pr_debug("hidden");
	pr_cont(" also hidden\n");
	assert_string_equal(cap1.text, "");

	/* KERN_CONT after a finished line starts a new, default-level message */
	reset(&cap1);
	pr_cont("orphan\n");
	assert_string_equal(cap1.text, "[    5.000000] orphan\n");

	/* a new message never glues onto an unfinished line */
	reset(&cap1);
	pr_info("partial");
	pr_warn("next\n");
	assert_string_equal(cap1.text, "[    5.000000] partial\n[    5.000000] next\n");
}

static void test_two_consoles(void **state)
{
	reset(&cap2);
	register_console(&cap2.con);
	register_console(&cap2.con);	/* twice: still one entry */
	pr_info("both\n");
	assert_string_equal(cap1.text, "[    0.000000] both\n");
	assert_string_equal(cap2.text, "[    0.000000] both\n");
	assert_int_equal(cap2.writes, 1);

	unregister_console(&cap1.con);
	pr_info("only two\n");
	assert_string_equal(cap1.text, "[    0.000000] both\n");
	assert_string_equal(cap2.text, "[    0.000000] both\n[    0.000000] only two\n");

	unregister_console(&cap2.con);
	unregister_console(&cap2.con);	/* not registered: harmless */
	pr_info("nobody\n");
	assert_int_equal(cap2.writes, 2);
	register_console(&cap1.con);
}

static void test_kprintf(void **state)
{
	console_loglevel = 0;
	assert_int_equal(kprintf("plain %s\n", "text"), 11);
	assert_string_equal(cap1.text, "plain text\n");

	/* a prompt leaves the line open; a log message starts on the next one */
	reset(&cap1);
	console_loglevel = LOGLEVEL_DEFAULT;
	kprintf("nicstack> ");
	pr_cont("not a continuation\n");
	assert_string_equal(cap1.text, "nicstack> \n[    0.000000] not a continuation\n");

	reset(&cap1);
	console_write("raw", 3);
	assert_string_equal(cap1.text, "raw");
}

static void test_irq_flag_restored(void **state)
{
	fake_irqs_off = true;	/* called from a top half */
	pr_info("from irq\n");
	assert_true(fake_irqs_off);
	fake_irqs_off = false;
	assert_string_equal(cap1.text, "[    0.000000] from irq\n");
}

static void test_long_message_cut(void **state)
{
	char big[3000];

	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	/* cut at the 1 KiB line buffer, not overflowing it */
	assert_int_equal(printk("%s\n", big), 1023);
	assert_int_equal(cap1.len, 15 + 1023);
	assert_int_equal(cap1.text[cap1.len - 1], 'a');
	kprintf("\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_timestamp, setup, teardown),
		cmocka_unit_test_setup_teardown(test_levels_filtered, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cont, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_consoles, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kprintf, setup, teardown),
		cmocka_unit_test_setup_teardown(test_irq_flag_restored, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_message_cut, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
