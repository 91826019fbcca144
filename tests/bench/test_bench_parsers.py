"""Host checks of the bench's parsing and verdicts (no QEMU, no root):
python3 -m pytest tests/bench. Not part of make test, like the bench."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402
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


NICSTACK_IGB_IRQS = """ IRQ  vector       count  chip      handlers
   4    0x30          35  IO-APIC   ttyS0
  24    0x31         700  PCI-MSI-X  igb-TxRx-0
  25    0x32          50  PCI-MSI-X  igb-TxRx-1
  26    0x33           2  PCI-MSI-X  igb-other
 127    0xf0        6254  LAPIC     timer
"""
LINUX_IGB_IRQS = """           CPU0
  0:         40   IO-APIC   2-edge      timer
 24:          3   PCI-MSIX-0000:00:03.0    0-edge      eth0
 25:        900   PCI-MSIX-0000:00:03.0    1-edge      eth0-TxRx-0
 26:         80   PCI-MSIX-0000:00:03.0    2-edge      eth0-TxRx-1
NMI:          0   Non-maskable interrupts
"""


def test_the_igb_rows_msix_vectors_are_counted():
    assert vm.Target("nicstack[igb]", "nicstack", nic="igb", qemu="new").nic_irqs(
        NICSTACK_IGB_IRQS) == 700 + 50 + 2
    assert vm.Target("linux[igb]", "linux", nic="igb", qemu="new").nic_irqs(
        LINUX_IGB_IRQS) == 3 + 900 + 80


def test_both_guests_of_the_igb_row_run_on_qemu_10(tmp_path, monkeypatch):
    linux = {"kernel": "vmlinuz", "initrd": "initrd"}

    class NS:
        def prefix(self):
            return []

    new = os.path.join(vm.nicqemu.QEMU_NEW_DIR, "qemu-system-x86_64")
    # No QEMU 10 needed on the host running the test; no FAT image either.
    monkeypatch.setattr(vm.nicqemu, "qemu_binary",
                        lambda q="system": new if q == "new" else "qemu-system-x86_64")
    monkeypatch.setattr(vm.nicqemu, "write_cmdline_disk",
                        lambda *a, **k: str(tmp_path / "c.img"))
    for t in (vm.Target("nicstack[igb]", "nicstack", iso="x.iso", nic="igb", qemu="new"),
              vm.Target("linux[igb]", "linux", linux=linux, nic="igb", qemu="new")):
        args = t.qemu_args(str(tmp_path), "128M", "tcg", NS())
        assert args[0] == new, (t.name, args[0])
        assert any(a.startswith("igb,netdev=n0") for a in args), args


def test_the_igb_row_is_skipped_with_a_reason_without_qemu_10():
    rows, skipped = bench.plan_rows(["e1000", "igb"], set(), have_qemu_new=False)
    assert rows == [("e1000", "system")]
    assert skipped == {"igb": "igb row: no QEMU 10 in build/qemu-new; run make qemu-new"}
    rows, skipped = bench.plan_rows(["e1000", "igb"], set(), have_qemu_new=True)
    assert rows == [("e1000", "system"), ("igb", "new")] and skipped == {}
    # --skip igb drops the row on purpose: no line about QEMU 10.
    assert bench.plan_rows(["e1000", "igb"], {"igb"}, False) == ([("e1000", "system")], {})


def test_a_skipped_row_is_a_line_in_the_report_never_silent():
    run = {"figures": {"rr_rate": 2000.0}, "notes": {}}
    why = "igb row: no QEMU 10 in build/qemu-new; run make qemu-new"
    res = {"runs": {"nicstack": [run], "linux": [run]}, "nics": {}, "designs": {},
           "footprint": {}, "skipped_rows": {"igb": why},
           "meta": {"date": "d", "machine": {"cpu": "c", "cpus": 2, "kernel": "k", "qemu": "q"},
                    "accel": "tcg", "memory": "128M", "linux_package": "p",
                    "linux_modules": ["igb"], "reps": 1, "quick": True, "workload_s": 2,
                    "iperf_s": 2, "pings": 200}}
    md = report.markdown(res)
    assert f"| igb (82576) | skipped: {why} |" in md
    assert f"\n- {why}\n" in md


def test_the_igb_row_names_its_qemu_in_the_report():
    res = {"meta": {"row_qemu": {"igb": "QEMU emulator version 10.0.2"}}}
    assert report.nic_notes(res) == ["- igb (82576) row: both guests on "
                                     "QEMU emulator version 10.0.2"]
