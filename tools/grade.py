#!/usr/bin/env python3
"""make grade: score one course lab, in the style of xv6's graders.

    grade.py [--lab NAME] [--json FILE] [--no-build]

In a student tree (made by tools/lab.py cut) the lab is the one in the file
LAB at the top; in the real tree say --lab (make grade LAB=name). The grader
builds the kernel, runs the lab's host unit tests and its QEMU checks
(tests/qemu tests marked lab_NAME), and prints one line per named check with
its points. A 'required' line is worth nothing but must pass: it shows the
kernel still boots with the lab's code stubbed. Exit status 0 only at full
marks with every requirement met.
"""
import argparse
import json
import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
PYTHON = "/usr/bin/python3"


class Check:
    def __init__(self, name, points, unit=None, qemu=None):
        self.name, self.points = name, points
        self.unit = unit        # (binary, [cmocka test names])
        self.qemu = qemu        # [pytest function names in tests/qemu]

    @property
    def kind(self):
        return "unit" if self.unit else "qemu"


def unit(binary, *tests):
    return (binary, list(tests))


# Each lab: the checks in the order a student meets them. A check passes when
# every test it names passed; partial credit is the sum of passed checks.
LABS = {
    "skb": [
        Check("kernel boots, shell answers (required)", 0,
              qemu=["test_skb_boots_and_shell_answers"]),
        Check("skb_headroom: the room before data", 5,
              unit=unit("skb", "test_lab_headroom_alone")),
        Check("skb_tailroom: the room after tail; none with frags", 5,
              unit=unit("skb", "test_lab_tailroom_alone")),
        Check("skb_put: appends at the tail; no room: skb_over_panic", 10,
              unit=unit("skb", "test_lab_put_alone")),
        Check("skb_push: prepends into the headroom; none: skb_under_panic", 10,
              unit=unit("skb", "test_lab_push_alone")),
        Check("skb_pull: strips the front; too much: NULL, unchanged", 10,
              unit=unit("skb", "test_lab_pull_alone")),
        Check("skb_reserve: headroom in an empty skb only", 5,
              unit=unit("skb", "test_lab_reserve_alone")),
        Check("skb_clone: a second head over the data, freed once", 10,
              unit=unit("skb", "test_lab_clone_alone")),
        Check("together: driver skbs, trim, panics, eth_type_trans", 10,
              unit=unit("skb", "test_alloc_geometry", "test_put_push_pull_trim",
                        "test_push_past_headroom_is_reported",
                        "test_put_past_end_is_reported",
                        "test_clone_shares_and_frees_data_once", "test_eth_type_trans")),
        Check("ping is answered", 10, qemu=["test_skb_ping_is_answered"]),
        Check("UDP echo comes back byte-identical", 10,
              qemu=["test_skb_udp_echo_is_byte_identical"]),
    ],
    "rx": [
        Check("kernel boots, shell answers (required)", 0,
              qemu=["test_ring_lab_boots_and_shell_answers"]),
        Check("refill: a buffer per free slot, a failed one retried", 10,
              unit=unit("e1000e_rx", "test_refill_after_allocation_failure")),
        Check("clean: done descriptors to skbs, checksum status, errors", 10,
              unit=unit("e1000e_rx", "test_rx_clean_checksum_status_and_errors")),
        Check("clean stops at the budget", 5,
              unit=unit("e1000e_rx", "test_rx_budget_stops_cleaning")),
        Check("NAPI: the poll unmasks only after completing", 5,
              unit=unit("e1000e_intr", "test_intx_top_half_masks_and_napi_unmasks")),
        Check("frames received at all", 10, qemu=["test_ring_frames_come_back_at_all"]),
        Check("1000 frames intact and in order", 10,
              qemu=["test_ring_1000_frames_intact_and_in_order"]),
        Check("no interrupt lost under load: every poll re-arms", 10,
              qemu=["test_rx_interrupts_rearmed_after_every_poll"]),
        Check("refill after the skb pool ran dry, without an interrupt", 10,
              qemu=["test_rx_refill_after_the_skb_pool_ran_dry"]),
    ],
    "tx": [
        Check("kernel boots, shell answers (required)", 0,
              qemu=["test_ring_lab_boots_and_shell_answers"]),
        Check("the queue stops when nearly full and wakes on completion", 10,
              unit=unit("e1000e_tx", "test_tx_queue_stops_and_wakes")),
        Check("descriptors: checksum offload layout", 10,
              unit=unit("e1000e_tx", "test_xmit_checksum_offload_descriptors")),
        Check("frames sent at all", 10, qemu=["test_ring_frames_come_back_at_all"]),
        Check("1000 frames intact and in order", 10,
              qemu=["test_ring_1000_frames_intact_and_in_order"]),
        Check("flood: stop/wake on a 64-slot ring, every skb freed", 10,
              qemu=["test_tx_queue_stops_wakes_and_completion_frees"]),
    ],
    "backlog": [
        Check("kernel boots, NAPI path still works (required)", 0,
              qemu=["test_backlog_boots_and_napi_path_still_works"]),
        Check("netif_rx queues, schedules the backlog, drops past the limit", 10,
              unit=unit("netnapi", "test_netif_rx_queues_schedules_backlog_and_drops")),
        Check("process_backlog delivers in order, within quota, completes", 10,
              unit=unit("netnapi", "test_process_backlog_delivers_in_order_within_quota")),
        Check("both: netif_rx from hard IRQ, delivered on irq exit", 10,
              unit=unit("netnapi", "test_netif_rx_drops_past_max_backlog",
                        "test_netif_rx_from_hard_irq_delivers_on_exit")),
        Check("napi=0: frames arrive through netif_rx", 10,
              qemu=["test_backlog_frames_arrive_through_netif_rx"]),
        Check("napi=0: 1000 frames intact and in order", 10,
              qemu=["test_backlog_frames_are_intact_and_in_order"]),
        Check("napi=0 flood: bounded, drops counted, no leak", 10,
              qemu=["test_backlog_is_bounded_drops_are_counted_and_freed"]),
    ],
    "irq": [
        Check("kernel boots, irq=poll still works (required)", 0,
              qemu=["test_irq_boots_and_polling_mode_still_works"]),
        Check("irq_alloc: an IRQ bound to a free device vector", 5,
              unit=unit("irq_vector", "test_irq_alloc_binds_a_free_vector")),
        Check("irq_alloc: taken vectors skipped; none left: -ENOSPC", 5,
              unit=unit("irq_vector", "test_irq_alloc_skips_taken_vectors_and_runs_out")),
        Check("MSI-X: an IRQ per vector, all kept or all given back", 10,
              unit=unit("pci_irq", "test_msix_allocates_one_irq_per_vector")),
        Check("MSI-X table programmed, entries masked", 10,
              unit=unit("pci_irq", "test_msix_programs_table")),
        Check("MSI-X chip masks one entry", 5,
              unit=unit("pci_irq", "test_msix_chip_masks_one_entry")),
        Check("INTx top half: ICR read, masked, NAPI scheduled", 10,
              unit=unit("e1000e_intr", "test_intx_top_half_masks_and_napi_unmasks")),
        Check("MSI-X top halves", 5, unit=unit("e1000e_intr", "test_msix_vectors")),
        Check("MSI-X: three causes, each its own IRQ and vector", 10,
              qemu=["test_irq_msix_one_vector_per_cause"]),
        Check("MSI-X: the RX vector interrupts, frames back", 10,
              qemu=["test_irq_msix_three_vectors_and_rx_top_half"]),
        Check("MSI: frames back", 10, qemu=["test_irq_msi_top_half"]),
        Check("INTx: level line acknowledged, frames back", 10,
              qemu=["test_irq_intx_top_half_acks_the_level_line"]),
    ],
    "softirq": [
        Check("kernel boots, ping answered (required)", 0,
              qemu=["test_softirq_boots_and_network_still_works"]),
        Check("actions run with IRQs on; raised meanwhile: rerun", 10,
              unit=unit("softirq", "test_runs_pending_with_irqs_on")),
        Check("called with IRQs off: off again after", 5,
              unit=unit("softirq", "test_irqs_off_restored")),
        Check("re-raised work runs within MAX_SOFTIRQ_RESTART", 5,
              unit=unit("softirq", "test_reraise_within_limit")),
        Check("restart limit: the rest deferred and counted", 10,
              unit=unit("softirq", "test_restart_limit_defers")),
        Check("time limit: the rest deferred and counted", 10,
              unit=unit("softirq", "test_time_limit_defers")),
    ],
}


