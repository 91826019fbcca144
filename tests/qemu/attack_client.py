#!/usr/bin/python3
"""Attacks on the guest for tests/qemu/test_attacks.py, run inside the test's
network namespace: what a hostile peer on the same link can send. Each
subcommand prints one JSON object on stdout.

  ptb IFACE MAC MTU [DEST]      an ICMPv6 Packet Too Big from the tap's link-local
                                address to the guest's, claiming the guest's
                                packets to DEST (default: the tap's own
                                link-local address) need MTU bytes
  iperf-holes IFACE MAC ADDR ORDER
                                a raw TCP connection to iperf (5001) from a
                                spoofed TEST-NET address: the 24-byte header,
                                then the pieces of 40 bytes of data in ORDER
                                (e.g. "2,3,1": piece 1 last fills the hole)
  zerowin ADDR SECONDS          a TCP echo client that never reads (its window
                                closes) and, after 64 KB, sends one-byte
                                segments until the guest stops taking them
  idle ADDR PORT COUNT HOLD     COUNT connections to PORT that send nothing,
                                all held open HOLD seconds, then closed
  synflood IFACE MAC ADDR N RATE PORT...
                                N SYNs from spoofed TEST-NET-1 sources, spread
                                over the PORTs, RATE per second

Nothing leaves the namespace: ADDR is the guest on the private tap, and
spoofed sources are TEST-NET-1 (192.0.2.0/24) addresses nobody owns.
"""
import json
import os
import random
import socket
import sys
import time

SPOOFED = "192.0.2.77"      # the raw TCP clients' address (no host owns it)


def scapy():
    import scapy.all as s
    s.conf.verb = 0
    return s


def link_local(s, iface):
    return [a[0] for a in s.in6_getifaddr() if a[2] == iface and a[0].startswith("fe80")][0]


def ptb(iface, mac, mtu, dest=None):
    s = scapy()
    me = link_local(s, iface)
    guest = "fe80::" + mac_to_eui64(mac)
    # The quoted packet: one the guest could have sent to dest.
    quoted = s.IPv6(src=guest, dst=dest or me) / s.ICMPv6EchoReply(id=1, seq=1, data=b"q" * 64)
    pkt = (s.Ether(src=s.get_if_hwaddr(iface), dst=mac) / s.IPv6(src=me, dst=guest) /
           s.ICMPv6PacketTooBig(mtu=mtu) / bytes(quoted))
    s.sendp(pkt, iface=iface)
    return {"mtu": mtu, "quoted_dst": dest or me}


def mac_to_eui64(mac):
    """RFC 4291 2.5.1: the interface identifier of a link-local address."""
    b = [int(x, 16) for x in mac.split(":")]
    b[0] ^= 2
    groups = (b[0] << 8 | b[1], b[2] << 8 | 0xff, 0xfe << 8 | b[3], b[4] << 8 | b[5])
    return ":".join("%x" % g for g in groups)


class RawTcp:
    """A TCP client built by hand from a spoofed address the host does not own,
    so the host kernel neither answers nor resets what the guest sends it.
    The guest learns the address's MAC (the tap's) from our ARP request."""

    def __init__(self, s, iface, mac, addr, dport):
        self.s, self.iface, self.addr, self.dport = s, iface, addr, dport
        self.eth = s.Ether(src=s.get_if_hwaddr(iface), dst=mac)
        self.sport = random.randint(20000, 60000)
        s.sendp(self.eth / s.ARP(op=1, hwsrc=s.get_if_hwaddr(iface), psrc=SPOOFED,
                                 pdst=addr), iface=iface)
        time.sleep(0.2)
        self.isn = random.getrandbits(32)
        syn = self.eth / s.IP(src=SPOOFED, dst=addr) / s.TCP(sport=self.sport, dport=dport,
                                                             flags="S", seq=self.isn)
        ans = s.srp1(syn, iface=iface, timeout=5)
        if ans is None or s.TCP not in ans or ans[s.TCP].flags & 0x12 != 0x12:
            raise RuntimeError(f"no SYN-ACK from {addr}:{dport}: {ans!r}")
        self.ack = ans[s.TCP].seq + 1
        self.base = self.isn + 1
        self.send(b"", 0, flags="A")

    def send(self, data, offset, flags="PA"):
        s = self.s
        seg = (self.eth / s.IP(src=SPOOFED, dst=self.addr) /
               s.TCP(sport=self.sport, dport=self.dport, flags=flags,
                     seq=(self.base + offset) & 0xffffffff, ack=self.ack, window=65535))
        if data:
            seg = seg / s.Raw(data)
        s.sendp(seg, iface=self.iface)

    def reset(self):
        """A reset the guest accepts whatever it took: at exactly the sequence
        number it expects next (RFC 5961: any other gets a challenge ACK).
        An empty ACK makes it say which one that is."""
        s = self.s

        def from_guest(p):
            return (s.TCP in p and p[s.IP].src == self.addr and p[s.TCP].dport == self.sport)
        sniffer = s.AsyncSniffer(iface=self.iface, lfilter=from_guest, store=True)
        sniffer.start()
        time.sleep(0.3)
        self.send(b"", 0, flags="A")
        time.sleep(0.7)
        seen = sniffer.stop()
        if not seen:
            return False
        seq = seen[-1][s.TCP].ack
        s.sendp(self.eth / s.IP(src=SPOOFED, dst=self.addr) /
                s.TCP(sport=self.sport, dport=self.dport, flags="R", seq=seq), iface=self.iface)
        return True


