/* lib/string.c and lib/kstrtox.c against hand-computed answers (libc is not the oracle here). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <lib/errno.h>
#include <lib/string.h>

static void test_mem(void **state)
{
	char a[16] = "abcdefghij";
	char b[16];

	assert_ptr_equal(memcpy(b, a, 11), b);
	assert_string_equal(b, "abcdefghij");
	assert_ptr_equal(memset(b, 'x', 3), b);
	assert_memory_equal(b, "xxxdefghij", 11);
	/* 0x1ff: only the low byte is stored */
	memset(b, 0x1ff, 1);
	assert_int_equal((unsigned char)b[0], 0xff);

	memmove(a + 2, a, 5);		/* forward overlap */
	assert_memory_equal(a, "ababcdehij", 10);
	memmove(a, a + 3, 5);		/* backward overlap */
	assert_memory_equal(a, "bcdehdehij", 10);

	assert_int_equal(memcmp("abc", "abd", 3), -1);
	assert_int_equal(memcmp("abd", "abc", 3), 1);
	assert_int_equal(memcmp("abc", "abd", 2), 0);
	assert_int_equal(memcmp("\x80", "\x01", 1), 1);	/* unsigned bytes */
	assert_int_equal(memcmp("", "", 0), 0);
}

/*
 * Word-at-a-time copies against a byte-by-byte reference: every length 0..40
 * at every alignment 0..7 of source and destination, and memmove at every
 * overlap -12..12 (under and over a word), in both directions.
 */
static void test_mem_word_paths(void **state)
{
	u8 src[80], dst[80], ref[80];

	for (int i = 0; i < 80; i++)
		src[i] = (u8)(i * 37 + 1);
	for (size_t n = 0; n <= 40; n++) {
		for (int so = 0; so < 8; so++) {
			for (int d_off = 0; d_off < 8; d_off++) {
				memset(dst, 0xEE, sizeof(dst));
				memcpy(ref, dst, sizeof(ref));
				for (size_t k = 0; k < n; k++)
					ref[d_off + k] = src[so + k];
				assert_ptr_equal(memcpy(dst + d_off, src + so, n), dst + d_off);
				assert_memory_equal(dst, ref, sizeof(dst));

				memset(dst, 0xEE, sizeof(dst));
				memcpy(ref, dst, sizeof(ref));
				for (size_t k = 0; k < n; k++)
					ref[d_off + k] = (u8)(0x5A + so);
				assert_ptr_equal(memset(dst + d_off, 0x5A + so, n), dst + d_off);
				assert_memory_equal(dst, ref, sizeof(dst));
			}
		}
		for (int shift = -12; shift <= 12; shift++) {
			int from = 16, to = 16 + shift;

			memcpy(dst, src, sizeof(dst));
			memcpy(ref, src, sizeof(ref));
			for (size_t k = 0; k < n; k++)	/* what memmove means: through a copy */
				ref[to + k] = src[from + k];
			assert_ptr_equal(memmove(dst + to, dst + from, n), dst + to);
			assert_memory_equal(dst, ref, sizeof(dst));
		}
	}
}

static void test_str(void **state)
{
	const char *s = "hello world";

	assert_int_equal(strlen(""), 0);
	assert_int_equal(strlen(s), 11);
	assert_int_equal(strnlen(s, 5), 5);
	assert_int_equal(strnlen(s, 50), 11);
	assert_true(strcmp("a", "b") < 0);
	assert_true(strcmp("b", "a") > 0);
	assert_true(strcmp("ab", "a") > 0);
	assert_true(strcmp("a", "ab") < 0);
	assert_int_equal(strcmp("same", "same"), 0);
	assert_true(strcmp("\xff", "a") > 0);	/* compared as unsigned char */
	assert_int_equal(strncmp("abcx", "abcy", 3), 0);
	assert_true(strncmp("abcx", "abcy", 4) < 0);
	assert_int_equal(strncmp("x", "y", 0), 0);
	assert_ptr_equal(strchr(s, 'o'), s + 4);
	assert_ptr_equal(strrchr(s, 'o'), s + 7);
	assert_ptr_equal(strchr(s, '\0'), s + 11);
	assert_ptr_equal(strrchr(s, '\0'), s + 11);
	assert_null(strchr(s, 'z'));
	assert_null(strrchr(s, 'z'));
	assert_ptr_equal(strstr(s, "wor"), s + 6);
	assert_ptr_equal(strstr(s, ""), s);
	assert_ptr_equal(strstr(s, "hello"), s);
	assert_null(strstr(s, "worlds"));
	assert_null(strstr("", "a"));
}

