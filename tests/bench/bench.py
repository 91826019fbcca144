#!/usr/bin/env python3
"""make bench: nicstack against a Linux guest on the same emulated e1000e (and e1000, igb).

Every workload runs against both guests in one invocation, alternating
which goes first, for --reps repetitions; the receive designs run on
nicstack alone. Each boot gets a fresh namespace (tools/netlab.py), so
all traffic stays inside it; every process is started by PID and killed
by PID, and namespaces are removed on any exit (finally + SIGTERM/SIGHUP
handlers). A guest that cannot be measured is reported per figure, never
guessed. Output in --out: results.md, results.json, *.png (report.py).
See docs/bench.md.
"""
import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import linux_guest  # noqa: E402
import report  # noqa: E402
import vm  # noqa: E402
from vm import netlab, nicqemu  # noqa: E402

LOADGEN = [sys.executable, os.path.join(HERE, "loadgen.py")]
DESIGNS = [("napi=1", "e1000e.napi=1"), ("napi=0", "e1000e.napi=0"),
           ("irq=poll", "e1000e.irq=poll"), ("reflect", "nicstack.app=reflect")]
# QEMU devices measured besides the main table's e1000e, each a row of the per-NIC table.
NIC_ROWS = ["e1000", "igb"]
# Rows whose device the system QEMU (7.2) lacks: both guests of the row run on QEMU 10
# from build/qemu-new (nicqemu's qemu="new"), so the comparison stays on one binary.
NIC_QEMU = {"igb": "new"}
MEM_STEPS = [256, 192, 128, 96, 64, 48, 32, 24, 16, 12, 8, 6, 4, 3, 2]


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def _kill(proc):
    if proc and proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()


class Session:
    """One boot of one guest in its own namespace; closes everything it made."""

    def __init__(self, cfg, target, memory):
        self.cfg, self.target, self.memory = cfg, target, memory
        self.ns = self.vm = self.first = None
        self.proto_ping = "l2" if target.reflect else "icmp"
        self.proto_load = "l2" if target.reflect else "udp"

    def __enter__(self):
        self.ns = netlab.NetNS()
        # A permanent neighbour entry: no ARP retry interval hides in the boot time.
        self.ns.run(["ip", "neigh", "replace", netlab.GUEST_IP, "lladdr", vm.MAC,
                     "dev", netlab.TAP, "nud", "permanent"])
        return self

    def __exit__(self, *exc):
        _kill(self.first)
        if self.vm:
            self.vm.close()
        if self.ns:
            self.ns.close()

    def loadgen(self, *args, timeout=120):
        r = self.ns.run(LOADGEN + list(args), check=False, timeout=timeout)
        if r.returncode != 0:
            raise RuntimeError(f"loadgen {args[0]} failed: {r.stderr.strip()[-500:]}")
        return json.loads(r.stdout)

    def boot(self):
        """Starts QEMU; seconds from its start to the first reply, or None."""
        t = self.target
        self.first = self.ns.popen(LOADGEN + ["firstping", "--proto", self.proto_ping,
                                              "--interval", "0.02",
                                              "--timeout", str(t.boot_timeout)],
                                   stdout=subprocess.PIPE, text=True)
        workdir = nicqemu.make_workdir("nicstack-bench-")
        self.vm = vm.VM(t, self.ns, workdir, memory=self.memory, accel=self.cfg.accel,
                        log_dir=os.path.join(self.cfg.out, "logs"))
        # A guest that dies (panic, triple fault, too little memory) ends the wait.
        deadline = time.monotonic() + t.boot_timeout + 30
        while self.first.poll() is None and self.vm.alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        if self.first.poll() is None:
            _kill(self.first)
            return None
        first = json.loads(self.first.stdout.read())["first_reply"]
        return None if first is None else first - self.vm.started

    def irqs(self):
        return self.vm.nic_irqs()


def no_reply(target):
    what = "L2 reflection" if target.reflect else "ping reply"
    return f"{target.name}: no {what} within {target.boot_timeout:g} s"


def pct(values, q):
    v = sorted(values)
    return v[min(len(v) - 1, int(q * len(v)))] if v else None


