"""The e1000e driver under QEMU: interrupt modes, the reflector, link, faults, floods.

Frames come from the host side of a private tap (tools/netlab.py) via
l2probe.py; the guest runs nicstack.app=reflect, which bounces every unicast
frame back with the MACs swapped using only the driver and the net core.
QEMU's own warnings about driver mistakes (e1000e_wrn_* trace events) are
recorded in every test and must stay silent but for the _trivial ones.
"""
import json
import os
import re
import time

import pytest

from netlab import tap_netdev

HERE = os.path.dirname(os.path.abspath(__file__))
MAC = "52:54:00:12:34:56"
# A TDT or TCTL write while TX is disabled (every reset does that) traces
# e1000e_tx_disabled: normal, so not watched. These mean a driver bug.
WRN_EVENTS = ["e1000e_wrn_*", "e1000e_rx_null_descriptor"]


_booted = []


@pytest.fixture(autouse=True)
def no_driver_warnings(guest):
    """Every test: QEMU saw no driver mistake (checked before the guest fixture cleans up)."""
    _booted.clear()
    yield
    for g in _booted:
        assert driver_warnings(g) == [], g.name


def boot_reflector(guest, netns, params="", monitor=False, mac=MAC):
    g = guest(cmdline=f"nicstack.app=reflect {params}".strip(), netdev=tap_netdev(),
              netns=netns, monitor=monitor, mac=mac, trace_events=WRN_EVENTS)
    _booted.append(g)
    g.wait_booted()
    g.wait_for(r"reflect: reflecting unicast frames on eth0")
    return g


def probe(netns, count=1000, window=16, flood=False, timeout=120, **kw):
    args = ["/usr/bin/python3", os.path.join(HERE, "l2probe.py"), "--dst", kw.get("dst", MAC),
            "--count", str(count), "--window", str(window), "--timeout", str(timeout - 10)]
    if flood:
        args.append("--flood")
    for k in ("min_size", "max_size"):
        if k in kw:
            args += ["--" + k.replace("_", "-"), str(kw[k])]
    out = json.loads(netns.run(args, timeout=timeout).stdout)
    out.pop("seconds")
    return out


def driver_warnings(g):
    """QEMU's complaints about the driver, minus the ones plain initialisation causes."""
    if not os.path.exists(g.trace_log):
        return []
    with open(g.trace_log) as f:
        lines = [l for l in f if "e1000e_" in l]
    return [l for l in lines if "_trivial" not in l]


def counters(g, iface="eth0"):
    out = g.cmd(f"ethtool -S {iface}")
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"^\s+(\w+): (\d+)$", out, re.M)}


def irq_counts(g):
    out = g.cmd("interrupts")
    return {m.group(3): int(m.group(2)) for m in
            re.finditer(r"^\s*\d+\s+0x[0-9a-f]+\s+(\d+)\s+\S+\s+(?:.*?)$", out, re.M)} or out


def handler_counts(g):
    out = g.cmd("interrupts")
    res = {}
    for m in re.finditer(r"^\s*\d+\s+0x[0-9a-f]+\s+(\d+)\s+(\S+)\s+(.+)$", out, re.M):
        res[m.group(3).strip()] = (m.group(2), int(m.group(1)))
    return res


MODES = [("msix", ["eth-rx", "eth-tx"], "PCI-MSI-X"),
         ("msi", ["eth0"], "PCI-MSI"),
         ("intx", ["eth0"], "IO-APIC"),
         ("poll", [], None)]


@pytest.mark.parametrize("mode,handlers,chip", MODES, ids=[m[0] for m in MODES])
def test_reflects_10000_frames_in_each_interrupt_mode(guest, netns, mode, handlers, chip):
    g = boot_reflector(guest, netns, f"e1000e.irq={mode}")
    assert re.search(rf"eth0: up: irq {mode}, napi on", g.out)
    r = probe(netns, count=10000)
    assert r == {"sent": 10000, "received": 10000, "bad": 0, "out_of_order": 0,
                 "not_swapped": 0, "duplicates": 0}
    counts = handler_counts(g)
    for h in handlers:
        assert h in counts, counts
        assert counts[h][0] == chip and counts[h][1] > 0, counts
    if mode == "poll":
        assert not any(k.startswith("eth") for k in counts), counts
    assert driver_warnings(g) == []