static void test_strlcpy(void **state)
{
	char buf[6];

	assert_int_equal(strlcpy(buf, "abc", sizeof(buf)), 3);
	assert_string_equal(buf, "abc");
	assert_int_equal(strlcpy(buf, "abcdefgh", sizeof(buf)), 8);
	assert_string_equal(buf, "abcde");
	buf[0] = 'q';
	assert_int_equal(strlcpy(buf, "zz", 0), 2);	/* size 0: nothing written */
	assert_int_equal(buf[0], 'q');
	assert_int_equal(strlcpy(buf, "zz", 1), 2);
	assert_string_equal(buf, "");
}

static void test_kstrtoull(void **state)
{
	unsigned long long v = 7;

	assert_int_equal(kstrtoull("0", 10, &v), 0);
	assert_true(v == 0);
	assert_int_equal(kstrtoull("+42", 10, &v), 0);
	assert_true(v == 42);
	assert_int_equal(kstrtoull("18446744073709551615", 10, &v), 0);
	assert_true(v == ~0ULL);
	v = 5;
	assert_int_equal(kstrtoull("18446744073709551616", 10, &v), -ERANGE);
	assert_true(v == 5);	/* untouched on error */
	assert_int_equal(kstrtoull("99999999999999999999", 10, &v), -ERANGE);
	assert_int_equal(kstrtoull("0xffffffffffffffff", 0, &v), 0);
	assert_true(v == ~0ULL);
	assert_int_equal(kstrtoull("0x10000000000000000", 0, &v), -ERANGE);
	assert_int_equal(kstrtoull("0x1F", 0, &v), 0);
	assert_true(v == 31);
	assert_int_equal(kstrtoull("1f", 16, &v), 0);
	assert_true(v == 31);
	assert_int_equal(kstrtoull("0X1f", 16, &v), 0);
	assert_true(v == 31);
	assert_int_equal(kstrtoull("017", 0, &v), 0);
	assert_true(v == 15);
	assert_int_equal(kstrtoull("017", 10, &v), 0);
	assert_true(v == 17);
	assert_int_equal(kstrtoull("1777777777777777777777", 8, &v), 0);
	assert_true(v == ~0ULL);
	assert_int_equal(kstrtoull("2000000000000000000000", 8, &v), -ERANGE);

	assert_int_equal(kstrtoull("", 10, &v), -EINVAL);
	assert_int_equal(kstrtoull("+", 10, &v), -EINVAL);
	assert_int_equal(kstrtoull("0x", 0, &v), -EINVAL);
	assert_int_equal(kstrtoull("0x", 16, &v), -EINVAL);
	assert_int_equal(kstrtoull("08", 0, &v), -EINVAL);
	assert_int_equal(kstrtoull("-1", 10, &v), -EINVAL);
	assert_int_equal(kstrtoull(" 1", 10, &v), -EINVAL);
	assert_int_equal(kstrtoull("1 ", 10, &v), -EINVAL);
	assert_int_equal(kstrtoull("12a", 10, &v), -EINVAL);
	assert_int_equal(kstrtoull("1\n", 10, &v), -EINVAL);
	/* junk wins over overflow: it is not a number at all */
	assert_int_equal(kstrtoull("99999999999999999999x", 10, &v), -EINVAL);
	assert_int_equal(kstrtoull(NULL, 10, &v), -EINVAL);
	assert_int_equal(kstrtoull("1", 1, &v), -EINVAL);
	assert_int_equal(kstrtoull("1", 37, &v), -EINVAL);
	assert_int_equal(kstrtoull("zz", 36, &v), 0);
	assert_true(v == 35 * 36 + 35);
}

