"""The services of issue 6 seen from outside: the status page as HTML (rendered
by headless Chromium) and as JSON, the shell's outgoing `ping`, `lwip` and
`ifconfig IFACE ADDR/PREFIX`.

The guest runs on a tap inside a private network namespace (netlab.py): host
192.0.2.1/24, guest 192.0.2.2/24. Clients (curl, ping, chromium) run inside
the namespace, so nothing leaves it.
"""
import json
import os
import re
import shutil
import subprocess
import zlib

import pytest

from netlab import GUEST_IP, HOST_IP, tap_netdev

MAC = "52:54:00:12:34:56"
STATIC = f"ip={GUEST_IP}/24"


def boot_stack(guest, netns, params=STATIC):
    g = guest(cmdline=params, netdev=tap_netdev(), netns=netns, mac=MAC)
    g.wait_booted()
    g.wait_for(rf"lwip: eth0: {re.escape(GUEST_IP)}/24 gw \S+ \(static\)")
    g.wait_for(r"eth0: up: irq")
    return g


def ping_from_host(netns, addr, count=3, interval="0.2"):
    r = netns.run(["ping", "-4", "-c", str(count), "-i", interval, "-W", "2", addr],
                  check=False, timeout=60 + count)
    m = re.search(r"(\d+) packets transmitted, (\d+) received", r.stdout)
    assert m, r.stdout + r.stderr
    return int(m.group(2))


def http_get(netns, path):
    """(status line, headers dict with lower-case keys, body bytes) from curl -i."""
    out = subprocess.run(netns.prefix() + ["curl", "-s", "-i", "--max-time", "10",
                                           f"http://{GUEST_IP}{path}"],
                         capture_output=True, timeout=30).stdout
    head, body = out.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, v in (ln.split(":", 1) for ln in lines[1:])}
    assert int(headers["content-length"]) == len(body), (headers, len(body))
    return lines[0], headers, body


# ---- PNG check without a dependency: RFC 2083 / ISO 15948 ------------------------

