/*
 * lib/initcall.c: levels run in order whatever the link order, entries keep
 * their order within a level, failures are counted and named, times logged.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "capture_console.h"
#include <lib/initcall.h>
#include <lib/errno.h>
#include <lib/printk.h>

extern u64 fake_now_ns;

static char order[16];
static size_t n_run;

static void ran(char c)
{
	order[n_run++] = c;
	fake_now_ns += 1500 * 1000;	/* each call "takes" 1.5 ms */
}

/* Defined out of level order on purpose: the link order must not decide. */
static int late_a(void) { ran('L'); return 0; }
static int device_a(void) { ran('d'); return 0; }
static int early_a(void) { ran('E'); return 0; }
static int device_b(void) { ran('D'); return -ENODEV; }
static int core_a(void) { ran('c'); return 0; }
static int device_c(void) { ran('x'); return 0; }
static int subsys_a(void) { ran('s'); return -ENOMEM; }
static int arch_a(void) { ran('a'); return 0; }
late_initcall(late_a);
device_initcall(device_a);
early_initcall(early_a);
device_initcall(device_b);
core_initcall(core_a);
device_initcall(device_c);
subsys_initcall(subsys_a);
arch_initcall(arch_a);

extern const struct initcall __start_initcalls[], __stop_initcalls[];

static const char *device_section_order(void)
{
	static char out[4];
	size_t n = 0;

	for (const struct initcall *ic = __start_initcalls; ic < __stop_initcalls; ic++)
		if (ic->level == INITCALL_DEVICE)
			out[n++] = ic->fn == device_a ? 'd' : ic->fn == device_b ? 'D' : 'x';
	assert_int_equal(n, 3);
	return out;
}

static void test_order_and_failures(void **state)
{
	register_console(&capture_console);
	console_loglevel = 7;
	assert_int_equal(do_initcalls(), 2);
	assert_int_equal(n_run, 8);
	assert_memory_equal(order, "Ecas", 4);	/* early, core, arch, subsys */
	/* device level keeps section order (GCC may reverse a file's statics), then late */
	assert_memory_equal(order + 4, device_section_order(), 3);
	assert_int_equal(order[7], 'L');
	assert_non_null(strstr(capture_buf, "initcall device_b (device) failed: ENODEV\n"));
	assert_non_null(strstr(capture_buf, "initcall subsys_a (subsys) failed: ENOMEM\n"));
	assert_non_null(strstr(capture_buf, "initcall core_a returned 0 after 1500 us\n"));
	assert_null(strstr(capture_buf, "core_a (core) failed"));
	unregister_console(&capture_console);
}

static void test_debug_hidden_by_default(void **state)
{
	register_console(&capture_console);
	capture_clear();
	n_run = 0;
	console_loglevel = LOGLEVEL_DEFAULT;
	assert_int_equal(do_initcalls(), 2);
	assert_null(strstr(capture_buf, "returned 0 after"));
	assert_non_null(strstr(capture_buf, "failed: ENODEV"));
	unregister_console(&capture_console);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_and_failures),
		cmocka_unit_test(test_debug_hidden_by_default),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
