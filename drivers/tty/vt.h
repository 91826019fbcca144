/*
 * The screen's terminal (drivers/tty/vt.c): a grid of character cells with a
 * cursor, a status line on the top row, and the few control characters and
 * ANSI (ECMA-48) sequences the kernel log and the shell's line editor write.
 * It knows no pixels: a backend draws one cell at a time (fbcon.c in a
 * linear framebuffer, vgacon.c in the VGA text buffer).
 *
 * Two grids: cells[] is what the screen should show, drawn[] what the
 * backend has been told to show. vt_write() changes cells[] and then draws
 * only the cells that differ, so scrolling redraws what moved, not the
 * screen, and nothing is ever read back from (slow, uncached) video memory.
 */
#ifndef DRIVERS_TTY_VT_H
#define DRIVERS_TTY_VT_H

#include <lib/types.h>

/* Attributes as in the VGA text buffer: foreground in bits 0-3, background 4-7. */
#define VT_ATTR(fg, bg)		((u8)((fg) | (bg) << 4))
#define VT_ATTR_DEFAULT		VT_ATTR(7, 0)	/* light grey on black */
#define VT_ATTR_STATUS		VT_ATTR(15, 1)	/* white on blue */
#define VT_ATTR_INVERT(a)	((u8)((a) >> 4 | ((a) & 0xf) << 4))

struct vt_cell {
	u8 ch;
	u8 attr;
};

struct vt;
typedef void (*vt_draw_fn)(struct vt *vt, int row, int col, u8 ch, u8 attr);

struct vt {
	int rows, cols;
	int top;		/* first row of the scrolling text: 1 under a status line */
	int x, y;		/* cursor; x == cols: the line is full, wrap on the next character */
	u8 attr;		/* for new characters (SGR) */
	struct vt_cell *cells, *drawn;	/* rows * cols each */
	int dirty_lo, dirty_hi;	/* rows that may differ from drawn[], inclusive */
	int cursor_x, cursor_y;	/* where the cursor was drawn */
	vt_draw_fn draw;
	void *priv;		/* the backend's */
	/* escape sequence parser */
	int esc;		/* VT_ESC_* */
	int params[4], nparams;
};

/*
 * cells and drawn: rows * cols each, owned by the caller. status_line: keep
 * the top row for vt_set_status(). Draws the cleared screen.
 */
void vt_init(struct vt *vt, int rows, int cols, struct vt_cell *cells, struct vt_cell *drawn,
	     bool status_line, vt_draw_fn draw, void *priv);
void vt_write(struct vt *vt, const char *s, size_t len);
/* The status row's text, cut at the screen's width. */
void vt_set_status(struct vt *vt, const char *text);

#endif
