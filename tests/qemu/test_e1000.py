"""The 8254x driver (drivers/net/e1000) under QEMU 7.2's `e1000` (82540EM).

One boot on a private tap (netlab.py) checks the probe, the link, ping, UDP
and TCP echo and modinfo; one boots as `qemu-system-x86_64 -cdrom` would
with QEMU's defaults (user networking on an e1000) and gets its address
from QEMU's DHCP server. QEMU's e1000 model reports a full RX ring and an
oversized frame as trace events: they must stay silent.
"""
import os
import re

import pytest

from netlab import GUEST_IP, tap_netdev
from test_lwip import ping, run_bytes

MAC = "52:54:00:12:34:56"
WATCH = ["e1000_receiver_overrun", "e1000x_rx_oversized"]


def model_warnings(g):
    if not os.path.exists(g.trace_log):
        return []
    with open(g.trace_log) as f:
        return [l for l in f if "e1000_receiver_overrun" in l or "e1000x_rx_oversized" in l]


def test_e1000_probe_ping_udp_tcp_echo_modinfo(guest, netns):
    g = guest(cmdline=f"ip={GUEST_IP}/24", netdev=tap_netdev(), netns=netns, mac=MAC,
              nic="e1000", trace_events=WATCH)
    g.wait_booted()
    g.wait_for(rf"eth0: Intel 8254x 8086:100e at 0x[0-9a-f]+, MAC {MAC}")
    g.wait_for(r"eth0: link up, 1000 Mbps full duplex")
    g.wait_for(r"eth0: up: irq \d+ \(INTx, shared\), napi on")
    g.wait_for(rf"lwip: eth0: {re.escape(GUEST_IP)}/24 gw \S+ \(static\)")

    got, out = ping(netns, GUEST_IP, count=20, interval="0.05")
    assert got == 20, out
    got, out = ping(netns, GUEST_IP, count=3, size=1472)     # a full 1514-byte frame
    assert got == 3, out
    data = bytes(range(256)) * 4
    assert run_bytes(netns, ["socat", "-b", "2048", "-t", "1", "-", f"UDP:{GUEST_IP}:7"],
                     data) == data
    big = os.urandom(200_000)
    assert run_bytes(netns, ["socat", "-t", "3", "-", f"TCP:{GUEST_IP}:7"], big,
                     timeout=60) == big

    out = g.cmd("ethtool -i eth0")
    assert re.search(r"driver: e1000$", out, re.M), out
    out = g.cmd("ethtool eth0")
    assert re.search(r"Speed: 1000", out), out
    out = g.cmd("ethtool -S eth0")
    stats = {m.group(1): int(m.group(2)) for m in re.finditer(r"^\s+(\w+): (\d+)$", out, re.M)}
    assert stats.get("rx_packets_hw", 0) >= 23 and stats.get("irq_handled", 0) > 0, out
    assert stats.get("resets") == 0 and stats.get("tx_hang_detected") == 0, out

    out = g.cmd("modinfo e1000")
    for dev in ("100E", "100C", "100F"):
        assert re.search(rf"v00008086d0000{dev}", out, re.I), out
    for parm in ("napi", "itr", "InterruptThrottleRate", "RxDescriptors", "TxDescriptors"):
        assert re.search(rf"^parm:\s+{parm}:", out, re.M), out
    # "e1000." must not collect the e1000e driver's parameters, nor the reverse.
    assert "82574" not in out and "weight" not in out, out
    assert "RxDescriptors" not in g.cmd("modinfo e1000e")
    assert model_warnings(g) == []


@pytest.mark.parametrize("model,devid,machine", [
    ("e1000", "100e", "pc"), ("e1000-82544gc", "100c", "pc"), ("e1000-82545em", "100f", "pc"),
    ("e1000", "100e", "q35")])
def test_e1000_user_net_dhcp(guest, model, devid, machine):
    # -nic user on pc: QEMU's default NIC, its slirp DHCP server hands out 10.0.2.15.
    # Also the two other 8254x models QEMU 7.2 has, and INTx routed on q35.
    g = guest(netdev="user,id=n0", nic=model, machine=machine, trace_events=WATCH)
    g.wait_booted()
    g.wait_for(rf"eth0: Intel 8254x 8086:{devid}")
    g.wait_for(r"lwip: eth0: 10\.0\.2\.15/24 gw 10\.0\.2\.2 \(DHCP\)", timeout=60)
    assert model_warnings(g) == []


def test_e1000_and_e1000e_in_one_guest(guest, netns):
    # The e1000 on the tap (static, eth0), an e1000e on QEMU's user net (DHCP, eth1):
    # each interface carries its own traffic.
    g = guest(cmdline=f"ip={GUEST_IP}/24", netdev=tap_netdev(), netns=netns, mac=MAC,
              nic="e1000", trace_events=WATCH,
              extra=["-netdev", "user,id=n1",
                     "-device", "e1000e,netdev=n1,mac=52:54:00:12:34:57,romfile="])
    g.wait_booted()
    g.wait_for(r"eth0: Intel 8254x 8086:100e")
    g.wait_for(r"eth1: Intel 82574L at ")
    g.wait_for(rf"lwip: eth0: {re.escape(GUEST_IP)}/24 gw \S+ \(static\)")
    g.wait_for(r"lwip: eth1: 10\.0\.2\.15/24 gw 10\.0\.2\.2 \(DHCP\)", timeout=60)
    got, out = ping(netns, GUEST_IP, count=5)
    assert got == 5, out
    out = g.cmd("ping 10.0.2.2 3", timeout=30)
    assert re.search(r"3 packets transmitted, 3 received", out), out
    assert model_warnings(g) == []


def test_two_e1000_share_one_intx_line(guest, netns):
    # On pc, slots 3 and 7 reach the same PIRQ link (slot + pin mod 4), so both
    # NICs' INTx share one IRQ: each handler must tell its own interrupts apart
    # (ICR zero -> IRQ_NONE) or the other NIC's traffic stalls or storms.
    g = guest(cmdline=f"ip={GUEST_IP}/24", netdev=tap_netdev(), netns=netns, mac=MAC,
              nic="e1000", trace_events=WATCH,
              extra=["-netdev", "user,id=n1",
                     "-device", "e1000,netdev=n1,mac=52:54:00:12:34:57,addr=7,romfile="])
    g.wait_booted()
    irq0 = g.wait_for(r"eth0: up: irq (\d+) \(INTx, shared\)").group(1)
    irq1 = g.wait_for(r"eth1: up: irq (\d+) \(INTx, shared\)").group(1)
    assert irq0 == irq1
    g.wait_for(r"lwip: eth1: 10\.0\.2\.15/24 gw 10\.0\.2\.2 \(DHCP\)", timeout=60)
    got, out = ping(netns, GUEST_IP, count=20, interval="0.05")
    assert got == 20, out
    out = g.cmd("ping 10.0.2.2 5", timeout=30)
    assert re.search(r"5 packets transmitted, 5 received", out), out
    assert model_warnings(g) == []
