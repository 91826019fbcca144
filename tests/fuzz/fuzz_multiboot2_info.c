/*
 * multiboot2_info: boot/bootinfo.c's tag list parser (Multiboot2 spec 3.6).
 *
 * Input: the boot information structure as a loader leaves it: u32
 * total_size, u32 reserved, then 8-byte-aligned tags (u32 type, u32 size,
 * body). The harness copies it to an 8-byte-aligned buffer of exactly the
 * input's length (ASan catches a read past it) and writes the input's
 * length into total_size, since a real loader's structure is as long as it
 * says; inputs shorter than 8 bytes are skipped.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <boot/bootinfo.h>
#include "fuzz_platform.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_console_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t total = (uint32_t)size;
	uint64_t *buf;
	int ret;

	if (size < 8 || size > (1u << 20))
		return -1;
	/* malloc: 16-byte aligned, and exactly size bytes addressable. */
	buf = malloc(size);
	FUZZ_CHECK(buf != NULL, "no memory");
	memcpy(buf, data, size);
	memcpy(buf, &total, sizeof(total));
	memset(&boot_info, 0, sizeof(boot_info));
	fuzz_console_clear();

	ret = bootinfo_parse(buf);

	FUZZ_CHECK(ret == 0 || ret < 0, "odd return %d", ret);
	FUZZ_CHECK(boot_info.nr_mmap >= 0 && boot_info.nr_mmap <= BOOT_MAX_MMAP,
		   "nr_mmap %d", boot_info.nr_mmap);
	FUZZ_CHECK(memchr(boot_info.cmdline, 0, sizeof(boot_info.cmdline)) != NULL,
		   "cmdline not terminated");
	FUZZ_CHECK(memchr(boot_info.loader, 0, sizeof(boot_info.loader)) != NULL,
		   "loader name not terminated");
	FUZZ_CHECK(boot_info.rsdp_len <= 64, "rsdp_len %zu", boot_info.rsdp_len);
	FUZZ_CHECK(!boot_info.rsdp_version == !boot_info.rsdp, "rsdp without version");
	free(buf);
	return 0;
}
