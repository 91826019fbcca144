/*
 * lib/page_alloc: a buddy allocator fed from host memory standing in for RAM.
 * The arena is 4 MiB aligned so that max-order blocks exist, as in real RAM.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <lib/page_alloc.h>
#include "panic_fake.h"
#include "lib_test_hooks.h"

#define ARENA_SIZE	(16UL << 20)
#define ARENA_ALIGN	(4UL << 20)

static char *arena;

static int setup(void **state)
{
	arena = aligned_alloc(ARENA_ALIGN, ARENA_SIZE);
	page_alloc_reset_for_test();
	return arena ? 0 : -1;
}

static int teardown(void **state)
{
	page_alloc_reset_for_test();
	free(arena);
	return 0;
}

static phys_addr_t at(unsigned long offset) { return (phys_addr_t)(uintptr_t)(arena + offset); }

/* 8 MiB = 2048 pages; the first holds the region's metadata. */
static void add_8m(void)
{
	page_alloc_add_range(at(0), at(8UL << 20));
	assert_int_equal(nr_total_pages(), 2047);
	assert_int_equal(nr_free_pages(), 2047);
}

static int cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;

	return x < y ? -1 : x > y;
}

static void test_exhaustion_and_coalescing(void **state)
{
	static void *pages[2048];
	unsigned long n = 0;

	add_8m();
	while ((pages[n] = alloc_pages(GFP_KERNEL, 0)) != NULL) {
		assert_true(IS_ALIGNED((uintptr_t)pages[n], PAGE_SIZE));
		assert_true((char *)pages[n] >= arena + PAGE_SIZE);
		assert_true((char *)pages[n] < arena + (8UL << 20));
		memset(pages[n], 0x5a, PAGE_SIZE);	/* we own all of it */
		n++;
	}
	assert_int_equal(n, 2047);
	assert_int_equal(nr_free_pages(), 0);
	assert_null(alloc_pages(GFP_KERNEL, 0));
	qsort(pages, n, sizeof(pages[0]), cmp_ptr);
	for (unsigned long i = 1; i < n; i++)
		assert_ptr_not_equal(pages[i], pages[i - 1]);

	for (unsigned long i = 0; i < n; i++)
		free_pages(pages[i], 0);
	assert_int_equal(nr_free_pages(), 2047);
	/* Everything merged back: the 4 MiB block and the 2 MiB one exist again. */
	pages[0] = alloc_pages(GFP_KERNEL, MAX_ORDER);
	assert_ptr_equal(pages[0], arena + (4UL << 20));
	assert_null(alloc_pages(GFP_KERNEL, MAX_ORDER));
	pages[1] = alloc_pages(GFP_KERNEL, MAX_ORDER - 1);
	assert_ptr_equal(pages[1], arena + (2UL << 20));
	free_pages(pages[0], MAX_ORDER);
	free_pages(pages[1], MAX_ORDER - 1);
	assert_null(alloc_pages(GFP_KERNEL, MAX_ORDER + 1));
}

static void test_fragmentation(void **state)
{
	static void *pages[1024];

	page_alloc_add_range(at(4UL << 20), at(8UL << 20));	/* 1023 usable */
	for (int i = 0; i < 1023; i++)
		assert_non_null(pages[i] = alloc_pages(GFP_KERNEL, 0));
	/* Free every other page: half the memory free, no two pages adjacent. */
	for (int i = 0; i < 1023; i += 2)
		free_pages(pages[i], 0);
	assert_int_equal(nr_free_pages(), 512);
	assert_null(alloc_pages(GFP_KERNEL, 1));
	for (int i = 1; i < 1023; i += 2)
		free_pages(pages[i], 0);
	assert_int_equal(nr_free_pages(), 1023);
	/* Merged back up to order 9 (the metadata page breaks the order-10 block). */
	pages[0] = alloc_pages(GFP_KERNEL, 9);
	assert_ptr_equal(pages[0], arena + (6UL << 20));
	free_pages(pages[0], 9);
	assert_null(alloc_pages(GFP_KERNEL, 10));
}

static void test_split_orders(void **state)
{
	void *a, *b, *c;

	add_8m();
	a = alloc_pages(GFP_KERNEL, 3);
	b = alloc_pages(GFP_KERNEL, 0);
	c = alloc_pages(GFP_KERNEL, 5);
	assert_true(IS_ALIGNED((uintptr_t)a, PAGE_SIZE << 3));
	assert_true(IS_ALIGNED((uintptr_t)c, PAGE_SIZE << 5));
	assert_int_equal(nr_free_pages(), 2047 - 8 - 1 - 32);
	free_pages(b, 0);
	free_pages(c, 5);
	free_pages(a, 3);
	assert_int_equal(nr_free_pages(), 2047);
	free_pages(NULL, 0);	/* allowed, like kfree(NULL) */
}

