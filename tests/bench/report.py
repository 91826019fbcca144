"""The bench's results: one JSON with every raw sample, a Markdown table, plots.

A figure is one number per repetition; the table shows its median and the
min-max over repetitions, the nicstack/Linux ratio and the project's target.
A guest that produced no number shows the reason instead ('pending').
"""
import datetime
import json
import os
import platform
import statistics
import subprocess

MIB = 1 << 20

# key, label, unit format, target description, test(nicstack, linux) -> bool
def _ratio_at_least(k):
    return lambda n, l: l not in (None, 0) and n / l >= k


MAIN_ROWS = [
    ("boot_s", "1. boot to first ping reply", "{:.2f} s", "<= 1.0 s", lambda n, l: n <= 1.0),
    ("boot_console_s", "1. of which until the first console output", "{:.2f} s", "", None),
    ("ping_p50_us", "2. ping RTT median", "{:.0f} us", "", None),
    ("ping_p99_us", "2. ping RTT p99", "{:.0f} us", "", None),
    ("rr_rate", "3. UDP echo, 1 outstanding (64 B)", "{:.0f} /s", ">= 2x Linux",
     _ratio_at_least(2)),
    ("rr_p50_us", "3. UDP echo latency median", "{:.0f} us", "", None),
    ("rr_p99_us", "3. UDP echo latency p99", "{:.0f} us", "", None),
    ("win64_rate", "4. UDP echo, 32 outstanding, 64 B", "{:.0f} /s", ">= 2x Linux",
     _ratio_at_least(2)),
    ("win64_loss", "4. loss, 64 B", "{:.2%}", "no loss", lambda n, l: n == 0),
    ("win1472_rate", "4. UDP echo, 32 outstanding, 1472 B", "{:.0f} /s", ">= 2x Linux",
     _ratio_at_least(2)),
    ("win1472_loss", "4. loss, 1472 B", "{:.2%}", "no loss", lambda n, l: n == 0),
    ("tcp_h2g_mbps", "5. TCP host -> guest (iperf -c)", "{:.0f} Mbit/s", ">= 1x Linux",
     _ratio_at_least(1)),
    ("tcp_g2h_mbps", "5. TCP guest -> host (iperf -c -r)", "{:.0f} Mbit/s", ">= 1x Linux",
     _ratio_at_least(1)),
    ("irq_per_pkt", "6. NIC interrupts per packet (under 4, 64 B)", "{:.3f}", "<= 0.1",
     lambda n, l: n <= 0.1),
]
FOOT_ROWS = [
    ("image_bytes", "7. loaded kernel size", "{:,.0f} B", "<= 1 MiB", lambda n, l: n <= MIB),
    ("min_mem_mb", "7. smallest -m that answers ping", "{:.0f} MiB", "runs in 16 MiB",
     lambda n, l: n <= 16),
]
# The per-NIC table: one row per QEMU device, nicstack / Linux in each cell.
# The e1000e's row is the main table's runs; the others come from bench.py's NIC_ROWS.
NIC_COLS = [
    ("boot_s", "boot s", "{:.2f}"),
    ("ping_p50_us", "ping p50 us", "{:.0f}"),
    ("rr_rate", "UDP echo 1 out /s", "{:.0f}"),
    ("win64_rate", "32 out 64 B /s", "{:.0f}"),
    ("win64_loss", "loss 64 B", "{:.2%}"),
    ("win1472_rate", "32 out 1472 B /s", "{:.0f}"),
    ("tcp_h2g_mbps", "TCP h->g Mbit/s", "{:.0f}"),
    ("tcp_g2h_mbps", "TCP g->h Mbit/s", "{:.0f}"),
    ("irq_per_pkt", "IRQ/pkt", "{:.3f}"),
]
NIC_NAMES = {"e1000e": "e1000e (82574L)", "e1000": "e1000 (82540EM)", "igb": "igb (82576)"}
DESIGN_COLS = [
    ("rr_rate", "UDP echo 1 out /s", "{:.0f}"),
    ("rr_p50_us", "p50 us", "{:.0f}"),
    ("rr_p99_us", "p99 us", "{:.0f}"),
    ("win64_rate", "32 out 64 B /s", "{:.0f}"),
    ("win64_loss", "loss", "{:.2%}"),
    ("win1472_rate", "32 out 1472 B /s", "{:.0f}"),
    ("irq_per_pkt", "IRQ/pkt", "{:.3f}"),
    ("flood_rate", "flood sent /s", "{:.0f}"),
    ("flood_ping_loss", "ping loss in flood", "{:.1%}"),
    ("flood_ping_p50_us", "ping p50 in flood us", "{:.0f}"),
    ("flood_console_ms", "shell reply in flood ms", "{:.0f}"),
    ("flood_tap_drops", "host tap drops /s", "{:.0f}"),
]


