/*
 * Text in a linear framebuffer (drivers/tty/fbcon.c): glyphs of a PSF font
 * (drivers/tty/font.h) drawn into 16, 24 or 32 bits per pixel, colours
 * composed from the pixel layout the loader reports.
 */
#ifndef DRIVERS_TTY_FBCON_H
#define DRIVERS_TTY_FBCON_H

#include <lib/types.h>
#include <drivers/tty/font.h>

struct fb_info {
	u8 *screen_base;	/* mapped framebuffer */
	u32 width, height;	/* pixels */
	u32 pitch;		/* bytes per scan line */
	u32 bpp;		/* 15, 16, 24 or 32 */
	u8 red_pos, red_size, green_pos, green_size, blue_pos, blue_size;
	const struct font_desc *font;
	u32 palette[16];	/* pixel values of the 16 VGA colours (fbcon_init) */
};

/* Checks the layout and fills the palette; 0 or -EINVAL (depth or masks unusable). */
int fbcon_init(struct fb_info *fb);
/* Glyph ch in cell (row, col), colours from a VGA attribute byte. */
void fbcon_draw_cell(struct fb_info *fb, int row, int col, u8 ch, u8 attr);
/* The screen in characters. */
static inline int fbcon_rows(const struct fb_info *fb) { return (int)(fb->height / fb->font->height); }
static inline int fbcon_cols(const struct fb_info *fb) { return (int)(fb->width / fb->font->width); }

/* The 16 VGA colours as 0xRRGGBB (tests/qemu renders with the same). */
extern const u32 vga_palette_rgb[16];

#endif