def udp_workloads(s, cfg, fig, raw, notes):
    """Workloads 3, 4 and 6 (shared by the main run and the designs)."""
    r = s.loadgen("rr", "--proto", s.proto_load, "--size", "64", "--duration", str(cfg.dur))
    raw["rr"] = r
    fig["rr_rate"] = r["rate"]
    fig["rr_p50_us"] = pct(r["latency_us"], 0.5)
    fig["rr_p99_us"] = pct(r["latency_us"], 0.99)
    for size in (64, 1472):
        before = s.irqs()
        r = s.loadgen("window", "--proto", s.proto_load, "--size", str(size),
                      "--window", "32", "--duration", str(cfg.dur))
        after = s.irqs()
        raw[f"win{size}"] = dict(r, irqs_before=before, irqs_after=after)
        fig[f"win{size}_rate"] = r["rate"]
        fig[f"win{size}_loss"] = r["loss"]
        if size == 64:
            pkts = r["sent"] + r["received"]
            if (before is None and after is None and "irq=poll" in s.target.cmdline and
                    s.vm.last_irq_text is not None):
                # Polling requests no NIC interrupt: the listing has no NIC line at all.
                before = after = 0
                raw["win64"]["irqs_note"] = "no NIC line in 'interrupts' (polling)"
            if before is None or after is None:
                notes["irq_per_pkt"] = f"{s.target.name}: no NIC line in 'interrupts'"
            elif pkts:
                fig["irq_per_pkt"] = (after - before) / pkts


