#!/usr/bin/env python3
"""make test's check of a make bench QUICK=1 run: every figure has a number.

The benchmark runs rarely and on purpose; this keeps it from rotting in
between. Each row of the main table must hold a measured value for both
guests, so must each per-NIC row (the igb's only when build/qemu-new holds
QEMU 10; without it the results must say the row was skipped), and each
receive design a value in every column (the livelock probe's columns
included, where "the guest did not answer" is itself the measurement).
Prints one 'bench-smoke: N passed, M failed' line.
"""
import json
import re
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import report  # noqa: E402
from bench import NIC_ROWS, NIC_QEMU, qemu_new_present  # noqa: E402


# The livelock probe's two latency columns have no number when the guest did
# not answer at all during the flood -- the legacy netif_rx() design may not,
# and that is the finding the probe exists for. The bench says so in a note,
# which counts as a measurement; any other missing value is a failure.
LIVELOCK_OUTCOMES = {"flood_ping_p50_us": "no reply during the flood",
                     "flood_console_ms": "console silent for"}


def livelock_observed(runs, key):
    note = report.note(runs, key)
    return key in LIVELOCK_OUTCOMES and LIVELOCK_OUTCOMES[key] in note


def check_rows(res, have_qemu_new):
    """Every per-NIC row is there; a QEMU 10 row (the igb) may be missing only
    when QEMU 10 is absent on this machine and the bench said so in its results."""
    failures = []
    nics, skipped = res.get("nics", {}), res.get("skipped_rows", {})
    for nic in NIC_ROWS:
        if nic in nics:
            continue
        if NIC_QEMU.get(nic) == "new" and not have_qemu_new:
            if nic not in skipped:
                failures.append(f"{nic} row: not measured and not reported as skipped")
            continue
        why = f" ({skipped[nic]})" if nic in skipped else ""
        failures.append(f"no {nic} row was measured{why}")
    return failures


def check(res, have_qemu_new):
    failures, passed = [], 0
    for guest in ("nicstack", "linux"):
        runs = res["runs"].get(guest, [])
        for key, label, *_ in report.MAIN_ROWS:
            if report.values(runs, key):
                passed += 1
            else:
                failures.append(f"{guest}: {label}: {report.note(runs, key)}")
        fp = res["footprint"].get(guest, {})
        for key, label, *_ in report.FOOT_ROWS:
            if fp.get(key) is not None:
                passed += 1
            else:
                failures.append(f"{guest}: {label}: not measured")
    # Every NIC row (the e1000, and the igb with QEMU 10, beside the main table's
    # e1000e): both guests, every column.
    failures += check_rows(res, have_qemu_new)
    for nic, guests in res.get("nics", {}).items():
        for guest in ("nicstack", "linux"):
            runs = guests.get(guest, [])
            for key, label, _ in report.NIC_COLS:
                if report.values(runs, key):
                    passed += 1
                else:
                    failures.append(f"{nic}: {guest}: {label}: {report.note(runs, key)}")
    if not res["designs"]:
        failures.append("no receive design was measured")
    for name, runs in res["designs"].items():
        for key, label, _ in report.DESIGN_COLS:
            if report.values(runs, key) or livelock_observed(runs, key):
                passed += 1
            else:
                failures.append(f"design {name}: {label}: {report.note(runs, key)}")
    return passed, failures


PROFILED = ("nicstack", "nicstack[e1000]")
PROFILED_QEMU_NEW = ("nicstack[igb]",)    # only where QEMU 10 ran the igb row
PROFILE_WORKLOADS = ("rr", "win64", "tcp_h2g", "tcp_g2h")
TOP_HEAD = re.compile(r"^(\d+) samples, \d+ dropped, \d+ functions$", re.M)
TOP_ROW = re.compile(r"^\s*\d+\.\d\d%\s+\d+  [A-Za-z_.]", re.M)
FOLDED_ROW = re.compile(r"^\S+ \d+$", re.M)


def check_profiles(outdir, have_qemu_new=False):
    """Each profiled target and workload: a top list with samples and a named
    function, and folded stacks."""
    failures, passed = [], 0
    for name in PROFILED + (PROFILED_QEMU_NEW if have_qemu_new else ()):
        for wl in PROFILE_WORKLOADS:
            base = os.path.join(outdir, "profiles", f"{name}-{wl}")
            try:
                top = open(base + ".top").read()
                folded = open(base + ".folded").read()
            except OSError:
                failures.append(f"profile of {name} {wl}: no file")
                continue
            head = TOP_HEAD.search(top)
            if head and int(head[1]) > 0 and TOP_ROW.search(top) and FOLDED_ROW.search(folded):
                passed += 1
            else:
                failures.append(f"profile of {name} {wl}: empty or unreadable")
    return passed, failures


def main(path):
    with open(path) as f:
        passed, failures = check(json.load(f), qemu_new_present())
    p, f = check_profiles(os.path.dirname(os.path.abspath(path)), qemu_new_present())
    passed += p
    failures += f
    for line in failures:
        print("bench-smoke: missing", line)
    print(f"bench-smoke: {passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
