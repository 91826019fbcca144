"""The screen console (drivers/tty/screen.c, vt.c, fbcon.c): what the monitor's
screendump shows is compared, pixel for pixel, with the same text rendered on
the host from the same PSF font (tests/qemu/screen.py), row by row against the
serial console's output replayed through the terminal's rules; the status line
must carry the address DHCP gave. VGA text mode is read from the text buffer
itself. And console= chooses: ttyS0 alone leaves the screen dark, tty0 alone
leaves the serial line at the banner.

QEMU's user networking hands out 10.0.2.15 by DHCP, no namespace needed."""
import re
import time

import screen
from guest import GuestError

USER_NET = "user,id=n0"
DHCP_STATUS = "nicstack  eth0 10.0.2.15/24 "
BANNER = r"^\[ *\d+\.\d+\] nicstack \S+ booting \(x86-64, multiboot2\)"
FB_LINE = r"screen: (\d+)x(\d+) 32 bpp framebuffer at 0x[0-9a-f]+, (\d+)x(\d+) characters"

FONT = screen.console_font()


def wait_screen(g, what, predicate, timeout=60):
    """Screendumps until predicate(shot) holds; returns that shot."""
    deadline = time.time() + timeout
    while True:
        shot = g.screendump()
        if predicate(shot):
            return shot
        if time.time() > deadline:
            raise GuestError(f"{g.name}: the screen never showed {what}; console tail:\n"
                             f"{g.out[-2000:]}")
        time.sleep(0.5)


def settled_output(g, quiet=1.0, timeout=30):
    """Waits until the serial line has been quiet for `quiet` seconds."""
    deadline = time.time() + timeout
    seen, since = g.out, time.time()
    while time.time() < deadline:
        time.sleep(0.2)
        if g.out != seen:
            seen, since = g.out, time.time()
        elif time.time() - since >= quiet:
            return seen
    raise GuestError(f"{g.name}: the serial line never went quiet")


def since_banner(text):
    m = re.search(BANNER, text, re.M)
    assert m, text
    return text[m.start():]


def check_screen_matches_serial(g, rows, cols, want_banner):
    """Below the status line, the screen is the serial output as a terminal shows it."""
    for _ in range(5):
        out = settled_output(g)
        shot = g.screendump()
        if g.out != out:
            continue        # a line came while the screen was read: again
        term = screen.Terminal(rows, cols).write(since_banner(out))
        assert any(term.row(r).startswith("nicstack> ") for r in range(1, rows)), term.lines
        if want_banner:
            assert re.match(BANNER, term.row(1)), term.row(1)
        bad = screen.screen_mismatches(shot, FONT, term)
        assert not bad, f"rows that differ from the serial output: {bad[:5]}"
        return shot
    raise GuestError(f"{g.name}: the serial line never held still around a screendump")