def tcp_workloads(s, cfg, fig, raw, notes):
    t = str(cfg.iperf_t)
    h2g, g2h = [], []
    for args in (["-c", netlab.GUEST_IP, "-t", t], ["-c", netlab.GUEST_IP, "-t", t, "-r"]):
        r = s.ns.run(["iperf", "-y", "C", *args], check=False, timeout=4 * cfg.iperf_t + 30)
        raw.setdefault("iperf", []).append({"args": args, "stdout": r.stdout,
                                            "stderr": r.stderr[-500:]})
        for line in r.stdout.splitlines():
            f = line.split(",")
            if len(f) < 9 or not f[-1].isdigit():
                continue
            # The client's own line names the guest's port 5001 as its peer.
            (h2g if f[3] == netlab.GUEST_IP and f[4] == "5001" else g2h).append(
                int(f[-1]) / 1e6)
    if h2g:
        fig["tcp_h2g_mbps"] = sorted(h2g)[len(h2g) // 2]   # both runs' host->guest halves
    else:
        notes["tcp_h2g_mbps"] = f"{s.target.name}: iperf got no result"
    if g2h:
        fig["tcp_g2h_mbps"] = g2h[0]
    else:
        notes["tcp_g2h_mbps"] = f"{s.target.name}: iperf -r got no reverse result"


def livelock(s, cfg, fig, raw, notes):
    """A flood at the host's top rate while a separate ping measures the guest."""
    count = int(cfg.dur / 0.01)
    flood = s.ns.popen(LOADGEN + ["flood", "--proto", s.proto_load, "--size", "64",
                                  "--duration", str(cfg.dur + 1.0)],
                       stdout=subprocess.PIPE, text=True)
    tap_before = s.ns.tap_stats()
    console = {}

    def console_probe():
        # The guest's own view, free of the host's tap queue: does its shell still run?
        t0 = time.monotonic()
        if s.vm.cmd("interrupts", timeout=cfg.dur) is not None:
            console["ms"] = (time.monotonic() - t0) * 1000

    try:
        time.sleep(0.5)
        probe = threading.Thread(target=console_probe, daemon=True)
        probe.start()
        p = s.loadgen("ping", "--proto", s.proto_ping, "--count", str(count),
                      "--interval", "0.01", "--wait", "1.0")
        probe.join(cfg.dur + 5)
        out, _ = flood.communicate(timeout=cfg.dur + 30)
        f = json.loads(out)
    finally:
        _kill(flood)
    # The flood and the ping share the tap's queue: its drops show how much of the
    # ping's loss happened on the host before QEMU took the frames.
    tap_after = s.ns.tap_stats()
    raw["livelock"] = {"flood": f, "ping": p, "tap_before": tap_before,
                       "tap_after": tap_after, "console_ms": console.get("ms")}
    if "tx_dropped" in tap_before and "tx_dropped" in tap_after:
        fig["flood_tap_drops"] = (tap_after["tx_dropped"] - tap_before["tx_dropped"]) / f["duration"]
    if "ms" in console:
        fig["flood_console_ms"] = console["ms"]
    else:
        notes["flood_console_ms"] = (f"{s.target.name}: console silent for {cfg.dur:g} s "
                                     f"during the flood")
    fig["flood_rate"] = f["rate"]
    fig["flood_ping_loss"] = 1 - p["received"] / p["sent"]
    fig["flood_ping_p50_us"] = pct(p["rtt_us"], 0.5)
    if fig["flood_ping_p50_us"] is None:
        notes["flood_ping_p50_us"] = f"{s.target.name}: no reply during the flood"
    fig["alive_after_flood"] = 1.0 if s.irqs() is not None else 0.0


def profile_workloads(s, cfg):
    """nicstack's own profiler over each workload, in a pass of its own after the
    measured ones (sampling costs guest time, so the figures stay unprofiled):
    'profile top' and the folded stacks go to profiles/, once per target."""
    name = s.target.name
    if s.target.kind != "nicstack" or cfg.no_profile or name in cfg.profiled:
        return
    cfg.profiled.add(name)
    d = os.path.join(cfg.out, "profiles")
    os.makedirs(d, exist_ok=True)
    secs = "1" if cfg.quick else "3"
    work = {
        "rr": lambda: s.loadgen("rr", "--proto", s.proto_load, "--size", "64",
                                "--duration", secs),
        "win64": lambda: s.loadgen("window", "--proto", s.proto_load, "--size", "64",
                                   "--window", "32", "--duration", secs),
        "tcp_h2g": lambda: s.ns.run(["iperf", "-c", netlab.GUEST_IP, "-t", secs],
                                    check=False, timeout=60),
        "tcp_g2h": lambda: s.ns.run(["iperf", "-c", netlab.GUEST_IP, "-t", secs, "-r"],
                                    check=False, timeout=90),
    }
    if s.target.reflect:
        work = {k: v for k, v in work.items() if not k.startswith("tcp")}
    for wl, run in work.items():
        if s.vm.cmd("profile start 1000") is None:
            return
        run()
        s.vm.cmd("profile stop")
        for kind, line in (("top", "profile top 25"), ("folded", "profile dump")):
            out = s.vm.cmd(line, timeout=180)
            with open(os.path.join(d, f"{name}-{wl}.{kind}"), "w") as f:
                f.write(out if out is not None else "(no answer from the console)\n")


def run_main(cfg, target):
    """Workloads 1-6 on one boot."""
    fig, raw, notes = {}, {}, {}
    with Session(cfg, target, cfg.memory) as s:
        boot = s.boot()
        if boot is None:
            return {"figures": fig, "raw": raw, "notes": {"*": no_reply(target)},
                    "console_tail": s.vm.out[-2000:]}
        fig["boot_s"] = boot
        if s.vm.first_output is not None:   # firmware + loader: GRUB keeps off the serial port
            fig["boot_console_s"] = s.vm.first_output - s.vm.started
        # Let the guest settle (Linux's init still starts services after eth0 is up).
        s.vm.wait_for(re.escape(target.prompt), 30)
        if target.kind == "linux":
            # The kernel log into logs/: which driver bound the NIC, and how.
            s.vm.cmd("dmesg", timeout=20)
        p = s.loadgen("ping", "--count", str(cfg.pings), "--interval", "0.01",
                      "--size", "56")
        raw["ping"] = p
        fig["ping_p50_us"] = pct(p["rtt_us"], 0.5)
        fig["ping_p99_us"] = pct(p["rtt_us"], 0.99)
        fig["ping_loss"] = 1 - p["received"] / p["sent"]
        udp_workloads(s, cfg, fig, raw, notes)
        tcp_workloads(s, cfg, fig, raw, notes)
        profile_workloads(s, cfg)
    return {"figures": fig, "raw": raw, "notes": notes}


def run_design(cfg, target):
    fig, raw, notes = {}, {}, {}
    with Session(cfg, target, cfg.memory) as s:
        boot = s.boot()
        if boot is None:
            return {"figures": fig, "raw": raw, "notes": {"*": no_reply(target)},
                    "console_tail": s.vm.out[-2000:]}
        fig["boot_s"] = boot
        s.vm.wait_for(re.escape(target.prompt), 30)
        udp_workloads(s, cfg, fig, raw, notes)
        livelock(s, cfg, fig, raw, notes)
    return {"figures": fig, "raw": raw, "notes": notes}


def guarded(fn, cfg, target):
    """A workload that breaks (guest died, tool timed out) is reported, not fatal."""
    try:
        return fn(cfg, target)
    except Exception as e:   # SIGTERM/Ctrl-C are not Exceptions: they still stop the run
        log(f"{target.name}: {type(e).__name__}: {e}")
        return {"figures": {}, "raw": {}, "notes": {"*": f"{target.name}: bench error: {e}"}}


def min_memory(cfg, target):
    """Smallest -m (MiB) in MEM_STEPS, from the workload size down, that answers."""
    start = int(cfg.memory.rstrip("M"))
    tried, best = {}, None
    for mb in [m for m in MEM_STEPS if m <= start]:
        with Session(cfg, target, f"{mb}M") as s:
            ok = s.boot() is not None
        tried[mb] = ok
        log(f"  {target.name} -m {mb}M: {'answers' if ok else 'no reply'}")
        if not ok:
            break
        best = mb
    return best, tried


def footprint(cfg, target, linux):
    if target.kind == "nicstack":
        out = subprocess.run(["size", cfg.elf], capture_output=True, text=True, check=True)
        return int(out.stdout.splitlines()[-1].split()[3]), "text+data+bss of nicstack.elf"
    size = os.path.getsize(linux["kernel"]) + os.path.getsize(linux["initrd"])
    return size, "vmlinuz + initramfs"


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--iso", default=os.path.join(vm.ROOT, "build", "nicstack.iso"))
    p.add_argument("--elf", default=os.path.join(vm.ROOT, "build", "nicstack.elf"))
    p.add_argument("--out", default=os.path.join(vm.ROOT, "build", "bench"))
    p.add_argument("--accel", default="tcg")
    p.add_argument("--memory", default="128M",
                   help="-m for every workload, both guests (Debian's kernel needs > 64M)")
    p.add_argument("--reps", type=int, default=0, help="repetitions (default 3, quick 1)")
    p.add_argument("--quick", action="store_true", help="1 repetition, 2 s per workload")
    p.add_argument("--skip", default="", help="comma list of: main (workloads 1-6 on the e1000e), e1000, igb "
                        "(their rows), designs, memory, linux, nicstack")
    p.add_argument("--rows", default=",".join(NIC_ROWS),
                   help="comma list of the per-NIC rows to run besides the e1000e "
                        f"(default {','.join(NIC_ROWS)}); '--rows igb --skip main,designs,memory' "
                        "measures just the igb row")
    p.add_argument("--no-profile", action="store_true",
                   help="skip the profiled pass after each nicstack target's first boot")
    p.add_argument("--variant", action="append", default=[], metavar="NAME=PARAMS",
                   help="also run nicstack booted with PARAMS, as nicstack[NAME], "
                        "interleaved with the others (e.g. cb0='nicstack.copybreak=0')")
    p.add_argument("--variant-iso", action="append", default=[], metavar="NAME=ISO",
                   help="also run another build of nicstack, as nicstack[NAME], interleaved")
    a = p.parse_args()
    a.reps = a.reps or (1 if a.quick else 3)
    a.dur = 2.0 if a.quick else 5.0
    a.iperf_t = 2 if a.quick else 10
    a.pings = 200 if a.quick else 500
    a.skip = set(x for x in a.skip.split(",") if x)
    a.rows = [x for x in a.rows.split(",") if x]
    unknown = [x for x in a.rows if x not in NIC_ROWS]
    if unknown:
        p.error(f"--rows: unknown row(s) {','.join(unknown)}; known: {','.join(NIC_ROWS)}")
    a.profiled = set()
    return a


def snapshot(cfg):
    """Copies the ISO and ELF: a rebuild during the run must not change the guest."""
    for attr, name in (("iso", "nicstack-under-test.iso"), ("elf", "nicstack-under-test.elf")):
        src = getattr(cfg, attr)
        if os.path.exists(src):
            dst = os.path.join(cfg.out, name)
            shutil.copyfile(src, dst)
            setattr(cfg, attr, dst)
    cfg.commit = subprocess.run(["git", "-C", vm.ROOT, "describe", "--always", "--dirty"],
                                capture_output=True, text=True).stdout.strip()


def qemu_new_present():
    return os.path.exists(os.path.join(nicqemu.QEMU_NEW_DIR, ".complete"))


def plan_rows(rows, skip, have_qemu_new):
    """Which per-NIC rows run, on which QEMU: ([(nic, qemu)], {nic: why skipped}).
    A row asked for but impossible (no QEMU 10 for the igb) is skipped with a
    reason that goes into results.md, never silently; --skip drops a row quietly."""
    run, skipped = [], {}
    for nic in rows:
        if nic in skip:
            continue
        qemu = NIC_QEMU.get(nic, "system")
        if qemu == "new" and not have_qemu_new:
            skipped[nic] = (f"{nic} row: no QEMU 10 in build/qemu-new; run make qemu-new")
            continue
        run.append((nic, qemu))
    return run, skipped


def run_nic_rows(cfg, res, linux):
    """The per-NIC table's other rows: workloads 1-6 on QEMU's e1000 (82540EM) and,
    on QEMU 10, its igb (82576), nicstack's driver against Linux's on the same
    device and the same QEMU binary, alternating as the main run does."""
    rows, skipped = plan_rows(cfg.rows, cfg.skip, qemu_new_present())
    res["skipped_rows"] = skipped
    for why in skipped.values():
        log(why)
    report.write(res, cfg.out)
    for nic, qemu in rows:
        if qemu != "system":
            res["meta"].setdefault("row_qemu", {})[nic] = nicqemu.qemu_version(qemu)
        targets = []
        if "nicstack" not in cfg.skip and os.path.exists(cfg.iso):
            targets.append(vm.Target(f"nicstack[{nic}]", "nicstack", iso=cfg.iso, nic=nic,
                                     qemu=qemu))
        if "linux" not in cfg.skip:
            targets.append(vm.Target(f"linux[{nic}]", "linux", linux=linux, nic=nic,
                                     qemu=qemu))
        for rep in range(cfg.reps):
            for t in (targets if rep % 2 == 0 else targets[::-1]):
                log(f"rep {rep + 1}/{cfg.reps}: {t.name} workloads 1-6")
                res["nics"].setdefault(nic, {}).setdefault(t.kind, []).append(
                    guarded(run_main, cfg, t))
                report.write(res, cfg.out)


def on_signal(signum, frame):
    raise SystemExit(128 + signum)   # unwinds through every finally: guests, namespaces


def main():
    cfg = parse_args()
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, on_signal)
    os.makedirs(cfg.out, exist_ok=True)
    snapshot(cfg)
    log("building the Linux reference guest")
    linux = linux_guest.build(cfg.out)
    targets = []
    if "nicstack" not in cfg.skip:
        targets.append(vm.Target("nicstack", "nicstack", iso=cfg.iso))
    for v in cfg.variant:
        name, _, params = v.partition("=")
        targets.append(vm.Target(f"nicstack[{name}]", "nicstack", iso=cfg.iso, cmdline=params))
    for v in cfg.variant_iso:
        name, _, iso = v.partition("=")
        targets.append(vm.Target(f"nicstack[{name}]", "nicstack", iso=iso))
    if "linux" not in cfg.skip:
        targets.append(vm.Target("linux", "linux", linux=linux))
    res = report.new_results(cfg, linux)
    for rep in range(cfg.reps if "main" not in cfg.skip else 0):
        order = targets if rep % 2 == 0 else targets[::-1]
        for t in order:
            if t.kind == "nicstack" and not os.path.exists(cfg.iso):
                res["runs"].setdefault(t.name, []).append(
                    {"figures": {}, "raw": {}, "notes": {"*": f"nicstack: no ISO at {cfg.iso}"}})
                continue
            log(f"rep {rep + 1}/{cfg.reps}: {t.name} workloads 1-6")
            res["runs"].setdefault(t.name, []).append(guarded(run_main, cfg, t))
            report.write(res, cfg.out)
    run_nic_rows(cfg, res, linux)
    if "designs" not in cfg.skip and "nicstack" not in cfg.skip:
        for rep in range(cfg.reps):
            for label, param in DESIGNS:
                t = vm.Target(f"nicstack[{label}]", "nicstack", iso=cfg.iso, cmdline=param)
                log(f"rep {rep + 1}/{cfg.reps}: design {label}")
                res["designs"].setdefault(label, []).append(guarded(run_design, cfg, t))
            if "linux" not in cfg.skip:
                log(f"rep {rep + 1}/{cfg.reps}: design reference linux")
                res["designs"].setdefault("linux", []).append(
                    guarded(run_design, cfg, vm.Target("linux", "linux", linux=linux)))
            report.write(res, cfg.out)
    for t in (t for t in targets if not t.name.startswith("nicstack[")):
        size, what = footprint(cfg, t, linux) if (t.kind == "linux" or
                                                  os.path.exists(cfg.elf)) else (None, "")
        best, tried = (None, {})
        if "memory" not in cfg.skip:
            log(f"{t.name}: smallest memory")
            best, tried = min_memory(cfg, t)
        res["footprint"][t.name] = {"image_bytes": size, "image_what": what,
                                    "min_mem_mb": best, "tried": tried,
                                    "floor_reached": bool(tried) and all(tried.values())}
    path = report.write(res, cfg.out, final=True)
    log(f"done: {path}")
    print(open(path).read())


if __name__ == "__main__":
    main()
