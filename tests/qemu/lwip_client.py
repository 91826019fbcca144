#!/usr/bin/python3
"""Clients for tests/qemu/test_lwip.py, run inside the test's network namespace.

Each subcommand talks to the guest and prints one JSON object on stdout:

  udp   ADDR COUNT            COUNT datagrams of sizes 1..1472 to UDP echo, one
                              at a time; counts replies that are byte-identical
  udpsizes ADDR SIZE...       the same with the given sizes (above the MTU:
                              fragmented both ways); ADDR may be IPv6
  tcp   ADDR BYTES CLIENTS    CLIENTS concurrent connections to TCP echo, each
                              sending BYTES of random data; compares the echo
  cut   ADDR BYTES MODE       sends BYTES without reading, then closes (MODE fin)
                              or resets (MODE rst, SO_LINGER 0) mid-stream
  refused ADDR PROTO PORT     "refused" if a TCP connection gets RST or a UDP
                              datagram gets ICMP port unreachable
  hostile IFACE MAC ADDR      malformed frames with scapy (see hostile())
  ra    IFACE PREFIX          one router advertisement offering PREFIX::/64 for SLAAC

Nothing leaves the namespace: ADDR is the guest on the private tap.
"""
import json
import os
import random
import socket
import sys
import threading
import time


