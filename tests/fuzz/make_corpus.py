#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (tests/fuzz/corpus/NAME/).

Each seed is a small, valid example of what its target parses, built here
from the formats docs/fuzzing.md describes, so the fuzzer starts past the
first checks (checksums, lengths, handshakes). `make fuzz-corpus` reruns
this; the output is committed.

    python3 tests/fuzz/make_corpus.py tests/fuzz/corpus
"""
import os
import shutil
import struct
import sys

# ---- packets -----------------------------------------------------------------

OUR_MAC = bytes.fromhex("525400123456")
HOST_MAC = bytes.fromhex("020000000001")
BCAST = b"\xff" * 6
OUR_IP = bytes([192, 0, 2, 2])
HOST_IP = bytes([192, 0, 2, 1])
OUR_LL = bytes.fromhex("fe80000000000000505400fffe123456")
HOST_LL = bytes.fromhex("fe800000000000000000000000000001")
ISN = 1000          # the harness's ISN hook: every connection of ours starts here


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def eth(dst, etype, payload, src=HOST_MAC):
    f = dst + src + struct.pack("!H", etype) + payload
    return f + b"\0" * (60 - len(f)) if len(f) < 60 else f


def ip4(proto, payload, src=HOST_IP, dst=OUR_IP, ident=1, frag=0, ttl=64):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, frag, ttl, proto, 0,
                    src, dst)
    return h[:10] + struct.pack("!H", csum(h)) + h[12:] + payload


def l4sum4(proto, seg, src=HOST_IP, dst=OUR_IP):
    return csum(src + dst + struct.pack("!BBH", 0, proto, len(seg)) + seg)


def tcp(sport, dport, seq, ack, flags, data=b"", win=65535, opts=b"", src=HOST_IP, dst=OUR_IP,
        v6=False):
    off = (20 + len(opts)) // 4
    seg = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF, off << 4,
                      flags, win, 0, 0) + opts + data
    s = l4sum6(6, seg, src, dst) if v6 else l4sum4(6, seg, src, dst)
    return seg[:16] + struct.pack("!H", s) + seg[18:]


def udp(sport, dport, data, src=HOST_IP, dst=OUR_IP, v6=False):
    seg = struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data
    s = l4sum6(17, seg, src, dst) if v6 else l4sum4(17, seg, src, dst)
    return seg[:6] + struct.pack("!H", s or 0xFFFF) + seg[8:]


def icmp4(typ, code, body):
    m = struct.pack("!BBH", typ, code, 0) + body
    return m[:2] + struct.pack("!H", csum(m)) + m[4:]


def l4sum6(nh, seg, src, dst):
    return csum(src + dst + struct.pack("!IxxxB", len(seg), nh) + seg)


def ip6(nh, payload, src=HOST_LL, dst=OUR_LL, hlim=255):
    return struct.pack("!IHBB16s16s", 0x60000000, len(payload), nh, hlim, src, dst) + payload


def icmp6(typ, code, body, src=HOST_LL, dst=OUR_LL):
    m = struct.pack("!BBH", typ, code, 0) + body
    return m[:2] + struct.pack("!H", l4sum6(58, m, src, dst)) + m[4:]


FIN, SYN, RST, PSH, ACK = 1, 2, 4, 8, 16

ARP_REQ = eth(BCAST, 0x0806, struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1, HOST_MAC, HOST_IP,
                                         b"\0" * 6, OUR_IP))
ARP_REPLY = eth(OUR_MAC, 0x0806, struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 2, HOST_MAC,
                                             HOST_IP, OUR_MAC, OUR_IP))


def tcp4(sport, dport, seq, ack, flags, data=b"", **kw):
    return eth(OUR_MAC, 0x0800, ip4(6, tcp(sport, dport, seq, ack, flags, data, **kw)))


def tcp6(sport, dport, seq, ack, flags, data=b"", **kw):
    return eth(OUR_MAC, 0x86DD, ip6(6, tcp(sport, dport, seq, ack, flags, data, src=HOST_LL,
                                          dst=OUR_LL, v6=True, **kw), hlim=64))


# ---- rx_frame records (fuzz_rx_frame.c) ------------------------------------------

def frame(f, batch=False):
    return bytes([0x01 if batch else 0x00]) + struct.pack("!H", len(f)) + f


def desc(data, status=0x02, errors=0, desc_len=None):
    dl = len(data) if desc_len is None else desc_len
    return bytes([0x40, status, errors]) + struct.pack("!HH", dl, len(data)) + data


def wait_ms(ms):
    """Time records adding up to about ms."""
    out = b""
    while ms >= 1000:
        s = min(ms // 1000, 32)
        out += bytes([0x80 | (31 + s)])
        ms -= s * 1000
    while ms > 0:
        n = min((ms + 24) // 25, 32)
        out += bytes([0x80 | (n - 1)])
        ms -= n * 25
    return out


def ctl(op):
    return bytes([0xC0 | op])


def tcp_session(port, payload, sport=40000, close=True, v6=False):
    mk = tcp6 if v6 else tcp4
    r = frame(mk(sport, port, 5000, 0, SYN))
    r += frame(mk(sport, port, 5001, ISN + 1, ACK))
    seq = 5001
    for chunk in payload:
        r += frame(mk(sport, port, seq, ISN + 1, ACK | PSH, chunk))
        seq += len(chunk)
        r += wait_ms(250)
    if close:
        r += frame(mk(sport, port, seq, ISN + 1, ACK | FIN))
        r += wait_ms(500)
    return r


def rx_frame_seeds():
    s = {}
    static = bytes([0x00])
    s["arp"] = static + frame(ARP_REQ)
    s["ping"] = static + frame(ARP_REQ) + frame(eth(OUR_MAC, 0x0800, ip4(1, icmp4(
        8, 0, struct.pack("!HH", 0x1234, 1) + bytes(range(56))))))
    s["echo_tcp"] = static + frame(ARP_REQ) + tcp_session(7, [b"hello, echo\n", b"x" * 300])
    s["echo_udp"] = static + frame(ARP_REQ) + frame(eth(OUR_MAC, 0x0800, ip4(17, udp(
        40001, 7, b"datagram"))))
    s["http"] = static + frame(ARP_REQ) + tcp_session(80, [b"GET / HTTP/1.0\r\n\r\n"]) + \
        frame(tcp4(40000, 80, 5020, ISN + 1 + 4000, ACK)) + wait_ms(2000)
    hdr = struct.pack("!IIIIIIIIII", 0, 0, 0, 5001, 0, 0, 0, 0, 0, 0)
    s["iperf"] = static + frame(ARP_REQ) + tcp_session(5001, [hdr, b"\x5a" * 1400, b"\x5a" * 1400])
    # Two fragments of one ICMP echo request.
    body = icmp4(8, 0, struct.pack("!HH", 7, 1) + bytes(100))
    s["ip_fragments"] = static + frame(ARP_REQ) + \
        frame(eth(OUR_MAC, 0x0800, ip4(1, body[:64], ident=77, frag=0x2000))) + \
        frame(eth(OUR_MAC, 0x0800, ip4(1, body[64:], ident=77, frag=8))) + wait_ms(1000)
    # Out of order TCP data, then the hole filled.
    s["tcp_ooseq"] = static + frame(ARP_REQ) + frame(tcp4(40002, 7, 5000, 0, SYN)) + \
        frame(tcp4(40002, 7, 5001, ISN + 1, ACK)) + \
        frame(tcp4(40002, 7, 5101, ISN + 1, ACK, b"B" * 100)) + \
        frame(tcp4(40002, 7, 5001, ISN + 1, ACK, b"A" * 100)) + wait_ms(600) + \
        frame(tcp4(40002, 7, 5201, ISN + 1, RST))
    # IPv6: neighbour solicitation for our link-local address, then a ping.
    # The address is tentative (duplicate detection) for its first seconds:
    # until then lwIP takes nothing addressed to it.
    ns = icmp6(135, 0, b"\0" * 4 + OUR_LL + bytes([1, 1]) + HOST_MAC)
    echo6 = icmp6(128, 0, struct.pack("!HH", 9, 1) + b"ping6")
    s["ipv6_nd_ping"] = static + wait_ms(3000) + frame(eth(OUR_MAC, 0x86DD, ip6(58, ns))) + \
        frame(eth(OUR_MAC, 0x86DD, ip6(58, echo6)))
    # An ICMPv6 echo request in two fragments (RFC 8200 4.5).
    big6 = icmp6(128, 0, struct.pack("!HH", 10, 1) + bytes(200))
    def frag6(off, more, part):
        return eth(OUR_MAC, 0x86DD, ip6(44, struct.pack("!BBHI", 58, 0, off | more, 0x1234) + part,
                                        hlim=64))
    s["ipv6_fragments"] = static + wait_ms(3000) + frame(eth(OUR_MAC, 0x86DD, ip6(58, ns))) + \
        frame(frag6(0, 1, big6[:104])) + frame(frag6(104, 0, big6[104:])) + wait_ms(1000)
    # A router advertisement with a /64 prefix (SLAAC), MTU option.
    ra = icmp6(134, 0, struct.pack("!BBHII", 64, 0, 1800, 0, 0) + bytes([1, 1]) + HOST_MAC +
               struct.pack("!BBHI", 5, 1, 0, 1500) +
               struct.pack("!BBBBII4x16s", 3, 4, 64, 0xC0, 86400, 14400,
                           bytes.fromhex("20010db8000000010000000000000000")),
               dst=bytes.fromhex("ff020000000000000000000000000001"))
    s["ipv6_ra"] = static + frame(eth(bytes.fromhex("333300000001"), 0x86DD, ip6(
        58, ra, dst=bytes.fromhex("ff020000000000000000000000000001")))) + wait_ms(3000)
    s["ipv6_tcp_echo"] = bytes([0x00]) + wait_ms(3000) + frame(eth(OUR_MAC, 0x86DD, ip6(58, ns))) + \
        tcp_session(7, [b"six"], v6=True)
    # DHCP: the client's xid is LWIP_RAND() (4 in the harness); offer then ack.
    def dhcp(msgtype):
        b = struct.pack("!BBBBIHH4s4s4s4s16s64s128s", 2, 1, 6, 0, 4, 0, 0, b"\0" * 4,
                        OUR_IP, HOST_IP, b"\0" * 4, OUR_MAC + b"\0" * 10, b"", b"")
        b += bytes([99, 130, 83, 99, 53, 1, msgtype, 54, 4]) + HOST_IP + \
            bytes([51, 4, 0, 0, 0x0E, 0x10, 1, 4, 255, 255, 255, 0, 3, 4]) + HOST_IP + b"\xff"
        return eth(BCAST, 0x0800, ip4(17, udp(67, 68, b, dst=b"\xff\xff\xff\xff"),
                                      dst=b"\xff\xff\xff\xff"))
    s["dhcp"] = bytes([0x01]) + wait_ms(100) + frame(dhcp(2)) + wait_ms(1000) + frame(dhcp(5)) + \
        wait_ms(2000) + frame(ARP_REQ)
    # The driver's side: bad descriptors, a frame over two buffers, batches.
    s["descriptors"] = static + desc(ARP_REQ, status=0x00) + desc(ARP_REQ, errors=0x01) + \
        desc(ARP_REQ, desc_len=4000) + desc(ARP_REQ, status=0x02 | 0x20 | 0x40) + \
        desc(ARP_REQ, errors=0x60) + frame(eth(OUR_MAC, 0x0800, ip4(1, icmp4(8, 0, bytes(2000)))))
    s["batch"] = static + b"".join(frame(ARP_REQ, batch=True) for _ in range(70)) + ctl(0)
    s["link_flap"] = static + frame(ARP_REQ) + ctl(1) + wait_ms(3000) + ctl(2) + wait_ms(3000) + \
        frame(ARP_REQ)
    s["tx_hold"] = static + frame(ARP_REQ) + ctl(3) + tcp_session(7, [b"y" * 1000] * 3) + \
        wait_ms(5000) + ctl(4)
    # The kernel's own ping (shell command), and replies to it (id = LWIP_RAND() = 4).
    reply = icmp4(0, 0, struct.pack("<H", 4) + struct.pack("!H", 1) + bytes(56))
    s["shell_ping"] = static + frame(ARP_REPLY) + ctl(5) + \
        frame(eth(OUR_MAC, 0x0800, ip4(1, reply, ident=9))) + wait_ms(3000)
    for name, cfg in (("msi", 0x04), ("intx", 0x08), ("poll", 0x0C), ("legacy", 0x10),
                      ("copybreak0", 0x02), ("small_pool", 0x80), ("raw_csum", 0x20)):
        s["echo_" + name] = bytes([cfg]) + frame(ARP_REQ) + tcp_session(7, [b"z" * 700] * 2)
    return s


# ---- the other targets -------------------------------------------------------------

def http_seeds():
    return {
        "get_root": b"\x1f" + b"GET / HTTP/1.0\r\n\r\n",
        "get_json": b"\x1f" + b"GET /stats.json HTTP/1.1\r\nHost: x\r\n\r\n",
        "not_found": b"\x1f" + b"GET /nothing HTTP/1.0\r\n\r\n",
        "bad": b"\x1f" + b"POST / HTTP/1.0\r\n\r\n",
        "slow": b"\x20" + b"GET / HTTP/1.0\r\n\r\n",
        "fin": b"\x5f" + b"GET / HTTP/1.0\r\n",
        "long": b"\x1f" + b"GET /" + b"a" * 300 + b" HTTP/1.0\r\n",
        "nul": b"\x1f" + b"GET /\0 HTTP/1.0\r\n",
        "zero_copy": b"\x9f" + b"GET / HTTP/1.0\n",
    }


def shell_seeds():
    up, down, right, left = b"\x1b[A", b"\x1b[B", b"\x1b[C", b"\x1b[D"
    return {
        "help": b"help\r",
        "ifconfig_set": b"ifconfig eth0 192.0.2.9/24\r",
        "ping": b"ping 192.0.2.1 2\r",
        "set": b"set loglevel 3\rset e1000e.itr 4000\rparams\r",
        "edit": b"helo" + left + b"l" + b"\x1b[H\x1b[F" + b"\x7f" + b"p\r",
        "history": up + up + down + b"\r" + b"\x10\x0e\r",
        "keys": b"abc\x01\x05\x02\x06\x15\x0b\x1b[1~\x1b[4~\x1b[3~\x1bOA\x1b[1;5C" + b"\r",
        "quotes": b'help "set"\r' + b'ifconfig "eth0" 192.0.2.3/24\r',
        "capture": b"capture 3\rx",
        "trace": b"trace rx on\rtrace\rtrace rx off\r",
        "ethtool": b"ethtool -S eth0\rreset eth0\r",
        "ifupdown": b"ifdown eth0\rifup eth0\r",
        "modinfo": b"modinfo\rmodinfo e1000e\r",
        "stats": b"lwip\rskb\rsoftnet\rnetdev\rsoftirqs\ruptime\r",
        "too_long": b"x" * 300 + b"\r",
    }


def boot_params_seeds():
    return {
        "qemu": b"loglevel=6 e1000e.irq=auto",
        "static": b"ip=192.0.2.2/24 gw=192.0.2.1 ip6=2001:db8::2/64",
        "driver": b"e1000e.napi=0 e1000e.weight=16 e1000e.rx_ring=128 e1000e.tx_ring=100 "
                  b"e1000e.itr=20000 e1000e.irq=intx",
        "services": b"nicstack.echo=0 nicstack.http=1 nicstack.iperf=0 nicstack.copybreak=0 "
                    b"nicstack.echo_conns=4 nicstack.tcp_backlog=2 nicstack.echo_idle=10",
        "core": b"netdev_budget=16 netdev_budget_usecs=100 netdev_max_backlog=10",
        "quotes": b'/boot/nicstack.elf nicstack.app="stack" loglevel=7 unknown=1 e1000e.weight=x',
        "poll": b"e1000e.irq=poll nicstack.echo_pending=2 nicstack.tcp_evict_idle=0",
    }


def le(fmt, *v):
    return struct.pack("<" + fmt, *v)


def acpi_table(sig, body, rev=1):
    t = sig + le("IBB6s8sIII", 36 + len(body), rev, 0, b"NICSTK", b"FUZZTBL ", 1, 0, 1) + body
    return t[:9] + bytes([(-sum(t)) & 0xFF]) + t[10:]


def acpi_seeds():
    base, stride = 0x100000, 0x10000
    madt = acpi_table(b"APIC", le("II", 0xFEE00000, 1) +
                      bytes([0, 8, 0, 0]) + le("I", 1) + bytes([0, 8, 1, 1]) + le("I", 1) +
                      bytes([1, 12, 0, 0]) + le("II", 0xFEC00000, 0) +
                      bytes([2, 10, 0, 0]) + le("IH", 2, 0) +
                      bytes([2, 10, 0, 9]) + le("IH", 9, 0xD) +
                      bytes([4, 6, 0xFF, 5, 0, 1]) + bytes([5, 12, 0, 0]) + le("Q", 0xFEE00000))
    mcfg = acpi_table(b"MCFG", bytes(8) + le("QHBBI", 0xB0000000, 0, 0, 255, 0))
    # DSDT with Name(\_S5_, Package(4){5, 5, 0, 0}) inside some other AML.
    aml = bytes([0x10, 0x05, 0x5C, 0x5F, 0x53, 0x42, 0x5F]) + \
        bytes([0x08, 0x5C]) + b"_S5_" + bytes([0x12, 0x08, 0x04, 0x0A, 0x05, 0x0A, 0x05, 0x00,
                                               0x00])
    dsdt = acpi_table(b"DSDT", aml, rev=2)
    dsdt_addr = base + 4 * stride                                   # after XSDT, MADT, MCFG, FADT
    fadt_body = bytearray(244 - 36)
    struct.pack_into("<II", fadt_body, 0, 0, dsdt_addr)            # FACS, DSDT
    struct.pack_into("<IBB", fadt_body, 48 - 36, 0xB2, 0xF1, 0xF0)  # SMI_CMD, enable, disable
    struct.pack_into("<II", fadt_body, 56 - 36, 0x600, 0)          # PM1a/b event
    struct.pack_into("<II", fadt_body, 64 - 36, 0x604, 0)          # PM1a/b control
    struct.pack_into("<I", fadt_body, 112 - 36, 1 << 10)           # RESET_REG_SUP
    struct.pack_into("<BBBBQB", fadt_body, 116 - 36, 1, 8, 0, 1, 0xCF9, 6)
    struct.pack_into("<Q", fadt_body, 140 - 36, dsdt_addr)         # X_DSDT
    fadt = acpi_table(b"FACP", bytes(fadt_body), rev=5)
    tables = [madt, mcfg, fadt, dsdt]
    addrs = [base + (i + 1) * stride for i in range(3)]
    xsdt = acpi_table(b"XSDT", b"".join(le("Q", a) for a in addrs))
    rsdt = acpi_table(b"RSDT", b"".join(le("I", a) for a in addrs))

    def rsdp(rev, root):
        r = bytearray(b"RSD PTR " + b"\0" + b"BOCHS " + bytes([rev]) + le("I", root) +
                      le("I", 36) + le("Q", base if rev else 0) + bytes(4))
        r[8] = (-sum(r[:20])) & 0xFF
        r[32] = (-sum(r[:36])) & 0xFF
        return bytes(r[:36] if rev else r[:20])

    def blob(flags, r, tabs):
        return bytes([flags, len(r)]) + r + b"".join(le("H", len(t)) + t for t in tabs)
    return {
        "xsdt": blob(1, rsdp(2, 0), [xsdt] + tables[:3] + [dsdt]),
        "rsdt": blob(1, rsdp(0, base), [rsdt] + tables[:3] + [dsdt]),
        "raw_checksums": blob(0, rsdp(2, 0), [xsdt] + tables[:3] + [dsdt]),
        "madt_only": blob(1, rsdp(0, base), [acpi_table(b"RSDT", le("I", base + stride)), madt]),
    }


def multiboot2_seeds():
    def tag(typ, body):
        t = le("II", typ, 8 + len(body)) + body
        return t + b"\0" * (-len(t) % 8)
    mmap = le("II", 24, 0) + le("QQII", 0, 0x9FC00, 1, 0) + le("QQII", 0x100000, 0x7F00000, 1, 0) + \
        le("QQII", 0xFEC00000, 0x1000, 2, 0)
    rsdp = b"RSD PTR " + bytes(12)
    tags = tag(1, b"loglevel=7 ip=192.0.2.2/24\0") + tag(2, b"GRUB 2.06\0") + tag(6, mmap) + \
        tag(14, rsdp) + tag(15, rsdp + bytes(16)) + tag(12, le("Q", 0x7F000000))
    end = tag(0, b"")
    # Framebuffer tags (type 8) as GRUB passes them: VBE/GOP 1024x768x32 RGB, EGA text.
    fb_rgb = tag(8, le("QIIIBBH", 0xFD000000, 4096, 1024, 768, 32, 1, 0) + bytes([16, 8, 8, 8, 0, 8]))
    fb_text = tag(8, le("QIIIBBH", 0xB8000, 160, 80, 25, 16, 2, 0))
    with_fb = tags + fb_rgb
    return {
        "grub_bios": le("II", 8 + len(tags) + len(end), 0) + tags + end,
        "grub_vbe": le("II", 8 + len(with_fb) + len(end), 0) + with_fb + end,
        "grub_text": le("II", 8 + len(tags) + len(fb_text) + len(end), 0) + tags + fb_text + end,
        "minimal": le("II", 16, 0) + end,
        "no_end": le("II", 8 + len(tags), 0) + tags,
    }


def pci_seeds():
    def cfg(vendor, device, cmd, status, klass, hdr, bars, caps, pin=1, line=11):
        c = bytearray(256)
        struct.pack_into("<HHHHI", c, 0, vendor, device, cmd, status, klass << 8)
        c[0x0E] = hdr
        for i, b in enumerate(bars):
            struct.pack_into("<I", c, 0x10 + 4 * i, b)
        struct.pack_into("<HH", c, 0x2C, 0x8086, 0)
        c[0x3C], c[0x3D] = line, pin
        if caps:
            c[0x34] = caps[0][0]
            for i, (pos, body) in enumerate(caps):
                nxt = caps[i + 1][0] if i + 1 < len(caps) else 0
                c[pos:pos + len(body)] = body
                c[pos + 1] = nxt
        return bytes(c)
    msix = (0xA0, bytes([0x11, 0]) + le("HII", 4, 3, 3 | 0x2000))          # 5 entries in BAR3
    msi = (0xD0, bytes([0x05, 0]) + le("H", 0x0084) + bytes(20))         # 64-bit, 4 vectors
    pcie = (0xE0, bytes([0x10, 0]) + le("H", 2) + bytes(56))
    nic = cfg(0x8086, 0x10D3, 0x0400, 0x0010, 0x020000, 0,
              [0xFEB80000, 0, 0, 0xFEBC0000, 0, 0], [msix, msi, pcie])
    # Left in D3hot (PMCSR 3), ASPM L0s+L1 on in Link Control (PCIe cap + 0x10).
    pm_d3 = (0xC8, bytes([0x01, 0]) + le("HH", 0x0003, 0x0003) + bytes(2))
    pcie_aspm = (0xE0, bytes([0x10, 0]) + le("H", 2) + bytes(12) + le("H", 0x0003) + bytes(42))
    nic_d3 = cfg(0x8086, 0x10D3, 0x0400, 0x0010, 0x020000, 0,
                 [0xFEB80000, 0, 0, 0xFEBC0000, 0, 0], [msix, pm_d3, msi, pcie_aspm])
    bars = bytes([17, 0, 0, 14, 0, 0])
    table = b"\x5a" * 80
    loop = cfg(0x1234, 0x5678, 0, 0x0010, 0x010000, 0, [0xC001, 0, 0, 0, 0, 0],
               [(0x40, bytes([0x05, 0x40]) + le("H", 0))])
    bridge = cfg(0x8086, 0x244E, 0x0007, 0x0010, 0x060400, 0x81, [0, 0, 0x00020100, 0, 0, 0],
                 [(0x50, bytes([0x10, 0]) + le("H", 0x42))], pin=0)
    mem64 = cfg(0x1AF4, 0x1041, 0, 0x0010, 0x020000, 0,
                [0, 0, 0, 0, 0xFE000004, 0], [(0x98, bytes([0x11, 0]) + le("HII", 1, 4, 4 | 0x800))])
    return {
        "e1000e": bytes([0x01 | 0x20]) + bars + nic + table,
        "e1000e_ports": bytes([0x00]) + bars + nic + table,
        "e1000e_d3hot_aspm": bytes([0x01 | 0x20]) + bars + nic_d3 + table,
        "msi_only": bytes([0x02]) + bars + nic,
        "intx_only": bytes([0x02]) + bytes(6) + cfg(0x8086, 0x100E, 0, 0, 0x020000, 0,
                                                    [0xFEB80000, 0xC001, 0, 0, 0, 0], []),
        "cap_loop": bytes([0x00]) + bytes([0, 0, 0, 0, 0, 0]) + loop,
        "bridge": bytes([0x01]) + bytes(6) + bridge,
        "mem64_msix": bytes([0xF1]) + bytes([0, 0, 0, 0, 13, 0]) + mem64 + b"\x00" * 64,
    }


TARGETS = {
    "rx_frame": rx_frame_seeds,
    "http_request": http_seeds,
    "shell_line": shell_seeds,
    "boot_params": boot_params_seeds,
    "acpi_tables": acpi_seeds,
    "multiboot2_info": multiboot2_seeds,
    "pci_caps": pci_seeds,
}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "corpus")
    for name, fn in TARGETS.items():
        d = os.path.join(out, name)
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        for seed, data in sorted(fn().items()):
            with open(os.path.join(d, seed), "wb") as f:
                f.write(data)
        print("%-16s %d seeds" % (name, len(fn())))


if __name__ == "__main__":
    main()
