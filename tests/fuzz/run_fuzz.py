#!/usr/bin/env python3
"""Runs the libFuzzer targets built by tests/fuzz/fuzz.mk (docs/fuzzing.md).

    run_fuzz.py --build build/fuzz --src tests/fuzz fuzz --seconds 60 NAME...
        Fuzzes each target in turn for that long (one at a time: the machine
        is shared). The corpus grows in BUILD/corpus/NAME, seeded from
        SRC/corpus/NAME; crashes land in BUILD/crashes/NAME, one per distinct
        failure, minimised, and are listed at the end. libFuzzer's fork mode
        keeps going after a crash, so one shallow bug does not end the run.

    run_fuzz.py ... regress --seconds 3 NAME...
        Each target over its committed corpus and SRC/crashes/NAME (fixed
        bugs' reproducers), then a short fuzzing run from the corpus. Ends
        with "fuzz: N passed, N failed" (N counts targets), exit 1 on any.

    run_fuzz.py ... coverage NAME...
        Each target over BUILD/corpus/NAME with -print_coverage=1: edges
        reached in the kernel's own sources (and lwIP's), per file. The
        sanitizers' own branches count as edges never taken.

    run_fuzz.py ... llvm-cov NAME...
        The coverage builds (BUILD/cov/fuzz_NAME, no sanitizers) over
        BUILD/corpus/NAME and the committed seeds, then llvm-cov: lines and
        functions covered per file.
"""
import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import time

# Longest input worth trying per target (libFuzzer's -max_len).
MAX_LEN = {
    "rx_frame": 16384, "http_request": 2048, "shell_line": 1024, "boot_params": 1024,
    "acpi_tables": 8192, "multiboot2_info": 4096, "pci_caps": 4096,
}
COMMON = ["-timeout=20", "-rss_limit_mb=2048", "-print_final_stats=1"]


def fuzzer_args(args, name):
    out = ["-max_len=%d" % MAX_LEN.get(name, 4096)] + COMMON
    d = os.path.join(args.src, "dict", name + ".dict")
    if os.path.exists(d):
        out.append("-dict=" + d)
    return out


def binary(args, name):
    return os.path.join(args.build, "fuzz_" + name)


def signature(args, name, path):
    """What a crash file does when run: a short line naming the failure and where."""
    p = subprocess.run([binary(args, name), path], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=120)
    text = p.stdout.decode("utf-8", "replace")
    if p.returncode == 0:
        return None, text
    for pat in (r"(\S+:\d+: check failed: .*)", r"(\S+:\d+: leak .*)",
                r"(Kernel panic: .*)", r"(\S+:\d+:\d+: runtime error: .*)",
                r"(ERROR: AddressSanitizer: \S+ .*)", r"(ERROR: libFuzzer: .*)"):
        m = re.search(pat, text)
        if m:
            line = m.group(1)
            if "AddressSanitizer" in line or "libFuzzer" in line:
                frame = re.search(r"#\d+ 0x[0-9a-f]+ in (\S+) (/\S+|\S+\.c:\d+)",
                                  text[m.end():])
                kind = line.split()[2] if "AddressSanitizer" in line else line
                line = "%s in %s %s" % (kind, frame.group(1), frame.group(2)) if frame else line
            line = re.sub(r"0x[0-9a-f]{6,}", "ADDR", line)
            return line.strip(), text
    return "exit status %d" % p.returncode, text


