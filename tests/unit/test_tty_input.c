/*
 * The console input queue: bytes come out in the order devices put them in,
 * a sequence is queued whole or not at all (a full queue never leaves half
 * an escape sequence for the shell to misread), the free-running indices
 * wrap, and the lock is taken with interrupts off and always released.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <lib/spinlock.h>
#include <drivers/tty/tty_input.h>

#define QUEUE_SIZE	1024	/* TTY_INPUT_SIZE in tty_input.c */

void spin_lock_bug(spinlock_t *lock, const char *why)
{
	fail_msg("spinlock: %s", why);
}

static void drain(void)
{
	while (tty_getc() >= 0)
		;
}

static int setup(void **state)
{
	drain();
	return 0;
}

static void test_bytes_come_out_in_order(void **state)
{
	assert_false(tty_input_pending());
	assert_int_equal(tty_getc(), -1);
	assert_true(tty_insert_flip_char('l'));
	assert_true(tty_insert_flip_string("\x1b[A", 3));	/* another device's key */
	assert_true(tty_insert_flip_char((char)0xe9));		/* high bytes stay positive */
	assert_true(tty_input_pending());
	assert_int_equal(tty_getc(), 'l');
	assert_int_equal(tty_getc(), 0x1b);
	assert_int_equal(tty_getc(), '[');
	assert_int_equal(tty_getc(), 'A');
	assert_int_equal(tty_getc(), 0xe9);
	assert_int_equal(tty_getc(), -1);
	assert_false(tty_input_pending());
	assert_false(fake_irqs_off);		/* every lock taken was released */
}

static void test_full_queue_takes_a_sequence_whole_or_not_at_all(void **state)
{
	char fill[QUEUE_SIZE - 2];

	memset(fill, 'x', sizeof(fill));
	assert_true(tty_insert_flip_string(fill, sizeof(fill)));
	assert_false(tty_insert_flip_string("\x1b[D", 3));	/* 2 free: none of it */
	assert_true(tty_insert_flip_string("ab", 2));		/* exactly full */
	assert_false(tty_insert_flip_char('c'));
	for (size_t i = 0; i < sizeof(fill); i++)
		assert_int_equal(tty_getc(), 'x');
	assert_int_equal(tty_getc(), 'a');
	assert_int_equal(tty_getc(), 'b');
	assert_int_equal(tty_getc(), -1);	/* nothing of the refused ones */
}

static void test_indices_wrap_around_the_ring(void **state)
{
	/* Thousands of laps: the free-running counters pass the array's end many times. */
	for (int lap = 0; lap < 5000; lap++) {
		char seq[7];

		for (int i = 0; i < 7; i++)
			seq[i] = (char)('a' + (lap + i) % 26);
		assert_true(tty_insert_flip_string(seq, sizeof(seq)));
		for (int i = 0; i < 7; i++)
			assert_int_equal(tty_getc(), 'a' + (lap + i) % 26);
	}
	assert_int_equal(tty_getc(), -1);
}

static void test_irq_state_is_restored(void **state)
{
	fake_irqs_off = true;		/* as in a hard IRQ handler */
	assert_true(tty_insert_flip_char('z'));
	assert_true(fake_irqs_off);
	fake_irqs_off = false;
	assert_int_equal(tty_getc(), 'z');
	assert_false(fake_irqs_off);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_bytes_come_out_in_order, setup),
		cmocka_unit_test_setup(test_full_queue_takes_a_sequence_whole_or_not_at_all, setup),
		cmocka_unit_test_setup(test_indices_wrap_around_the_ring, setup),
		cmocka_unit_test_setup(test_irq_state_is_restored, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