static void test_kstrtoll(void **state)
{
	long long v = 3;

	assert_int_equal(kstrtoll("-9223372036854775808", 10, &v), 0);
	assert_true(v == -9223372036854775807LL - 1);
	assert_int_equal(kstrtoll("9223372036854775807", 10, &v), 0);
	assert_true(v == 9223372036854775807LL);
	assert_int_equal(kstrtoll("9223372036854775808", 10, &v), -ERANGE);
	assert_int_equal(kstrtoll("-9223372036854775809", 10, &v), -ERANGE);
	assert_int_equal(kstrtoll("-0x10", 0, &v), 0);
	assert_true(v == -16);
	assert_int_equal(kstrtoll("-0", 10, &v), 0);
	assert_true(v == 0);
	assert_int_equal(kstrtoll("+5", 10, &v), 0);
	assert_true(v == 5);
	assert_int_equal(kstrtoll("-", 10, &v), -EINVAL);
	assert_int_equal(kstrtoll("--1", 10, &v), -EINVAL);
	assert_int_equal(kstrtoll("+-1", 10, &v), -EINVAL);
}

static void test_kstrto_small(void **state)
{
	unsigned long ul;
	unsigned int u = 9;
	int i = 9;

	assert_int_equal(kstrtoul("18446744073709551615", 10, &ul), 0);
	assert_true(ul == ~0UL);
	assert_int_equal(kstrtoul("18446744073709551616", 10, &ul), -ERANGE);

	assert_int_equal(kstrtouint("4294967295", 10, &u), 0);
	assert_true(u == 4294967295U);
	u = 9;
	assert_int_equal(kstrtouint("4294967296", 10, &u), -ERANGE);
	assert_int_equal(u, 9);
	assert_int_equal(kstrtouint("0x100000000", 0, &u), -ERANGE);
	assert_int_equal(kstrtouint("-1", 10, &u), -EINVAL);

	assert_int_equal(kstrtoint("2147483647", 10, &i), 0);
	assert_int_equal(i, 2147483647);
	assert_int_equal(kstrtoint("-2147483648", 10, &i), 0);
	assert_int_equal(i, -2147483647 - 1);
	i = 9;
	assert_int_equal(kstrtoint("2147483648", 10, &i), -ERANGE);
	assert_int_equal(kstrtoint("-2147483649", 10, &i), -ERANGE);
	assert_int_equal(kstrtoint("99999999999999999999", 10, &i), -ERANGE);
	assert_int_equal(i, 9);
	assert_int_equal(kstrtoint("abc", 10, &i), -EINVAL);
	assert_int_equal(kstrtoint("64", 10, &i), 0);
	assert_int_equal(i, 64);
}

static void test_kstrtobool(void **state)
{
	static const char *const yes[] = { "1", "y", "Y", "yes", "YES", "on", "On", "true", "TRUE" };
	static const char *const no[] = { "0", "n", "N", "no", "off", "OFF", "false", "False" };
	static const char *const bad[] = { "", "2", "yess", "o", "of", "tru", "on ", " 1", "10", "-1" };
	bool b;

	for (size_t k = 0; k < sizeof(yes) / sizeof(yes[0]); k++) {
		b = false;
		assert_int_equal(kstrtobool(yes[k], &b), 0);
		assert_true(b);
	}
	for (size_t k = 0; k < sizeof(no) / sizeof(no[0]); k++) {
		b = true;
		assert_int_equal(kstrtobool(no[k], &b), 0);
		assert_false(b);
	}
	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		b = true;
		assert_int_equal(kstrtobool(bad[k], &b), -EINVAL);
		assert_true(b);
	}
	assert_int_equal(kstrtobool(NULL, &b), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mem),
		cmocka_unit_test(test_mem_word_paths),
		cmocka_unit_test(test_str),
		cmocka_unit_test(test_strlcpy),
		cmocka_unit_test(test_kstrtoull),
		cmocka_unit_test(test_kstrtoll),
		cmocka_unit_test(test_kstrto_small),
		cmocka_unit_test(test_kstrtobool),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
