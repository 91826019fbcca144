#!/usr/bin/env python3
"""make run / make debug: boot the ISO in QEMU with the serial console on this terminal.

NET=user (default): QEMU's user networking, guest services forwarded to localhost.
NET=tap (root): a network namespace of its own holding a tap (tools/netlab.py),
QEMU inside it, the guest at 192.0.2.2 (TEST-NET-1, never routed); the namespace
is removed when QEMU exits, on Ctrl-C and on SIGTERM too.
QEMU=system (default): the system's qemu-system-x86_64 (Debian 12: 7.2).
QEMU=new: Debian's QEMU 10.0 that make qemu-new unpacks into build/qemu-new.
SCREEN=none (default): no window; SCREEN=gtk|sdl: a window showing the
screen console (the VGA QEMU gives the machine); SCREEN=vnc: the same on a
VNC server at localhost:5900. The serial console stays on this terminal.
"""
import argparse
import os
import signal
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import nicqemu  # noqa: E402

# Guest services and the localhost ports user networking forwards to them
# (net/apps: echo.c UDP+TCP 7, http.c 80, iperf.c an iperf 2 server on 5001).
FORWARDS = [("udp", 7007, 7, "UDP echo", "socat - UDP:127.0.0.1:7007"),
            ("tcp", 7007, 7, "TCP echo", "socat - TCP:127.0.0.1:7007"),
            ("tcp", 8080, 80, "status page", "curl http://127.0.0.1:8080/"),
            ("tcp", 5001, 5001, "iperf server", "iperf -c 127.0.0.1 -p 5001")]


# SCREEN= -> QEMU's -display. VNC listens on localhost only.
SCREENS = {"none": "none", "gtk": "gtk", "sdl": "sdl", "vnc": "vnc=127.0.0.1:0"}


def tap_commands(ns, guest_ip):
    run = f"ip netns exec {ns}"
    return [("ping", f"{run} ping {guest_ip}"),
            ("UDP echo", f"{run} socat - UDP:{guest_ip}:7"),
            ("TCP echo", f"{run} socat - TCP:{guest_ip}:7"),
            ("status page", f"{run} curl http://{guest_ip}/"),
            ("iperf server", f"{run} iperf -c {guest_ip}"),
            ("capture", f"{run} tcpdump -ni tap0")]


def guest_ip_of(cmdline, default):
    for word in cmdline.split():
        if word.startswith("ip="):
            return word[3:].split("/")[0]
    return default


def _terminate(signum, frame):
    raise SystemExit(128 + signum)   # unwinds through the finally blocks below


def run_qemu(args):
    """QEMU as a child; Ctrl-C/SIGTERM reach our finally blocks, and QEMU is ended too."""
    proc = subprocess.Popen(args)
    try:
        return proc.wait()
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--iso", required=True)
    ap.add_argument("--machine", default="pc")
    ap.add_argument("--accel", default="tcg")
    ap.add_argument("--net", default="user", choices=["user", "tap", "none"])
    ap.add_argument("--firmware", default="bios", choices=["bios", "uefi"])
    ap.add_argument("--pcap")
    ap.add_argument("--memory", default="64M")
    ap.add_argument("--cmdline", default="")
    ap.add_argument("--gdb", action="store_true")
    ap.add_argument("--screen", default="none", choices=["none", "gtk", "sdl", "vnc"],
                    help="where QEMU shows the screen: none, a gtk or sdl window, vnc :0")
    ap.add_argument("--qemu", default="system",
                    help="system, new (build/qemu-new, QEMU 10.0) or a QEMU binary's path")
    a = ap.parse_args()
    try:
        version = nicqemu.qemu_version(a.qemu)
    except (OSError, subprocess.SubprocessError) as e:
        sys.exit(f"run: cannot run QEMU '{a.qemu}': {e}")

    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGHUP, _terminate)
    netdev, ns, cmdline = None, None, a.cmdline
    if a.net == "user":
        fwd = ",".join(f"hostfwd={p}:127.0.0.1:{h}-:{g}" for p, h, g, _, _ in FORWARDS)
        netdev = f"user,id=n0,net=10.0.2.0/24,{fwd}"
    elif a.net == "tap":
        if os.geteuid() != 0:
            sys.exit("run: NET=tap creates a network namespace and a tap: run it as root")
        import netlab
        ns = netlab.NetNS()
        netdev = netlab.tap_netdev()
        if a.pcap:
            # Else e1000e and the tap agree on virtio-net headers, and filter-dump
            # writes each frame with that 10-byte header in front (no valid pcap).
            netdev += ",vnet_hdr=off"
        if not any(w.startswith("ip=") for w in cmdline.split()):
            cmdline = f"{cmdline} ip={netlab.GUEST_IP}/{netlab.PREFIX}".strip()
    try:
        workdir = nicqemu.make_workdir()
        args = nicqemu.qemu_command(a.iso, workdir, machine=a.machine, accel=a.accel,
                                    memory=a.memory, cmdline=cmdline, firmware=a.firmware,
                                    netdev=netdev, pcap=a.pcap, gdb=a.gdb, interactive=True,
                                    qemu=a.qemu, display=SCREENS[a.screen])
        if ns:
            args = ns.prefix() + args    # QEMU opens the tap, so it runs in the namespace
        print("nicstack: booting", a.iso, f"({a.machine}, {a.firmware}, {a.accel})")
        print(f"  {version}")
        if a.net == "user":
            for _, host, guest, what, how in FORWARDS:
                print(f"  {what:13s} guest port {guest:<5d} -> localhost:{host:<5d}  try: {how}")
        elif ns:
            print(f"  network namespace {ns.name}: tap0 {netlab.HOST_IP}/{netlab.PREFIX}, "
                  f"guest {guest_ip_of(cmdline, netlab.GUEST_IP)}; from another terminal:")
            for what, how in tap_commands(ns.name, guest_ip_of(cmdline, netlab.GUEST_IP)):
                print(f"  {what:13s} {how}")
            print("  the namespace is removed when QEMU exits")
        if a.screen == "vnc":
            print("  the screen: a VNC viewer on localhost:5900 (e.g. vncviewer :0)")
        elif a.screen != "none":
            print(f"  the screen is in the {a.screen} window; this terminal is the serial console")
        if a.pcap:
            print(f"  every frame is recorded in {a.pcap} (open with tshark -r or Wireshark)")
        if a.gdb:
            print("  QEMU waits for gdb: in another terminal run  gdb -x tools/gdbinit")
        print("  leave QEMU with Ctrl-A X")
        sys.stdout.flush()
        return run_qemu(args)
    except KeyboardInterrupt:
        return 130
    finally:
        if ns:
            ns.close()


if __name__ == "__main__":
    sys.exit(main())
