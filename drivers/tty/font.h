/*
 * The console font: the ASCII glyphs of a PSF font from Debian's
 * console-setup-linux package, turned into C by tools/genfont.py at build
 * time (build/kernel/font.c): never kept in the repository.
 */
#ifndef DRIVERS_TTY_FONT_H
#define DRIVERS_TTY_FONT_H

#include <lib/types.h>

struct font_desc {
	const char *name;	/* the PSF file it came from */
	unsigned int width, height;	/* pixels; width <= 32 */
	/* 128 glyphs indexed by ASCII code, each height rows of
	 * (width + 7) / 8 bytes, most significant bit leftmost. */
	const u8 *data;
};

extern const struct font_desc font_console;

#endif
