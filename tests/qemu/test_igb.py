"""The igb driver (drivers/net/igb) on QEMU 10's 82576 model (-device igb,
8086:10c9; QEMU 7.2 has no igb). Five boots, all on QEMU 10 (build/qemu-new):

- the lwIP stack: probe (MAC from RAR0), MSI-X with two queue-pair vectors
  and an "other" vector, RSS spreading 16 TCP connections over both RX queues
  and the flow hash their replies over both TX queues (per-queue counters)
  and, one connection at a time, each of 12 flows on exactly one RX queue and
  one TX queue with both of each used, link up, ping, UDP and TCP echo, ethtool -i/-S, every
  vector counting in the interrupt listing; modinfo igb, reset, ifdown/ifup
  and ethtool -r, each followed by a ping;
- eight queue pairs (igb.queues=8, nine vectors): 16 TCP connections spread over
  the RX and TX queues, DHCP from dnsmasq, the status page (/ and /stats.json) at
  the leased address;
- the L2 reflector, with MSI-X and NAPI, with MSI, and with INTx and the
  non-NAPI path (igb.irq=intx igb.napi=0): 10,000 frames intact through advanced
  descriptors, a link flap reported and survived, every skb back in the pool.

In both, QEMU's warning trace events for the model stay silent.
"""
import json
import os
import re
import time

import pytest

from netlab import GUEST_IP, tap_netdev
from test_e1000e import counters, handler_counts, pool, probe
from test_lwip import MAC, boot_stack, client, dhcp_address, dnsmasq, ping, run_bytes  # noqa: F401 (dnsmasq: a fixture)

# The igb model reports driver mistakes with igb_wrn_* and the e1000e_wrn_*
# events it shares with the e1000e model (unknown register, write to a
# read-only one, ...); e1000x_rx_oversized and e1000e_tx_disabled would mean
# a frame lost to the driver's setup.
WATCH = ["igb_wrn_*", "e1000e_wrn_*", "e1000x_rx_oversized", "e1000e_tx_disabled",
         "e1000e_rx_null_descriptor"]

INTACT = {"sent": 10000, "received": 10000, "bad": 0, "out_of_order": 0, "not_swapped": 0,
          "duplicates": 0}


def model_warnings(g):
    """The watched events, minus the _trivial ones plain initialisation causes."""
    if not os.path.exists(g.trace_log):
        return []
    with open(g.trace_log) as f:
        lines = [l for l in f if re.search(r"igb_wrn|e1000e_wrn|oversized|tx_disabled|"
                                           r"null_descriptor", l)]
    return [l for l in lines if "_trivial" not in l]


FLOWS = 12
FLOW_BYTES = 32 << 10


def check_each_flow_on_one_queue(g, netns):
    """One TCP connection at a time (a new source port each): every frame of it
    must land on one RX queue, and every frame the guest sends back must leave
    by one TX queue, so one queue's counter grows by the flow's frames and the
    other's stays flat but for a few strays (ARP, the tail of the previous
    connection's close). A broken hash or a RETA that moved under a flow would
    show both growing; a hash blind to the ports, one queue only. RX is the
    NIC's RSS, TX the net core's software flow hash (netdev_pick_tx())."""
    used = {"rx": set(), "tx": set()}
    for n in range(FLOWS):
        before = counters(g)
        r = client(netns, "tcp", GUEST_IP, FLOW_BYTES, 1)
        assert len(r["clients"]) == 1 and r["clients"][0].get("equal"), r
        after = counters(g)
        for way in ("rx", "tx"):
            grew = [after[f"{way}_queue_{q}_packets"] - before[f"{way}_queue_{q}_packets"]
                    for q in (0, 1)]
            # 32 KiB echoed: about 30 frames each way (23 data segments or their
            # echo, the handshake, ACKs).
            main = max(range(2), key=lambda q: grew[q])
            assert grew[main] >= 20 and grew[1 - main] <= 3, (n, way, grew)
            used[way].add(main)
    assert used["rx"] == {0, 1}, f"all {FLOWS} flows on RX queue {used}: RSS ignores the ports?"
    assert used["tx"] == {0, 1}, f"all {FLOWS} flows on TX queue {used}: the hash ignores the ports?"


