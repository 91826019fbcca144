/*
 * lib/random.c against a fake platform: the hardware generator's value
 * when there is one, else a stream that moves with the cycle counter and
 * with what add_device_randomness() was given.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <lib/random.h>

void random_reset_for_test(void);	/* lib/random.c, HOST_TEST */

static bool have_hw;
static u64 hw_value, cycles;

bool arch_get_random_u64(u64 *v)
{
	if (have_hw)
		*v = hw_value;
	return have_hw;
}

u64 random_get_entropy(void)
{
	return cycles;
}

static void test_hardware_value_when_there_is_one(void **state)
{
	have_hw = true;
	hw_value = 0x0123456789abcdefULL;
	assert_true(get_random_u64() == hw_value);
	assert_int_equal(get_random_u32(), 0x01234567);	/* the upper half */
	have_hw = false;
}

static void test_fallback_never_repeats_on_a_stopped_counter(void **state)
{
	u64 v[16];

	cycles = 1000;
	for (int i = 0; i < 16; i++) {
		v[i] = get_random_u64();
		for (int j = 0; j < i; j++)
			assert_true(v[i] != v[j]);
	}
}

/* Bits of the output flip about half the time: the mixing spreads them. */
static void test_fallback_bits_are_balanced(void **state)
{
	unsigned int ones = 0;

	for (int i = 0; i < 1000; i++) {
		cycles += 17;
		ones += __builtin_popcountll(get_random_u64());
	}
	assert_in_range(ones, 32000 - 1000, 32000 + 1000);
}

/* Two machines alike but for a boot address draw different streams. */
static void test_device_randomness_changes_the_stream(void **state)
{
	u64 a, b, none, base = 0x100000, other = 0x200000;

	cycles = 5;
	random_reset_for_test();
	add_device_randomness(&base, sizeof(base));
	a = get_random_u64();
	random_reset_for_test();
	add_device_randomness(&other, sizeof(other));
	b = get_random_u64();
	random_reset_for_test();
	none = get_random_u64();
	assert_true(a != b);
	assert_true(a != none);
	/* The same machine and counter give the same value: nothing else goes in. */
	random_reset_for_test();
	add_device_randomness(&base, sizeof(base));
	assert_true(get_random_u64() == a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hardware_value_when_there_is_one),
		cmocka_unit_test(test_fallback_never_repeats_on_a_stopped_counter),
		cmocka_unit_test(test_fallback_bits_are_balanced),
		cmocka_unit_test(test_device_randomness_changes_the_stream),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
