"""Large TCP segments (issue 17): lwIP builds segments of several MSS for TCP only, and the
device (TSO) or net/core/gso.c cuts them. Two boots: the software path (e1000e.tso=0,
nicstack.gso=on) on the system QEMU, and the e1000e's and the igb's TSO on QEMU 10, whose models cut
the segment into frames itself when it has no virtio-net header to hand it to the tap
with (QEMU 7.2's model sends IP fragments instead: docs/e1000e-qemu.md). What reaches the wire is checked with tshark on
the host side of the tap: every frame from the guest at most 1514 bytes with correct IP
and TCP checksums, the guest's sequence numbers contiguous, and the data intact, for IPv4
and IPv6 (iperf from the guest); UDP and ICMP larger than the MTU still leave
as IP fragments.

The e1000 (8254x, QEMU 7.2's `-device e1000`) has TSO for IPv4 only (no 8254x driver
offers TSO6): a third boot sends a large IPv4 transfer through it and checks the same
things on the tap, with the guest's tx_tso counting the jobs. QEMU's e1000 model cuts
a TSO job into frames itself (it has no virtio-net header path), as the hardware does:
what the tap sees is what a wire would. It keeps a TSO context apart from the checksum
one (since QEMU 2.11), where the 8254x has one: a driver that did not rewrite its
checksum context after a TSO job would pass here and fail on hardware; the unit test
(tests/unit/test_e1000.c) checks that one."""
import re
import time

import pytest

from netlab import GUEST_IP, TAP, tap_netdev
from test_lwip import (FINISHED_CSUM, LINK_LOCAL, MAC, STATIC, boot_stack, client, ping,
                       tshark_capture, tshark_fields)


def capture(netns, pcap):
    """tshark on the tap while the with-block runs (test_lwip.tshark_capture)."""
    # Only what the guest sends: the host's iperf data would make the file big and slow.
    # -B: a 64 MiB kernel buffer; the default 2 MiB lost frames to bursts on the e1000.
    return tshark_capture(netns, pcap, f"ether src {MAC}", buffer_mib=64, stop_timeout=30)


def assert_nothing_lost(pcap):
    """A frame the capture dropped would look like a hole in the guest's stream."""
    m = re.search(r"(\d+) packets? dropped", open(pcap + ".log").read())
    assert not m or m[1] == "0", f"the capture lost frames: {m[0]}"


def tx_tso(g):
    m = re.search(r"tx_tso: (\d+)", g.cmd("ethtool -S eth0"))
    assert m, "no tx_tso counter"
    return int(m[1])


def glue_gso(g):
    m = re.search(r"csum_offload \d+ gso (\d+)", g.cmd("ifconfig"))
    assert m, "no gso counter in ifconfig"
    return int(m[1])


def assert_contiguous(rows, what):
    """rows: (seq, len) of one direction's data frames, relative sequence numbers."""
    spans = sorted({(int(s), int(n)) for s, n in rows})
    end = spans[0][0]
    for s, n in spans:
        assert s <= end, f"{what}: a hole at {end}..{s}"
        end = max(end, s + n)


def check_guest_frames(netns, pcap, min_streams):
    """Every frame the guest sent: at most 1514 bytes, IP/TCP/UDP checksums right (and
    verified for TCP), each TCP stream's data without a hole. Returns the rows."""
    # One pass over the capture (tshark is slow on tens of megabytes).
    fields = ["frame.len", "ip.checksum.status", "tcp.checksum.status", "udp.checksum.status",
              "tcp.stream", "tcp.seq", "tcp.len", "ip.flags.mf", "ip.proto", "tcp.checksum",
              "tcp.checksum_calculated"]
    rows = [dict(zip(fields, r + [""] * (len(fields) - len(r))))
            for r in tshark_fields(netns, pcap, f"eth.src == {MAC}", fields)]
    assert rows and max(int(r["frame.len"]) for r in rows) <= 1514, \
        max(int(r["frame.len"]) for r in rows)
    for r in rows:
        # 0xffff where Wireshark computes 0x0000: the two zeros of one's complement
        # (RFC 1624 3), so the segment still sums to all ones and every receiver that
        # verifies by summing takes it. QEMU's model sometimes stores that one.
        if (r["tcp.checksum.status"] == "0" and r["tcp.checksum"] == "0xffff" and
                r["tcp.checksum_calculated"] == "0x0000"):
            r["tcp.checksum.status"] = "1"
    bad = [r for r in rows if "0" in (r["ip.checksum.status"], r["tcp.checksum.status"],
                                      r["udp.checksum.status"])]
    assert bad == [], f"{len(bad)} frames with a bad checksum: {bad[:5]}"
    tcp = [r for r in rows if r["tcp.stream"]]
    assert all(r["tcp.checksum.status"] == "1" for r in tcp), "TCP frames not verified"
    # Each of the guest's TCP streams: its data frames cover their range without a hole.
    data = [r for r in tcp if r["tcp.len"] not in ("", "0")]
    streams = {r["tcp.stream"] for r in data}
    assert len(streams) >= min_streams, streams
    for stream in streams:
        assert_contiguous([(r["tcp.seq"], r["tcp.len"]) for r in data
                           if r["tcp.stream"] == stream], f"stream {stream}")
    return rows


