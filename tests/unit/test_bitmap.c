/* lib/bitmap: single bits, searches across word edges, ranges, weight. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <lib/bitmap.h>

static void test_single_bits(void **state)
{
	DECLARE_BITMAP(map, 130) = { 0 };

	set_bit(0, map);
	set_bit(63, map);
	__set_bit(64, map);
	set_bit(129, map);
	assert_true(test_bit(0, map));
	assert_true(test_bit(63, map));
	assert_true(test_bit(64, map));
	assert_true(test_bit(129, map));
	assert_false(test_bit(1, map));
	assert_false(test_bit(128, map));
	assert_int_equal(map[0], 0x8000000000000001UL);
	clear_bit(63, map);
	__clear_bit(0, map);
	assert_int_equal(map[0], 0);
	assert_true(test_and_clear_bit(64, map));
	assert_false(test_and_clear_bit(64, map));
	assert_false(test_and_set_bit(5, map));
	assert_true(test_and_set_bit(5, map));
}

static void test_find_first(void **state)
{
	DECLARE_BITMAP(map, 200) = { 0 };

	assert_int_equal(find_first_bit(map, 200), 200);
	assert_int_equal(find_first_zero_bit(map, 200), 0);
	set_bit(150, map);
	assert_int_equal(find_first_bit(map, 200), 150);
	/* A bit at or past 'size' is not found. */
	assert_int_equal(find_first_bit(map, 150), 150);
	assert_int_equal(find_first_bit(map, 100), 100);
	bitmap_fill(map, 200);
	assert_int_equal(find_first_zero_bit(map, 200), 200);
	clear_bit(64, map);
	assert_int_equal(find_first_zero_bit(map, 200), 64);
	clear_bit(3, map);
	assert_int_equal(find_first_zero_bit(map, 200), 3);
}

static void test_find_next(void **state)
{
	DECLARE_BITMAP(map, 256) = { 0 };
	unsigned long bit, seen[8], n = 0;

	set_bit(1, map);
	set_bit(63, map);
	set_bit(64, map);
	set_bit(200, map);
	assert_int_equal(find_next_bit(map, 256, 2), 63);
	assert_int_equal(find_next_bit(map, 256, 64), 64);
	assert_int_equal(find_next_bit(map, 256, 65), 200);
	assert_int_equal(find_next_bit(map, 256, 201), 256);
	assert_int_equal(find_next_bit(map, 256, 300), 256);
	assert_int_equal(find_next_zero_bit(map, 256, 63), 65);
	for_each_set_bit(bit, map, 256)
		seen[n++] = bit;
	assert_int_equal(n, 4);
	assert_int_equal(seen[0], 1);
	assert_int_equal(seen[3], 200);
}

static void test_find_last(void **state)
{
	DECLARE_BITMAP(map, 130) = { 0 };

	assert_int_equal(find_last_bit(map, 130), 130);
	set_bit(3, map);
	assert_int_equal(find_last_bit(map, 130), 3);
	set_bit(100, map);
	assert_int_equal(find_last_bit(map, 130), 100);
	/* Bits beyond 'size' in the last word do not count. */
	map[1] |= 1UL << 60;
	assert_int_equal(find_last_bit(map, 120), 100);
	assert_int_equal(find_last_bit(map, 64), 3);
}

static void test_ranges_and_weight(void **state)
{
	DECLARE_BITMAP(map, 300) = { 0 };

	bitmap_set(map, 10, 200);
	assert_int_equal(bitmap_weight(map, 300), 200);
	assert_int_equal(find_first_bit(map, 300), 10);
	assert_int_equal(find_next_zero_bit(map, 300, 10), 210);
	assert_false(test_bit(9, map));
	assert_true(test_bit(209, map));
	bitmap_clear(map, 60, 70);
	assert_int_equal(bitmap_weight(map, 300), 130);
	assert_int_equal(find_next_zero_bit(map, 300, 10), 60);
	assert_int_equal(find_next_bit(map, 300, 60), 130);
	assert_int_equal(bitmap_weight(map, 64), 50);	/* 10..59 */
	assert_false(bitmap_empty(map, 300));
	assert_true(bitmap_empty(map, 10));
	bitmap_zero(map, 300);
	assert_true(bitmap_empty(map, 300));
	assert_int_equal(hweight64(~0ULL), 64);
	assert_int_equal(hweight64(0x8000000000000001ULL), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_single_bits),
		cmocka_unit_test(test_find_first),
		cmocka_unit_test(test_find_next),
		cmocka_unit_test(test_find_last),
		cmocka_unit_test(test_ranges_and_weight),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