def test_non_napi_netif_rx_path_reflects_10000_frames(guest, netns):
    g = boot_reflector(guest, netns, "e1000e.napi=0")
    assert "napi off (netif_rx)" in g.out
    r = probe(netns, count=10000)
    assert r["received"] == 10000 and r["bad"] == 0 and r["out_of_order"] == 0
    c = counters(g)
    assert c["non_napi_rx"] == 10000 and c["napi_polls"] == 0
    assert re.search(r"^000027\w{2} ", g.cmd("softnet"), re.M)  # processed >= 10000
    assert driver_warnings(g) == []


def test_mac_address_is_the_one_qemu_was_given(guest, netns):
    g = boot_reflector(guest, netns, mac="52:54:00:ab:cd:ef")
    assert "eth0: Intel 82574L" in g.out and "MAC 52:54:00:ab:cd:ef" in g.out
    assert "52:54:00:ab:cd:ef (permanent 52:54:00:ab:cd:ef)" in g.cmd("ethtool eth0")
    assert probe(netns, count=50, dst="52:54:00:ab:cd:ef")["received"] == 50


def test_link_flap_is_reported_and_traffic_resumes(guest, netns):
    g = boot_reflector(guest, netns, monitor=True)
    assert probe(netns, count=100)["received"] == 100
    start = len(g.out)
    g.monitor("set_link nic0 off")
    g.wait_for(r"eth0: link down", start=start, timeout=10)
    assert "Link detected: no" in g.cmd("ethtool eth0")
    g.monitor("set_link nic0 on")
    g.wait_for(r"eth0: link up, 1000 Mbps full duplex", start=start, timeout=10)
    assert probe(netns, count=500)["received"] == 500
    assert counters(g)["link_changes"] >= 2
    assert driver_warnings(g) == []


def test_phy_autoneg_restart_and_pause_settings(guest, netns):
    """The PHY behind MDIC: ethtool's PHY fields, -r brings the link back, -A renegotiates pause."""
    g = boot_reflector(guest, netns)
    assert "e1000e: PHY id 0141:0cb1, link up" in g.out
    # QEMU's PHY offers 1000 half too; dropping it is not worth a link restart at boot.
    assert "restarting autonegotiation" not in g.out
    g.wait_for(r"eth0: link up, 1000 Mbps full duplex, flow control rx/tx", timeout=10)
    out = g.cmd("ethtool eth0")
    for field in ["Auto-negotiation: on (not complete)",   # QEMU never negotiated yet
                  "Advertised link modes: 10baseT/Half 10baseT/Full 100baseT/Half "
                  "100baseT/Full 1000baseT/Full\n",
                  "Advertised pause frame use: Symmetric Receive-only",
                  "Flow control: rx on tx on (requested rx on tx on)",
                  "MDI-X: off (auto)"]:
        assert field in out, (field, out)
    start = len(g.out)
    g.cmd("ethtool -r eth0")
    g.wait_for(r"eth0: link down", start=start, timeout=10)
    g.wait_for(r"eth0: link up, 1000 Mbps full duplex, flow control rx/tx", start=start, timeout=10)
    out = g.cmd("ethtool eth0")
    for field in ["Auto-negotiation: on (complete)",
                  "Link partner advertised link modes: 10baseT/Half 10baseT/Full "
                  "100baseT/Half 100baseT/Full 1000baseT/Half 1000baseT/Full",
                  "Link partner advertised pause frame use: Symmetric\n"]:
        assert field in out, (field, out)
    assert probe(netns, count=200)["received"] == 200
    # QEMU sets RFCE/TFCE itself when a negotiation ends; the driver's resolution wins.
    start = len(g.out)
    g.cmd("ethtool -A eth0 rx off tx off")
    g.wait_for(r"eth0: link up, 1000 Mbps full duplex, flow control none", start=start, timeout=10)
    out = g.cmd("ethtool eth0")
    assert "Flow control: rx off tx off (requested rx off tx off)" in out, out
    assert "Advertised pause frame use: No" in out, out
    assert probe(netns, count=200)["received"] == 200
    assert driver_warnings(g) == []


def test_tx_stop_is_detected_and_recovered(guest, netns):
    g = boot_reflector(guest, netns, "test.fault=e1000e_tx_stop")
    probe(netns, count=400, window=8, timeout=30)     # stalls after 200 frames
    stopped = g.wait_for(r"^\[\s*([\d.]+)\] .*test.fault: TX unit stopped on purpose")
    g.wait_for(r"eth0: (TX hang|transmit queue \d+ timed out)", timeout=10)
    reset = g.wait_for(r"^\[\s*([\d.]+)\] eth0: resetting the adapter", timeout=10)
    # Detection and recovery within twice the 2 s watchdog period of the stall, on the
    # guest's own clock (the probe above returns only after the stall has lasted).
    assert float(reset[1]) - float(stopped[1]) < 2 * 2.0 + 1.5, (stopped[0], reset[0])
    r = probe(netns, count=1000)
    assert r["received"] == 1000 and r["bad"] == 0
    c = counters(g)
    assert c["resets"] == 1 and (c["tx_hang_detected"] + c["tx_timeout"]) >= 1