def test_igb_msix_ping_udp_tcp_echo_ethtool(guest, netns):
    g = boot_stack(guest, netns, qemu="new", nic="igb", trace_events=WATCH)
    assert re.search(rf"eth0: Intel 8086:10c9 \(igb\) at 0x[0-9a-f]+, MAC {MAC} \(from RAR0\), "
                     r"PHY id [0-9a-f]{8}",
                     g.out), g.out[-3000:]
    assert ("eth0: up: irq msix (3 vectors), 2 queue pairs (RSS), napi on, rings rx 256 tx 256"
            in g.out), g.out[-3000:]
    g.wait_for(r"eth0: link up, 1000 Mbps full duplex")
    got, out = ping(netns, GUEST_IP, count=5)
    assert got == 5, out
    r = client(netns, "udpsizes", GUEST_IP, 1, 1472, 4000)
    assert r == {"sent": 3, "good": 3, "bad": 0, "lost": 0}, r
    before = counters(g)
    # 16 TCP connections, 8 at a time (nicstack.echo_conns is 16 and closing
    # ones still count): 16 source ports, so RSS (a hash of addresses and
    # ports through the 128-entry table alternating 0 and 1) puts some on
    # each queue; all 16 on one would happen once in 2^15 keys.
    for _ in range(2):
        r = client(netns, "tcp", GUEST_IP, 32 << 10, 8)
        assert len(r["clients"]) == 8, r
        assert all(c.get("equal") and c["received"] == 32 << 10 for c in r["clients"]), \
            [c for c in r["clients"] if not c.get("equal")]
    after = counters(g)
    spread = [after[f"{way}_queue_{n}_packets"] - before[f"{way}_queue_{n}_packets"]
              for way in ("rx", "tx") for n in (0, 1)]
    assert all(p > 50 for p in spread), (spread, after)
    check_each_flow_on_one_queue(g, netns)
    info = g.cmd("ethtool -i eth0")
    assert "driver: igb" in info, info
    c = counters(g)
    assert c["rx_packets_hw"] > 0 and c["tx_packets_hw"] > 0, c
    assert c["rx_csum_good"] > 0 and c["rx_csum_err"] == 0, c
    # TCP and UDP sums went out through context descriptors, written only on a change.
    assert c["tx_csum_offload"] > 0 and 0 < c["tx_ctx_writes"] < c["tx_csum_offload"], c
    assert c["tx_queue_0_packets"] + c["tx_queue_1_packets"] == c["tx_packets_hw"], c
    h = handler_counts(g)
    assert h["igb-TxRx-0"][0] == "PCI-MSI-X" and h["igb-TxRx-0"][1] > 0, h
    assert h["igb-TxRx-1"][0] == "PCI-MSI-X" and h["igb-TxRx-1"][1] > 0, h
    # The link interrupt came through the "other" vector (IVAR_MISC).
    assert h["igb-other"][0] == "PCI-MSI-X" and h["igb-other"][1] > 0, h
    # The driver-neutral commands: modinfo, reset, ifdown/ifup, ethtool -r.
    mi = g.cmd("modinfo igb")
    assert "name:           igb" in mi and "parm:           irq:" in mi, mi
    start = len(g.out)
    g.cmd("reset eth0")
    g.wait_for(r"eth0: resetting the adapter", start=start, timeout=10)
    g.wait_for(r"eth0: link up", start=start, timeout=10)
    assert ping(netns, GUEST_IP, count=3)[0] == 3
    assert counters(g)["resets"] == 1
    g.cmd("ifdown eth0")
    start = len(g.out)
    g.cmd("ifup eth0")
    g.wait_for(r"eth0: up: irq msix \(3 vectors\)", start=start, timeout=10)
    g.wait_for(r"eth0: link up", start=start, timeout=10)
    assert ping(netns, GUEST_IP, count=3)[0] == 3
    start = len(g.out)
    g.cmd("ethtool -r eth0")
    g.wait_for(r"eth0: link down", start=start, timeout=10)
    g.wait_for(r"eth0: link up", start=start, timeout=10)
    assert ping(netns, GUEST_IP, count=3)[0] == 3
    assert model_warnings(g) == []


def test_igb_eight_queue_pairs_dhcp_and_status_page(guest, netns, dnsmasq):
    """igb.queues=8: nine MSI-X vectors (QEMU's model has ten), RSS and the
    flow hash spreading 16 connections over many of the eight queues each way;
    the address from DHCP, and the status page at it."""
    g = boot_stack(guest, netns, params="igb.queues=8 igb.rx_ring=64", wait_ip=False,
                   qemu="new", nic="igb", trace_events=WATCH)
    assert "eth0: up: irq msix (9 vectors), 8 queue pairs (RSS), napi on, rings rx 64" in g.out, \
        g.out[-3000:]
    addr = dhcp_address(g)
    assert 50 <= int(addr.split(".")[-1]) <= 99
    assert MAC in dnsmasq["leases"].read_text()
    assert ping(netns, addr, count=5)[0] == 5
    before = counters(g)
    for _ in range(2):      # 8 at a time: nicstack.echo_conns is 16, closing ones count
        r = client(netns, "tcp", addr, 16 << 10, 8)
        assert len(r["clients"]) == 8 and all(c.get("equal") for c in r["clients"]), r
    after = counters(g)
    for way in ("rx", "tx"):
        grew = [after[f"{way}_queue_{q}_packets"] - before[f"{way}_queue_{q}_packets"]
                for q in range(8)]
        # 16 flows over 8 queues: fewer than 3 queues would happen about once in 10^8.
        assert sum(n >= 10 for n in grew) >= 3, (way, grew)
    page = run_bytes(netns, ["curl", "-s", "-i", "--max-time", "10", f"http://{addr}/"]).decode()
    assert page.startswith("HTTP/1.0 200 OK\r\n"), page[:300]
    body = page.split("\r\n\r\n", 1)[1]
    assert f"inet {addr} mask 255.255.255.0" in body, body
    rx = re.search(r"^\s+rx_packets (\d+) ", body, re.M)
    assert rx and int(rx.group(1)) >= 5, body
    js = run_bytes(netns, ["curl", "-s", "--max-time", "10", f"http://{addr}/stats.json"])
    st = json.loads(js)
    eth0 = st["interfaces"][0]
    assert eth0["name"] == "eth0" and eth0["inet"] == addr and eth0["mac"] == MAC, eth0
    assert eth0["stats"]["rx_packets"] >= 5 and eth0["stats"]["tx_packets"] >= 5, eth0
    # The queue pairs' vectors, by the names the interrupt listing shows.
    names = {i["name"] for i in st["irqs"]}
    assert {f"igb-TxRx-{q}" for q in range(8)} | {"igb-other"} <= names, names
    assert model_warnings(g) == []