def run(cmd, cwd, log, timeout):
    with open(log, "a") as f:
        f.write(f"$ {' '.join(cmd)}\n")
        f.flush()
        try:
            return subprocess.run(cmd, cwd=cwd, stdout=f, stderr=subprocess.STDOUT,
                                  timeout=timeout).returncode
        except subprocess.TimeoutExpired:
            f.write(f"timed out after {timeout} s\n")
            return -1


def unit_results(root, binary, names, log):
    """{test name: passed} from one cmocka binary ({} if it did not build).
    Each test runs alone (CMOCKA_TEST_FILTER, tests/unit/fake/test_filter.h):
    a failing one can leave state behind that fails every later set-up."""
    path = os.path.join("build", "unit", f"test_{binary}")
    if run(["make", "--no-print-directory", path], root, log, 900) != 0:
        return {}   # (already built by grade(); this names a failed build in the log)
    res = {}
    for name in names:
        proc = subprocess.run([os.path.join(root, path)], cwd=root, capture_output=True,
                              text=True, timeout=300,
                              env=dict(os.environ, CMOCKA_MESSAGE_OUTPUT="STDOUT",
                                       CMOCKA_TEST_FILTER=name,
                                       ASAN_OPTIONS="detect_leaks=1"))
        with open(log, "a") as f:
            f.write(f"$ CMOCKA_TEST_FILTER={name} {path}\n" + proc.stdout + proc.stderr)
        res[name] = proc.returncode == 0 and f"[       OK ] {name}" in proc.stdout
    return res