def png_distinct_pixels(path, limit=2):
    """Distinct pixel values in an 8-bit non-interlaced PNG (stops counting at limit)."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, hdr = 8, b"", None
    while pos < len(data):
        n = int.from_bytes(data[pos:pos + 4], "big")
        kind, chunk = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            hdr = chunk
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + n
    w, h = int.from_bytes(hdr[0:4], "big"), int.from_bytes(hdr[4:8], "big")
    depth, ctype, interlace = hdr[8], hdr[9], hdr[12]
    assert depth == 8 and interlace == 0 and ctype in (0, 2, 4, 6), hdr
    bpp = {0: 1, 2: 3, 4: 2, 6: 4}[ctype]
    raw, stride = zlib.decompress(idat), w * bpp
    prev, seen, i = bytearray(stride), set(), 0
    for _ in range(h):
        ftype, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):     # undo the row filter (PNG spec 9.2)
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], prev[x - bpp] if x >= bpp else 0
            if ftype == 1:
                line[x] = (line[x] + a) & 0xff
            elif ftype == 2:
                line[x] = (line[x] + b) & 0xff
            elif ftype == 3:
                line[x] = (line[x] + (a + b) // 2) & 0xff
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xff
        for x in range(0, stride, bpp):
            seen.add(bytes(line[x:x + bpp]))
        if len(seen) >= limit:
            return len(seen)
        prev = line
    return len(seen)


# ---- the status page -------------------------------------------------------------

def test_status_html_and_json(guest, netns):
    g = boot_stack(guest, netns)
    g.wait_for(r"eth0: fe80::\S+/64 \(link-local\)", timeout=15)    # past duplicate detection
    assert ping_from_host(netns, GUEST_IP, count=10, interval="0.05") == 10
    status, headers, body = http_get(netns, "/")
    assert status == "HTTP/1.0 200 OK" and headers["content-type"].startswith("text/html")
    html = body.decode()
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>"), html[:200]
    assert "<title>nicstack status</title>" in html
    assert f"inet {GUEST_IP} mask 255.255.255.0" in html
    assert re.search(r"^\s+irq\s+\d+ \S+\s+\d+$", html, re.M), html
    assert re.search(r"skb pool: size \d+ in_use \d+", html)

    status, headers, body = http_get(netns, "/stats.json")
    assert status == "HTTP/1.0 200 OK" and headers["content-type"] == "application/json"
    st = json.loads(body)
    eth0 = st["interfaces"][0]
    assert eth0["name"] == "eth0" and eth0["inet"] == GUEST_IP and eth0["mac"] == MAC
    assert eth0["netmask"] == "255.255.255.0" and eth0["up"] is True
    assert isinstance(eth0["stats"]["rx_packets"], int)
    assert eth0["stats"]["rx_packets"] >= 10 and eth0["stats"]["tx_packets"] >= 10, eth0
    assert any(a.startswith("fe80::") for a in eth0["inet6"]), eth0
    assert st["lwip"]["proto"]["icmp"]["recv"] >= 10
    assert st["lwip"]["pools"]["TCP_PCB"]["used"] >= 1       # this very connection or listeners
    assert st["skb_pool"]["size"] > 0 and st["uptime_ms"] > 0
    # The NIC's interrupts are counted under the driver's names (MSI-X: eth-rx, ...).
    nic = [i for i in st["irqs"] if i["name"].startswith("eth")]
    assert nic and sum(i["count"] for i in nic) > 0, st["irqs"]
    assert http_get(netns, "/stats.jsonx")[0].startswith("HTTP/1.0 404 ")
    # Counters move: a second read sees the pings sent in between.
    assert ping_from_host(netns, GUEST_IP, count=5, interval="0.05") == 5
    st2 = json.loads(http_get(netns, "/stats.json")[2])
    assert st2["interfaces"][0]["stats"]["rx_packets"] >= eth0["stats"]["rx_packets"] + 5


def find_chromium():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    pytest.fail("chromium is missing: tools/deps.sh installs Debian's chromium")


def test_status_page_renders_in_chromium(guest, netns, tmp_path):
    boot_stack(guest, netns)
    shot = tmp_path / "status.png"
    profile = tmp_path / "profile"
    r = netns.run([find_chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                   "--disable-background-networking", "--disable-component-update",
                   "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                   f"--screenshot={shot}", "--window-size=800,600", f"http://{GUEST_IP}/"],
                  check=False, timeout=120, env={**os.environ, "HOME": str(tmp_path)})
    assert shot.exists() and shot.stat().st_size > 0, r.stdout + r.stderr
    assert png_distinct_pixels(str(shot)) > 1, "the screenshot is blank"


# ---- shell: ping, lwip, ifconfig -------------------------------------------------

def test_shell_ping_gets_replies(guest, netns):
    g = boot_stack(guest, netns)
    out = g.cmd(f"ping {HOST_IP} 3", timeout=20)
    seqs = re.findall(rf"^64 bytes from {re.escape(HOST_IP)}: icmp_seq=(\d+) time=\d+\.\d ms$",
                      out, re.M)
    assert seqs == ["1", "2", "3"], out
    assert "3 packets transmitted, 3 received, 0% packet loss" in out, out
    assert re.search(r"rtt min/avg/max = [\d.]+/[\d.]+/[\d.]+ ms", out), out
    # Nobody answers there: the requests go unanswered and are counted as lost.
    out = g.cmd("ping 192.0.2.77 2", timeout=20)
    assert "2 packets transmitted, 0 received, 100% packet loss" in out, out
    for bad in ("ping", "ping 300.1.1.1", "ping banana", f"ping {HOST_IP} 0",
                f"ping {HOST_IP} x", f"ping {HOST_IP} 1 2"):
        out = g.cmd(bad)
        assert "usage: ping ADDR [COUNT]" in out, (bad, out)
    # A key stops a long run; the summary still comes and the shell is back.
    g.send(f"ping {HOST_IP} 100\r")
    g.wait_for(rf"64 bytes from {re.escape(HOST_IP)}: icmp_seq=2 ")
    g.send("x")
    g.wait_for(r"packets transmitted, \d+ received")
    out = g.cmd(f"ping {HOST_IP} 1", timeout=20)
    assert "1 packets transmitted, 1 received" in out, out
    # Every run gave its raw pcb back (MEMP_NUM_RAW_PCB is small).
    assert re.search(r"pool RAW_PCB\s+used 0 ", g.cmd("lwip")), g.cmd("lwip")


def test_shell_lwip_and_ifconfig_address_change(guest, netns):
    g = boot_stack(guest, netns)
    out = g.cmd("lwip")
    assert re.search(r"^\s+icmp\s+xmit \d+ recv \d+", out, re.M), out
    assert re.search(r"pool TCP_PCB\s+used \d+", out), out
    assert "pool TCP_PCB" in g.cmd("lwipstats")
    for bad, why in (("ifconfig eth0 192.0.2.3", "not ADDR/PREFIX"),
                     ("ifconfig eth0 192.0.2.3/33", "prefix must be 1..32"),
                     ("ifconfig eth0 192.0.2.300/24", "not a dotted-quad IPv4 address"),
                     ("ifconfig eth0 224.0.0.1/24", "not a unicast host address"),
                     ("ifconfig eth0 192.0.2.255/24", "not a unicast host address"),
                     ("ifconfig eth0 192.0.2.0/24", "not a unicast host address"),
                     ("ifconfig eth9 192.0.2.3/24", "eth9: no such interface")):
        assert why in g.cmd(bad), bad
    assert "usage: ifconfig" in g.cmd("ifconfig eth0")
    assert ping_from_host(netns, GUEST_IP, count=2) == 2      # nothing changed so far
    g.cmd("ifconfig eth0 192.0.2.3/24")
    g.wait_for(r"lwip: eth0: 192\.0\.2\.3/24 gw \S+ \(static\)")
    assert "inet 192.0.2.3 mask 255.255.255.0" in g.cmd("ifconfig")
    assert ping_from_host(netns, "192.0.2.3", count=3) == 3
    assert ping_from_host(netns, GUEST_IP, count=2) == 0      # the old address is gone


def test_shell_ping_without_lwip_says_so(guest, netns):
    """nicstack.app=reflect: no lwIP, so ping explains instead of touching it."""
    g = guest(cmdline="nicstack.app=reflect", netdev=tap_netdev(), netns=netns, mac=MAC)
    g.wait_booted()
    assert "ping: lwIP is not running" in g.cmd(f"ping {HOST_IP} 1")
    assert "not attached to lwIP" in g.cmd("ifconfig eth0 192.0.2.3/24")
    assert "help" in g.cmd("help")          # the shell is still there
