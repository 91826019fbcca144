/*
 * lib/params.c: parse_args() over command lines good and bad, run-time
 * param_set(), and the listing. The parameters live in this file, collected
 * by the linker exactly as in the kernel (plus printk.c's loglevel).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#define MODULE_PARAM_PREFIX "e1000e."
#include "capture_console.h"
#include <lib/params.h>
#include <lib/printk.h>
#include <lib/errno.h>

static int weight = 64;
static bool napi = true;
static bool flag;
static char *mode = "auto";
static unsigned int rx_ring = 256;
static long offset = -5;
static unsigned long itr = 20000;
module_param(weight, int, 0644);
module_param(napi, bool, 0444);
module_param(flag, bool, 0644);
module_param(mode, charp, 0644);
module_param(rx_ring, uint, 0644);
module_param(offset, long, 0644);
module_param(itr, ulong, 0644);

static int budget = 300;
core_param(netdev_budget, budget, int, 0644);

/* A parameter with a setter of its own, as drivers write them (e1000e.irq=):
 * it reads its value without a NULL check, as those do. */
static int custom = 1;
static int custom_set(const char *val, const struct kernel_param *kp)
{
	*(int *)kp->arg = val[0] == 'x' ? 2 : 3;
	return 0;
}
static int custom_get(char *buf, size_t size, const struct kernel_param *kp)
{
	return scnprintf(buf, size, "%d", *(int *)kp->arg);
}
static const struct kernel_param_ops custom_ops = { .set = custom_set, .get = custom_get };
module_param_cb(custom, &custom_ops, &custom, 0644);

static char setup_seen[64];
static int setup_calls;

static int ip_setup(char *val)
{
	strcpy(setup_seen, val);
	setup_calls++;
	return 0;
}
__setup("ip=", ip_setup);

static int quiet_setup(char *val)
{
	strcpy(setup_seen, "quiet:");
	strcat(setup_seen, val);
	setup_calls++;
	return 0;
}
__setup("quiet", quiet_setup);

static int picky_setup(char *val)
{
	return strcmp(val, "ok") ? -EINVAL : 0;
}
__setup("picky=", picky_setup);

static int setup(void **state)
{
	weight = 64;
	napi = true;
	flag = false;
	mode = "auto";
	rx_ring = 256;
	offset = -5;
	itr = 20000;
	budget = 300;
	console_loglevel = LOGLEVEL_DEFAULT;
	setup_seen[0] = '\0';
	setup_calls = 0;
	register_console(&capture_console);
	kprintf("\n");
	capture_clear();
	return 0;
}

static int teardown(void **state)
{
	unregister_console(&capture_console);
	return 0;
}

#define assert_logged(s) do {						\
	if (!strstr(capture_buf, s))						\
		fail_msg("missing \"%s\" in the log:\n%s", s, capture_buf);		\
} while (0)

static void test_good_values(void **state)
{
	char line[] = "e1000e.weight=32 netdev_budget=600 e1000e.rx_ring=0x400 "
		      "e1000e.offset=-7 e1000e.itr=18446744073709551615 loglevel=7";

	assert_int_equal(parse_args(line), 0);
	assert_int_equal(weight, 32);
	assert_int_equal(budget, 600);
	assert_int_equal(rx_ring, 1024);
	assert_int_equal(offset, -7);
	assert_true(itr == ~0UL);
	assert_int_equal(console_loglevel, 7);
	assert_logged("param: e1000e.weight=32\n");
	assert_logged("param: e1000e.rx_ring=1024\n");
	assert_logged("param: loglevel=7\n");
	assert_null(strstr(capture_buf, "unknown"));
}

static void test_spaces_and_empty(void **state)
{
	char empty[] = "";
	char blanks[] = "   \t  ";
	char spaced[] = "  e1000e.weight=8   netdev_budget=9  ";

	assert_int_equal(parse_args(empty), 0);
	assert_int_equal(parse_args(blanks), 0);
	assert_int_equal(parse_args(NULL), 0);
	assert_int_equal(parse_args(spaced), 0);
	assert_int_equal(weight, 8);
	assert_int_equal(budget, 9);
}

