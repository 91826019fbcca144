/*
 * The C library's memory and string functions, for a kernel that has no libc.
 * memcpy(), memmove() and memset() move eight bytes per step where they can:
 * byte loops on the packet path (alloc_skb() clearing skb_shared_info, the
 * copybreak and header copies) took a third of the guest's time in the
 * profiler (docs/profiling.md), because under TCG every guest instruction
 * costs. x86-64 loads and stores 8 bytes at any alignment, so there is no
 * alignment prologue; the string functions stay byte-at-a-time.
 */
#include <lib/string.h>

/*
 * GCC recognises a byte loop as "a memset" and would compile memset() into a
 * call to itself; this keeps the loops as loops.
 */
#define NO_LIBCALL __attribute__((optimize("no-tree-loop-distribute-patterns")))

/* A word that may sit at any address and alias any object. */
typedef u64 __attribute__((may_alias, aligned(1))) word_t;

NO_LIBCALL void *memcpy(void *dst, const void *src, size_t n)
{
	u8 *d = dst;
	const u8 *s = src;

	for (; n >= sizeof(word_t); n -= sizeof(word_t), d += sizeof(word_t), s += sizeof(word_t))
		*(word_t *)d = *(const word_t *)s;
	while (n--)
		*d++ = *s++;
	return dst;
}

NO_LIBCALL void *memmove(void *dst, const void *src, size_t n)
{
	u8 *d = dst;
	const u8 *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	/* Overlap with dst above src: copy from the end so no byte is overwritten first. */
	for (; n >= sizeof(word_t); n -= sizeof(word_t))
		*(word_t *)(d + n - sizeof(word_t)) = *(const word_t *)(s + n - sizeof(word_t));
	while (n--)
		d[n] = s[n];
	return dst;
}

NO_LIBCALL void *memset(void *s, int c, size_t n)
{
	u8 *p = s;
	word_t fill = 0x0101010101010101ULL * (u8)c;

	for (; n >= sizeof(word_t); n -= sizeof(word_t), p += sizeof(word_t))
		*(word_t *)p = fill;
	while (n--)
		*p++ = (u8)c;
	return s;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const u8 *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x < *y ? -1 : 1;
	return 0;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return (size_t)(p - s);
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

/* Characters compare as unsigned char, as the C standard requires. */
int strcmp(const char *a, const char *b)
{
	return strncmp(a, b, (size_t)-1);
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		unsigned char x = (unsigned char)*a, y = (unsigned char)*b;

		if (x != y)
			return x < y ? -1 : 1;
		if (!x)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

char *strstr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);

	for (; *haystack; haystack++)
		if (!strncmp(haystack, needle, n))
			return (char *)haystack;
	return n ? NULL : (char *)haystack;
}

/* Always terminates (if size > 0); returns strlen(src) so callers can detect truncation. */
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}
