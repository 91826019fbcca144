"""Host checks of the bench's parsing and verdicts (no QEMU, no root):
python3 -m pytest tests/bench. Not part of make test, like the bench."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import report  # noqa: E402
import vm  # noqa: E402

NICSTACK_IRQS = """ IRQ  vector       count  chip      handlers
   4    0x30          35  IO-APIC   ttyS0
  24    0x31       10790  PCI-MSI-X  eth-rx
  25    0x32       11247  PCI-MSI-X  eth-tx
  26    0x33           1  PCI-MSI-X  eth-other
 127    0xf0        6254  LAPIC     timer
 SPU  spurious           0
"""
LINUX_IRQS = """           CPU0       CPU1
  0:         40          2   IO-APIC   2-edge      timer
 24:        100         20   PCI-MSI 49152-edge      eth0-rx-0
 25:         30          0   PCI-MSI 49153-edge      eth0-tx-0
 26:          4          0   PCI-MSI 49154-edge      eth0
NMI:          0          0   Non-maskable interrupts
"""


def test_nicstack_irq_lines_are_summed():
    t = vm.Target("nicstack", "nicstack", iso="x.iso")
    assert t.nic_irqs(NICSTACK_IRQS) == 10790 + 11247 + 1


def test_linux_irq_lines_sum_every_cpu():
    t = vm.Target("linux", "linux", linux={})
    assert t.nic_irqs(LINUX_IRQS) == 120 + 30 + 4


def test_no_nic_line_is_none_not_zero():
    t = vm.Target("nicstack", "nicstack", iso="x.iso")
    assert t.nic_irqs("   4    0x30   35  IO-APIC   ttyS0\n") is None


def test_strip_iso_keeps_everything_else():
    args = ["q", "-m", "64M", "-drive", "file=a.iso,media=cdrom,if=ide", "-boot", "d",
            "-drive", "file=b.img,format=raw", "-device", "e1000e"]
    assert vm._strip_iso(args) == ["q", "-m", "64M", "-drive", "file=b.img,format=raw",
                                   "-device", "e1000e"]


def test_missing_nicstack_figure_is_pending_with_reason():
    res = {"runs": {"nicstack": [{"figures": {}, "raw": {},
                                  "notes": {"*": "nicstack: no ping reply within 10 s"}}],
                    "linux": [{"figures": {"rr_rate": 1000.0}, "raw": {}, "notes": {}}]},
           "footprint": {}}
    line = [x for x in report.table(res) if "1 outstanding" in x][0]
    assert "nicstack: no ping reply within 10 s" in line
    assert "1000 /s" in line and line.endswith("| pending |")


def test_ratio_target_and_median_range():
    res = {"runs": {"nicstack": [{"figures": {"rr_rate": v}, "raw": {}, "notes": {}}
                                 for v in (2100.0, 1900.0, 2500.0)],
                    "linux": [{"figures": {"rr_rate": 1000.0}, "raw": {}, "notes": {}}]},
           "footprint": {}}
    line = [x for x in report.table(res) if "1 outstanding" in x][0]
    assert "2100 /s (1900 /s - 2500 /s)" in line
    assert "| 2.10 |" in line and line.endswith("| met |")


LINUX_E1000_IRQS = """           CPU0
  0:         40   IO-APIC   2-edge      timer
 11:       5120   IO-APIC  11-fasteoi   eth0
NMI:          0   Non-maskable interrupts
"""
NICSTACK_E1000_IRQS = """ IRQ  vector       count  chip      handlers
   4    0x30          35  IO-APIC   ttyS0
  11    0x3b        4321  IO-APIC   eth0
 127    0xf0        6254  LAPIC     timer
"""


def test_the_e1000_rows_intx_line_is_counted():
    assert vm.Target("linux[e1000]", "linux", nic="e1000").nic_irqs(LINUX_E1000_IRQS) == 5120
    assert vm.Target("nicstack[e1000]", "nicstack", nic="e1000").nic_irqs(
        NICSTACK_E1000_IRQS) == 4321


def test_the_per_nic_table_has_an_e1000_row():
    run = {"figures": {"rr_rate": 2000.0, "boot_s": 1.0}, "notes": {}}
    lin = {"figures": {"rr_rate": 1000.0}, "notes": {}}
    res = {"runs": {"nicstack": [run], "linux": [lin]},
           "nics": {"e1000": {"nicstack": [run], "linux": [lin]}}}
    lines = report.nic_table(res)
    assert lines[2].startswith("| e1000e (82574L) |") and lines[3].startswith("| e1000 (82540EM) |")
    assert "| 2000 / 1000 (2.00x) |" in lines[3] and "| 1.00 / - |" in lines[3]
