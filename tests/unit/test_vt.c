/*
 * The screen console's terminal (drivers/tty/vt.c) drawing through fbcon.c
 * into in-memory framebuffers of 16, 24 and 32 bits per pixel. What the
 * pixels show is read back cell by cell against the font's glyphs, so a
 * test checks the text on the "screen", not the terminal's own bookkeeping.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <drivers/tty/fbcon.h>
#include <drivers/tty/vt.h>

#define FW	6	/* a font 6 pixels wide: not a whole byte, to test the bit order */
#define FH	5
#define ROWS	6
#define COLS	10

/* Every glyph differs: row 0 is the code, row 1 its complement, then a frame. */
static u8 font_data[128 * FH];
static const struct font_desc test_font = { "test", FW, FH, font_data };

static struct fb_info fb;
static u8 *pixels;
static struct vt vt;
static struct vt_cell cells[ROWS * COLS], drawn[ROWS * COLS];
static int draws;

static void make_font(void)
{
	for (int c = 0; c < 128; c++) {
		u8 *g = font_data + c * FH;

		g[0] = (u8)(c << 2);		/* the top 6 bits are the pixels */
		g[1] = (u8)((~c & 0x3f) << 2);
		g[2] = 0x84;
		g[3] = 0x48;
		g[4] = c & 0x40 ? 0xf8 : 0x04;	/* the code's 7th bit */
	}
	/* a space is blank, so an empty cell reads back as ' ' */
	memset(font_data + ' ' * FH, 0, FH);
}

static void draw(struct vt *v, int row, int col, u8 ch, u8 attr)
{
	draws++;
	fbcon_draw_cell(&fb, row, col, ch, attr);
}

static u32 get_pixel(int x, int y)
{
	u32 bytespp = (fb.bpp + 7) / 8;
	const u8 *p = pixels + (size_t)y * fb.pitch + (size_t)x * bytespp;

	return bytespp == 4 ? *(const u32 *)p : bytespp == 3 ? (u32)(p[0] | p[1] << 8 | p[2] << 16)
							   : *(const u16 *)p;
}

/* The character a cell shows in colours attr, or '\0' if its pixels match none. */
static char read_cell(int row, int col, u8 attr)
{
	u32 fg = fb.palette[attr & 0xf], bg = fb.palette[attr >> 4];

	for (int c = 0; c < 128; c++) {
		bool match = true;

		for (int y = 0; y < FH && match; y++)
			for (int x = 0; x < FW && match; x++) {
				bool on = font_data[c * FH + y] >> (7 - x) & 1;

				match = get_pixel(col * FW + x, row * FH + y) == (on ? fg : bg);
			}
		if (match && (c >= 0x20 || c == 0) && c != 0x7f)
			return c ? (char)c : ' ';
	}
	return '\0';
}

/* A screen row as text (the cursor cell is read inverted), trailing spaces cut. */
static const char *screen_row(int row)
{
	static char text[COLS + 1];
	int len = 0;

	for (int c = 0; c < COLS; c++) {
		bool cursor = row == vt.y && c == (vt.x < COLS ? vt.x : COLS - 1);
		u8 attr = row == 0 ? VT_ATTR_STATUS : VT_ATTR_DEFAULT;

		text[c] = read_cell(row, c, cursor ? VT_ATTR_INVERT(attr) : attr);
		assert_true(text[c] != '\0');
	}
	for (len = COLS; len > 0 && text[len - 1] == ' '; len--)
		;
	text[len] = '\0';
	return text;
}

static void setup_fb(u32 bpp, u8 rp, u8 rs, u8 gp, u8 gs, u8 bp, u8 bs)
{
	u32 bytespp = (bpp + 7) / 8;

	free(pixels);
	memset(&fb, 0, sizeof(fb));
	fb.width = COLS * FW + 3;	/* spare pixels on the right are never touched */
	fb.height = ROWS * FH;
	fb.pitch = fb.width * bytespp + 4;
	fb.bpp = bpp;
	fb.red_pos = rp, fb.red_size = rs;
	fb.green_pos = gp, fb.green_size = gs;
	fb.blue_pos = bp, fb.blue_size = bs;
	fb.font = &test_font;
	pixels = calloc(1, (size_t)fb.pitch * fb.height);
	fb.screen_base = pixels;
	assert_int_equal(fbcon_init(&fb), 0);
	assert_int_equal(fbcon_rows(&fb), ROWS);
	assert_int_equal(fbcon_cols(&fb), COLS);
	vt_init(&vt, ROWS, COLS, cells, drawn, true, draw, NULL);
}

