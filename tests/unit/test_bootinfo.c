/*
 * The multiboot2 information parser (boot/bootinfo.c) against lists built
 * here, each in a heap block of exactly its size: AddressSanitizer then
 * reports any read past a tag or past the list.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "capture_console.h"
#include <lib/errno.h>
#include <boot/bootinfo.h>

static u8 list[4096];
static size_t used;

static void begin(void)
{
	memset(list, 0, sizeof(list));
	memset(&boot_info, 0, sizeof(boot_info));
	used = 8;
	capture_clear();
}

/* A tag of type with size bytes in all (header included) from body. */
static void tag(u32 type, u32 size, const void *body)
{
	memcpy(list + used, &type, 4);
	memcpy(list + used + 4, &size, 4);
	if (size > 8 && body)
		memcpy(list + used + 8, body, size - 8);
	used += (size + 7) & ~7u;
}

/* The list so far plus an end tag (unless end is false), in an exact block. */
static int parse(bool end)
{
	u8 *mbi;
	u32 total;
	int ret;

	if (end)
		tag(0, 8, NULL);
	total = (u32)used;
	memcpy(list, &total, 4);
	mbi = malloc(total);
	memcpy(mbi, list, total);
	ret = bootinfo_parse(mbi);
	free(mbi);
	return ret;
}

static void test_a_good_list(void **state)
{
	u8 mmap[8 + 2 * 24] = { 0 };
	u32 esize = 24;
	u64 addr = 0x100000, len = 0x1000000;
	u32 type = 1;

	begin();
	tag(1, 8 + 13, "ip=192.0.2.2");			/* with its NUL */
	tag(2, 8 + 5, "GRUB");
	memcpy(mmap, &esize, 4);
	memcpy(mmap + 8, &addr, 8);
	memcpy(mmap + 16, &len, 8);
	memcpy(mmap + 24, &type, 4);
	tag(6, 8 + sizeof(mmap), mmap);
	assert_int_equal(parse(true), 0);
	assert_string_equal(boot_info.cmdline, "ip=192.0.2.2");
	assert_string_equal(boot_info.loader, "GRUB");
	assert_int_equal(boot_info.nr_mmap, 2);
	assert_int_equal(boot_info.mmap[0].len, 0x1000000);
}

/* A command line without its NUL, ending the list: read up to the tag's end. */
static void test_a_string_without_nul_stops_at_its_tag(void **state)
{
	begin();
	tag(1, 8 + 8, "nul=none");
	assert_int_equal(parse(false), 0);		/* no end tag either */
	assert_string_equal(boot_info.cmdline, "nul=none");
	assert_non_null(strstr(capture_buf, "no end tag"));
}

/* A string longer than our buffer is cut, NUL-terminated. */
static void test_a_long_string_is_cut(void **state)
{
	static char longline[BOOT_CMDLINE_MAX + 100];

	begin();
	memset(longline, 'x', sizeof(longline));
	tag(1, 8 + sizeof(longline), longline);
	assert_int_equal(parse(false), 0);
	assert_int_equal(strlen(boot_info.cmdline), BOOT_CMDLINE_MAX - 1);
}

/* A memory map tag too short for its own header: its entry size is not read. */
static void test_a_memory_map_tag_without_its_header(void **state)
{
	begin();
	tag(6, 12, "\x18\x00\x00\x00");
	assert_int_equal(parse(false), 0);
	assert_int_equal(boot_info.nr_mmap, 0);
	assert_non_null(strstr(capture_buf, "has no header"));
}

static void test_bad_sizes_are_refused(void **state)
{
	begin();
	tag(1, 4, NULL);				/* smaller than a tag header */
	assert_int_equal(parse(false), -EINVAL);
	begin();
	tag(2, 8 + 5, "GRUB");
	used -= 8;					/* the tag claims more than the list holds */
	assert_int_equal(parse(false), -EINVAL);
	begin();
	memset(list, 0, 8);
	{
		u32 total = 8;				/* not even one tag */

		memcpy(list, &total, 4);
		assert_int_equal(bootinfo_parse(list), -EINVAL);
	}
}

