"""x2APIC (issue 13): the LAPIC through MSRs, and nox2apic back on the MMIO page.

QEMU 7.2 never offers x2APIC under TCG, so both boots run on QEMU 10
(build/qemu-new, docs/qemu-versions.md) with `-cpu qemu64,+x2apic`: once in
x2APIC mode (the kernel's default when the CPU has it) and once with
`nox2apic`. Each must say which mode it is in, tick (LAPIC timer interrupts,
which stop after the first if EOI does not reach the APIC), and take
interrupts from all three MSI-X vectors of the e1000e, whose messages carry
the APIC ID lapic_id() read in that mode: RX and TX from ping, "other" from
a link flap.
"""
import re
import time

import pytest

from netlab import GUEST_IP
from test_e1000e import WRN_EVENTS, driver_warnings, handler_counts
from test_lwip import STATIC, boot_stack, ping

CPU = ["-cpu", "qemu64,+x2apic"]
MODES = [
    ("x2apic", "", [r"x2apic: enabled$", r"lapic: id 0 version 0x\w+, x2APIC mode \(MSRs\)"]),
    ("nox2apic", "nox2apic", [r"x2apic: off \(nox2apic\); xAPIC mode",
                              r"lapic: id 0 version 0x\w+ at 0xfee00000, xAPIC mode"]),
]


def uptime(g):
    m = re.search(r"jiffies (\d+)", g.cmd("uptime"))
    assert m
    return int(m.group(1)), time.monotonic()


@pytest.mark.parametrize("name,params,lines", MODES, ids=[m[0] for m in MODES])
def test_timer_and_msix_vectors(guest, netns, name, params, lines):
    g = boot_stack(guest, netns, f"{STATIC} {params}".strip(), qemu="new", extra=CPU,
                   monitor=True, trace_events=WRN_EVENTS)
    for line in lines:
        assert re.search(line, g.out, re.M), g.out[-3000:]
    assert re.search(r"\(0 boot parameters rejected", g.out), g.out[-3000:]
    assert "eth0: up: irq msix, napi on" in g.out, g.out[-3000:]

    # The tick: LAPIC timer interrupts keep coming, and jiffies keep host time.
    ticks0 = handler_counts(g)["timer"]
    j0, t0 = uptime(g)
    time.sleep(3)
    j1, t1 = uptime(g)
    ticks1 = handler_counts(g)["timer"]
    assert ticks0[0] == "LAPIC"
    rate = (j1 - j0) / (t1 - t0)
    assert 900 <= rate <= 1100, f"jiffies advanced at {rate:.1f}/s, HZ is 1000"
    # Under TCG a vCPU misses ticks (jiffies catch up from the TSC), but an
    # APIC without EOI would deliver none after the first.
    assert ticks1[1] - ticks0[1] > 300, (ticks0, ticks1)

    # RX and TX vectors from ping, the "other" one (link status) from a flap.
    before = handler_counts(g)
    got, out = ping(netns, GUEST_IP, count=3)
    assert got == 3, out
    start = len(g.out)
    g.monitor("set_link nic0 off")
    g.wait_for(r"eth0: link down", start=start, timeout=10)
    g.monitor("set_link nic0 on")
    g.wait_for(r"eth0: link up", start=start, timeout=10)
    after = handler_counts(g)
    for h in ("eth-rx", "eth-tx", "eth-other"):
        assert after[h][0] == "PCI-MSI-X", after
        assert after[h][1] > before[h][1], (h, before, after)
    got, out = ping(netns, GUEST_IP, count=2)
    assert got == 2, out
    assert driver_warnings(g) == []