REFLECT_MODES = [("test.fault=igb_tx_stop", "irq msix (3 vectors), 2 queue pairs (RSS), napi on"),
                 ("igb.irq=msi skb_pool=48 igb.rx_ring=64",
                  "irq msi (1 vector), 1 queue pair, napi on, rings rx 64"),
                 ("igb.irq=intx igb.napi=0", "irq intx (1 vector), 1 queue pair, napi off")]


@pytest.mark.parametrize("params,up", REFLECT_MODES,
                         ids=["msix_tx_hang", "msi_dry_pool", "intx_nonapi"])
def test_igb_reflector_10000_frames_and_link_flap(guest, netns, params, up):
    """With MSI-X a TX queue stopped on purpose after 200 frames is found by
    the watchdog and reset first; with MSI 48 skbs for a 64-slot ring run
    dry under a flood and reception comes back by itself (poll and watchdog
    refill); then, in every mode, 10,000 frames and a link flap."""
    g = guest(cmdline=f"nicstack.app=reflect {params}".strip(), netdev=tap_netdev(),
              netns=netns, mac=MAC, nic="igb", qemu="new", monitor=True, trace_events=WATCH)
    g.wait_booted()
    g.wait_for(r"reflect: reflecting unicast frames on eth0")
    assert f"eth0: up: {up}" in g.out, g.out[-3000:]
    baseline = pool(g)
    hang = "igb_tx_stop" in params
    if hang:
        probe(netns, count=400, window=8, timeout=30)     # stalls after 200 frames
        stop = g.wait_for(r"^\[\s*(\d+\.\d+)\] eth0: test.fault: TX queue \d+ stopped on purpose")
        g.wait_for(r"eth0: (TX hang|transmit queue \d+ timed out)", timeout=10)
        reset = g.wait_for(r"^\[\s*(\d+\.\d+)\] eth0: resetting the adapter", timeout=10)
        # Two 2 s watchdog checks without progress, on the guest's own clock.
        assert 0 < float(reset.group(1)) - float(stop.group(1)) < 2 * 2.0 + 0.5, (stop, reset)
        g.wait_for(r"eth0: link up", start=reset.end(), timeout=10)
    if "skb_pool" in params:
        probe(netns, count=3000, flood=True, timeout=60, min_size=60, max_size=60)
        assert counters(g)["rx_alloc_failed"] > 0      # the pool did run dry
        time.sleep(0.5)
        assert probe(netns, count=500, window=8)["received"] == 500
    assert probe(netns, count=10000) == INTACT
    if hang:
        c = counters(g)
        assert c["resets"] == 1 and c["tx_hang_detected"] + c["tx_timeout"] >= 1, c
    start = len(g.out)
    g.monitor("set_link nic0 off")
    g.wait_for(r"eth0: link down", start=start, timeout=10)
    g.monitor("set_link nic0 on")
    g.wait_for(r"eth0: link up, 1000 Mbps full duplex", start=start, timeout=10)
    assert probe(netns, count=500)["received"] == 500
    assert counters(g)["link_changes"] >= 3        # up at open, down, up
    chip = {"igb.irq=msi": "PCI-MSI", "igb.irq=intx": "IO-APIC"}.get(params.split(" ")[0])
    if chip:                                       # the one vector did the work
        assert handler_counts(g)["eth0"][0] == chip and handler_counts(g)["eth0"][1] > 0
    assert pool(g) == baseline                     # every reflected skb came back
    # The stopped queue makes the model trace e1000e_tx_disabled at each
    # doorbell until the reset: that one is the test's own doing.
    assert [l for l in model_warnings(g) if not (hang and "tx_disabled" in l)] == []
