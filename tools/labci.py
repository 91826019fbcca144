#!/usr/bin/env python3
"""make lab-ci: proves every graded lab's grader, as make test's part.

For each lab the grader knows (tools/grade.py): cut a student tree (reusing
this tree's kernel objects, so only the stubbed files compile again), run
make grade there and expect a kernel that builds and boots with zero points;
then grade this tree and expect full marks. Prints a line per lab and the
wall time each step took.

    labci.py [--rev REV] [LAB...]     (default: every graded lab)

--rev cuts a commit instead of the working tree (a full build then: the
kernel objects here belong to the working tree).
"""
import json
import os
import shutil
import subprocess
import sys
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import grade  # noqa: E402
import lab  # noqa: E402

PYTHON = "/usr/bin/python3"
_print_lock = threading.Lock()


def run_grade(tree, args, json_path):
    if os.path.exists(json_path):
        os.unlink(json_path)
    proc = subprocess.run([PYTHON, os.path.join(tree, "tools", "grade.py"), *args,
                           "--json", json_path], cwd=tree, capture_output=True, text=True)
    with _print_lock:
        sys.stdout.write(proc.stdout)
        if not os.path.exists(json_path):
            sys.stdout.write(proc.stderr)
        sys.stdout.flush()
    if not os.path.exists(json_path):
        return None
    with open(json_path) as f:
        return json.load(f)


def student(name, out_root, rev=None):
    """The cut tree: it builds, boots (requirements met) and scores zero."""
    out = os.path.join(out_root, name)
    shutil.rmtree(out, ignore_errors=True)
    lab.cut_tree(ROOT, name, out, reuse_build=not rev, rev=rev)
    res = run_grade(out, [], os.path.join(out_root, f"{name}-student.json"))
    problems = []
    if res is None:
        return ["the grader did not run"]
    if not res["built"]:
        problems.append("the cut tree does not build")
    if not res["required_ok"]:
        problems.append("the cut tree's kernel fails a required check (boot)")
    passed = [c["check"] for c in res["checks"] if c["points"] and c["passed"]]
    if passed:
        problems.append(f"stubbed, these still pass: {passed}")
    return problems


def real(name, out_root, rev=None):
    res = run_grade(ROOT, ["--lab", name, "--no-build"],
                    os.path.join(out_root, f"{name}-real.json"))
    if res is None:
        return ["the grader did not run"]
    if res["score"] != res["total"] or not res["required_ok"]:
        return [f"this tree scores {res['score']}/{res['total']}"]
    return []


def main(argv):
    rev = None
    if argv[:1] == ["--rev"]:
        rev, argv = argv[1], argv[2:]
    labs = argv or [n for n in lab.LABS if n in grade.LABS]
    regions = lab.scan(ROOT)
    out_root = os.path.join(ROOT, "build", "labci")
    os.makedirs(out_root, exist_ok=True)
    failed, times = [], []
    started = time.monotonic()
    for name in labs:
        if not any(r.lab == name for rs in regions.values() for r in rs):
            failed.append(f"{name}: graded but no region is marked")
            continue
        # The two gradings of a lab overlap: the cut tree mostly compiles, this
        # tree's grading mostly waits on a QEMU guest.
        steps = (("cut tree scores 0", student), ("real tree full marks", real))
        done = {}

        def one(step, fn):
            t0 = time.monotonic()
            problems = fn(name, out_root, rev)
            done[step] = (time.monotonic() - t0, problems)

        threads = [threading.Thread(target=one, args=st) for st in steps]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for step, _ in steps:
            secs, problems = done.get(step, (0.0, ["crashed"]))
            times.append((name, step, secs, problems))
            failed += [f"{name}: {p}" for p in problems]
    print("== lab-ci ==")
    for name, step, secs, problems in times:
        print(f"  {name:8s} {step:22s} {'ok' if not problems else 'FAIL'}  {secs:5.0f} s")
    print(f"lab-ci: {len(labs)} labs in {time.monotonic() - started:.0f} s, "
          f"{'all proved' if not failed else 'FAILED'}")
    for f in failed:
        print(f"lab-ci: {f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
