/*
 * The screen's terminal: see vt.h. What it understands is what reaches a
 * console: printk's text and '\n' (a new line, as a serial driver turns it
 * into CR LF), and the shell's line editing, which moves the cursor left with
 * '\b' and rewrites characters and spaces (lib/shell.c). The usual ANSI
 * sequences are there too for commands that colour or clear: cursor moves
 * (CSI A B C D H f), erase in line and display (CSI K, CSI J) and colours
 * (CSI m). Anything else is swallowed rather than shown as garbage.
 *
 * Lines wrap at the right edge, and '\b' at the left edge goes back to the end
 * of the row above, so the line editor's arithmetic (one '\b' undoes one
 * character) holds for lines longer than the screen is wide.
 */
#include <lib/string.h>
#include <drivers/tty/vt.h>

enum { VT_ESC_NONE, VT_ESC_START, VT_ESC_CSI };

#define TAB_WIDTH	8

static struct vt_cell *cell(struct vt *vt, int row, int col)
{
	return &vt->cells[row * vt->cols + col];
}

static void mark_dirty(struct vt *vt, int lo, int hi)
{
	vt->dirty_lo = min(vt->dirty_lo, lo);
	vt->dirty_hi = max(vt->dirty_hi, hi);
}

static void clear_cells(struct vt *vt, int row, int from, int to)
{
	for (int c = from; c < to; c++)
		*cell(vt, row, c) = (struct vt_cell){ ' ', vt->attr };
	mark_dirty(vt, row, row);
}

static void scroll_up(struct vt *vt)
{
	size_t row_bytes = (size_t)vt->cols * sizeof(struct vt_cell);

	memmove(cell(vt, vt->top, 0), cell(vt, vt->top + 1, 0),
		row_bytes * (size_t)(vt->rows - vt->top - 1));
	clear_cells(vt, vt->rows - 1, 0, vt->cols);
	mark_dirty(vt, vt->top, vt->rows - 1);
}

static void line_feed(struct vt *vt)
{
	if (vt->y == vt->rows - 1)
		scroll_up(vt);
	else
		vt->y++;
}

static void put_char(struct vt *vt, u8 ch)
{
	if (vt->x == vt->cols) {
		vt->x = 0;
		line_feed(vt);
	}
	*cell(vt, vt->y, vt->x) = (struct vt_cell){ ch, vt->attr };
	mark_dirty(vt, vt->y, vt->y);
	vt->x++;
}

static void backspace(struct vt *vt)
{
	if (vt->x > 0) {
		vt->x--;
	} else if (vt->y > vt->top) {
		vt->y--;
		vt->x = vt->cols - 1;
	}
}

static int param(struct vt *vt, int i, int dflt)
{
	return i < vt->nparams && vt->params[i] > 0 ? vt->params[i] : dflt;
}

/* ESC [ n K: 0 cursor to end, 1 start to cursor, 2 the whole line. */
static void erase_in_line(struct vt *vt, int mode)
{
	int x = min(vt->x, vt->cols - 1);

	if (mode == 0)
		clear_cells(vt, vt->y, min(vt->x, vt->cols), vt->cols);
	else if (mode == 1)
		clear_cells(vt, vt->y, 0, x + 1);
	else if (mode == 2)
		clear_cells(vt, vt->y, 0, vt->cols);
}

/* ESC [ n J: as K, over the scrolling text (the status line stays). */
static void erase_in_display(struct vt *vt, int mode)
{
	int from = mode == 0 ? vt->y + 1 : vt->top;
	int to = mode == 1 ? vt->y : vt->rows;

	if (mode > 2)
		return;
	erase_in_line(vt, mode);
	for (int r = from; r < to; r++)
		clear_cells(vt, r, 0, vt->cols);
}

/* ESC [ ... m: 0 reset, 1 bright, 7 reverse, 30-37/90-97 and 40-47/100-107 colours. */
static void select_graphic_rendition(struct vt *vt)
{
	/* ANSI colour n is red 1, green 2, blue 4; VGA's are blue 1, green 2, red 4. */
	static const u8 ansi_to_vga[8] = { 0, 4, 2, 6, 1, 5, 3, 7 };

	for (int i = 0; i < max(vt->nparams, 1); i++) {
		int p = i < vt->nparams ? vt->params[i] : 0;

		if (p == 0)
			vt->attr = VT_ATTR_DEFAULT;
		else if (p == 1)
			vt->attr |= 0x08;
		else if (p == 7)
			vt->attr = VT_ATTR_INVERT(vt->attr);
		else if (p >= 30 && p <= 37)
			vt->attr = (u8)((vt->attr & 0xf8) | ansi_to_vga[p - 30]);
		else if (p >= 90 && p <= 97)
			vt->attr = (u8)((vt->attr & 0xf0) | 8 | ansi_to_vga[p - 90]);
		else if (p == 39)
			vt->attr = (u8)((vt->attr & 0xf0) | (VT_ATTR_DEFAULT & 0x0f));
		else if (p >= 40 && p <= 47)
			vt->attr = (u8)((vt->attr & 0x0f) | ansi_to_vga[p - 40] << 4);
		else if (p == 49)
			vt->attr = (u8)((vt->attr & 0x0f) | (VT_ATTR_DEFAULT & 0xf0));
	}
}

