"""The serial shell over QEMU's serial line: editing and history, capture,
trace rx, modinfo. The guest sits in the test's namespace at 192.0.2.2."""
import re
import time

from netlab import GUEST_IP, HOST_IP, tap_netdev

LEFT = "\x1b[D"
UP = "\x1b[A"
LINE = re.compile(r"^(\d+\.\d{6}) eth0 In ([0-9a-f:]{17}) > ([0-9a-f:]{17}), (.*)$", re.M)


def boot(guest, netns, params=""):
    g = guest(cmdline=f"ip={GUEST_IP}/24 {params}".strip(), netdev=tap_netdev(), netns=netns)
    g.wait_booted()
    g.wait_for(r"lwip: eth0: 192\.0\.2\.2/24")
    return g


def ping(netns, count=1):
    p = netns.run(["ping", "-c", str(count), "-i", "0.2", "-W", "5", GUEST_IP], check=False)
    assert p.returncode == 0, p.stdout + p.stderr


def test_line_editing_and_history_over_the_serial_line(guest, netns):
    g = boot(guest, netns)
    start = len(g.out)
    g.send("ptime\x01u\r")                          # Ctrl-A, insert at the start
    g.wait_for(r"^up \d+\.\d+ s, jiffies \d+$", start=start)
    start = len(g.out)
    g.send("junkhelp" + LEFT * 4 + "\x15" + "\x05 trace\r")   # Ctrl-U cuts "junk"
    g.wait_for(r"usage: trace \[rx on\|off\]", start=start)
    start = len(g.out)
    g.send(UP + UP + "\r")                          # two back: uptime again
    g.wait_for(r"^up \d+\.\d+ s", start=start)
    start = len(g.out)
    g.send("help tracXYZ" + LEFT * 3 + "\x0be\r")   # Ctrl-K cuts from the cursor
    g.wait_for(r"usage: trace", start=start)
    # plain lines, as every other test sends them, still work exactly
    assert "time since boot" in g.cmd("help uptime")


def test_capture_shows_a_ping_from_the_namespace(guest, netns):
    g = boot(guest, netns)
    start = len(g.out)
    g.send("capture 4\r")
    g.wait_for(r"capturing 4 frames received on any device \(any key stops\)", start=start)
    ping(netns, 3)
    m = g.wait_for(r"4 packets captured\n" + re.escape("nicstack> "), start=start, timeout=20)
    text = g.out[start:m.end()]
    lines = LINE.findall(text)
    assert len(lines) == 4, text
    echo = [rest for _, _, dst, rest in lines
            if f"{HOST_IP} > {GUEST_IP}: ICMP echo request, length 64" in rest]
    assert echo and all(r.startswith("ethertype IPv4 (0x0800), length 98: ") for r in echo), text
    assert all(dst == "52:54:00:12:34:56" or dst.startswith("33:33") or dst == "ff:ff:ff:ff:ff:ff"
               for _, _, dst, _ in lines), text


def test_capture_stops_on_a_key(guest, netns):
    g = boot(guest, netns)
    start = len(g.out)
    g.send("capture\r")
    g.wait_for(r"capturing 10 frames", start=start)
    ping(netns, 1)
    g.send("q")
    m = g.wait_for(r"(\d+) packets? captured\n" + re.escape("nicstack> "), start=start)
    assert 1 <= int(m.group(1)) < 10
    assert "RUNNING" in g.cmd("netdev")            # the shell is back
    assert "usage: capture [COUNT]" in g.cmd("capture 0")


def test_trace_rx_names_each_stage_in_order(guest, netns):
    g = boot(guest, netns)
    ping(netns, 1)                                  # ARP settled: next ping is one frame in
    assert g.cmd("trace rx on") == "trace rx on\n"
    start = len(g.out)
    ping(netns, 1)
    time.sleep(0.5)
    g.cmd("trace rx off")
    stages = re.findall(r"rx: (\w+) +0x([0-9a-f]+)", g.out[start:])
    names = [s for s, _ in stages]
    assert "netif_receive_skb" in names, g.out[start:]
    # the core's stages for the echo request, in the order the packet meets them
    want = ["napi_schedule", "net_rx_action", "netif_receive_skb"]
    at = 0
    for name in names:
        if at < len(want) and name == want[at]:
            at += 1
    assert at == len(want), names
    # the same napi object is scheduled and polled
    napi = [a for s, a in stages if s in ("napi_schedule", "net_rx_action")]
    assert len(set(napi)) == 1, stages
    assert g.cmd("trace") == "trace rx off\n"


def test_modinfo_e1000e(guest, netns):
    g = boot(guest, netns, "e1000e.weight=32")
    listing = g.cmd("modinfo")
    assert re.search(r"^  e1000e +\S", listing, re.M), listing
    out = g.cmd("modinfo e1000e")
    assert "name:           e1000e\n" in out
    assert "alias:          pci:v00008086d000010D3sv*sd*bc*sc*i*\n" in out     # 82574L
    assert re.search(r"^parm: +weight:.* = 32 \(set at run time too\)$", out, re.M), out
    assert re.search(r"^parm: +irq:.* = auto \(boot only\)$", out, re.M), out
    assert "modinfo: no module 'nosuch'" in g.cmd("modinfo nosuch")
