#!/usr/bin/env python3
"""Runs the host unit-test binaries and prints one closing summary line."""
import subprocess
import sys


def main(binaries):
    failed_bins = []
    passed = failed = 0
    for binary in binaries:
        proc = subprocess.run([binary], capture_output=True, text=True,
                              env={"CMOCKA_MESSAGE_OUTPUT": "STDOUT",
                                   "ASAN_OPTIONS": "detect_leaks=1",
                                   "UBSAN_OPTIONS": "print_stacktrace=1"})
        out = proc.stdout + proc.stderr
        ok = sum(1 for l in out.splitlines() if l.startswith("[       OK ]"))
        bad = sum(1 for l in out.splitlines() if l.startswith("[  FAILED  ]")
                  and "test(s)" not in l)
        if proc.returncode != 0 and bad == 0:
            bad = 1   # crashed or sanitizer abort outside a test
        passed += ok
        failed += bad
        status = "ok" if proc.returncode == 0 else "FAIL"
        print(f"unit {binary.split('/')[-1]:28s} {ok:4d} passed {bad:3d} failed  {status}")
        if proc.returncode != 0:
            failed_bins.append(binary)
            sys.stdout.write(out[-6000:])
    print(f"unit: {passed} passed, {failed} failed")
    return 1 if failed_bins else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