static void put(const char *s)
{
	vt_write(&vt, s, strlen(s));
}

/* The same screen at each depth: text, colours and the untouched margin. */
static void check_depth(void)
{
	put("hello\nworld");
	vt_set_status(&vt, "eth0 up");
	assert_string_equal(screen_row(0), "eth0 up");
	assert_string_equal(screen_row(1), "hello");
	assert_string_equal(screen_row(2), "world");
	assert_string_equal(screen_row(3), "");
	for (u32 y = 0; y < fb.height; y++)
		for (u32 x = COLS * FW; x < fb.width; x++)
			assert_int_equal(get_pixel((int)x, (int)y), 0);
	/* four more lines scroll "hello" and "world" away under the status line */
	put("\nthree\nfour\nfive\nsix\nseven");
	assert_string_equal(screen_row(0), "eth0 up");
	assert_string_equal(screen_row(1), "three");
	assert_string_equal(screen_row(5), "seven");
}

static void test_32bpp(void **state)
{
	setup_fb(32, 16, 8, 8, 8, 0, 8);
	assert_int_equal(fb.palette[7], 0xaaaaaa);
	assert_int_equal(fb.palette[1], 0x0000aa);
	check_depth();
}

static void test_32bpp_bgr(void **state)
{
	setup_fb(32, 0, 8, 8, 8, 16, 8);
	assert_int_equal(fb.palette[1], 0xaa0000);	/* blue now in the high byte */
	check_depth();
}

static void test_24bpp(void **state)
{
	setup_fb(24, 16, 8, 8, 8, 0, 8);
	assert_int_equal(fb.palette[14], 0xffff55);
	check_depth();
}

static void test_16bpp(void **state)
{
	setup_fb(16, 11, 5, 5, 6, 0, 5);
	/* 0xaa in 5 bits is 21, in 6 bits 42 */
	assert_int_equal(fb.palette[7], 21 << 11 | 42 << 5 | 21);
	check_depth();
}

static void test_15bpp(void **state)
{
	setup_fb(15, 10, 5, 5, 5, 0, 5);
	assert_int_equal(fb.palette[15], 0x7fff);
	check_depth();
}

static void test_unusable_layouts_are_refused(void **state)
{
	struct fb_info bad = { .width = 64, .height = 64, .pitch = 256, .bpp = 8,
			       .red_size = 3, .green_size = 3, .blue_size = 2, .font = &test_font };

	assert_int_equal(fbcon_init(&bad), -22);	/* 8 bpp: a palette */
	bad.bpp = 32;
	bad.red_pos = 30, bad.red_size = 8;		/* past the pixel */
	assert_int_equal(fbcon_init(&bad), -22);
	bad.red_pos = 16;
	bad.pitch = 64;					/* narrower than a line */
	assert_int_equal(fbcon_init(&bad), -22);
}

/* Rows move up under the status line, which stays. */
static void test_scrolling(void **state)
{
	setup_fb(32, 16, 8, 8, 8, 0, 8);
	vt_set_status(&vt, "status");
	for (int i = 0; i < ROWS + 2; i++) {
		char line[] = "\nlineN";

		line[5] = (char)('0' + i);
		put(line);
	}
	/* the first '\n' left row 1 empty; 8 lines in 5 rows: line3..line7 remain */
	assert_string_equal(screen_row(0), "status");
	assert_string_equal(screen_row(1), "line3");
	assert_string_equal(screen_row(5), "line7");
}

