"""The PS/2 keyboard: keys typed through the QEMU monitor's sendkey reach the
shell (drivers/input/i8042.c, atkbd.c -> the console input queue), whose
output appears on the serial line; and a machine without an i8042 says so and
boots on. No NIC: these boots only need the console."""
import re

PROMPT = re.escape("nicstack> ")

# sendkey names (QEMU's QKeyCode) for the characters the tests type.
KEYS = {" ": "spc", "-": "minus", '"': "shift-apostrophe", "\r": "ret", "_": "shift-minus"}


def type_text(g, text):
    for ch in text:
        if ch in KEYS:
            key = KEYS[ch]
        elif ch.isupper():
            key = "shift-" + ch.lower()
        else:
            key = ch
        g.monitor(f"sendkey {key}")


def keys(g, *names):
    for name in names:
        g.monitor(f"sendkey {name}")


def test_typed_keys_run_shell_commands(guest):
    g = guest(monitor=True)
    g.wait_booted()
    assert re.search(r"i8042: PS/2 keyboard port on IRQ \d+, scancode set 2 translated to set 1",
                     g.out), g.out

    # a plain command
    start = len(g.out)
    type_text(g, "uptime\r")
    g.wait_for(r"^up \d+\.\d+ s, jiffies \d+$", start=start)

    # Shift: a capital letter reaches the shell as one, quotes are Shift-'
    start = len(g.out)
    type_text(g, "Uptime\r")
    g.wait_for(r"unknown command 'Uptime'", start=start)
    start = len(g.out)
    type_text(g, 'help "kbd"\r')
    g.wait_for(r"PS/2 keyboard: controller state and counters", start=start)

    # Backspace, and Left arrow to insert in the middle ("uptme" -> "uptime")
    start = len(g.out)
    type_text(g, "softirqx")
    keys(g, "backspace")
    type_text(g, "s\r")
    g.wait_for(r"NET_RX", start=start)
    start = len(g.out)
    type_text(g, "uptme")
    keys(g, "left", "left")
    type_text(g, "i\r")
    g.wait_for(r"^up \d+\.\d+ s", start=start)

    # Caps Lock, then Ctrl-C drops the line
    start = len(g.out)
    keys(g, "caps_lock")
    type_text(g, "kbd\r")
    g.wait_for(r"unknown command 'KBD'", start=start)
    keys(g, "caps_lock")
    start = len(g.out)
    type_text(g, "junk")
    keys(g, "ctrl-c")
    g.wait_for(r"junk\^C\n" + PROMPT, start=start)

    # history (newest first: KBD, uptime, softirqs, help "kbd", Uptime): five
    # Ups reach Uptime, Down comes back to help "kbd"; Home, Delete, End edit
    start = len(g.out)
    keys(g, "up", "up", "up", "up", "up", "down", "ret")
    g.wait_for(r"PS/2 keyboard: controller state and counters", start=start)
    start = len(g.out)
    type_text(g, "xuptime")
    keys(g, "home", "delete", "end", "ret")
    g.wait_for(r"^up \d+\.\d+ s", start=start)

    # the driver's own account, over the serial line: keys counted, nothing lost
    out = g.cmd("kbd")
    assert "self-test passed, translation on" in out, out
    m = re.search(r"keys (\d+) unmapped (\d+) errors (\d+) line_errors (\d+) aux_bytes (\d+) "
                  r"dropped (\d+)", out)
    assert m, out
    assert int(m[1]) >= 60 and m.groups()[1:] == ("0",) * 5, out
    # Caps Lock went on and off: both light updates acknowledged by the keyboard
    assert "caps_lock off num_lock on leds 0x2 cmd_errors 0" in out, out
    irq = re.search(r"^\s*1\s+0x[0-9a-f]+\s+(\d+)\s+IO-APIC\s+i8042$", g.cmd("interrupts"), re.M)
    assert irq and int(irq[1]) >= 120, g.out[-2000:]


def test_machine_without_i8042_says_so_and_boots_on(guest):
    # q35's FADT is ACPI 2.0+: QEMU clears IAPC_BOOT_ARCH's 8042 bit with i8042=off.
    g = guest(machine="q35,i8042=off")
    g.wait_booted()
    assert "i8042: ACPI FADT declares no 8042; probing anyway" in g.out, g.out
    m = re.search(r"^\[\s*(\d+\.\d+)\] i8042: no controller \(status port reads 0xFF\): "
                  r"no PS/2 keyboard$", g.out, re.M)
    assert m, g.out
    assert "no PS/2 keyboard (no controller)" in g.cmd("kbd")
    assert "i8042" not in g.cmd("interrupts")
