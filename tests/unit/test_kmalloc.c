/* lib/kmalloc on top of the real page allocator, fed from a host arena. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <lib/kmalloc.h>
#include <lib/page_alloc.h>
#include <lib/shell.h>
#include "panic_fake.h"
#include "lib_test_hooks.h"

#define ARENA_SIZE	(16UL << 20)
#define ARENA_ALIGN	(4UL << 20)

static char *arena;
static unsigned long baseline;

static int setup(void **state)
{
	arena = aligned_alloc(ARENA_ALIGN, ARENA_SIZE);
	if (!arena)
		return -1;
	page_alloc_reset_for_test();
	kmalloc_reset_for_test();
	page_alloc_add_range((uintptr_t)arena, (uintptr_t)arena + ARENA_SIZE);
	baseline = nr_free_pages();
	fake_irqs_off = false;
	return 0;
}

static int teardown(void **state)
{
	page_alloc_reset_for_test();
	free(arena);
	return 0;
}

static void check_stats(u64 allocs, u64 frees, size_t bytes)
{
	struct kmalloc_stats st;

	kmalloc_get_stats(&st);
	assert_int_equal(st.allocs, allocs);
	assert_int_equal(st.frees, frees);
	assert_int_equal(st.bytes_in_use, bytes);
}

static void test_every_class(void **state)
{
	static const size_t sizes[] = { 0, 1, 16, 17, 32, 33, 64, 100, 128, 200, 256,
					500, 512, 513, 1000, 1024, 1025, 2047, 2048 };
	static const size_t classes[] = { 16, 16, 16, 32, 32, 64, 64, 128, 128, 256, 256,
					  512, 512, 1024, 1024, 1024, 2048, 2048, 2048 };
	void *p[ARRAY_SIZE(sizes)];
	size_t bytes = 0;

	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		p[i] = kmalloc(sizes[i], GFP_KERNEL);
		assert_non_null(p[i]);
		/* Power-of-two classes are naturally aligned. */
		assert_true(IS_ALIGNED((uintptr_t)p[i], classes[i]));
		memset(p[i], (int)i, sizes[i]);
		bytes += classes[i];
		check_stats(i + 1, 0, bytes);
	}
	assert_false(fake_irqs_off);	/* irqsave/restore balanced */
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++)
		for (size_t j = 0; j < sizes[i]; j++)
			assert_int_equal(((unsigned char *)p[i])[j], i);
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++)
		kfree(p[i]);
	check_stats(ARRAY_SIZE(sizes), ARRAY_SIZE(sizes), 0);
	assert_int_equal(nr_free_pages(), baseline);
}

static int cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;

	return x < y ? -1 : x > y;
}

/* Many objects of one class span several slabs; none overlaps another. */
static void test_many_objects(void **state)
{
	static void *p[2000];
	const size_t sizes[] = { 16, 64, 2048 };

	for (size_t s = 0; s < ARRAY_SIZE(sizes); s++) {
		for (int i = 0; i < 2000; i++) {
			assert_non_null(p[i] = kmalloc(sizes[s], GFP_KERNEL));
			memset(p[i], 0x11, sizes[s]);
		}
		qsort(p, 2000, sizeof(p[0]), cmp_ptr);
		for (int i = 1; i < 2000; i++)
			assert_true((char *)p[i] >= (char *)p[i - 1] + sizes[s]);
		/* Free in address order, i.e. not the order they were handed out. */
		for (int i = 0; i < 2000; i++)
			kfree(p[i]);
		assert_int_equal(nr_free_pages(), baseline);
	}
}

static void test_large(void **state)
{
	const size_t max = (PAGE_SIZE << MAX_ORDER) - 16;
	char *a = kmalloc(2049, GFP_KERNEL);
	char *b = kmalloc(PAGE_SIZE, GFP_KERNEL);
	char *c = kmalloc(max, GFP_KERNEL);
	struct kmalloc_stats st;

	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(c);
	assert_true(IS_ALIGNED((uintptr_t)a, 16));
	memset(c, 0x22, max);
	assert_int_equal(nr_free_pages(), baseline - 1 - 2 - 1024);
	check_stats(3, 0, PAGE_SIZE * (1 + 2 + 1024));
	assert_null(kmalloc(max + 1, GFP_KERNEL));
	assert_null(kmalloc(SIZE_MAX, GFP_KERNEL));
	assert_null(kmalloc(SIZE_MAX - 100, GFP_KERNEL));
	kmalloc_get_stats(&st);
	assert_int_equal(st.failures, 3);
	kfree(c);
	kfree(b);
	kfree(a);
	assert_int_equal(nr_free_pages(), baseline);
	check_stats(3, 3, 0);
}

/* kmalloc_size() says what an allocation really costs: the same bytes the
 * allocator's own accounting charges for it. */