/* What lib/shell.c writes while editing: '\b' moves left, text rewrites. */
static void test_line_editing(void **state)
{
	setup_fb(32, 16, 8, 8, 8, 0, 8);
	put("> helo");
	put("\b");			/* cursor left over 'o' */
	put("lo");			/* insert: retype from the cursor */
	assert_string_equal(screen_row(1), "> hello");
	put("\b\b\b\b\b");		/* Home */
	put("\bX");			/* one more left, over the prompt's space */
	assert_string_equal(screen_row(1), ">Xhello");
	assert_int_equal(vt.x, 2);
	put("\r\033[K");		/* CR, erase to the end */
	assert_string_equal(screen_row(1), "");
	put("abcdef\033[3D\033[K");	/* cursor left 3, erase */
	assert_string_equal(screen_row(1), "abc");
	put("\033[2Cx");		/* cursor right 2 */
	assert_string_equal(screen_row(1), "abc  x");
	assert_int_equal(vt.x, 6);
}

/* A line longer than the screen wraps; '\b' walks back over the wrap. */
static void test_wrap_and_backspace_across_rows(void **state)
{
	setup_fb(32, 16, 8, 8, 8, 0, 8);
	put("0123456789ab");		/* 12 characters on 10 columns */
	assert_string_equal(screen_row(1), "0123456789");
	assert_string_equal(screen_row(2), "ab");
	put("\b\b\b");			/* back onto row 1's last column */
	assert_int_equal(vt.y, 1);
	assert_int_equal(vt.x, 9);
	put("XYZ");
	assert_string_equal(screen_row(1), "012345678X");
	assert_string_equal(screen_row(2), "YZ");
	/* exactly full: the cursor waits at the edge, a '\b' then lands on the last column */
	put("\n0123456789\bQ");
	assert_string_equal(screen_row(3), "012345678Q");
	assert_string_equal(screen_row(4), "");
}

static void test_erase_display_colours_and_tabs(void **state)
{
	setup_fb(32, 16, 8, 8, 8, 0, 8);
	vt_set_status(&vt, "status");
	put("one\ntwo\033[2J");
	for (int r = 1; r < ROWS; r++)
		assert_string_equal(screen_row(r), "");
	assert_string_equal(screen_row(0), "status");	/* the status line is not the log's */
	put("\033[H\033[31mR\033[0m\tT");
	assert_int_equal(read_cell(1, 0, VT_ATTR(4, 0)), 'R');	/* ANSI red is VGA 4 */
	assert_int_equal(read_cell(1, 8, VT_ATTR(7, 0)), 'T');
	put("\033[?25l\033[5;1H\a\x01" "Z");	/* private sequence and controls: nothing shown */
	assert_string_equal(screen_row(5), "Z");
	put("\033[12345678;99999999H");	/* huge parameters are clamped */
	assert_int_equal(vt.y, ROWS - 1);
	assert_int_equal(vt.x, COLS - 1);
}

/* Only cells that changed are drawn: scrolling does not repaint blank cells. */
static void test_only_changes_are_drawn(void **state)
{
	setup_fb(32, 16, 8, 8, 8, 0, 8);
	draws = 0;
	put("x");
	assert_int_equal(draws, 2);	/* 'x' (was the cursor), and the cursor's new cell */
	draws = 0;
	put("");
	assert_int_equal(draws, 0);
	for (int i = 0; i < ROWS; i++)
		put("\n");
	draws = 0;
	put("\n");			/* scrolling an empty screen */
	assert_int_equal(draws, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_32bpp),
		cmocka_unit_test(test_32bpp_bgr),
		cmocka_unit_test(test_24bpp),
		cmocka_unit_test(test_16bpp),
		cmocka_unit_test(test_15bpp),
		cmocka_unit_test(test_unusable_layouts_are_refused),
		cmocka_unit_test(test_scrolling),
		cmocka_unit_test(test_line_editing),
		cmocka_unit_test(test_wrap_and_backspace_across_rows),
		cmocka_unit_test(test_erase_display_colours_and_tabs),
		cmocka_unit_test(test_only_changes_are_drawn),
	};

	make_font();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