def boot_framebuffer(guest, **kw):
    g = guest(monitor=True, netdev=USER_NET, **kw)
    m = g.wait_for(FB_LINE, timeout=120)
    width, height, cols, rows = (int(v) for v in m.groups())
    assert (cols, rows) == (width // FONT.width, height // FONT.height)
    g.wait_booted()
    wait_screen(g, "the DHCP address on the status line",
                lambda s: screen.shows(s, FONT, 0, 0, DHCP_STATUS, screen.ATTR_STATUS))
    return g, rows, cols


def test_bios_vbe_framebuffer_shows_the_log_status_line_and_prompt(guest):
    """SeaBIOS: GRUB sets the header's 1024x768x32 through VBE; the whole boot log
    scrolled through 47 rows, and a command edited on the keyboard, and the
    screen still matches the serial line."""
    g, rows, cols = boot_framebuffer(guest)
    assert (rows, cols) == (48, 128)
    # The status line is redrawn once a second, so a single screendump can
    # land before the line with the link speed (or in the middle of a redraw).
    wait_screen(g, "'link up 1000 Mb/s' on the status line",
                lambda shot: any(screen.shows(shot, FONT, 0, c, "  link up 1000 Mb/s  rx ",
                                              screen.ATTR_STATUS)
                                 for c in range(len(DHCP_STATUS) - 1, cols - 24)), timeout=30)
    # Line editing typed on the PS/2 keyboard: its echo (characters, '\b',
    # repainted tails) must leave the screen as it leaves a terminal.
    start = len(g.out)
    for key in ["u", "p", "t", "m", "x", "backspace", "e", "left", "left", "i", "ret"]:
        g.monitor(f"sendkey {key}")
    g.wait_for(r"^up \d+\.\d+ s", start=start)
    check_screen_matches_serial(g, rows, cols, want_banner=False)


def test_uefi_gop_framebuffer_shows_the_banner_status_line_and_prompt(guest):
    """OVMF: GRUB's GOP framebuffer. loglevel=5 keeps the log short enough that
    the banner is still on the screen, on the row under the status line."""
    g, rows, cols = boot_framebuffer(guest, firmware="uefi", cmdline="loglevel=5")
    check_screen_matches_serial(g, rows, cols, want_banner=True)


def test_bios_without_a_framebuffer_uses_vga_text(guest):
    """kernel_gfxpayload=text (boot/grub.cfg): GRUB sets no mode and reports the EGA text buffer;
    the same lines land at 0xB8000, the status line in white on blue."""
    g = guest(monitor=True, netdev=USER_NET, grub_env={"kernel_gfxpayload": "text"})
    g.wait_for(r"screen: VGA text mode at 0xb8000, 80x25 characters", timeout=120)
    g.wait_booted()
    g.wait_for(r"\(DHCP\)")
    for _ in range(20):
        out = settled_output(g)
        text = screen.decode_text_buffer(g.read_memory(0xb8000, 80 * 25 * 2), 80, 25)
        if g.out == out and text[0][0].startswith(DHCP_STATUS):
            break
        time.sleep(0.5)
    assert text[0][0].startswith(DHCP_STATUS), text[0]
    assert set(text[0][1]) == {screen.ATTR_STATUS}
    term = screen.Terminal(25, 80).write(since_banner(out))
    cy, cx = term.cursor()
    for r in range(1, 25):
        assert text[r][0] == term.row(r), (r, text[r][0], term.row(r))
        want = bytes(0x70 if (r, c) == (cy, cx) else 0x07 for c in range(80))
        assert text[r][1] == want, r
    assert any(term.row(r).startswith("nicstack> ") for r in range(1, 25))


def test_console_parameter_chooses_serial_or_screen(guest):
    """console=ttyS0: the screen stays as GRUB's mode set left it, black.
    console=tty0: the serial line has the banner (printed before the
    parameters are read) and nothing more; the screen has everything."""
    g = guest(monitor=True, netdev=USER_NET, cmdline="console=ttyS0,115200")
    g.wait_booted(timeout=120)
    g.wait_for(r"\(DHCP\)")
    time.sleep(2)           # two status line refreshes, had there been a screen
    assert screen.is_blank(g.screendump())
    assert "screen:" not in g.out
    g.close()

    g = guest(monitor=True, netdev=USER_NET, cmdline="console=tty0")
    g.wait_for(BANNER, timeout=120)
    shot = wait_screen(g, "the DHCP address on the status line",
                       lambda s: screen.shows(s, FONT, 0, 0, DHCP_STATUS, screen.ATTR_STATUS),
                       timeout=120)
    rows = shot[1] // FONT.height
    wait_screen(g, "the prompt", lambda s: any(
        screen.shows(s, FONT, r, 0, "nicstack> ") for r in range(1, rows)))
    lines = [ln for ln in g.out.replace("\r", "").split("\n") if ln.strip()]
    assert len(lines) == 1 and re.match(BANNER, lines[0]), lines