def minimise(args, name, path):
    out = path + ".min"
    subprocess.run([binary(args, name), "-minimize_crash=1", "-max_total_time=30",
                    "-runs=20000", "-exact_artifact_path=" + out, path],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    return out if os.path.exists(out) else path


def last_stats(log):
    """(executions, coverage, features, corpus) from a libFuzzer log."""
    execs = cov = ft = corp = None
    for line in log.splitlines():
        m = re.match(r"#(\d+):? +(?:\w+ +)?cov: (\d+) ft: (\d+) corp: (\d+)", line)
        if m:
            execs, cov, ft, corp = (int(x) for x in m.groups())
        m = re.match(r"stat::number_of_executed_units: (\d+)", line)
        if m:
            execs = int(m.group(1))
    return execs, cov, ft, corp


def cmd_fuzz(args):
    found = []
    for name in args.targets:
        corpus = os.path.join(args.build, "corpus", name)
        crashes = os.path.join(args.build, "crashes", name)
        logs = os.path.join(args.build, "logs")
        for d in (corpus, crashes, logs):
            os.makedirs(d, exist_ok=True)
        before = set(os.listdir(crashes))
        cmd = [binary(args, name), "-fork=1", "-ignore_crashes=1", "-ignore_timeouts=1",
               "-ignore_ooms=1", "-max_total_time=%d" % args.seconds,
               "-artifact_prefix=" + crashes + "/"] + fuzzer_args(args, name) + \
            [corpus, os.path.join(args.src, "corpus", name)]
        print("fuzz: %s for %d s ..." % (name, args.seconds), flush=True)
        start = time.time()
        with open(os.path.join(logs, name + ".log"), "w") as log:
            subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT)
        took = time.time() - start
        with open(os.path.join(logs, name + ".log"), errors="replace") as log:
            execs, cov, ft, corp = last_stats(log.read())
        new = sorted(f for f in set(os.listdir(crashes)) - before
                     if f.startswith(("crash-", "leak-", "timeout-", "oom-")))
        print("fuzz: %s: %s executions in %.0f s (%s/s), cov %s, ft %s, corpus %s, "
              "new crash files %d" % (name, execs, took, int(execs / took) if execs else "?",
                                      cov, ft, len(os.listdir(corpus)), len(new)), flush=True)
        seen = {}
        for f in new:
            path = os.path.join(crashes, f)
            sig, _ = signature(args, name, path)
            if sig is None:
                print("fuzz: %s: %s does not crash when run alone (state from earlier "
                      "inputs); kept" % (name, path))
                continue
            if sig in seen:
                os.remove(path)
                continue
            seen[sig] = minimise(args, name, path)
            found.append((name, sig, seen[sig]))
    if found:
        print("fuzz: new crashes (reproduce: build/fuzz/fuzz_NAME FILE):")
        for name, sig, path in found:
            print("  %-16s %s\n  %-16s %s" % (name, path, "", sig))
    else:
        print("fuzz: no new crashes")
    return 0