@pytest.mark.parametrize("path,qemu,params", [
    ("software", "system", "nicstack.gso=on e1000e.tso=0"),
    ("tso", "new", ""),
    ("igb_tso", "new", ""),
])
def test_large_segments_on_the_wire(guest, netns, tmp_path, path, qemu, params):
    if path.startswith("igb"):
        # The 82576 (QEMU 10's -device igb): its advanced context descriptor with
        # MSS/L4LEN and DCMD.TSE (igb.tso defaults to 1). The igb model has no
        # disable_vnet_hdr: the tap goes without the vnet header instead, so the model
        # cuts the job and finishes the sums itself, as the hardware does, rather than
        # hand the host one 64 KB frame.
        g = guest(cmdline=f"{STATIC} {params}", netdev=tap_netdev() + ",vnet_hdr=off",
                  netns=netns, mac=MAC, qemu=qemu, nic="igb")
        g.wait_booted()
        g.wait_for(rf"lwip: eth0: {re.escape(GUEST_IP)}/24 gw \S+ \(static\)")
    else:
        g = boot_stack(guest, netns, f"{STATIC} {params}", extra=FINISHED_CSUM, qemu=qemu)
    g.wait_for(r"eth0: large TCP segments \(IPv4, IPv6\)")
    g.wait_for(rf"eth0: {LINK_LOCAL}/64 \(link-local\)", flags=re.M | re.I)
    pcap = str(tmp_path / "gso.pcap")
    with capture(netns, pcap):
        # IPv6 first, so its count is its own: iperf's -r has the guest connect back
        # and send. (The echo server disables Nagle and writes as data comes, so it
        # sends whatever is there, as Linux's TSO autosizing would: no test of this.)
        r = netns.run(["iperf", "-V", "-c", f"{LINK_LOCAL}%{TAP}", "-t", "1", "-r"],
                      check=False, timeout=60)
        rates = re.findall(r"([\d.]+) ([KMG]?)bits/sec", r.stdout)
        assert len(rates) == 2 and all(float(x[0]) > 0 for x in rates), r.stdout + r.stderr
        gso6 = glue_gso(g)
        assert gso6 > 0, "no large segment over IPv6"
        r = netns.run(["iperf", "-c", GUEST_IP, "-t", "1", "-r"], check=False, timeout=60)
        rates = re.findall(r"([\d.]+) ([KMG]?)bits/sec", r.stdout)
        assert len(rates) == 2 and all(float(x[0]) > 0 for x in rates), r.stdout + r.stderr
        assert glue_gso(g) > gso6, "no large segment over IPv4"
        # Who cut them: the NIC exactly when TSO is on.
        assert (tx_tso(g) > 0) == path.endswith("tso"), tx_tso(g)
        # Not TCP: a datagram and a ping above the MTU still leave as IP fragments.
        assert client(netns, "udpsizes", GUEST_IP, 3000)["good"] == 1
        assert ping(netns, GUEST_IP, count=2, size=4000)[0] == 2
        time.sleep(1)                   # the last ACKs reach the tap
    rows = check_guest_frames(netns, pcap, 2)     # iperf -r over IPv6 and over IPv4
    # The large UDP datagram and ping left as fragments (MF set on the first piece).
    assert {"17", "1"} <= {r["ip.proto"] for r in rows if r["ip.flags.mf"] in ("1", "True")}
    assert g.proc.poll() is None


def test_e1000_tso_on_the_wire(guest, netns, tmp_path):
    """QEMU 7.2's e1000 (82540EM): guest->host iperf over IPv4 in large segments the
    driver hands to the device as TSO jobs (e1000.tso defaults to 1)."""
    g = boot_stack(guest, netns, STATIC, nic="e1000")
    g.wait_for(r"eth0: large TCP segments \(IPv4\)")
    pcap = str(tmp_path / "gso.pcap")
    with capture(netns, pcap):
        r = netns.run(["iperf", "-c", GUEST_IP, "-t", "2", "-r"], check=False, timeout=60)
        rates = re.findall(r"([\d.]+) ([KMG]?)bits/sec", r.stdout)
        assert len(rates) == 2 and all(float(x[0]) > 0 for x in rates), r.stdout + r.stderr
        assert glue_gso(g) > 0, "no large segment"
        # The device cut them, not net/core/gso.c: fails without the driver's TSO.
        assert tx_tso(g) > 0, g.cmd("ethtool -S eth0")
        time.sleep(1)                   # the last ACKs reach the tap
    assert_nothing_lost(pcap)
    rows = check_guest_frames(netns, pcap, 1)
    # Frames of a full MSS came out of the jobs (a 1514-byte frame is one).
    assert sum(1 for r in rows if r["frame.len"] == "1514") > 100
    assert g.proc.poll() is None