def test_ifdown_frees_every_buffer_and_ifup_restores_traffic(guest, netns):
    g = boot_reflector(guest, netns)
    assert probe(netns, count=200)["received"] == 200
    assert "eth0 is down" in g.cmd("ifdown eth0")
    assert pool(g) == 0                         # both rings emptied, nothing leaked
    assert "Interface: down" in g.cmd("ethtool eth0")
    assert "usage: ifup IFACE" in g.cmd("ifup")
    assert "eth0 is up" in g.cmd("ifup eth0")
    assert probe(netns, count=200)["received"] == 200


def pool(g):
    m = re.search(r"skb pool: size (\d+) in_use (\d+) free (\d+)", g.cmd("skb"))
    return int(m.group(2))


def test_flood_larger_than_the_ring_is_survived_and_accounted(guest, netns):
    g = boot_reflector(guest, netns, "e1000e.rx_ring=64 e1000e.tx_ring=64")
    baseline = pool(g)
    tap0 = netns.tap_stats()
    r = probe(netns, count=20000, flood=True, timeout=90, min_size=60, max_size=60)
    time.sleep(1)
    tap1 = netns.tap_stats()
    c = counters(g)
    sent = r["sent"]
    # Frames the host handed to the tap (its tx), and those the tap dropped because QEMU lagged.
    tap_dropped = tap1["tx_dropped"] - tap0["tx_dropped"]
    guest_dropped = c["rx_dropped"] + c["rx_errors"]
    assert c["rx_packets"] + guest_dropped + tap_dropped == sent, (c, tap0, tap1, r)
    assert r["received"] == c["tx_packets"] - 0 or r["received"] <= c["tx_packets"]
    assert pool(g) == baseline
    assert probe(netns, count=200)["received"] == 200   # still alive and answering
    assert driver_warnings(g) == []


def test_reception_resumes_by_itself_after_the_skb_pool_ran_dry(guest, netns):
    g = boot_reflector(guest, netns, "skb_pool=48 e1000e.rx_ring=64")
    r = probe(netns, count=3000, flood=True, timeout=60, min_size=60, max_size=60)
    c = counters(g)
    assert c["rx_alloc_failed"] > 0, c      # the pool did run dry
    time.sleep(0.5)
    # No new interrupt is needed: the refill timer and the watchdog bring the ring back.
    r = probe(netns, count=500, window=8)
    assert r["received"] == 500, r


def rx_irq_rate(g, netns, count, window):
    """eth-rx interrupts per second of guest time while reflecting count frames."""
    def sample():
        up = re.search(r"up (\d+\.\d+) s", g.cmd("uptime"))
        return float(up.group(1)), handler_counts(g)["eth-rx"][1]
    t0, n0 = sample()
    r = probe(netns, count=count, window=window)
    t1, n1 = sample()
    assert r["received"] == count, r
    return (n1 - n0) / (t1 - t0)


def test_set_itr_changes_the_interrupt_rate(guest, netns):
    """e1000e.itr set at run time reprograms EITR at once: the RX vector's rate follows it.

    One frame in flight at a time, so unthrottled every frame is an interrupt;
    at 100/s EITR holds 10 ms between them and the reflector waits for it."""
    g = boot_reflector(guest, netns, "e1000e.irq=msix")
    fast = rx_irq_rate(g, netns, 400, 1)
    assert "e1000e.itr=100" in g.cmd("set e1000e.itr 100")
    assert "Interrupt throttle: 100/s" in g.cmd("ethtool eth0")
    slow = rx_irq_rate(g, netns, 400, 1)
    # Not a tight bound: QEMU's mitigation timer was seen letting 117-155
    # interrupts a second through at a set 100/s (on an idle host too), and a
    # loaded host stretches both runs; a setter that does nothing gave about
    # 240/s under load and 720/s without.
    ceiling = 100 * 2
    assert slow <= ceiling, (fast, slow)
    assert fast >= 1.2 * slow, (fast, slow)     # the same workload, unthrottled
    out = g.cmd("set e1000e.itr 50")
    assert "out of range" in out, out
    assert "e1000e.itr: 50 is out of range: 0 (off) or 100..100000" in g.out
    assert "Interrupt throttle: 100/s" in g.cmd("ethtool eth0")
    assert driver_warnings(g) == []
