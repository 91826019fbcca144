/*
 * Host stand-ins for the net core tests. kmalloc is the host's malloc, so
 * ASan tracks every skb buffer on its own and proves each is freed exactly
 * once (lib/kmalloc.c carves pages, which ASan cannot see into). strlcpy is
 * missing from this glibc. netcore_kmalloc_fail makes allocations fail.
 */
#include <stdlib.h>
#include <string.h>
#include <lib/kmalloc.h>
#include "netcore_fake.h"

unsigned long fake_total_pages = 32768;	/* 128 MiB */
int netcore_kmalloc_fail;		/* > 0: fail that many kmallocs */
unsigned long netcore_kmalloc_live;	/* allocations not yet freed */

void *kmalloc(size_t size, gfp_t gfp)
{
	void *p;

	if (netcore_kmalloc_fail > 0) {
		netcore_kmalloc_fail--;
		return NULL;
	}
	p = (gfp & __GFP_ZERO) ? calloc(1, size ? size : 1) : malloc(size ? size : 1);
	if (p)
		netcore_kmalloc_live++;
	return p;
}

/* lib/kmalloc.c's accounting: powers of two to 2 KiB, whole pages beyond
 * (with its 16-byte header), so truesize means the same here. */
size_t kmalloc_size(size_t size)
{
	size_t n = 16;

	if (size > 2048)
		return (size + 16 + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	while (n < size)
		n <<= 1;
	return n;
}

void *kzalloc(size_t size, gfp_t gfp) { return kmalloc(size, gfp | __GFP_ZERO); }

void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	if (size && n > (size_t)-1 / size)
		return NULL;
	return kmalloc(n * size, gfp | __GFP_ZERO);
}

void kfree(const void *ptr)
{
	if (ptr)
		netcore_kmalloc_live--;
	free((void *)ptr);
}

unsigned long nr_total_pages(void) { return fake_total_pages; }

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

/*
 * The flow hash's seed (net/core/flow_hash.c). Weak: a test that links the
 * real lib/random.c, or a fake of its own (igb's fixed RSS key), wins.
 */
__attribute__((weak)) u32 get_random_u32(void)
{
	static u32 x = 0x2545F491u;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return x;
}
