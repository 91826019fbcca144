/*
 * net/core/busy_poll.c: every poller runs once per idle-loop pass, in order,
 * with bottom halves disabled; one that takes itself off mid-walk (a reset
 * closing its device) does not end the walk; the list empties.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <lib/softirq.h>
#include <net/core/busy_poll.h>

static char order[8];
static int calls;
static bool bh_off_each_time;
static struct busy_poller first, second, third;

static void note(void *data)
{
	if (calls < (int)sizeof(order) - 1)
		order[calls] = *(const char *)data;
	calls++;
	bh_off_each_time &= in_softirq();
}

static void note_and_leave(void *data)
{
	note(data);
	busy_poll_del(&second);
}

static void test_runs_each_once_with_bh_off(void **state)
{
	first = (struct busy_poller){ .poll = note, .data = "a" };
	second = (struct busy_poller){ .poll = note_and_leave, .data = "b" };
	third = (struct busy_poller){ .poll = note, .data = "c" };
	calls = 0;
	bh_off_each_time = true;
	assert_false(busy_poll_active());
	busy_poll_add(&first);
	busy_poll_add(&second);
	busy_poll_add(&third);
	assert_true(busy_poll_active());

	busy_poll_run();
	assert_int_equal(calls, 3);
	assert_string_equal(order, "abc");
	assert_true(bh_off_each_time);
	assert_false(in_softirq());

	busy_poll_run();		/* second took itself off */
	assert_int_equal(calls, 5);
	assert_string_equal(order, "abcac");
	busy_poll_del(&first);
	busy_poll_del(&third);
	assert_false(busy_poll_active());
	busy_poll_run();
	assert_int_equal(calls, 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_runs_each_once_with_bh_off),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
