#!/usr/bin/env python3
"""make test's check of a make bench QUICK=1 run: every figure has a number.

The benchmark runs rarely and on purpose; this keeps it from rotting in
between. Each row of the main table must hold a measured value for both
guests, and each receive design a value in every column (the livelock
probe's columns included). Prints one 'bench-smoke: N passed, M failed' line.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import report  # noqa: E402


def check(res):
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
    if not res["designs"]:
        failures.append("no receive design was measured")
    for name, runs in res["designs"].items():
        for key, label, _ in report.DESIGN_COLS:
            if report.values(runs, key):
                passed += 1
            else:
                failures.append(f"design {name}: {label}: {report.note(runs, key)}")
    return passed, failures


def main(path):
    with open(path) as f:
        passed, failures = check(json.load(f))
    for line in failures:
        print("bench-smoke: missing", line)
    print(f"bench-smoke: {passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
