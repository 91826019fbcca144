#!/usr/bin/env python3
"""Sends numbered Ethernet frames to a guest and checks what comes back.

Runs inside a test's network namespace (ip netns exec NS l2probe.py ...).
Frames are built with scapy, sent and received on one AF_PACKET socket
bound to the tap. Each carries a sequence number and a payload derived from
it, so a reply can be checked byte for byte. At most --window frames are in
flight: paced, so losses mean a bug, not an overfull queue. Prints JSON.
"""
import argparse
import json
import os
import random
import select
import socket
import struct
import sys
import time

from scapy.layers.l2 import Ether

ETHERTYPE = 0x88B5          # IEEE 802 local experimental
HDR = struct.Struct("!IH")  # sequence, frame size


def build(seq, size, src, dst):
    payload_len = size - 14 - HDR.size
    rnd = random.Random(seq)
    body = HDR.pack(seq, size) + bytes(rnd.getrandbits(8) for _ in range(payload_len))
    return bytes(Ether(src=src, dst=dst, type=ETHERTYPE) / body)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iface", default="tap0")
    ap.add_argument("--dst", required=True)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--min-size", type=int, default=60)
    ap.add_argument("--max-size", type=int, default=1514)
    ap.add_argument("--window", type=int, default=16)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--flood", action="store_true", help="no window: send as fast as possible")
    ap.add_argument("--quiet", type=float, default=2.0,
                    help="once all is sent, stop after this long without a reply (losses are expected in a flood)")
    a = ap.parse_args()

    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETHERTYPE))
    s.bind((a.iface, 0))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
    src = ":".join(f"{b:02x}" for b in s.getsockname()[4][:6])
    sizes = [a.min_size + (i * 7919) % (a.max_size - a.min_size + 1) for i in range(a.count)]
    frames = [build(i, sizes[i], src, a.dst) for i in range(a.count)]

    result = {"sent": 0, "received": 0, "bad": 0, "out_of_order": 0, "not_swapped": 0,
              "duplicates": 0}
    seen = set()
    expect = 0
    started = time.monotonic()
    deadline = started + a.timeout
    last_activity = started
    while time.monotonic() < deadline:
        while result["sent"] < a.count and (a.flood or result["sent"] - result["received"] < a.window):
            try:
                s.send(frames[result["sent"]])
            except BlockingIOError:
                break
            result["sent"] += 1
        if result["received"] + result["bad"] >= a.count:
            break
        r, _, _ = select.select([s], [], [], 0.5 if result["sent"] == a.count else 0.05)
        if not r:
            if result["sent"] == a.count and time.monotonic() - last_activity > a.quiet:
                break
            continue
        last_activity = time.monotonic()
        data, addr = s.recvfrom(4096)
        if addr[2] == socket.PACKET_OUTGOING:
            continue    # our own transmission, seen on the way out
        seq, size = HDR.unpack_from(data, 14)
        if seq >= a.count or data != (frames[seq][6:12] + frames[seq][0:6] + frames[seq][12:]):
            if seq < a.count and data[12:] == frames[seq][12:]:
                result["not_swapped"] += 1
            result["bad"] += 1
            continue
        if seq in seen:
            result["duplicates"] += 1
            continue
        seen.add(seq)
        if seq != expect:
            result["out_of_order"] += 1
        expect = seq + 1
        result["received"] += 1
    result["seconds"] = round(time.monotonic() - started, 4)
    json.dump(result, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