static void test_kmalloc_size_is_what_is_charged(void **state)
{
	static const size_t sizes[] = { 1, 16, 17, 100, 1024, 2048, 2049, 2300, 4080, 4081, 10000 };
	struct kmalloc_stats before, after;

	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		void *p;

		kmalloc_get_stats(&before);
		p = kmalloc(sizes[i], GFP_KERNEL);
		assert_non_null(p);
		kmalloc_get_stats(&after);
		assert_int_equal(after.bytes_in_use - before.bytes_in_use, kmalloc_size(sizes[i]));
		assert_true(kmalloc_size(sizes[i]) >= sizes[i]);
		kfree(p);
	}
	assert_int_equal(kmalloc_size(2300), PAGE_SIZE);	/* an skb's receive buffer */
	assert_int_equal(kmalloc_size(4081), 2 * PAGE_SIZE);	/* the large header tips it */
}

static void test_zeroing(void **state)
{
	unsigned char *p = kmalloc(128, GFP_KERNEL), *q;

	memset(p, 0xff, 128);
	kfree(p);
	q = kzalloc(100, GFP_KERNEL);
	assert_ptr_equal(q, p);		/* the same slot, reused */
	for (int i = 0; i < 100; i++)
		assert_int_equal(q[i], 0);
	kfree(q);

	p = kmalloc(10000, GFP_KERNEL);
	memset(p, 0xff, 10000);
	kfree(p);
	q = kzalloc(10000, GFP_KERNEL);
	for (int i = 0; i < 10000; i++)
		assert_int_equal(q[i], 0);
	kfree(q);
}

static void test_kcalloc(void **state)
{
	struct kmalloc_stats st;
	u32 *v = kcalloc(10, sizeof(u32), GFP_KERNEL);

	assert_non_null(v);
	for (int i = 0; i < 10; i++)
		assert_int_equal(v[i], 0);
	kfree(v);
	/* n * size wraps to a small number: must fail, not under-allocate. */
	assert_null(kcalloc(SIZE_MAX / 2 + 2, 2, GFP_KERNEL));
	assert_null(kcalloc(SIZE_MAX, SIZE_MAX, GFP_KERNEL));
	kmalloc_get_stats(&st);
	assert_int_equal(st.failures, 2);
	assert_int_equal(st.allocs, 1);
	assert_non_null(v = kcalloc(0, 8, GFP_KERNEL));
	kfree(v);
}

static void test_bad_kfree_panics(void **state)
{
	char *small = kmalloc(64, GFP_KERNEL), *keep = kmalloc(64, GFP_KERNEL);
	char *large = kmalloc(5000, GFP_KERNEL);
	void *page = alloc_pages(GFP_KERNEL, 0);
	int on_stack;
	char msg[64];

	kfree(NULL);	/* fine */
	kfree(small);
	snprintf(msg, sizeof(msg), "kfree(%p): double free", (void *)small);
	EXPECT_PANIC(kfree(small), msg);
	EXPECT_PANIC(kfree(keep + 8), "not the start of a kmalloc object");
	EXPECT_PANIC(kfree(large + 16), "not the start of a kmalloc object");
	EXPECT_PANIC(kfree(page), "not a kmalloc pointer");
	EXPECT_PANIC(kfree(&on_stack), "not allocated");
	kfree(large);
	snprintf(msg, sizeof(msg), "kfree(%p): not allocated", (void *)large);
	EXPECT_PANIC(kfree(large), msg);
	kfree(keep);
	/* The slab went back to the page allocator: the pointer is now foreign. */
	EXPECT_PANIC(kfree(keep), "not allocated");
	free_pages(page, 0);
	assert_int_equal(nr_free_pages(), baseline);
	check_stats(3, 3, 0);
}

extern const struct shell_command __start_shell_cmds[], __stop_shell_cmds[];

static void test_meminfo_command(void **state)
{
	const struct shell_command *cmd = NULL;
	char *argv[] = { "meminfo", NULL };
	char line[64];
	void *p = kmalloc(100, GFP_KERNEL);

	for (const struct shell_command *c = __start_shell_cmds; c < __stop_shell_cmds; c++)
		if (!strcmp(c->name, "meminfo"))
			cmd = c;
	assert_non_null(cmd);
	fake_console_reset();
	assert_int_equal(cmd->fn(1, argv), 0);
	snprintf(line, sizeof(line), "MemFree:        %10lu kB", nr_free_pages() * 4);
	assert_true(fake_console_has(line));
	assert_true(fake_console_has("kmalloc allocs:          1\n"));
	assert_true(fake_console_has("kmalloc in use:        128 bytes"));
	kfree(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_every_class, setup, teardown),
		cmocka_unit_test_setup_teardown(test_many_objects, setup, teardown),
		cmocka_unit_test_setup_teardown(test_large, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kmalloc_size_is_what_is_charged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_zeroing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kcalloc, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_kfree_panics, setup, teardown),
		cmocka_unit_test_setup_teardown(test_meminfo_command, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
