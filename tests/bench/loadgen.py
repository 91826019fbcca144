"""The bench's load generator: runs inside the bench namespace, prints JSON.

  loadgen.py firstping --interval 0.02 --timeout 10      first echo reply
  loadgen.py ping --count 500 --interval 0.01            round-trip times
  loadgen.py rr --size 64 --duration 5                   one request outstanding
  loadgen.py window --size 1472 --window 32 --duration 5 32 outstanding
  loadgen.py flood --size 64 --duration 5                send as fast as possible

Every probe carries a sequence number, so late or duplicated replies are
never mistaken for the one awaited. --proto picks what is sent: icmp (echo
request), udp (to the guest's echo port 7) or l2 (raw Ethernet frames of a
local experimental EtherType to the guest's MAC, for nicstack.app=reflect,
which sends them back with the MAC addresses swapped). Times are in
microseconds; 'first_reply' is CLOCK_MONOTONIC, which the bench shares.
"""
import argparse
import errno
import json
import os
import select
import socket
import struct
import time

GUEST_IP = "192.0.2.2"
GUEST_MAC = "52:54:00:12:34:56"
TAP = "tap0"
ECHO_PORT = 7
ETH_P_L2 = 0x88B5           # IEEE 802 local experimental EtherType 1
PACKET_OUTGOING = 4         # linux/if_packet.h: our own frame, looped back to us
MAGIC = 0x6E6963            # 'nic': tags our probes
LOST_AFTER = 0.5            # seconds without a reply before a request counts as lost


def now_us():
    return time.perf_counter_ns() // 1000


def _checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return ~s & 0xFFFF


class Udp:
    def __init__(self):
        self.s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 21)
        self.s.connect((GUEST_IP, ECHO_PORT))
        self.s.setblocking(False)

    def send(self, seq, size):
        body = struct.pack("!IQ", MAGIC, seq)
        self.s.send(body + b"\xa5" * max(0, size - len(body)))

    def recv(self):
        data = self.s.recv(65536)
        if len(data) >= 12:
            magic, seq = struct.unpack("!IQ", data[:12])
            if magic == MAGIC:
                return seq
        return None


class Icmp:
    def __init__(self):
        self.s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
        self.s.setblocking(False)
        self.ident = os.getpid() & 0xFFFF

    def send(self, seq, size):
        body = struct.pack("!IQ", MAGIC, seq) + b"\xa5" * max(0, size - 12)
        hdr = struct.pack("!BBHHH", 8, 0, 0, self.ident, seq & 0xFFFF)
        csum = _checksum(hdr + body)
        hdr = struct.pack("!BBHHH", 8, 0, csum, self.ident, seq & 0xFFFF)
        self.s.sendto(hdr + body, (GUEST_IP, 0))

    def recv(self):
        data = self.s.recv(65536)
        ihl = (data[0] & 0x0F) * 4
        icmp = data[ihl:]
        if len(icmp) >= 20 and icmp[0] == 0:
            ident = struct.unpack("!H", icmp[4:6])[0]
            magic, seq = struct.unpack("!IQ", icmp[8:20])
            if ident == self.ident and magic == MAGIC:
                return seq
        return None


class L2:
    def __init__(self):
        self.s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_L2))
        self.s.bind((TAP, ETH_P_L2))
        self.s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 21)
        self.s.setblocking(False)
        self.guest = bytes.fromhex(GUEST_MAC.replace(":", ""))
        self.mine = self.s.getsockname()[4][:6]

    def send(self, seq, size):
        body = struct.pack("!IQ", MAGIC, seq)
        body += b"\xa5" * max(0, size - len(body))
        self.s.send(self.guest + self.mine + struct.pack("!H", ETH_P_L2) + body)

    def recv(self):
        data, addr = self.s.recvfrom(65536)
        # The reflector swaps MACs: the frame comes from the guest, to us.
        if addr[2] == PACKET_OUTGOING or data[6:12] != self.guest or len(data) < 26:
            return None
        magic, seq = struct.unpack("!IQ", data[14:26])
        return seq if magic == MAGIC else None


PROTOS = {"udp": Udp, "icmp": Icmp, "l2": L2}


def drain(t, timeout):
    """Every sequence number that arrives within timeout seconds (at least one wait)."""
    got = []
    r, _, _ = select.select([t.s], [], [], max(0.0, timeout))
    while r:
        try:
            seq = t.recv()
        except BlockingIOError:
            break
        except OSError as e:
            if e.errno in (errno.ECONNREFUSED, errno.EHOSTUNREACH):
                continue
            raise
        if seq is not None:
            got.append(seq)
    return got