def iperf_holes(iface, mac, addr, order):
    """40 bytes after the header in pieces [0,10) [10,30) [30,40) ... sent in ORDER."""
    s = scapy()
    pieces = {1: (0, 10), 2: (10, 30), 3: (30, 40)}
    header = bytes(24)                      # lwiperf_settings_t, all zero: plain receive
    c = RawTcp(s, iface, mac, addr, 5001)
    c.send(header, 0)
    time.sleep(0.2)
    data = bytes(ord("0") + (i + 4) % 10 for i in range(40))     # iperf's digits
    for p in order:
        a, b = pieces[p]
        c.send(data[a:b], 24 + a)
        time.sleep(0.2)
    return {"order": order, "sent": 24 + 40, "reset": c.reset()}


def zerowin(addr, seconds):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # A small receive buffer: the window we advertise closes after a few KB.
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.settimeout(10)
    s.connect((addr, 7))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    s.setblocking(False)
    first = os.urandom(64 << 10)
    sent = tiny = 0
    deadline = time.monotonic() + seconds
    while sent < len(first) and time.monotonic() < deadline:
        try:
            sent += s.send(first[sent:])
        except BlockingIOError:
            time.sleep(0.01)
    # One byte per segment from here, until the guest's window is shut and
    # the host's send buffer is full too (send() would block), or time is up.
    blocked_since = None
    while time.monotonic() < deadline:
        try:
            tiny += s.send(b"x")
            blocked_since = None
        except BlockingIOError:
            blocked_since = blocked_since or time.monotonic()
            if time.monotonic() - blocked_since > 2:
                break
            time.sleep(0.005)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    s.close()                               # a reset: the guest frees what it held
    return {"sent": sent, "one_byte_sends": tiny}


def idle(addr, port, count, hold):
    socks, refused = [], 0
    for _ in range(count):
        try:
            socks.append(socket.create_connection((addr, port), timeout=5))
        except OSError:
            refused += 1
    time.sleep(hold)
    alive = reset = 0
    for c in socks:
        c.setblocking(False)
        try:
            c.recv(1)                   # data or FIN: not what an idle peer gets
        except BlockingIOError:
            alive += 1
        except OSError:
            reset += 1                  # the guest evicted it
        c.close()
    return {"connected": len(socks), "refused": refused, "alive_at_end": alive,
            "reset": reset}


def synflood(iface, mac, addr, n, rate, ports):
    s = scapy()
    eth = s.Ether(src=s.get_if_hwaddr(iface), dst=mac)
    rng = random.Random(11)
    frames = [bytes(eth / s.IP(src=f"192.0.2.{100 + i % 100}", dst=addr) /
                    s.TCP(sport=1024 + rng.randrange(60000), dport=ports[i % len(ports)],
                          flags="S", seq=rng.getrandbits(32)))
              for i in range(n)]
    t0 = time.monotonic()
    sock = s.conf.L2socket(iface=iface)
    try:
        for i, f in enumerate(frames):
            sock.send(f)
            ahead = t0 + (i + 1) / rate - time.monotonic()
            if ahead > 0.005:
                time.sleep(ahead)
    finally:
        sock.close()
    return {"syns": n, "seconds": round(time.monotonic() - t0, 2)}


def main(argv):
    cmd, args = argv[1], argv[2:]
    if cmd == "ptb":
        r = ptb(args[0], args[1], int(args[2]), args[3] if len(args) > 3 else None)
    elif cmd == "iperf-holes":
        r = iperf_holes(args[0], args[1], args[2], [int(x) for x in args[3].split(",")])
    elif cmd == "zerowin":
        r = zerowin(args[0], float(args[1]))
    elif cmd == "idle":
        r = idle(args[0], int(args[1]), int(args[2]), float(args[3]))
    elif cmd == "synflood":
        r = synflood(args[0], args[1], args[2], int(args[3]), float(args[4]),
                     [int(p) for p in args[5:]])
    else:
        raise SystemExit(f"unknown command {cmd}")
    print(json.dumps(r))


if __name__ == "__main__":
    main(sys.argv)
