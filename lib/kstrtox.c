/*
 * kstrto*(): whole-string number parsing with overflow detection, as in
 * Linux's lib/kstrtox.c. Kept apart from string.c so host tests of other
 * files can link it beside the host libc's memcpy/strlen.
 *
 * Rules: an optional '+' ('-' for signed types), an optional base prefix
 * (base 0: "0x" hex, "0" octal, else decimal; base 16 also accepts "0x"),
 * then at least one digit and nothing else. Not a number: -EINVAL, even if
 * it is also too long. A number that does not fit the type: -ERANGE.
 */
#include <lib/errno.h>
#include <lib/string.h>

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;	/* larger than any base */
}

static const char *parse_base(const char *s, unsigned int *base)
{
	bool hex_prefix = s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
			  digit_value(s[2]) < 16;

	if (*base == 0) {
		if (hex_prefix)
			*base = 16;
		else if (s[0] == '0' && s[1])
			*base = 8;
		else
			*base = 10;
	}
	if (*base == 16 && hex_prefix)
		s += 2;
	return s;
}

/* Digits only, no sign. Overflow is remembered, not returned early, so junk after it is -EINVAL. */
static int parse_digits(const char *s, unsigned int base, unsigned long long *res)
{
	unsigned long long val = 0;
	bool overflow = false;

	if (base < 2 || base > 36 || !*s)
		return -EINVAL;
	for (; *s; s++) {
		unsigned int d = (unsigned int)digit_value(*s);

		if (d >= base)
			return -EINVAL;
		if (val > (~0ULL - d) / base)
			overflow = true;
		val = val * base + d;
	}
	if (overflow)
		return -ERANGE;
	*res = val;
	return 0;
}

int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	if (!s)
		return -EINVAL;
	if (*s == '+')
		s++;
	s = parse_base(s, &base);
	return parse_digits(s, base, res);
}

int kstrtoll(const char *s, unsigned int base, long long *res)
{
	unsigned long long v;
	bool neg;
	int err;

	if (!s)
		return -EINVAL;
	neg = *s == '-';
	if (neg)
		s++;
	else if (*s == '+')
		s++;
	s = parse_base(s, &base);
	err = parse_digits(s, base, &v);
	if (err)
		return err;
	/* The magnitude of LLONG_MIN is one more than LLONG_MAX. */
	if (v > (unsigned long long)__LONG_LONG_MAX__ + neg)
		return -ERANGE;
	*res = neg ? (long long)(0 - v) : (long long)v;
	return 0;
}

int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	unsigned long long v;
	int err = kstrtoull(s, base, &v);

	if (err)
		return err;
	if (v > __LONG_MAX__ * 2UL + 1)
		return -ERANGE;
	*res = (unsigned long)v;
	return 0;
}

int kstrtouint(const char *s, unsigned int base, unsigned int *res)
{
	unsigned long long v;
	int err = kstrtoull(s, base, &v);

	if (err)
		return err;
	if (v > __INT_MAX__ * 2U + 1)
		return -ERANGE;
	*res = (unsigned int)v;
	return 0;
}

int kstrtoint(const char *s, unsigned int base, int *res)
{
	long long v;
	int err = kstrtoll(s, base, &v);

	if (err)
		return err;
	if (v > __INT_MAX__ || v < -__INT_MAX__ - 1)
		return -ERANGE;
	*res = (int)v;
	return 0;
}

static bool word_is(const char *s, const char *word)
{
	for (; *s && *word; s++, word++) {
		char c = (*s >= 'A' && *s <= 'Z') ? (char)(*s - 'A' + 'a') : *s;

		if (c != *word)
			return false;
	}
	return !*s && !*word;
}

int kstrtobool(const char *s, bool *res)
{
	static const char *const yes[] = { "1", "y", "yes", "on", "true" };
	static const char *const no[] = { "0", "n", "no", "off", "false" };

	if (!s)
		return -EINVAL;
	for (size_t i = 0; i < ARRAY_SIZE(yes); i++) {
		if (word_is(s, yes[i])) {
			*res = true;
			return 0;
		}
		if (word_is(s, no[i])) {
			*res = false;
			return 0;
		}
	}
	return -EINVAL;
}