def qemu_results(root, lab, log):
    """{test function name: passed} for every tests/qemu test marked lab_LAB:
    the lab checks of lab_checks.py (which make qemu-test does not collect:
    lab-ci runs them) and existing tests that carry the marker."""
    xml = os.path.join(root, "build", "grade", f"{lab}.xml")
    if os.path.exists(xml):
        os.unlink(xml)
    qdir = os.path.join(root, "tests", "qemu")
    # Only the files that carry the marker: naming lab_checks.py next to the
    # folder would collect it twice, and the rest need not be imported.
    files = ["lab_checks.py"] + sorted(
        f for f in os.listdir(qdir) if f.startswith("test_") and f.endswith(".py")
        and f"mark.lab_{lab}" in open(os.path.join(qdir, f), errors="replace").read())
    run([PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", f"lab_{lab}",
         f"--junitxml={xml}", *files], qdir, log, 1800)
    res = {}
    if not os.path.exists(xml):
        return res
    for case in ET.parse(xml).getroot().iter("testcase"):
        bad = any(c.tag in ("failure", "error", "skipped") for c in case)
        res[case.get("name")] = not bad
    return res


def score_checks(checks, built, results):
    """(rows, score, total, required_ok). A check passes when every test it
    names passed; a test that did not report (crashed, not built) failed."""
    rows, score, total, required_ok = [], 0, 0, built
    for c in checks:
        if not built:
            ok = False
        elif c.unit:
            got = results.get(("unit", c.unit[0]), {})
            ok = all(got.get(t, False) for t in c.unit[1])
        else:
            ok = all(results.get("qemu", {}).get(t, False) for t in c.qemu)
        total += c.points
        score += c.points if ok else 0
        if c.points == 0:
            required_ok = required_ok and ok
        rows.append({"check": c.name, "kind": c.kind, "points": c.points,
                     "passed": ok})
    return rows, score, total, required_ok