static void test_multiple_ranges_any_order(void **state)
{
	static void *pages[1100];
	int n = 0;

	/* Unaligned edges are trimmed inward; ranges arrive high first. */
	page_alloc_add_range(at((12UL << 20) + 123), at((14UL << 20) - 5));
	page_alloc_add_range(at(PAGE_SIZE + 1), at(PAGE_SIZE * 300 + 7));
	page_alloc_add_range(at(8UL << 20), at(9UL << 20));
	assert_int_equal(nr_total_pages(), (510 - 1) + (298 - 1) + (256 - 1));
	/* An overlapping range is refused, not double counted. */
	page_alloc_add_range(at(8UL << 20), at(10UL << 20));
	assert_int_equal(nr_total_pages(), 509 + 297 + 255);
	/* A range too small for its own metadata is ignored. */
	page_alloc_add_range(at(5UL << 20), at((5UL << 20) + PAGE_SIZE));
	/* Page 0 is never handed out: this range shrinks to one page, too small. */
	page_alloc_add_range(0, 2 * PAGE_SIZE);
	assert_int_equal(nr_total_pages(), 1061);

	while ((pages[n] = alloc_pages(GFP_KERNEL, 0)) != NULL) {
		char *p = pages[n++];
		bool inside = (p >= arena + (12UL << 20) + PAGE_SIZE && p < arena + (14UL << 20) - PAGE_SIZE) ||
			      (p >= arena + 2 * PAGE_SIZE && p < arena + 300 * PAGE_SIZE) ||
			      (p >= arena + (8UL << 20) && p < arena + (9UL << 20));

		assert_true(inside);
	}
	assert_int_equal(n, 1061);
	while (n--)
		free_pages(pages[n], 0);
	assert_int_equal(nr_free_pages(), 1061);
}

static void test_zeroing(void **state)
{
	char *p;

	add_8m();
	p = alloc_pages(GFP_KERNEL, 1);
	memset(p, 0xff, 2 * PAGE_SIZE);
	free_pages(p, 1);
	p = alloc_pages(__GFP_ZERO, 1);
	for (unsigned long i = 0; i < 2 * PAGE_SIZE; i++)
		assert_int_equal(p[i], 0);
	free_pages(p, 1);
}

static void test_block_lookup(void **state)
{
	unsigned int order = 99;
	char *p, *q;

	add_8m();
	p = alloc_pages(GFP_KERNEL, 2);
	q = alloc_pages(GFP_KERNEL, 0);
	assert_ptr_equal(page_block_lookup(p + 3 * PAGE_SIZE + 100, &order), p);
	assert_int_equal(order, 2);
	assert_ptr_equal(page_block_lookup(q + 5, &order), q);
	assert_int_equal(order, 0);
	free_pages(q, 0);
	assert_null(page_block_lookup(q, &order));	/* free now */
	assert_null(page_block_lookup(arena, &order));	/* metadata page */
	assert_null(page_block_lookup(arena + (9UL << 20), &order));	/* not RAM */
	free_pages(p, 2);
}

static void test_bad_frees_panic(void **state)
{
	char *p, *q, *r, *skipped[16];
	int nskipped = 0;

	add_8m();
	p = alloc_pages(GFP_KERNEL, 0);
	q = alloc_pages(GFP_KERNEL, 2);
	free_pages(p, 0);
	EXPECT_PANIC(free_pages(p, 0), "double free");
	EXPECT_PANIC(free_pages(q + 8, 0), "misaligned");
	EXPECT_PANIC(free_pages(q + PAGE_SIZE, 0), "not the start");
	EXPECT_PANIC(free_pages(q, 1), "order does not match");
	/* An order-0 page freed as 8 pages, at an address aligned for that. */
	do {
		r = skipped[nskipped++] = alloc_pages(GFP_KERNEL, 0);
	} while (!IS_ALIGNED((uintptr_t)r, 8 * PAGE_SIZE));
	EXPECT_PANIC(free_pages(r, 3), "order does not match");
	while (nskipped)
		free_pages(skipped[--nskipped], 0);
	EXPECT_PANIC(free_pages(arena + (10UL << 20), 0), "not managed");
	assert_true(fake_console_has("Kernel panic: free_pages("));
	free_pages(q, 2);	/* the allocator is still consistent after refusing */
	assert_int_equal(nr_free_pages(), 2047);
	EXPECT_PANIC(free_pages(q, 2), "double free");
}

static void test_write_after_free_detected(void **state)
{
	static void *pages[2048];
	int n = 0;

	add_8m();
	while ((pages[n] = alloc_pages(GFP_KERNEL, 0)) != NULL)
		n++;
	/* Its buddy is in use, so the freed page stays an order-0 block. */
	free_pages(pages[100], 0);
	memset(pages[100], 0xaa, 64);
	EXPECT_PANIC(alloc_pages(GFP_KERNEL, 0), "corrupted");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_exhaustion_and_coalescing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fragmentation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_split_orders, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multiple_ranges_any_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_zeroing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_block_lookup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_frees_panic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_after_free_detected, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