def _cmd(args):
    try:
        return subprocess.run(args, capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""


def machine():
    cpu = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"host": platform.node(), "kernel": platform.release(), "cpu": cpu,
            "cpus": os.cpu_count(), "qemu": _cmd(["qemu-system-x86_64", "--version"])
            .splitlines()[0] if _cmd(["qemu-system-x86_64", "--version"]) else ""}


def new_results(cfg, linux):
    return {"meta": {"date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
                     "machine": machine(), "reps": cfg.reps, "quick": cfg.quick,
                     "accel": cfg.accel, "memory": cfg.memory, "workload_s": cfg.dur,
                     "iperf_s": cfg.iperf_t, "pings": cfg.pings,
                     "nicstack_commit": getattr(cfg, "commit", ""),
                     "linux_package": linux["package"], "linux_modules": linux["modules"]},
            "runs": {}, "nics": {}, "designs": {}, "footprint": {}}


def values(runs, key):
    return [r["figures"][key] for r in runs if r["figures"].get(key) is not None]


def note(runs, key):
    for r in runs:
        n = r["notes"].get(key) or r["notes"].get("*")
        if n:
            return n
    return "no sample"


def cell(vals, fmt):
    if not vals:
        return None
    med = statistics.median(vals)
    if len(vals) == 1 or min(vals) == max(vals):
        return fmt.format(med)
    return f"{fmt.format(med)} ({fmt.format(min(vals))} - {fmt.format(max(vals))})"


def verdict(test, n, l):
    if test is None:
        return ""
    if n is None:
        return "pending"
    return "met" if test(n, l) else "not met"


def row(label, fmt, target, test, nv, lv, nnote, lnote):
    n = statistics.median(nv) if nv else None
    lm = statistics.median(lv) if lv else None
    ratio = f"{n / lm:.2f}" if n is not None and lm else "-"
    return (f"| {label} | {cell(nv, fmt) or nnote} | {cell(lv, fmt) or lnote} | {ratio} "
            f"| {target} | {verdict(test, n, lm)} |")


def table(res):
    nic, lin = res["runs"].get("nicstack", []), res["runs"].get("linux", [])
    lines = ["| figure | nicstack | Linux | nicstack/Linux | target | status |",
             "|---|---|---|---|---|---|"]
    for key, label, fmt, target, test in MAIN_ROWS:
        lines.append(row(label, fmt, target, test, values(nic, key), values(lin, key),
                         note(nic, key), note(lin, key)))
    fp = res["footprint"]
    for key, label, fmt, target, test in FOOT_ROWS:
        n, l = fp.get("nicstack", {}), fp.get("linux", {})
        nv = [n[key]] if n.get(key) is not None else []
        lv = [l[key]] if l.get(key) is not None else []
        why = "not measured" if key not in n else "nicstack: no ping reply at any size tried"
        line = row(label, fmt, target, test, nv, lv, why,
                   "not measured" if key not in l else "no reply at any size")
        if key == "min_mem_mb":   # answered at every size: the search hit its last step
            for name, side in (("n", n), ("l", l)):
                if side.get("floor_reached") and side.get(key) is not None:
                    txt = fmt.format(side[key])
                    line = line.replace(f"| {txt} |", f"| <= {txt} (smallest tried) |", 1)
        lines.append(line)
    return lines


