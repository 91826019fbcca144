/* What the multiboot2 loader told us, parsed once in boot/bootinfo.c. */
#ifndef BOOT_BOOTINFO_H
#define BOOT_BOOTINFO_H

#include <lib/types.h>

#define BOOT_MAX_MMAP		64
#define BOOT_CMDLINE_MAX	1024

enum { MMAP_AVAILABLE = 1, MMAP_RESERVED = 2, MMAP_ACPI_RECLAIM = 3, MMAP_ACPI_NVS = 4, MMAP_BAD = 5 };

struct boot_mmap_entry {
	u64 addr, len;
	u32 type;
};

/* Multiboot2 framebuffer types (spec 3.6.12). */
enum { MB2_FB_INDEXED = 0, MB2_FB_RGB = 1, MB2_FB_EGA_TEXT = 2 };

/* The loader's framebuffer; for EGA text, width and height count characters. */
struct boot_framebuffer {
	u64 addr;
	u32 pitch, width, height;
	u8 bpp, type;
	u8 red_pos, red_size, green_pos, green_size, blue_pos, blue_size;	/* MB2_FB_RGB */
};

struct boot_info {
	char cmdline[BOOT_CMDLINE_MAX];
	char loader[64];
	int nr_mmap;
	struct boot_mmap_entry mmap[BOOT_MAX_MMAP];
	const void *rsdp;	/* copy inside the boot information */
	size_t rsdp_len;
	int rsdp_version;	/* 1 or 2; 0 when absent */
	bool efi;		/* loaded by an EFI GRUB (EFI system table tag seen) */
	bool has_fb;		/* a framebuffer tag, checked (bootinfo.c) */
	struct boot_framebuffer fb;
	u64 mbi_start, mbi_end;	/* the boot information itself, to keep its pages */
};

extern struct boot_info boot_info;

/* Parses the multiboot2 information structure; 0 or -errno. */
int bootinfo_parse(const void *mbi);

#endif
