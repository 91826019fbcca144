"""PCI enumeration under QEMU: both config mechanisms, bridges, a second NIC, BARs, capabilities."""
import re

import pytest

E1000E = r"Ethernet controller \[0200\]: Intel Corporation 82574L Gigabit Network Connection \[8086:10d3\]"

MACHINES = {
    # machine, bridge device, expected config mechanism line
    "pc": ("pci-bridge,id=br0,chassis_nr=1,bus=pci.0,addr=0x4",
           r"PCI: using port I/O \(type 1\) config access \(no MCFG\)", r"00:04.0 PCI bridge \[0604\]"),
    "q35": ("pcie-root-port,id=br0,chassis=1,bus=pcie.0,addr=0x3",
            r"PCI: using ECAM at 0xb0000000", r"00:03.0 PCI bridge \[0604\]"),
}


def boot_two_nics(guest, machine):
    bridge, _, _ = MACHINES[machine]
    extra = ["-netdev", "user,id=n1", "-device", bridge,
             "-device", "e1000e,netdev=n1,bus=br0,mac=52:54:00:00:00:02,romfile="]
    g = guest(machine=machine, cmdline="loglevel=7", netdev="user,id=n0", extra=extra)
    g.wait_booted()
    return g


@pytest.mark.parametrize("machine", ["pc", "q35"])
def test_listing_matches_what_qemu_was_given(guest, machine):
    g = boot_two_nics(guest, machine)
    _, mechanism, bridge_line = MACHINES[machine]
    assert re.search(mechanism, g.out)
    assert re.search(bridge_line, g.out)
    nics = re.findall(r"^\[[ .\d]+\] (\d\d:\d\d\.\d) " + E1000E, g.out, re.M)
    assert len(nics) == 2 and nics[1].startswith("01:00"), nics   # one behind the bridge
    # Both NICs were probed by the driver, with the MACs QEMU was given.
    assert "eth0: Intel 82574L" in g.out and "MAC 52:54:00:12:34:56" in g.out
    assert "eth1: Intel 82574L" in g.out and "MAC 52:54:00:00:00:02" in g.out
    listing = g.cmd("lspci")
    assert len(re.findall(E1000E, listing)) == 2
    assert re.search(r"Bus: primary=00, secondary=01, subordinate=01", g.cmd("lspci -v"))


@pytest.mark.parametrize("machine", ["pc", "q35"])
def test_e1000e_bars_and_capabilities(guest, machine):
    g = boot_two_nics(guest, machine)
    verbose = g.cmd("lspci -v")
    nic = verbose[re.search(E1000E, verbose).start():]
    nic = nic[:nic.find("\n\n")] if "\n\n" in nic else nic[:3000]
    assert re.search(r"Region 0: Memory at [0-9a-f]+ \(32-bit, non-prefetchable\) \[size=128K\]", nic)
    assert re.search(r"Region 2: I/O ports at [0-9a-f]+ \[size=32\]", nic)
    assert re.search(r"Region 3: Memory at [0-9a-f]+ .*\[size=16K\]", nic)
    assert re.search(r"Capabilities: \[d0\] MSI: Enable- Count=1/1 Maskable- 64bit\+", nic)
    assert re.search(r"Capabilities: \[a0\] MSI-X: Enable[+-] Count=5 .*BAR=3 offset=00000000 "
                     r"PBA: BAR=3 offset=00002000", nic)
    assert re.search(r"Capabilities: \[e0\] Express", nic)
    assert re.search(r"Kernel driver in use: e1000e", nic)


def test_lspci_rejects_bad_arguments(guest):
    g = guest()
    g.wait_booted()
    assert "usage: lspci [-v]" in g.cmd("lspci -x")


def test_boot_continues_without_a_nic(guest):
    g = guest()
    g.wait_booted()
    assert "e1000e: no supported Intel 82574 NIC found; continuing without one" in g.out


def test_peer_root_bus_nic_found_and_passes_traffic(guest):
    # A second host bridge (pxb-pcie, bus 0x40) that no bridge on bus 0 leads
    # to, a root port on it and an e1000e behind that, beside the usual NIC on
    # bus 0. eth0 is kept off 10.0.2.0/24 so the ping can only leave by eth1.
    extra = ["-device", "pxb-pcie,id=pxb1,bus_nr=64,bus=pcie.0",
             "-device", "pcie-root-port,id=rp1,bus=pxb1,chassis=1",
             "-netdev", "user,id=n1",
             "-device", "e1000e,bus=rp1,netdev=n1,mac=52:54:00:00:00:02,romfile="]
    g = guest(machine="q35", cmdline="ip=192.0.2.2/24", netdev="user,id=n0", extra=extra)
    g.wait_booted()
    assert "PCI: root bus 40 (no bridge from bus 00 leads to it): 2 functions" in g.out
    assert "eth1: Intel 82574L" in g.out and "MAC 52:54:00:00:00:02" in g.out
    g.wait_for(r"lwip: eth1: 10\.0\.2\.15/24 gw 10\.0\.2\.2 \(DHCP\)", timeout=30)
    listing = g.cmd("lspci")
    assert re.search(r"^00:02\.0 " + E1000E, listing, re.M)        # bus 0's tree
    assert re.search(r"^40:00\.0 PCI bridge \[0604\]", listing, re.M)  # the peer root's tree
    assert re.search(r"^41:00\.0 " + E1000E, listing, re.M)
    assert "3 packets transmitted, 3 received" in g.cmd("ping 10.0.2.2 3", timeout=30)
    eth1 = g.cmd("ifconfig").split("eth1: mtu")[1]
    assert int(re.search(r"rx_packets (\d+)", eth1).group(1)) >= 4   # DHCP offer/ack + 3 replies
