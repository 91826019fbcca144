/*
 * lib/modinfo.c: a driver registered the way e1000e is (MODULE_PCI_INFO plus
 * MODULE_PARM_DESC beside its module_param()s), shown by "modinfo".
 */
#define MODULE_PARAM_PREFIX "fakedrv."
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "capture_console.h"
#include <lib/modinfo.h>
#include <lib/errno.h>
#include <lib/params.h>
#include <lib/printk.h>
#include <lib/shell.h>
#include <drivers/pci/pci.h>

static const struct pci_device_id fakedrv_tbl[] = {
	{ PCI_DEVICE(0x8086, 0x10d3) },
	{ .vendor = 0x1af4, .device = PCI_ANY_ID, .subvendor = 0x1234, .subdevice = 0x0001,
	  .class = 0x020000, .class_mask = 0xffff00 },
	{ 0 }
};
MODULE_PCI_INFO(fakedrv, "A driver for the tests", fakedrv_tbl);

static int weight = 64;
static int ring = 256;
static bool quiet;
module_param(weight, int, 0644);
MODULE_PARM_DESC(weight, "NAPI weight");
module_param(ring, int, 0444);
MODULE_PARM_DESC(ring, "descriptors per ring");
module_param(quiet, bool, 0444);		/* no description */
static int other_knob = 3;
core_param(other_knob, other_knob, int, 0644);	/* not the module's: not shown */

MODULE_INFO(bare, NULL, NULL);			/* a module with no ids */

static int run(const char *text)
{
	char line[SHELL_LINE_MAX];

	strcpy(line, text);
	capture_clear();
	return shell_execute(line);
}

static int setup(void **state)
{
	register_console(&capture_console);
	return 0;
}

static int teardown(void **state)
{
	unregister_console(&capture_console);
	return 0;
}

static int count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

static void test_show(void **state)
{
	const char *head =
		"name:           fakedrv\n"
		"filename:       (built in)\n"
		"description:    A driver for the tests\n"
		"alias:          pci:v00008086d000010D3sv*sd*bc*sc*i*\n"
		"alias:          pci:v00001AF4d*sv00001234sd00000001bc02sc00i*\n";

	assert_int_equal(run("modinfo fakedrv"), 0);
	assert_memory_equal(capture_buf, head, strlen(head));
	/* parameters in the linker's order, which the host and the kernel differ on */
	assert_non_null(strstr(capture_buf, "\nparm:           weight:NAPI weight = 64 (set at run time too)\n"));
	assert_non_null(strstr(capture_buf, "\nparm:           ring:descriptors per ring = 256 (boot only)\n"));
	assert_non_null(strstr(capture_buf, "\nparm:           quiet:(no description) = N (boot only)\n"));
	assert_int_equal(count(capture_buf, "parm:"), 3);
}

static void test_values_are_current(void **state)
{
	assert_int_equal(param_set("fakedrv.weight", "16"), 0);
	assert_int_equal(run("modinfo fakedrv"), 0);
	assert_non_null(strstr(capture_buf, "weight:NAPI weight = 16 "));
	assert_null(strstr(capture_buf, "other_knob"));
	weight = 64;
}

static void test_list_and_errors(void **state)
{
	assert_non_null(modinfo_find("fakedrv"));
	assert_null(modinfo_find("fakedrv.weight"));	/* a parameter is not a module */
	assert_null(modinfo_find("nosuch"));
	assert_int_equal(modinfo_show("nosuch"), -ENOENT);

	assert_int_equal(run("modinfo"), 0);
	assert_non_null(strstr(capture_buf, "  fakedrv      A driver for the tests\n"));
	assert_non_null(strstr(capture_buf, "  bare         \n"));
	assert_int_equal(run("modinfo nosuch"), 1);
	assert_string_equal(capture_buf, "modinfo: no module 'nosuch' (modinfo alone lists them)\n");
	assert_int_equal(run("modinfo a b"), -EINVAL);
	assert_string_equal(capture_buf, "usage: modinfo [MODULE]\n");

	assert_int_equal(run("modinfo bare"), 0);
	assert_string_equal(capture_buf, "name:           bare\nfilename:       (built in)\ndescription:    \n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_show, setup, teardown),
		cmocka_unit_test_setup_teardown(test_values_are_current, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_and_errors, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