def cmd_regress(args):
    passed = failed = 0
    for name in args.targets:
        ok = True
        corpus = os.path.join(args.src, "corpus", name)
        files = sorted(os.path.join(corpus, f) for f in os.listdir(corpus))
        cdir = os.path.join(args.src, "crashes", name)
        if os.path.isdir(cdir):
            files += sorted(os.path.join(cdir, f) for f in os.listdir(cdir)
                            if not f.endswith((".md", ".txt")))
        p = subprocess.run([binary(args, name)] + files, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT)
        if p.returncode:
            ok = False
            print("fuzz-regress: %s: a committed input fails:" % name)
            print("\n".join(p.stdout.decode("utf-8", "replace").splitlines()[-40:]))
        scratch = os.path.join(args.build, "regress", name)
        shutil.rmtree(scratch, ignore_errors=True)
        os.makedirs(scratch)
        execs = None
        if ok:
            p = subprocess.run([binary(args, name), "-seed=1",
                                "-max_total_time=%d" % args.seconds,
                                "-artifact_prefix=" + scratch + "/"] + fuzzer_args(args, name) +
                               [os.path.join(scratch), corpus], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
            log = p.stdout.decode("utf-8", "replace")
            execs = last_stats(log)[0]
            if p.returncode:
                ok = False
                print("fuzz-regress: %s: crash in %d s of fuzzing (in %s):" %
                      (name, args.seconds, scratch))
                print("\n".join(log.splitlines()[-40:]))
        print("fuzz-regress: %-16s %3d inputs, %s runs in %d s: %s" %
              (name, len(files), execs if execs is not None else "-", args.seconds,
               "ok" if ok else "FAILED"), flush=True)
        passed += ok
        failed += not ok
    print("fuzz: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


def cmd_coverage(args):
    for name in args.targets:
        corpus = os.path.join(args.build, "corpus", name)
        if not os.path.isdir(corpus) or not os.listdir(corpus):
            corpus = os.path.join(args.src, "corpus", name)
        p = subprocess.run([binary(args, name), "-runs=0", "-print_coverage=1", corpus],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        per_file = collections.defaultdict(lambda: [0, 0, 0, 0])
        for line in p.stdout.decode("utf-8", "replace").splitlines():
            m = re.match(r"(UN)?COVERED_FUNC: hits: (\d+) edges: (\d+)/(\d+) \S+ (\S+):\d+",
                         line)
            if not m:
                continue
            path = os.path.relpath(m.group(5), os.getcwd())
            if path.startswith(("tests/", "/")):
                continue
            f = per_file[path]
            f[0] += int(m.group(3))
            f[1] += int(m.group(4))
            f[2] += m.group(1) is None
            f[3] += 1
        kernel = [v for k, v in per_file.items() if not k.startswith("build/")]
        lwip = [v for k, v in per_file.items() if k.startswith("build/")]

        def total(rows):
            e, t = sum(r[0] for r in rows), sum(r[1] for r in rows)
            fc, ft = sum(r[2] for r in rows), sum(r[3] for r in rows)
            return "%d/%d edges (%.0f%%), %d/%d functions" % (e, t, 100.0 * e / t if t else 0,
                                                               fc, ft)
        print("coverage: %s: kernel %s%s" % (name, total(kernel),
                                             "; lwIP " + total(lwip) if lwip else ""))
        if args.verbose:
            for path, (e, t, fc, ft) in sorted(per_file.items()):
                print("  %-48s %5d/%-5d %3.0f%%" % (path, e, t, 100.0 * e / t if t else 0))
    return 0


LLVM_TOOLS = ("llvm-profdata-14", "llvm-cov-14")


def tool(name):
    return name if shutil.which(name) else name.rsplit("-", 1)[0]


def cmd_llvm_cov(args):
    cov = os.path.join(args.build, "cov")
    for name in args.targets:
        dirs = [d for d in (os.path.join(args.build, "corpus", name),
                            os.path.join(args.src, "corpus", name)) if os.path.isdir(d)]
        raw = os.path.join(cov, name + ".profraw")
        data = os.path.join(cov, name + ".profdata")
        env = dict(os.environ, LLVM_PROFILE_FILE=raw)
        if os.path.exists(raw):
            os.remove(raw)
        subprocess.run([os.path.join(cov, "fuzz_" + name), "-runs=0"] + dirs, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run([tool(LLVM_TOOLS[0]), "merge", "-sparse", raw, "-o", data], check=True)
        rep = subprocess.run([tool(LLVM_TOOLS[1]), "report", os.path.join(cov, "fuzz_" + name),
                              "-instr-profile=" + data, "-ignore-filename-regex=(^|/)tests/",
                              "-show-region-summary=false", "-show-instantiation-summary=false"],
                             stdout=subprocess.PIPE, check=True).stdout.decode()
        groups = {"kernel": [0, 0, 0, 0], "lwIP": [0, 0, 0, 0]}
        rows = []
        for line in rep.splitlines():
            f = line.split()
            if len(f) < 7 or not f[0].endswith((".c", ".h")) or not f[1].isdigit():
                continue
            path = os.path.relpath(f[0], os.getcwd()) if f[0].startswith("/") else f[0]
            fn_total, fn_miss, ln_total, ln_miss = int(f[1]), int(f[2]), int(f[4]), int(f[5])
            g = groups["lwIP" if "lwip-src" in path else "kernel"]
            g[0] += ln_total - ln_miss
            g[1] += ln_total
            g[2] += fn_total - fn_miss
            g[3] += fn_total
            rows.append((path, ln_total - ln_miss, ln_total))
        parts = ["%s lines %d/%d (%.0f%%), functions %d/%d" %
                 (k, g[0], g[1], 100.0 * g[0] / g[1], g[2], g[3])
                 for k, g in groups.items() if g[1]]
        print("llvm-cov: %s: %s" % (name, "; ".join(parts)), flush=True)
        if args.verbose:
            for path, hit, total in sorted(rows):
                print("  %-52s %5d/%-5d %3.0f%%" % (path, hit, total, 100.0 * hit / total if total
                                                   else 0))
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default="build/fuzz")
    ap.add_argument("--src", default="tests/fuzz")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("mode", choices=["fuzz", "regress", "coverage", "llvm-cov"])
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("targets", nargs="+")
    args = ap.parse_args()
    return {"fuzz": cmd_fuzz, "regress": cmd_regress, "coverage": cmd_coverage,
            "llvm-cov": cmd_llvm_cov}[args.mode](args)


if __name__ == "__main__":
    sys.exit(main())
