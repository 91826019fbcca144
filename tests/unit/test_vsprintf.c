/*
 * lib/vsprintf.c: every conversion and flag. For the C conversions the host's
 * printf is the oracle ((snprintf) bypasses the rename to our k_snprintf);
 * the kernel extensions are checked against hand-written strings.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <lib/printk.h>

/* The host's own (stdio.h's declaration would be renamed by the -include'd macro). */
extern int (snprintf)(char *buf, size_t size, const char *fmt, ...);

/* Formats with both and compares text and return value. */
#define SAME(...) do {								\
	char ours[128], host[128];						\
	int n_ours = snprintf(ours, sizeof(ours), __VA_ARGS__);		\
	int n_host = (snprintf)(host, sizeof(host), __VA_ARGS__);		\
	assert_string_equal(ours, host);					\
	assert_int_equal(n_ours, n_host);					\
} while (0)

#define IS(expect, ...) do {							\
	char buf[128];								\
	int n = snprintf(buf, sizeof(buf), __VA_ARGS__);			\
	assert_string_equal(buf, expect);					\
	assert_int_equal(n, (int)strlen(expect));				\
} while (0)

static void test_integers(void **state)
{
	static const int ints[] = { 0, 1, -1, 42, -42, 2147483647, -2147483647 - 1 };
	static const char *const fmts[] = {
		"%d", "%i", "%5d", "%-5d|", "%05d", "%+d", "% d", "%+05d", "%-+6d|",
		"%.3d", "%8.3d", "%-8.3d|", "%08.3d", "%.0d", "%5.0d", "%+.0d", "% 05d",
		"%u", "%x", "%X", "%o", "%#x", "%#X", "%#o", "%#08x", "%#.5x", "%#-8x|",
		"%#.0o", "%.0x", "%#5o", "%10u", "%-10X|", "%+u", "% x",
	};

	for (size_t f = 0; f < sizeof(fmts) / sizeof(fmts[0]); f++)
		for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++)
			SAME(fmts[f], ints[i]);
}

static void test_lengths(void **state)
{
	SAME("%hhd %hhu %hhx", 0x1ff, 0x1ff, 0x1ff);
	SAME("%hhd", 200);
	SAME("%hd %hu %hx", 0x18000, 0x18000, 0x18000);
	SAME("%ld %lu %lx", -1L, ~0UL, ~0UL);
	SAME("%lld %llu %llo", -9223372036854775807LL - 1, ~0ULL, ~0ULL);
	SAME("%zu %zx %zd", (size_t)123456789012, (size_t)-1, (size_t)5);
	SAME("%td %tx", (ptrdiff_t)-7, (ptrdiff_t)255);
	SAME("%#llx %020lld", 0x123456789abcdefULL, -12345LL);
	SAME("%li", 1234567890123L);
}

static void test_chars_and_strings(void **state)
{
	SAME("[%c]", 'a');
	SAME("[%3c][%-3c]", 'x', 'y');
	SAME("[%s]", "hello");
	SAME("[%10s][%-10s]", "right", "left");
	SAME("[%.3s][%10.2s][%-6.1s]", "abcdef", "abcdef", "abcdef");
	SAME("[%.0s]", "abc");
	SAME("[%.10s]", "ab");
	SAME("100%%");
	IS("[%]", "[%5%]");
	SAME("[%*d][%-*d][%*d]", 6, 42, 6, 42, -6, 42);
	SAME("[%.*d][%.*s][%.*d]", 5, 42, 2, "abcdef", -1, 42);
	SAME("[%*.*s]", 8, 3, "abcdef");
	SAME("no conversions");
	SAME("");
	IS("[(null)]", "[%s]", (char *)NULL);
	IS("[(nu]", "[%.3s]", (char *)NULL);
}

static void test_nul_char(void **state)
{
	char buf[8];

	memset(buf, 'z', sizeof(buf));
	assert_int_equal(snprintf(buf, sizeof(buf), "a%cb", 0), 3);
	assert_memory_equal(buf, "a\0b", 4);
}

static void test_unknown_conversion(void **state)
{
	IS("[%y]", "[%y]");
	IS("[%-5y]", "[%-5y]");
	IS("50%", "50%");
	IS("1 %w 2", "%d %w %d", 1, 2);	/* does not eat the argument */
}

