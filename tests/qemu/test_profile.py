"""The sampling profiler (issue 17): one boot, a ping flood from the test's namespace
while `profile` samples at 1000 Hz, then `top` and `dump` must be symbolized, add up,
and show the idle loop; the HTTP server streams the same folded stacks as `dump`; a rate
above HZ speeds the tick up and still samples."""
import re

from netlab import GUEST_IP, tap_netdev
from test_lwip import curl

TOP_LINE = re.compile(r"^\s*(\d+)\.(\d\d)%\s+(\d+)  (\S.*)$")
FOLDED = re.compile(r"^([A-Za-z_.][\w.]*|\[unknown\])(;([A-Za-z_.][\w.]*|\[unknown\]))* (\d+)$")


def boot(guest, netns):
    g = guest(cmdline=f"ip={GUEST_IP}/24", netdev=tap_netdev(), netns=netns)
    g.wait_booted()
    g.wait_for(r"lwip: eth0: 192\.0\.2\.2/24")
    return g


def top_rows(out):
    rows = [TOP_LINE.match(line) for line in out.splitlines()]
    return [(int(m[1]) * 100 + int(m[2]), int(m[3]), m[4]) for m in rows if m]


def test_profile_top_and_dump_under_ping_flood(guest, netns):
    g = boot(guest, netns)
    assert "0 samples, 0 dropped, 0 functions" in g.cmd("profile top")
    assert curl(netns, "/profile.folded").startswith("HTTP/1.0 404 Not Found")
    assert re.search(r"sampling at 1000 Hz", g.cmd("profile start 1000"))
    # The reports sort the buffer: refused while the interrupt still writes it.
    assert "still running" in g.cmd("profile top")
    assert curl(netns, "/profile.folded").startswith("HTTP/1.0 409 Conflict")
    # A flood for a fixed 3 s, not a count: the sample count does not shrink on a fast host.
    p = netns.run(["ping", "-f", "-w", "3", GUEST_IP], check=False)
    got = re.search(r"(\d+) received", p.stdout)
    assert got and int(got[1]) > 0, p.stdout + p.stderr
    m = re.search(r"stopped, (\d+) samples, (\d+) dropped", g.cmd("profile stop"))
    assert m, "no stop summary"
    samples = int(m[1])
    assert samples > 0

    top = g.cmd("profile top 10", timeout=120)
    assert f"{samples} samples, {m[2]} dropped" in top
    rows = top_rows(top)
    assert rows, top
    names = [r[2] for r in rows]
    assert "cpu_idle_loop" in names, top
    # Every function row names a real symbol (the "other" row sums the rest).
    funcs = [n for n in names if not n.startswith("[other")]
    assert 1 <= len(funcs) <= 10
    assert all(re.fullmatch(r"[A-Za-z_.][\w.]*", n) for n in funcs), top
    assert sum(r[1] for r in rows) == samples, top
    # Shares are rounded per row: within a hundredth of a percent per row of 100%.
    assert abs(sum(r[0] for r in rows) - 10000) <= len(rows), top
    counts = [r[1] for r in rows if not r[2].startswith("[other")]
    assert counts == sorted(counts, reverse=True), top

    dump = g.cmd("profile dump", timeout=120)
    lines = [line for line in dump.splitlines() if line.strip()]
    assert lines
    bad = [line for line in lines if not FOLDED.match(line)]
    assert not bad, bad[:5]
    assert sum(int(line.rsplit(" ", 1)[1]) for line in lines) == samples
    stacks = [line.rsplit(" ", 1)[0] for line in lines]
    assert len(set(stacks)) == len(stacks), "a stack folded twice"
    # The frame walk reaches the idle loop's caller: the chain is real, not just RIPs.
    assert any(s.endswith("start_kernel;cpu_idle_loop") for s in stacks), dump[:2000]
    # An interrupt taken in the idle loop: the walk crosses the entry's saved registers
    # and goes on to the interrupted function and its caller.
    assert any(s.startswith("start_kernel;cpu_idle_loop;isr_common;irq_exit;") for s in stacks), \
        dump[:2000]
    # The flood's receive path was sampled somewhere in some stack.
    assert re.search(r"e1000|net_rx_action|ip4_input|icmp|lwip", dump), dump[:2000]

    # The same lines over HTTP. A 4 KiB receive buffer on our side keeps the window
    # small, so the server must send the profile in many rounds as we acknowledge.
    netns.run(["sysctl", "-q", "-w", "net.ipv4.tcp_rmem=4096 4096 4096"])
    page = curl(netns, "/profile.folded")
    head, body = page.split("\r\n\r\n", 1)
    assert head.startswith("HTTP/1.0 200 OK") and "text/plain" in head, head
    assert len(body) > 4096, f"profile too small to need a stream: {len(body)} bytes"
    assert body.splitlines() == lines

    # Faster than HZ: the LAPIC timer is sped up while profiling, and put back.
    assert re.search(r"sampling at (39\d\d|40\d\d) Hz", g.cmd("profile start 4000"))
    assert "up " in g.cmd("uptime")
    m = re.search(r"stopped, (\d+) samples", g.cmd("profile stop"))
    assert m and int(m[1]) > 0
    assert "rate must be 1..10000 Hz" in g.cmd("profile start 0")
    assert "top takes 1..64" in g.cmd("profile top 0")
    assert "stopped at" in g.cmd("profile")
