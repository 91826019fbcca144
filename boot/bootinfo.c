/*
 * Multiboot2 boot information (Multiboot2 spec 3.6): a size-prefixed list of
 * 8-byte-aligned tags. We copy out what we keep, so the loader's memory can
 * be reused once this returns. Nothing in it is trusted: every tag's size is
 * checked against the list and against the fields read before they are read,
 * and strings are not assumed to end inside their tag.
 */
#include <lib/types.h>
#include <lib/errno.h>
#include <lib/printk.h>
#include <lib/string.h>
#include <boot/bootinfo.h>

#define MB2_TAG_END		0
#define MB2_TAG_CMDLINE		1
#define MB2_TAG_LOADER		2
#define MB2_TAG_MMAP		6
#define MB2_TAG_FRAMEBUFFER	8
#define MB2_TAG_EFI32		11
#define MB2_TAG_EFI64		12
#define MB2_TAG_ACPI_OLD	14
#define MB2_TAG_ACPI_NEW	15

struct mb2_tag {
	u32 type;
	u32 size;
};

struct mb2_mmap_entry {
	u64 addr;
	u64 len;
	u32 type;
	u32 reserved;
};

struct boot_info boot_info;
static u8 rsdp_copy[64] __aligned(8);

/* The string in tag, up to its NUL or the tag's end, cut to dst_size - 1. */
static void copy_string(char *dst, size_t dst_size, const struct mb2_tag *tag)
{
	size_t len = strnlen((const char *)(tag + 1), tag->size - sizeof(*tag));

	len = min(len, dst_size - 1);
	memcpy(dst, tag + 1, len);
	dst[len] = '\0';
}

static void parse_mmap(const struct mb2_tag *tag)
{
	const u8 *p = (const u8 *)tag + 16;	/* type, size, entry_size, entry_version */
	const u8 *end = (const u8 *)tag + tag->size;
	u32 entry_size;

	if (tag->size < 16) {
		pr_err("boot: memory map tag of %u bytes has no header; ignoring the map\n", tag->size);
		return;
	}
	entry_size = ((const u32 *)tag)[2];
	if (entry_size < sizeof(struct mb2_mmap_entry)) {
		pr_err("boot: memory map entry size %u is too small; ignoring the map\n", entry_size);
		return;
	}
	for (; p + entry_size <= end; p += entry_size) {
		struct mb2_mmap_entry copy, *e = &copy;

		/* entry_size need not keep entries 8-byte aligned: copy, not cast. */
		memcpy(&copy, p, sizeof(copy));

		if (boot_info.nr_mmap == BOOT_MAX_MMAP) {
			pr_warn("boot: memory map has more than %d entries; the rest is ignored\n",
				BOOT_MAX_MMAP);
			return;
		}
		boot_info.mmap[boot_info.nr_mmap].addr = e->addr;
		boot_info.mmap[boot_info.nr_mmap].len = e->len;
		boot_info.mmap[boot_info.nr_mmap].type = e->type;
		boot_info.nr_mmap++;
	}
}

/*
 * Framebuffer tag (spec 3.6.12): address, pitch, width, height, bpp, type
 * and a reserved u16 (32 bytes with the tag header), then for RGB the six
 * bytes of channel positions and sizes. A size that does not fit its
 * geometry, or memory that wraps, is refused: the screen then stays dark.
 */
#define MB2_FB_COMMON_SIZE	32
#define MB2_FB_RGB_SIZE		38
#define MB2_FB_MAX_BYTES	(512u << 20)

static void parse_framebuffer(const struct mb2_tag *tag)
{
	const u8 *t = (const u8 *)tag;
	struct boot_framebuffer fb = { 0 };
	u64 bytes;

	if (tag->size < MB2_FB_COMMON_SIZE) {
		pr_err("boot: framebuffer tag of %u bytes is too short; no screen\n", tag->size);
		return;
	}
	memcpy(&fb.addr, t + 8, 8);
	memcpy(&fb.pitch, t + 16, 4);
	memcpy(&fb.width, t + 20, 4);
	memcpy(&fb.height, t + 24, 4);
	fb.bpp = t[28];
	fb.type = t[29];
	if (fb.type == MB2_FB_RGB) {
		if (tag->size < MB2_FB_RGB_SIZE) {
			pr_err("boot: framebuffer tag without its colour layout; no screen\n");
			return;
		}
		fb.red_pos = t[32], fb.red_size = t[33];
		fb.green_pos = t[34], fb.green_size = t[35];
		fb.blue_pos = t[36], fb.blue_size = t[37];
	}
	/* An EGA text cell is 2 bytes, whatever bpp says. */
	bytes = (u64)fb.pitch * fb.height;
	if (!fb.width || !fb.height || !fb.bpp || bytes > MB2_FB_MAX_BYTES ||
	    (u64)fb.width * (fb.type == MB2_FB_EGA_TEXT ? 16 : fb.bpp) > (u64)fb.pitch * 8 ||
	    fb.addr + bytes < fb.addr || !fb.addr) {
		pr_err("boot: framebuffer %ux%u bpp %u pitch %u at %#llx is not plausible; no screen\n",
		       fb.width, fb.height, fb.bpp, fb.pitch, (unsigned long long)fb.addr);
		return;
	}
	boot_info.fb = fb;
	boot_info.has_fb = true;
}

static void keep_rsdp(const struct mb2_tag *tag, int version)
{
	size_t len = tag->size - sizeof(*tag);

	/* A v2 RSDP from the newer tag wins over a v1 one, whatever the tag order. */
	if (boot_info.rsdp_version > version)
		return;
	len = min(len, sizeof(rsdp_copy));
	memcpy(rsdp_copy, tag + 1, len);
	boot_info.rsdp = rsdp_copy;
	boot_info.rsdp_len = len;
	boot_info.rsdp_version = version;
}

int bootinfo_parse(const void *mbi)
{
	u32 total = *(const u32 *)mbi;
	const u8 *p = (const u8 *)mbi + 8, *end;

	boot_info.mbi_start = (u64)(uintptr_t)mbi;
	boot_info.mbi_end = boot_info.mbi_start + total;
	if (total < 16 || total > (1u << 20)) {
		pr_err("boot: multiboot2 information size %u is not plausible\n", total);
		return -EINVAL;
	}
	end = (const u8 *)mbi + total;
	while (p + sizeof(struct mb2_tag) <= end) {
		const struct mb2_tag *tag = (const void *)p;

		if (tag->type == MB2_TAG_END)
			return 0;
		if (tag->size < sizeof(*tag) || p + tag->size > end) {
			pr_err("boot: multiboot2 tag %u has a bad size %u\n", tag->type, tag->size);
			return -EINVAL;
		}
		switch (tag->type) {
		case MB2_TAG_CMDLINE:
			copy_string(boot_info.cmdline, sizeof(boot_info.cmdline), tag);
			break;
		case MB2_TAG_LOADER:
			copy_string(boot_info.loader, sizeof(boot_info.loader), tag);
			break;
		case MB2_TAG_MMAP:
			parse_mmap(tag);
			break;
		case MB2_TAG_FRAMEBUFFER:
			parse_framebuffer(tag);
			break;
		case MB2_TAG_EFI32:
		case MB2_TAG_EFI64:
			boot_info.efi = true;
			break;
		case MB2_TAG_ACPI_OLD:
			keep_rsdp(tag, 1);
			break;
		case MB2_TAG_ACPI_NEW:
			keep_rsdp(tag, 2);
			break;
		}
		p += ALIGN(tag->size, 8);
	}
	pr_warn("boot: multiboot2 information has no end tag\n");
	return 0;
}