/* A framebuffer tag's body (after type and size): 24 bytes, then colours. */
static void fb_body(u8 *b, u64 addr, u32 pitch, u32 w, u32 h, u8 bpp, u8 type)
{
	memcpy(b, &addr, 8);
	memcpy(b + 8, &pitch, 4);
	memcpy(b + 12, &w, 4);
	memcpy(b + 16, &h, 4);
	b[20] = bpp;
	b[21] = type;
}

static void test_an_rgb_framebuffer(void **state)
{
	u8 b[30] = { 0 };

	begin();
	fb_body(b, 0xfd000000, 4096, 1024, 768, 32, MB2_FB_RGB);
	memcpy(b + 24, "\x10\x08\x08\x08\x00\x08", 6);
	tag(8, 8 + sizeof(b), b);
	assert_int_equal(parse(true), 0);
	assert_true(boot_info.has_fb);
	assert_int_equal(boot_info.fb.addr, 0xfd000000);
	assert_int_equal(boot_info.fb.pitch, 4096);
	assert_int_equal(boot_info.fb.width, 1024);
	assert_int_equal(boot_info.fb.height, 768);
	assert_int_equal(boot_info.fb.bpp, 32);
	assert_int_equal(boot_info.fb.red_pos, 16);
	assert_int_equal(boot_info.fb.green_pos, 8);
	assert_int_equal(boot_info.fb.blue_pos, 0);
	assert_int_equal(boot_info.fb.blue_size, 8);
}

static void test_an_ega_text_framebuffer(void **state)
{
	u8 b[24] = { 0 };

	begin();
	fb_body(b, 0xb8000, 160, 80, 25, 16, MB2_FB_EGA_TEXT);
	tag(8, 8 + sizeof(b), b);
	assert_int_equal(parse(true), 0);
	assert_true(boot_info.has_fb);
	assert_int_equal(boot_info.fb.type, MB2_FB_EGA_TEXT);
	assert_int_equal(boot_info.fb.width, 80);
}

/* Each is refused with a message and leaves no screen; the parse goes on. */
static void test_bad_framebuffers_are_refused(void **state)
{
	u8 b[30] = { 0 };
	static const struct { u64 addr; u32 pitch, w, h; u8 bpp, type; u32 size; } bad[] = {
		{ 0xfd000000, 4096, 1024, 768, 32, MB2_FB_RGB, 8 + 24 },	/* no colours */
		{ 0xfd000000, 4096, 1024, 768, 32, MB2_FB_RGB, 8 + 16 },	/* short */
		{ 0xfd000000, 1024, 1024, 768, 32, MB2_FB_RGB, 8 + 30 },	/* pitch < width */
		{ 0xfffffffffff00000ull, 4096, 1024, 768, 32, MB2_FB_RGB, 8 + 30 },	/* wraps */
		{ 0xfd000000, 0x100000, 1024, 0x10000, 32, MB2_FB_RGB, 8 + 30 },	/* 64 GiB */
		{ 0xfd000000, 4096, 0, 768, 32, MB2_FB_RGB, 8 + 30 },		/* no width */
		{ 0, 4096, 1024, 768, 32, MB2_FB_RGB, 8 + 30 },			/* at 0 */
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		begin();
		memset(b, 0, sizeof(b));
		fb_body(b, bad[i].addr, bad[i].pitch, bad[i].w, bad[i].h, bad[i].bpp, bad[i].type);
		memcpy(b + 24, "\x10\x08\x08\x08\x00\x08", 6);
		tag(8, bad[i].size, b);
		tag(2, 8 + 5, "GRUB");
		assert_int_equal(parse(true), 0);
		assert_false(boot_info.has_fb);
		assert_non_null(strstr(capture_buf, "framebuffer"));
		assert_string_equal(boot_info.loader, "GRUB");
	}
}

static int setup(void **state)
{
	register_console(&capture_console);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_good_list),
		cmocka_unit_test(test_a_string_without_nul_stops_at_its_tag),
		cmocka_unit_test(test_a_long_string_is_cut),
		cmocka_unit_test(test_a_memory_map_tag_without_its_header),
		cmocka_unit_test(test_bad_sizes_are_refused),
		cmocka_unit_test(test_an_rgb_framebuffer),
		cmocka_unit_test(test_an_ega_text_framebuffer),
		cmocka_unit_test(test_bad_framebuffers_are_refused),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
