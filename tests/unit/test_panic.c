/* lib/panic: the message, the stack dump, the recursion guard, warnings, lock bugs. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <lib/panic.h>
#include <lib/printk.h>
#include <lib/spinlock.h>
#include "panic_fake.h"

static int setup(void **state)
{
	fake_dump_stack_hook = NULL;
	fake_irqs_off = false;
	console_loglevel = LOGLEVEL_DEFAULT;
	return 0;
}

static void test_panic_message_and_dump(void **state)
{
	unsigned int dumps = fake_dump_stack_count;

	console_loglevel = 0;	/* "quiet": a panic must still be seen */
	EXPECT_PANIC(panic("disk %d on %s", 3, "fire"), "Kernel panic: disk 3 on fire\n");
	assert_true(fake_console_has("end Kernel panic: disk 3 on fire"));
	assert_int_equal(fake_dump_stack_count, dumps + 1);
	assert_true(fake_irqs_off_at_halt);	/* nothing may interrupt the halt */
	/* The dump comes between the message and the closing line. */
	assert_true(strstr(fake_console_buf, "Kernel panic: disk") <
		    strstr(fake_console_buf, "end Kernel panic"));
}

static void panic_again(void)
{
	fake_dump_stack_hook = NULL;
	panic("second");
}

static void test_recursive_panic_halts(void **state)
{
	fake_dump_stack_hook = panic_again;
	EXPECT_PANIC(panic("first"), "recursive panic");
	assert_true(fake_console_has("Kernel panic: first"));
	assert_false(fake_console_has("Kernel panic: second"));
}

static void test_bug_on(void **state)
{
	int x = 1;

	BUG_ON(x == 0);
	EXPECT_PANIC(BUG_ON(x == 1), "BUG_ON(x == 1) at tests/unit/test_panic.c:");
	EXPECT_PANIC(BUG(), "BUG at tests/unit/test_panic.c:");
}

static void test_warn(void **state)
{
	unsigned long warns = warn_count_for_test();
	unsigned int dumps = fake_dump_stack_count;
	int y = 2;

	fake_console_reset();
	assert_false(WARN_ON(y == 3));
	assert_int_equal(warn_count_for_test(), warns);
	assert_false(fake_console_has("WARNING"));
	assert_true(WARN_ON(y == 2));
	assert_true(fake_console_has("WARNING: y == 2 at tests/unit/test_panic.c:"));
	assert_int_equal(warn_count_for_test(), warns + 1);
	assert_int_equal(fake_dump_stack_count, dumps + 1);
}

static void test_spinlock_bugs(void **state)
{
	DEFINE_SPINLOCK(lock);
	char needle[80];

	spin_lock(&lock);
	snprintf(needle, sizeof(needle), "recursive lock on lock %p", (void *)&lock);
	EXPECT_PANIC(spin_lock(&lock), needle);
	spin_unlock(&lock);
	snprintf(needle, sizeof(needle), "unlock of unlocked lock on lock %p", (void *)&lock);
	EXPECT_PANIC(spin_unlock(&lock), needle);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_panic_message_and_dump, setup),
		cmocka_unit_test_setup(test_recursive_panic_halts, setup),
		cmocka_unit_test_setup(test_bug_on, setup),
		cmocka_unit_test_setup(test_warn, setup),
		cmocka_unit_test_setup(test_spinlock_bugs, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