static void test_unknown(void **state)
{
	char line[] = "foo=1 e1000e.weight=16 bar e1000e.nosuch=2";

	assert_int_equal(parse_args(line), 3);
	assert_int_equal(weight, 16);	/* the good one between them still applies */
	assert_logged("unknown boot parameter 'foo=1' ignored\n");
	assert_logged("unknown boot parameter 'bar' ignored\n");
	assert_logged("unknown boot parameter 'e1000e.nosuch=2' ignored\n");
}

static void test_malformed(void **state)
{
	char line[] = "e1000e.weight=abc netdev_budget= e1000e.rx_ring=-1 e1000e.weight";

	assert_int_equal(parse_args(line), 4);
	assert_int_equal(weight, 64);
	assert_int_equal(budget, 300);
	assert_int_equal(rx_ring, 256);
	assert_logged("e1000e.weight: 'abc' is not a valid int, keeping 64\n");
	assert_logged("netdev_budget: '' is not a valid int, keeping 300\n");
	assert_logged("e1000e.rx_ring: '-1' is not a valid uint, keeping 256\n");
	assert_logged("e1000e.weight: needs a value, keeping 64\n");
}

/* A bare name reaches no setter but bool's (found by fuzzing boot_params:
 * "e1000e.irq" alone crashed in the driver's setter). */
static void test_bare_name_needs_a_value(void **state)
{
	char line[] = "e1000e.custom e1000e.flag";

	assert_int_equal(parse_args(line), 1);
	assert_int_equal(custom, 1);
	assert_true(flag);
	assert_logged("e1000e.custom: needs a value, keeping 1\n");
}

static void test_overflow(void **state)
{
	char line[] = "e1000e.weight=2147483648 e1000e.rx_ring=4294967296 "
		      "e1000e.itr=18446744073709551616 e1000e.offset=-9223372036854775809 "
		      "loglevel=99 loglevel=-1";

	assert_int_equal(parse_args(line), 6);
	assert_int_equal(weight, 64);
	assert_int_equal(rx_ring, 256);
	assert_true(itr == 20000);
	assert_int_equal(offset, -5);
	assert_int_equal(console_loglevel, LOGLEVEL_DEFAULT);
	assert_logged("e1000e.weight: '2147483648' is out of range, keeping 64\n");
	assert_logged("e1000e.itr: '18446744073709551616' is out of range, keeping 20000\n");
	assert_logged("loglevel: '99' is out of range, keeping 6\n");
	assert_logged("loglevel: '-1' is out of range, keeping 6\n");
}

static void test_quotes(void **state)
{
	char line[] = "e1000e.mode=\"a b  c\" \"netdev_budget=42\" e1000e.weight=\"7\"";
	char eq[] = "e1000e.mode=\"x=y\"";
	char open[] = "e1000e.weight=1 e1000e.mode=\"never closed e1000e.weight=3";

	assert_int_equal(parse_args(line), 0);
	assert_string_equal(mode, "a b  c");
	assert_int_equal(budget, 42);
	assert_int_equal(weight, 7);
	assert_logged("param: e1000e.mode=a b  c\n");

	assert_int_equal(parse_args(eq), 0);
	assert_string_equal(mode, "x=y");

	assert_int_equal(parse_args(open), 1);
	assert_int_equal(weight, 1);	/* the quoted rest is one broken argument */
	assert_string_equal(mode, "x=y");
	assert_logged("unterminated quote");
}

static void test_bool_forms(void **state)
{
	static const struct { const char *arg; int rejected; bool value; } cases[] = {
		{ "e1000e.flag", 0, true }, { "e1000e.flag=0", 0, false },
		{ "e1000e.flag=yes", 0, true }, { "e1000e.flag=off", 0, false },
		{ "e1000e.flag=Y", 0, true }, { "e1000e.flag=false", 0, false },
		{ "e1000e.flag=on", 0, true }, { "e1000e.flag=n", 0, false },
	};
	char line[64], bad[] = "e1000e.flag=maybe e1000e.flag=2";

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		flag = !cases[i].value;
		strcpy(line, cases[i].arg);
		assert_int_equal(parse_args(line), cases[i].rejected);
		assert_int_equal(flag, cases[i].value);
	}
	flag = true;
	assert_int_equal(parse_args(bad), 2);
	assert_true(flag);
	assert_logged("e1000e.flag: 'maybe' is not a valid bool, keeping Y\n");
}