static void csi_final(struct vt *vt, char c)
{
	int n = param(vt, 0, 1);

	switch (c) {
	case 'A': vt->y = max(vt->y - n, vt->top); break;
	case 'B': vt->y = min(vt->y + n, vt->rows - 1); break;
	case 'C': vt->x = min(vt->x + n, vt->cols - 1); break;
	case 'D': vt->x = max(min(vt->x, vt->cols - 1) - n, 0); break;
	case 'G': vt->x = min(n, vt->cols) - 1; break;
	case 'H': case 'f':	/* rows count from the first below the status line */
		vt->y = min(vt->top + param(vt, 0, 1) - 1, vt->rows - 1);
		vt->x = min(param(vt, 1, 1), vt->cols) - 1;
		break;
	case 'K': erase_in_line(vt, vt->nparams ? vt->params[0] : 0); break;
	case 'J': erase_in_display(vt, vt->nparams ? vt->params[0] : 0); break;
	case 'm': select_graphic_rendition(vt); break;
	}
}

/* One byte of an escape sequence; ESC '[' params final, or ESC and one byte. */
static void escape_char(struct vt *vt, char c)
{
	if (vt->esc == VT_ESC_START) {
		vt->esc = c == '[' ? VT_ESC_CSI : VT_ESC_NONE;
		vt->nparams = 0;
		return;
	}
	if (c >= '0' && c <= '9') {
		if (!vt->nparams)
			vt->params[vt->nparams++] = 0;
		if (vt->nparams <= (int)ARRAY_SIZE(vt->params) && vt->params[vt->nparams - 1] < 10000)
			vt->params[vt->nparams - 1] = vt->params[vt->nparams - 1] * 10 + (c - '0');
	} else if (c == ';') {
		if (!vt->nparams)
			vt->params[vt->nparams++] = 0;
		if (vt->nparams < (int)ARRAY_SIZE(vt->params))
			vt->params[vt->nparams++] = 0;
	} else if (c >= 0x40 && c <= 0x7e) {
		csi_final(vt, c);
		vt->esc = VT_ESC_NONE;
	} else if (c < 0x20 || c > 0x7e) {
		vt->esc = VT_ESC_NONE;	/* broken sequence: drop it */
	}
	/* '?' and other intermediates: ignored, the final byte still ends it */
}

static void write_char(struct vt *vt, char c)
{
	if (vt->esc != VT_ESC_NONE) {
		escape_char(vt, c);
		return;
	}
	switch (c) {
	case '\n': vt->x = 0; line_feed(vt); break;
	case '\r': vt->x = 0; break;
	case '\b': backspace(vt); break;
	case '\t':
		do
			put_char(vt, ' ');
		while (vt->x % TAB_WIDTH && vt->x < vt->cols);
		break;
	case '\033': vt->esc = VT_ESC_START; break;
	default:
		if ((u8)c >= 0x20 && (u8)c < 0x7f)
			put_char(vt, (u8)c);
		/* other control characters (BEL) and 8-bit bytes: nothing to show */
	}
}

/* Draws what differs; the cursor is its cell with colours swapped. */
static void flush(struct vt *vt)
{
	int cx = min(vt->x, vt->cols - 1), cy = vt->y;

	mark_dirty(vt, vt->cursor_y, vt->cursor_y);
	mark_dirty(vt, cy, cy);
	for (int r = vt->dirty_lo; r <= vt->dirty_hi; r++) {
		for (int c = 0; c < vt->cols; c++) {
			struct vt_cell want = *cell(vt, r, c);
			struct vt_cell *d = &vt->drawn[r * vt->cols + c];

			if (r == cy && c == cx)
				want.attr = VT_ATTR_INVERT(want.attr);
			if (want.ch == d->ch && want.attr == d->attr)
				continue;
			vt->draw(vt, r, c, want.ch, want.attr);
			*d = want;
		}
	}
	vt->cursor_x = cx;
	vt->cursor_y = cy;
	vt->dirty_lo = vt->rows;
	vt->dirty_hi = -1;
}

void vt_write(struct vt *vt, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		write_char(vt, s[i]);
	flush(vt);
}

void vt_set_status(struct vt *vt, const char *text)
{
	size_t len = strlen(text);

	if (!vt->top)
		return;
	for (int c = 0; c < vt->cols; c++)
		*cell(vt, 0, c) = (struct vt_cell){ (size_t)c < len ? (u8)text[c] : ' ',
						    VT_ATTR_STATUS };
	mark_dirty(vt, 0, 0);
	flush(vt);
}

void vt_init(struct vt *vt, int rows, int cols, struct vt_cell *cells, struct vt_cell *drawn,
	     bool status_line, vt_draw_fn draw, void *priv)
{
	memset(vt, 0, sizeof(*vt));
	vt->rows = rows;
	vt->cols = cols;
	vt->top = status_line && rows > 1 ? 1 : 0;
	vt->y = vt->top;
	vt->attr = VT_ATTR_DEFAULT;
	vt->cells = cells;
	vt->drawn = drawn;
	vt->draw = draw;
	vt->priv = priv;
	/* drawn[] holds what cannot be a wanted cell, so every cell is drawn once. */
	for (int i = 0; i < rows * cols; i++)
		drawn[i] = (struct vt_cell){ 0, 0xff };
	vt->dirty_lo = 0;
	vt->dirty_hi = rows - 1;
	for (int r = 0; r < rows; r++)
		clear_cells(vt, r, 0, cols);
	if (vt->top)
		vt_set_status(vt, "");
	else
		flush(vt);
}
