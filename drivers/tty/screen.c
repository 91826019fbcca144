/*
 * The screen console, tty0: the terminal of vt.c drawn into whatever the
 * loader left us. GRUB sets the mode the multiboot2 header asks for (VBE
 * under BIOS, GOP under UEFI) and reports a linear framebuffer, drawn by
 * fbcon.c; a BIOS GRUB told not to (gfxpayload=text) leaves the VGA text
 * buffer at 0xB8000 instead (an "EGA text" framebuffer), where a cell is a
 * character and an attribute byte. Under UEFI without GOP there is no screen.
 *
 * It registers with CON_PRINTBUFFER: it comes up once paging can map it, and
 * the boot log so far is replayed onto it first.
 */
#include <lib/kmalloc.h>
#include <lib/printk.h>
#include <arch/x86_64/io.h>
#include <arch/x86_64/paging.h>
#include <boot/bootinfo.h>
#include <drivers/tty/fbcon.h>
#include <drivers/tty/screen.h>
#include <drivers/tty/vt.h>

/* VGA CRT controller (IBM VGA technical reference, CRTC index 0x0A). */
#define VGA_CRTC_INDEX		0x3D4
#define VGA_CRTC_DATA		0x3D5
#define VGA_CRTC_CURSOR_START	0x0A
#define VGA_CURSOR_DISABLE	0x20

static struct vt vt;
static struct fb_info fb;
static volatile u16 *vga_text;
static u32 vga_pitch_cells;

static void fb_draw(struct vt *v, int row, int col, u8 ch, u8 attr)
{
	fbcon_draw_cell(&fb, row, col, ch, attr);
}

static void vga_draw(struct vt *v, int row, int col, u8 ch, u8 attr)
{
	vga_text[(u32)row * vga_pitch_cells + (u32)col] = (u16)(ch | attr << 8);
}

/*
 * A fault while drawing (a bad framebuffer mapping, say) prints its oops
 * through printk, which would come straight back here: the nested message
 * goes to the other consoles only.
 */
static bool drawing;

static void screen_write(struct console *con, const char *s, size_t len)
{
	if (drawing)
		return;
	drawing = true;
	vt_write(&vt, s, len);
	drawing = false;
}

static void screen_status(struct console *con, const char *text)
{
	if (drawing)
		return;
	drawing = true;
	vt_set_status(&vt, text);
	drawing = false;
}

static struct console screen_console = {
	.name = "tty0",
	.write = screen_write,
	.status = screen_status,
	.flags = CON_PRINTBUFFER,
};

static int setup_fb(const struct boot_framebuffer *b)
{
	fb = (struct fb_info){
		.width = b->width, .height = b->height, .pitch = b->pitch, .bpp = b->bpp,
		.red_pos = b->red_pos, .red_size = b->red_size,
		.green_pos = b->green_pos, .green_size = b->green_size,
		.blue_pos = b->blue_pos, .blue_size = b->blue_size,
		.font = &font_console,
	};
	if (fbcon_init(&fb)) {
		pr_err("screen: framebuffer of %u bpp (rgb %u:%u:%u at %u/%u/%u) is not drawable; no screen console\n",
		       b->bpp, b->red_size, b->green_size, b->blue_size, b->red_pos, b->green_pos,
		       b->blue_pos);
		return -1;
	}
	fb.screen_base = ioremap_wc(b->addr, (size_t)b->pitch * b->height);
	if (!fb.screen_base)
		return -1;
	pr_notice("screen: %ux%u %u bpp framebuffer at %#llx, %dx%d characters in %s\n",
		b->width, b->height, b->bpp, (unsigned long long)b->addr, fbcon_cols(&fb),
		fbcon_rows(&fb), font_console.name);
	return 0;
}

static int setup_vga_text(const struct boot_framebuffer *b)
{
	vga_text = ioremap(b->addr, (size_t)b->pitch * b->height);
	if (!vga_text)
		return -1;
	vga_pitch_cells = b->pitch / 2;
	/* The vt's cursor is an inverted cell; the blinking hardware one would be a second. */
	outb(VGA_CRTC_CURSOR_START, VGA_CRTC_INDEX);
	outb(VGA_CURSOR_DISABLE, VGA_CRTC_DATA);
	pr_notice("screen: VGA text mode at %#llx, %ux%u characters\n",
		(unsigned long long)b->addr, b->width, b->height);
	return 0;
}

void screen_init(void)
{
	const struct boot_framebuffer *b = &boot_info.fb;
	struct vt_cell *cells;
	int rows, cols;

	if (!console_wanted(screen_console.name))
		return;		/* console= names others: leave the screen as GRUB left it */
	if (!boot_info.has_fb) {
		pr_info("screen: the loader reported no framebuffer; no screen console\n");
		return;
	}
	if (b->type == MB2_FB_RGB && !setup_fb(b)) {
		rows = fbcon_rows(&fb), cols = fbcon_cols(&fb);
	} else if (b->type == MB2_FB_EGA_TEXT && !setup_vga_text(b)) {
		rows = (int)b->height, cols = (int)b->width;
	} else {
		if (b->type != MB2_FB_RGB && b->type != MB2_FB_EGA_TEXT)
			pr_err("screen: framebuffer type %u (palette) is not supported\n", b->type);
		return;
	}
	cells = kmalloc(2 * sizeof(*cells) * (size_t)rows * (size_t)cols, GFP_KERNEL);
	if (!cells) {
		pr_err("screen: no memory for %dx%d cells\n", cols, rows);
		return;
	}
	vt_init(&vt, rows, cols, cells, cells + rows * cols, true,
		b->type == MB2_FB_RGB ? fb_draw : vga_draw, NULL);
	register_console(&screen_console);
}