static void test_setup_handlers(void **state)
{
	char ip[] = "ip=10.0.2.15/24";
	char bare[] = "quiet";
	char ip_bare[] = "ip";
	char picky[] = "picky=ok picky=no";

	assert_int_equal(parse_args(ip), 0);
	assert_string_equal(setup_seen, "10.0.2.15/24");
	assert_logged("param: ip=10.0.2.15/24\n");
	assert_int_equal(parse_args(bare), 0);
	assert_string_equal(setup_seen, "quiet:");
	assert_int_equal(parse_args(ip_bare), 0);
	assert_string_equal(setup_seen, "");
	assert_int_equal(setup_calls, 3);
	assert_int_equal(parse_args(picky), 1);
	assert_logged("picky: 'no' refused, ignored\n");
}

static void test_names(void **state)
{
	char line[] = "/boot/nicstack.elf netdev-budget=5 /later";

	/* the image path a loader puts first is skipped; later it is an error */
	assert_int_equal(parse_args(line), 1);
	assert_int_equal(budget, 5);	/* '-' and '_' are the same in names */
	assert_logged("unknown boot parameter '/later' ignored\n");
	assert_non_null(param_find("e1000e.rx_ring"));
	assert_non_null(param_find("e1000e.rx-ring"));
	assert_non_null(param_find("loglevel"));
	assert_null(param_find("e1000e.rx_rin"));
	assert_null(param_find("e1000e.rx_ring2"));
	assert_null(param_find(""));
}

static void test_param_set(void **state)
{
	char val[] = "runtime value";

	assert_int_equal(param_set("e1000e.weight", "16"), 0);
	assert_int_equal(weight, 16);
	assert_int_equal(param_set("e1000e.napi", "0"), -EPERM);
	assert_true(napi);
	assert_int_equal(param_set("nosuch", "1"), -ENOENT);
	assert_int_equal(param_set("e1000e.weight", "x"), -EINVAL);
	assert_int_equal(param_set("e1000e.weight", "99999999999"), -ERANGE);
	assert_int_equal(weight, 16);
	assert_int_equal(param_set("loglevel", "8"), -ERANGE);
	assert_int_equal(param_set("loglevel", "3"), 0);
	assert_int_equal(console_loglevel, 3);
	/* a charp set at run time must not point into the caller's buffer */
	assert_int_equal(param_set("e1000e.mode", val), 0);
	memset(val, 'X', sizeof(val) - 1);
	assert_string_equal(mode, "runtime value");
}

static void list_one(const struct kernel_param *kp, const char *val, void *ctx)
{
	char *out = ctx;

	strcat(out, kp->name);
	strcat(out, "=");
	strcat(out, val);
	strcat(out, "\n");
}

static void test_for_each(void **state)
{
	char out[1024] = "";

	param_for_each(list_one, out);
	assert_non_null(strstr(out, "e1000e.weight=64\n"));
	assert_non_null(strstr(out, "e1000e.napi=Y\n"));
	assert_non_null(strstr(out, "e1000e.mode=auto\n"));
	assert_non_null(strstr(out, "e1000e.offset=-5\n"));
	assert_non_null(strstr(out, "netdev_budget=300\n"));
	assert_non_null(strstr(out, "loglevel=6\n"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_good_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_spaces_and_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bare_name_needs_a_value, setup, teardown),
		cmocka_unit_test_setup_teardown(test_malformed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_overflow, setup, teardown),
		cmocka_unit_test_setup_teardown(test_quotes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bool_forms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_setup_handlers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_param_set, setup, teardown),
		cmocka_unit_test_setup_teardown(test_for_each, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
