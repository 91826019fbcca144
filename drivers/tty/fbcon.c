/*
 * Glyphs in a linear framebuffer (see fbcon.h). The loader says where each
 * colour's bits sit in a pixel (multiboot2 framebuffer tag, colour type 1),
 * so one routine serves the 5:6:5 of 16 bpp, the packed 3 bytes of 24 bpp
 * and 32 bpp, whatever the channel order.
 */
#include <lib/errno.h>
#include <drivers/tty/fbcon.h>

const u32 vga_palette_rgb[16] = {
	0x000000, 0x0000aa, 0x00aa00, 0x00aaaa, 0xaa0000, 0xaa00aa, 0xaa5500, 0xaaaaaa,
	0x555555, 0x5555ff, 0x55ff55, 0x55ffff, 0xff5555, 0xff55ff, 0xffff55, 0xffffff,
};

/* An 8-bit channel value scaled into a field of size bits at pos. */
static u32 channel(u32 value8, u8 pos, u8 size)
{
	u32 v = size <= 8 ? value8 >> (8 - size) : value8 << (size - 8);

	return v << pos;
}

static bool field_ok(u8 pos, u8 size, u32 bpp)
{
	return size >= 1 && size <= 16 && pos + size <= bpp;
}

int fbcon_init(struct fb_info *fb)
{
	u32 bytespp = (fb->bpp + 7) / 8;

	if (fb->bpp != 15 && fb->bpp != 16 && fb->bpp != 24 && fb->bpp != 32)
		return -EINVAL;
	if (!field_ok(fb->red_pos, fb->red_size, fb->bpp) ||
	    !field_ok(fb->green_pos, fb->green_size, fb->bpp) ||
	    !field_ok(fb->blue_pos, fb->blue_size, fb->bpp))
		return -EINVAL;
	if (!fb->font || !fb->font->width || fb->font->width > 32 ||
	    fb->width < fb->font->width || fb->height < fb->font->height ||
	    fb->pitch < fb->width * bytespp)
		return -EINVAL;
	for (int i = 0; i < 16; i++) {
		u32 rgb = vga_palette_rgb[i];

		fb->palette[i] = channel(rgb >> 16 & 0xff, fb->red_pos, fb->red_size) |
				 channel(rgb >> 8 & 0xff, fb->green_pos, fb->green_size) |
				 channel(rgb & 0xff, fb->blue_pos, fb->blue_size);
	}
	return 0;
}

static void put_pixel(u8 *p, u32 bytespp, u32 pixel)
{
	switch (bytespp) {
	case 4:
		*(u32 *)p = pixel;
		break;
	case 3:		/* little-endian, as the channel positions count */
		p[0] = (u8)pixel;
		p[1] = (u8)(pixel >> 8);
		p[2] = (u8)(pixel >> 16);
		break;
	default:
		*(u16 *)p = (u16)pixel;
	}
}

void fbcon_draw_cell(struct fb_info *fb, int row, int col, u8 ch, u8 attr)
{
	const struct font_desc *f = fb->font;
	u32 bytespp = (fb->bpp + 7) / 8, bpr = (f->width + 7) / 8;
	u32 fg = fb->palette[attr & 0xf], bg = fb->palette[attr >> 4];
	const u8 *glyph = f->data + (size_t)(ch & 0x7f) * f->height * bpr;
	u8 *line = fb->screen_base + (size_t)row * f->height * fb->pitch +
		   (size_t)col * f->width * bytespp;

	for (u32 y = 0; y < f->height; y++, line += fb->pitch, glyph += bpr) {
		u32 bits = 0;

		for (u32 b = 0; b < bpr; b++)
			bits = bits << 8 | glyph[b];
		for (u32 x = 0; x < f->width; x++)
			put_pixel(line + x * bytespp, bytespp,
				  bits >> (bpr * 8 - 1 - x) & 1 ? fg : bg);
	}
}
