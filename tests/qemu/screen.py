"""What the screen console should show, worked out on the host.

The kernel draws with the PSF font the Makefile names (CONSOLE_FONT), as
tools/genfont.py reads it; render() draws text with the same file the same way,
so a region of a screendump can be compared with it pixel for pixel. Terminal
replays serial output through the same rules as drivers/tty/vt.c (wrap at the
right edge, '\\b' back over it, scrolling under the status line), giving the
text each screen row should hold.
"""
import os
import re
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tools"))
from genfont import PsfFont  # noqa: E402

# drivers/tty/fbcon.c's palette and drivers/tty/vt.h's attributes.
VGA_RGB = [0x000000, 0x0000aa, 0x00aa00, 0x00aaaa, 0xaa0000, 0xaa00aa, 0xaa5500, 0xaaaaaa,
           0x555555, 0x5555ff, 0x55ff55, 0x55ffff, 0xff5555, 0xff55ff, 0xffff55, 0xffffff]
ATTR_DEFAULT = 0x07
ATTR_STATUS = 0x1f


def console_font():
    with open(os.path.join(ROOT, "Makefile")) as f:
        path = re.search(r"^CONSOLE_FONT\s*:=\s*(\S+)", f.read(), re.M).group(1)
    return PsfFont(path)


def _rgb(value):
    return bytes([value >> 16 & 0xff, value >> 8 & 0xff, value & 0xff])


def render(font, text, attr):
    """text in colours attr as pixel rows: font.height rows of RGB bytes."""
    fg, bg = _rgb(VGA_RGB[attr & 0xf]), _rgb(VGA_RGB[attr >> 4])
    rows = []
    for y in range(font.height):
        row = bytearray()
        for ch in text:
            glyph = font.ascii_glyphs()[ord(ch) & 0x7f]
            bits = int.from_bytes(glyph[y * font.bytes_per_row:(y + 1) * font.bytes_per_row], "big")
            for x in range(font.width):
                row += fg if bits >> (font.bytes_per_row * 8 - 1 - x) & 1 else bg
        rows.append(bytes(row))
    return rows


def region(shot, font, row, col, ncols):
    """The pixel rows of cells [col, col + ncols) of text row `row` in a screendump."""
    width, _, pixels = shot
    x0 = col * font.width * 3
    return [pixels[(row * font.height + y) * width * 3 + x0:
                   (row * font.height + y) * width * 3 + x0 + ncols * font.width * 3]
            for y in range(font.height)]


def shows(shot, font, row, col, text, attr=ATTR_DEFAULT):
    """Whether the screendump shows text at (row, col) in colours attr, exactly."""
    return region(shot, font, row, col, len(text)) == render(font, text, attr)


def is_blank(shot):
    """Every pixel the same colour: nothing drawn."""
    _, _, pixels = shot
    return pixels == pixels[:3] * (len(pixels) // 3)


class Terminal:
    """drivers/tty/vt.c's rules for the characters the kernel writes."""

    def __init__(self, rows, cols, top=1):
        self.rows, self.cols, self.top = rows, cols, top
        self.lines = [[" "] * cols for _ in range(rows)]
        self.x, self.y = 0, top

    def _line_feed(self):
        if self.y == self.rows - 1:
            del self.lines[self.top]
            self.lines.append([" "] * self.cols)
        else:
            self.y += 1

    def write(self, text):
        for ch in text:
            if ch == "\n":
                self.x = 0
                self._line_feed()
            elif ch == "\r":
                self.x = 0
            elif ch == "\b":
                if self.x > 0:
                    self.x -= 1
                elif self.y > self.top:
                    self.y, self.x = self.y - 1, self.cols - 1
            elif " " <= ch <= "~":
                if self.x == self.cols:
                    self.x = 0
                    self._line_feed()
                self.lines[self.y][self.x] = ch
                self.x += 1
        return self

    def row(self, r):
        return "".join(self.lines[r])

    def cursor(self):
        return self.y, min(self.x, self.cols - 1)


def screen_mismatches(shot, font, term):
    """Rows (below the status line) where the screendump differs from term's text;
    the cursor cell is drawn with its colours swapped."""
    bad = []
    cy, cx = term.cursor()
    for r in range(term.top, term.rows):
        text = term.row(r)
        want = render(font, text, ATTR_DEFAULT)
        if r == cy:
            inverted = render(font, text[cx], (ATTR_DEFAULT & 0xf) << 4 | ATTR_DEFAULT >> 4)
            cw = font.width * 3
            want = [w[:cx * cw] + i + w[(cx + 1) * cw:] for w, i in zip(want, inverted)]
        if region(shot, font, r, 0, term.cols) != want:
            bad.append((r, text.rstrip()))
    return bad


def decode_text_buffer(data, cols, rows):
    """The VGA text buffer (character, attribute pairs) as rows of text and attributes."""
    text = []
    for r in range(rows):
        cells = data[r * cols * 2:(r + 1) * cols * 2]
        text.append(("".join(chr(c) for c in cells[0::2]), bytes(cells[1::2])))
    return text