def udp(addr, count, sizes=None):
    s = socket.socket(socket.AF_INET6 if ":" in addr else socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(2)
    s.connect((addr, 7))
    rng = random.Random(7)
    good = bad = lost = 0
    for i in range(count):
        size = sizes[i] if sizes else 1 + (i * 1471) // max(count - 1, 1)   # 1 .. 1472
        data = rng.randbytes(size)
        s.send(data)
        try:
            reply = s.recv(65536)
        except socket.timeout:
            lost += 1
            continue
        if reply == data:
            good += 1
        else:
            bad += 1
    return {"sent": count, "good": good, "bad": bad, "lost": lost}


def tcp_one(addr, data, result, idx):
    try:
        s = socket.create_connection((addr, 7), timeout=30)
        got = bytearray()

        def reader():
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                got.extend(chunk)
        t = threading.Thread(target=reader)
        t.start()
        s.sendall(data)
        s.shutdown(socket.SHUT_WR)      # the guest closes after echoing the rest
        t.join(60)
        s.close()
        result[idx] = {"sent": len(data), "received": len(got), "equal": bytes(got) == data,
                       "alive": t.is_alive()}
    except Exception as e:              # reported, so the test shows which client failed
        result[idx] = {"error": repr(e)}


def tcp(addr, nbytes, clients):
    datas = [os.urandom(nbytes) for _ in range(clients)]
    result = [None] * clients
    t0 = time.monotonic()
    threads = [threading.Thread(target=tcp_one, args=(addr, datas[i], result, i))
               for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return {"clients": result, "seconds": round(time.monotonic() - t0, 2)}


def cut(addr, nbytes, mode):
    s = socket.create_connection((addr, 7), timeout=10)
    s.setblocking(False)
    data = os.urandom(nbytes)
    sent = 0
    deadline = time.monotonic() + 5
    # Write without reading until the guest's window closes or all is out.
    while sent < len(data) and time.monotonic() < deadline:
        try:
            sent += s.send(data[sent:sent + 65536])
        except BlockingIOError:
            time.sleep(0.01)
    if mode == "rst":
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    s.close()
    return {"sent": sent, "mode": mode}


def refused(addr, proto, port):
    if proto == "tcp":
        try:
            socket.create_connection((addr, port), timeout=5).close()
            return {"result": "connected"}
        except ConnectionRefusedError:
            return {"result": "refused"}
        except socket.timeout:
            return {"result": "timeout"}
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(3)
    s.connect((addr, port))
    s.send(b"anyone there?")
    try:
        s.recv(100)
        return {"result": "answered"}
    except ConnectionRefusedError:      # ICMP port unreachable, reported by Linux
        return {"result": "refused"}
    except socket.timeout:
        return {"result": "timeout"}


def hostile(iface, mac, addr):
    from scapy.all import (Ether, IP, TCP, UDP, ICMP, Raw, fragment, sendp,  # noqa
                           conf, get_if_hwaddr)
    conf.verb = 0
    src = get_if_hwaddr(iface)
    eth = Ether(dst=mac, src=src)
    me = "192.0.2.1"
    frames = []
    ping = IP(src=me, dst=addr) / ICMP(id=1, seq=1) / Raw(b"x" * 32)
    raw = bytes(eth / ping)
    # Truncated IP headers: the frame ends inside the IPv4 header.
    for n in (1, 5, 10, 19):
        frames.append(raw[:14 + n])
    # Bad header checksum, bad ICMP, UDP and TCP checksums.
    frames.append(eth / IP(src=me, dst=addr, chksum=0x1234) / ICMP() / Raw(b"a" * 8))
    frames.append(eth / IP(src=me, dst=addr) / ICMP(chksum=0x1234) / Raw(b"a" * 8))
    frames.append(eth / IP(src=me, dst=addr) / UDP(sport=4000, dport=7, chksum=0x1234) / Raw(b"u" * 20))
    frames.append(eth / IP(src=me, dst=addr) / TCP(sport=4000, dport=7, flags="S", chksum=0x1234))
    # IP total length larger and smaller than the frame; bad IHL (< 5 and > frame).
    frames.append(eth / IP(src=me, dst=addr, len=1400) / ICMP() / Raw(b"b" * 20))
    frames.append(eth / IP(src=me, dst=addr, len=22) / ICMP() / Raw(b"b" * 20))
    frames.append(eth / IP(src=me, dst=addr, ihl=2) / ICMP() / Raw(b"c" * 20))
    frames.append(eth / IP(src=me, dst=addr, ihl=15) / ICMP())
    # Oversized: a 9000-byte frame (jumbo, above our MTU) and a 1518-byte payload.
    frames.append(eth / IP(src=me, dst=addr) / ICMP() / Raw(b"o" * 8970))
    frames.append(eth / IP(src=me, dst=addr) / ICMP() / Raw(b"o" * 1490))
    # Zero-length TCP options (kind 2 with length 0 would loop a naive parser).
    # The options ride as "payload" behind a 20-byte header whose data offset
    # covers them, so scapy still computes lengths and checksums right.
    for opt in (b"\x02\x00\x05\xb4", b"\x08\x00" + b"\x00" * 10, b"\xfe\x00\x00\x00"):
        frames.append(eth / IP(src=me, dst=addr) /
                      TCP(sport=4001, dport=7, flags="S", dataofs=5 + len(opt) // 4) / Raw(opt))
    # VLAN-tagged and unknown ethertypes.
    frames.append(Ether(dst=mac, src=src, type=0x8100) / Raw(b"\x00\x05\x08\x00" + bytes(ping)))
    frames.append(Ether(dst=mac, src=src, type=0x88b5) / Raw(b"z" * 50))
    # Fragments that never complete: first fragments of 300 datagrams (ids).
    for i in range(300):
        big = IP(src=me, dst=addr, id=0x4000 + i) / UDP(sport=4002, dport=7) / Raw(b"f" * 3000)
        frames.append(eth / fragment(big, fragsize=1400)[0])
    sendp(frames, iface=iface)
    # A SYN flood: 2000 SYNs to port 7 from random ports (and spoofed TEST-NET
    # sources, so our own kernel answers none of the SYN-ACKs with a RST).
    syns = [eth / IP(src=f"192.0.2.{100 + i % 100}", dst=addr) /
            TCP(sport=10000 + i, dport=7, flags="S", seq=random.getrandbits(32))
            for i in range(2000)]
    sendp(syns, iface=iface)
    return {"frames": len(frames), "syns": len(syns)}


def ra(iface, prefix):
    from scapy.all import (Ether, IPv6, ICMPv6ND_RA, ICMPv6NDOptPrefixInfo,  # noqa
                           ICMPv6NDOptSrcLLAddr, sendp, conf, get_if_hwaddr, in6_getifaddr)
    conf.verb = 0
    mac = get_if_hwaddr(iface)
    lladdr = [a[0] for a in in6_getifaddr() if a[2] == iface and a[0].startswith("fe80")][0]
    pkt = (Ether(src=mac, dst="33:33:00:00:00:01") /
           IPv6(src=lladdr, dst="ff02::1", hlim=255) /
           ICMPv6ND_RA(routerlifetime=0) /
           ICMPv6NDOptSrcLLAddr(lladdr=mac) /
           ICMPv6NDOptPrefixInfo(prefix=prefix + "::", prefixlen=64, L=1, A=1,
                                 validlifetime=3600, preferredlifetime=1800))
    sendp(pkt, iface=iface)
    return {"from": lladdr}


def main(argv):
    cmd = argv[1]
    if cmd == "udp":
        r = udp(argv[2], int(argv[3]))
    elif cmd == "udpsizes":
        sizes = [int(x) for x in argv[3:]]
        r = udp(argv[2], len(sizes), sizes)
    elif cmd == "tcp":
        r = tcp(argv[2], int(argv[3]), int(argv[4]))
    elif cmd == "cut":
        r = cut(argv[2], int(argv[3]), argv[4])
    elif cmd == "refused":
        r = refused(argv[2], argv[3], int(argv[4]))
    elif cmd == "hostile":
        r = hostile(argv[2], argv[3], argv[4])
    elif cmd == "ra":
        r = ra(argv[2], argv[3])
    else:
        raise SystemExit(f"unknown command {cmd}")
    print(json.dumps(r))


if __name__ == "__main__":
    main(sys.argv)