def nic_runs(res):
    """{nic: {"nicstack": runs, "linux": runs}}, the e1000e taken from the main table."""
    rows = {"e1000e": {"nicstack": res["runs"].get("nicstack", []),
                       "linux": res["runs"].get("linux", [])}}
    rows.update(res.get("nics", {}))
    return rows


def nic_cell(guests, key, fmt):
    nv, lv = values(guests.get("nicstack", []), key), values(guests.get("linux", []), key)
    n = fmt.format(statistics.median(nv)) if nv else "-"
    lin = fmt.format(statistics.median(lv)) if lv else "-"
    ratio = (f" ({statistics.median(nv) / statistics.median(lv):.2f}x)"
             if nv and lv and statistics.median(lv) else "")
    return f"{n} / {lin}{ratio}"


def nic_table(res):
    lines = ["| NIC (nicstack / Linux) | " + " | ".join(c[1] for c in NIC_COLS) + " |",
             "|---|" + "---|" * len(NIC_COLS)]
    for nic, guests in nic_runs(res).items():
        cells = [nic_cell(guests, k, f) for k, _, f in NIC_COLS]
        lines.append(f"| {NIC_NAMES.get(nic, nic)} | " + " | ".join(cells) + " |")
    for nic, why in res.get("skipped_rows", {}).items():
        lines.append(f"| {NIC_NAMES.get(nic, nic)} | skipped: {why} |" + " |" * (len(NIC_COLS) - 1))
    return lines


def nic_notes(res):
    """The lines under the per-NIC table: which QEMU ran a row that is not the
    system's, and every row that was asked for but could not run, with why."""
    out = [f"- {NIC_NAMES.get(nic, nic)} row: both guests on {ver}"
           for nic, ver in res["meta"].get("row_qemu", {}).items()]
    out += [f"- {why}" for why in res.get("skipped_rows", {}).values()]
    return out


def design_table(res):
    lines = ["| design | " + " | ".join(c[1] for c in DESIGN_COLS) + " |",
             "|---|" + "---|" * len(DESIGN_COLS)]
    for name, runs in res["designs"].items():
        cells = [cell(values(runs, k), f) or note(runs, k) for k, _, f in DESIGN_COLS]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines


def markdown(res):
    m = res["meta"]
    mc = m["machine"]
    out = [f"# nicstack bench, {m['date']}", "",
           f"Machine: {mc['cpu']} ({mc['cpus']} CPUs), host kernel {mc['kernel']}, "
           f"{mc['qemu']}, accel {m['accel']}, -m {m['memory']} for every workload. "
           f"nicstack at {m.get('nicstack_commit') or 'unknown commit'}. "
           f"Linux guest: {m['linux_package']} (modules: {', '.join(m['linux_modules'])}). "
           f"{m['reps']} repetition(s){' (QUICK)' if m['quick'] else ''}, "
           f"{m['workload_s']:g} s per UDP workload, iperf {m['iperf_s']} s, "
           f"{m['pings']} pings. Cells: median (min - max over repetitions).", ""]
    out += table(res)
    out += ["", "## Per NIC model: nicstack and Linux on the same QEMU device", "",
            "Medians; '-' is a figure that guest did not produce (results.json's notes say why).",
            ""]
    out += nic_table(res)
    notes = nic_notes(res)
    out += [""] + notes if notes else []
    out += ["", "## Receive designs (nicstack; Linux as reference)", ""]
    out += design_table(res) if res["designs"] else ["(not run)"]
    return "\n".join(out) + "\n"