static void test_truncation(void **state)
{
	char buf[8];

	memset(buf, 'z', sizeof(buf));
	assert_int_equal(snprintf(buf, 5, "%s", "abcdefgh"), 8);
	assert_string_equal(buf, "abcd");
	assert_int_equal(buf[5], 'z');		/* nothing written past size */
	assert_int_equal(snprintf(buf, 1, "%d", 12345), 5);
	assert_string_equal(buf, "");
	buf[0] = 'q';
	assert_int_equal(snprintf(buf, 0, "%d", 12345), 5);
	assert_int_equal(buf[0], 'q');		/* size 0: untouched */
	assert_int_equal(snprintf(NULL, 0, "%s-%d", "abc", 7), 5);
	assert_int_equal(snprintf(buf, sizeof(buf), "%07d", 1), 7);
	assert_string_equal(buf, "0000001");
	assert_int_equal(snprintf(buf, sizeof(buf), "%08d", 1), 8);
	assert_string_equal(buf, "0000000");
}

static void test_scnprintf(void **state)
{
	char buf[8];
	int pos;

	assert_int_equal(scnprintf(buf, sizeof(buf), "%s", "abc"), 3);
	assert_int_equal(scnprintf(buf, sizeof(buf), "%s", "abcdefghijk"), 7);
	assert_string_equal(buf, "abcdefg");
	assert_int_equal(scnprintf(buf, 0, "%s", "abc"), 0);
	assert_int_equal(scnprintf(buf, 1, "%s", "abc"), 0);
	/* the reason it exists: appending never runs past the end */
	pos = scnprintf(buf, sizeof(buf), "%s", "12345");
	pos += scnprintf(buf + pos, sizeof(buf) - pos, "%s", "6789");
	pos += scnprintf(buf + pos, sizeof(buf) - pos, "%s", "more");
	assert_int_equal(pos, 7);
	assert_string_equal(buf, "1234567");
}

static void test_pointer(void **state)
{
	int x;
	char expect[40];

	(snprintf)(expect, sizeof(expect), "0x%lx", (unsigned long)&x);
	IS(expect, "%p", (void *)&x);
	IS("0x0", "%p", NULL);
	IS("[    0x1234]", "[%10p]", (void *)0x1234);
	IS("[0x1234    ]", "[%-10p]", (void *)0x1234);
	IS("0x10x", "%px", (void *)0x10);	/* unknown extension letters stay text */
}

static void test_mac(void **state)
{
	const unsigned char mac[6] = { 0x52, 0x54, 0x00, 0xab, 0xCD, 0x0f };

	IS("52:54:00:ab:cd:0f", "%pM", mac);
	IS("[52:54:00:ab:cd:0f]!", "[%pM]!", mac);
	IS("  52:54:00:ab:cd:0f|", "%19pM|", mac);
	IS("(null)", "%pM", NULL);
}

static void test_ipv4(void **state)
{
	const unsigned char ip[4] = { 10, 0, 2, 15 };
	const unsigned char bcast[4] = { 255, 255, 255, 255 };
	const unsigned char zero[4] = { 0 };

	IS("10.0.2.15", "%pI4", ip);
	IS("255.255.255.255/0.0.0.0", "%pI4/%pI4", bcast, zero);
	IS("10.0.2.15      |", "%-15pI4|", ip);
	IS("ip 10.0.2.15 up", "ip %pI4 up", ip);
	IS("0x1234I", "%pI", (void *)0x1234);	/* %pI without 4 is just a pointer */
	IS("(null)", "%pI4", NULL);
}

static void test_symbol(void **state)
{
	IS("start_kernel+0x0", "%pS", (void *)0x100000);
	IS("start_kernel+0x1a", "%pS", (void *)0x10001a);
	IS("e1000e_poll+0x1ff", "%pS", (void *)0x10023f);
	IS("0x100240", "%pS", (void *)0x100240);	/* no symbol: hex */
	IS("at e1000e_poll+0x10 ok", "at %pS ok", (void *)0x100050);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_lengths),
		cmocka_unit_test(test_chars_and_strings),
		cmocka_unit_test(test_nul_char),
		cmocka_unit_test(test_unknown_conversion),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_scnprintf),
		cmocka_unit_test(test_pointer),
		cmocka_unit_test(test_mac),
		cmocka_unit_test(test_ipv4),
		cmocka_unit_test(test_symbol),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