def stubs_left(root, lab):
    """file:line of each region of the lab that still holds the cut stub."""
    sys.path.insert(0, os.path.join(root, "tools"))
    import lab as labtool
    left = []
    try:
        regions = labtool.scan(root)
    except labtool.LabError as e:
        return [f"(markers: {e})"]
    for rel, rs in sorted(regions.items()):
        with open(os.path.join(root, rel), errors="replace") as f:
            lines = f.read().split("\n")
        for r in rs:
            if r.lab == lab and any(labtool.STUB_SIGNATURE in l
                                    for l in lines[r.begin:r.end - 1]):
                left.append(f"{rel}:{r.begin}")
    return left


def grade(root, lab, build=True, out=sys.stdout):
    checks = LABS[lab]
    os.makedirs(os.path.join(root, "build", "grade"), exist_ok=True)
    log = os.path.join(root, "build", "grade", f"{lab}.log")
    open(log, "w").close()
    started = time.monotonic()
    built = not build or run(["make", "--no-print-directory", "-j2"], root, log, 1800) == 0
    results = {}
    binaries = sorted({c.unit[0] for c in checks if c.unit})
    if built and binaries:
        # Each binary compiles the sources it tests with ASan: both cores at once.
        run(["make", "--no-print-directory", "-j2"] +
            [os.path.join("build", "unit", f"test_{b}") for b in binaries], root, log, 900)
    if built:
        for binary in binaries:
            names = sorted({t for c in checks if c.unit and c.unit[0] == binary
                            for t in c.unit[1]})
            results[("unit", binary)] = unit_results(root, binary, names, log)
        if any(c.qemu for c in checks):
            results["qemu"] = qemu_results(root, lab, log)

    rows, score, total, required_ok = score_checks(checks, built, results)
    print(f"== make grade: lab {lab} (docs/labs/{lab}.md) ==", file=out)
    # The build is one more line of the table, a requirement like the boots.
    table = [{"kind": "build", "check": "the kernel and its ISO", "points": 0,
              "passed": built}] + rows
    for r in table:
        mark = ("OK" if r["passed"] else "FAIL") if r["points"] == 0 else \
            f"{r['points'] if r['passed'] else 0:2d}/{r['points']}"
        print(f"  {r['kind']:5s}  {r['check']:60s} {mark}", file=out)
    for where in stubs_left(root, lab):
        print(f"  still a stub: {where}", file=out)
    secs = time.monotonic() - started
    print(f"Score: {score}/{total}   ({secs:.0f} s; log {os.path.relpath(log, root)})",
          file=out)
    return {"lab": lab, "built": built, "score": score, "total": total,
            "required_ok": required_ok, "checks": rows, "seconds": round(secs, 1)}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lab", help="the lab (default: the LAB file of a student tree)")
    ap.add_argument("--json", help="also write the result here")
    ap.add_argument("--no-build", action="store_true", help="grade what is built")
    args = ap.parse_args(argv)
    lab = args.lab
    lab_file = os.path.join(ROOT, "LAB")
    if not lab and os.path.exists(lab_file):
        lab = open(lab_file).read().strip()
    if not lab:
        print("grade: which lab? make grade LAB=name (labs: " + ", ".join(LABS) + ")",
              file=sys.stderr)
        return 2
    if lab not in LABS:
        print(f"grade: no grader for lab '{lab}' (graded: {', '.join(LABS)})", file=sys.stderr)
        return 2
    res = grade(ROOT, lab, build=not args.no_build)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(res, f, indent=1)
    return 0 if res["score"] == res["total"] and res["required_ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