def plots(res, outdir):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    series = [("ping", "rtt_us", "ping RTT"), ("rr", "latency_us", "UDP echo, 1 outstanding")]
    for ax, (work, field, title) in zip(axes, series):
        groups = dict(res["runs"])
        if work == "rr":
            groups.update({f"nicstack[{k}]" if k != "linux" else "linux (designs run)": v
                           for k, v in res["designs"].items()})
        drawn = False
        for name, runs in groups.items():
            samples = sorted(x for r in runs for x in r["raw"].get(work, {}).get(field, []))
            if samples:
                ys = [(i + 1) / len(samples) for i in range(len(samples))]
                ax.plot(samples, ys, label=name)
                drawn = True
        ax.set_xscale("log")
        ax.set_xlabel("microseconds")
        ax.set_ylabel("fraction of samples")
        ax.set_title(title + " (CDF)")
        if drawn:
            ax.legend(fontsize=7)
        else:
            ax.text(0.5, 0.5, "no samples", ha="center", transform=ax.transAxes)
    fig.tight_layout()
    fig.savefig(os.path.join(outdir, "latency.png"), dpi=100)
    plt.close(fig)

    fig, axes = plt.subplots(1, 2, figsize=(12, 4))
    keys = [("rr_rate", "1 outstanding"), ("win64_rate", "32 x 64 B"),
            ("win1472_rate", "32 x 1472 B")]
    groups = dict(res["runs"])
    groups.update({f"design {k}": v for k, v in res["designs"].items()})
    names = list(groups)
    width = 0.8 / max(1, len(names))
    for i, name in enumerate(names):
        meds = [statistics.median(values(groups[name], k)) if values(groups[name], k) else 0
                for k, _ in keys]
        axes[0].bar([j + i * width for j in range(len(keys))], meds, width, label=name)
    axes[0].set_xticks([j + 0.4 - width / 2 for j in range(len(keys))])
    axes[0].set_xticklabels([k[1] for k in keys])
    axes[0].set_ylabel("echoes per second (median)")
    axes[0].set_title("UDP echo throughput per target and receive design")
    axes[0].legend(fontsize=7)
    tkeys = [("tcp_h2g_mbps", "host -> guest"), ("tcp_g2h_mbps", "guest -> host")]
    runs = res["runs"]
    for i, name in enumerate(runs):
        meds = [statistics.median(values(runs[name], k)) if values(runs[name], k) else 0
                for k, _ in tkeys]
        axes[1].bar([j + i * 0.4 for j in range(2)], meds, 0.4, label=name)
    axes[1].set_xticks([j + 0.2 for j in range(2)])
    axes[1].set_xticklabels([k[1] for k in tkeys])
    axes[1].set_ylabel("Mbit/s (median)")
    axes[1].set_title("TCP (iperf2)")
    axes[1].legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(os.path.join(outdir, "throughput.png"), dpi=100)
    plt.close(fig)
    livelock_plot(res, outdir, plt)


def livelock_plot(res, outdir, plt):
    """Per design: the ping's loss and median RTT while the host floods the guest."""
    names = list(res["designs"])
    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    for ax, key, label, scale in ((axes[0], "flood_ping_loss", "ping loss (%)", 100),
                                  (axes[1], "flood_ping_p50_us", "ping RTT median (ms)",
                                   1e-3)):
        meds = [statistics.median(values(res["designs"][n], key)) * scale
                if values(res["designs"][n], key) else 0 for n in names]
        ax.bar(range(len(names)), meds)
        ax.set_xticks(range(len(names)))
        ax.set_xticklabels(names)
        ax.set_ylabel(label)
        ax.set_title("during a UDP flood (livelock probe)")
        if not names:
            ax.text(0.5, 0.5, "not run", ha="center", transform=ax.transAxes)
    fig.tight_layout()
    fig.savefig(os.path.join(outdir, "livelock.png"), dpi=100)
    plt.close(fig)


def write(res, outdir, final=False):
    """Writes results.json and results.md (and the plots when final); returns the .md."""
    with open(os.path.join(outdir, "results.json"), "w") as f:
        json.dump(res, f, indent=1)
    path = os.path.join(outdir, "results.md")
    with open(path, "w") as f:
        f.write(markdown(res))
    if final:
        try:
            plots(res, outdir)
        except ImportError as e:   # the Makefile runs Debian's python3, which has it
            print(f"bench: no plots ({e}); install python3-matplotlib, use /usr/bin/python3")
    return path