def _send(t, seq, size):
    """False when the host refused to send (no route yet, queue full)."""
    try:
        t.send(seq, size)
        return True
    except (BlockingIOError, OSError):
        return False


def firstping(t, a):
    deadline = time.monotonic() + a.timeout
    seq = 0
    while time.monotonic() < deadline:
        _send(t, seq, a.size)
        seq += 1
        until = time.monotonic() + a.interval
        while time.monotonic() < until:
            if drain(t, until - time.monotonic()):
                return {"first_reply": time.monotonic(), "probes": seq}
    return {"first_reply": None, "probes": seq}


def ping(t, a):
    sent, rtts = {}, {}
    start = time.monotonic()
    for seq in range(a.count):
        sent[seq] = now_us()
        _send(t, seq, a.size)
        until = start + (seq + 1) * a.interval
        while True:
            left = until - time.monotonic()
            for s in drain(t, left):
                if s in sent and s not in rtts:
                    rtts[s] = now_us() - sent[s]
            if left <= 0:
                break
    for s in drain(t, a.wait):
        if s in sent and s not in rtts:
            rtts[s] = now_us() - sent[s]
    return {"sent": a.count, "received": len(rtts),
            "rtt_us": [rtts[s] for s in sorted(rtts)]}


def rr(t, a):
    lat, lost, seq = [], 0, 0
    end = time.monotonic() + a.duration
    while time.monotonic() < end:
        t0 = now_us()
        _send(t, seq, a.size)
        deadline = time.monotonic() + LOST_AFTER
        while True:
            got = drain(t, deadline - time.monotonic())
            if seq in got:
                lat.append(now_us() - t0)
                break
            if time.monotonic() >= deadline:
                lost += 1
                break
        seq += 1
    return {"sent": seq, "received": len(lat), "lost": lost, "duration": a.duration,
            "rate": len(lat) / a.duration, "latency_us": lat}


def window(t, a):
    out, recvd, lost, seq, refused = {}, 0, 0, 0, 0
    start = time.monotonic()
    end = start + a.duration
    while time.monotonic() < end:
        while len(out) < a.window:
            if _send(t, seq, a.size):
                out[seq] = time.monotonic()
            else:
                refused += 1
            seq += 1
        for s in drain(t, 0.05):
            if out.pop(s, None) is not None:
                recvd += 1
        stale = time.monotonic() - LOST_AFTER
        for s in [s for s, ts in out.items() if ts < stale]:
            del out[s]
            lost += 1
    elapsed = time.monotonic() - start
    tail_end = time.monotonic() + LOST_AFTER
    while out and time.monotonic() < tail_end:
        for s in drain(t, tail_end - time.monotonic()):
            if out.pop(s, None) is not None:
                recvd += 1
    lost += len(out)
    sent = seq - refused
    return {"sent": sent, "received": recvd, "lost": lost, "refused": refused,
            "duration": elapsed, "rate": recvd / elapsed,
            "loss": lost / sent if sent else None}


def flood(t, a):
    sent, refused, seq = 0, 0, 0
    start = time.monotonic()
    end = start + a.duration
    while True:
        for _ in range(256):
            if _send(t, seq, a.size):
                sent += 1
            else:
                refused += 1
            seq += 1
        drain(t, 0)     # echoes are not counted, only kept from piling up
        if time.monotonic() >= end:
            break
    elapsed = time.monotonic() - start
    return {"sent": sent, "refused": refused, "duration": elapsed, "rate": sent / elapsed}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["firstping", "ping", "rr", "window", "flood"])
    p.add_argument("--proto", choices=sorted(PROTOS), default=None)
    p.add_argument("--size", type=int, default=64)
    p.add_argument("--interval", type=float, default=0.01)
    p.add_argument("--count", type=int, default=500)
    p.add_argument("--wait", type=float, default=1.0)
    p.add_argument("--timeout", type=float, default=10.0)
    p.add_argument("--duration", type=float, default=5.0)
    p.add_argument("--window", type=int, default=32)
    a = p.parse_args()
    proto = a.proto or ("icmp" if a.mode in ("firstping", "ping") else "udp")
    t = PROTOS[proto]()
    result = globals()[a.mode](t, a)
    result["proto"] = proto
    print(json.dumps(result))


if __name__ == "__main__":
    main()
