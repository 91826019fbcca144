#!/usr/bin/env python3
"""make run / make debug: boot the ISO in QEMU with the serial console on this terminal."""
import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nicqemu  # noqa: E402

# Guest services and the localhost ports user networking forwards to them.
FORWARDS = [("udp", 7007, 7, "UDP echo", "socat - UDP:127.0.0.1:7007"),
            ("tcp", 7007, 7, "TCP echo", "socat - TCP:127.0.0.1:7007"),
            ("tcp", 8080, 80, "status page", "curl http://127.0.0.1:8080/"),
            ("tcp", 5001, 5001, "iperf server", "iperf -c 127.0.0.1 -p 5001")]


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--iso", required=True)
    ap.add_argument("--machine", default="pc")
    ap.add_argument("--accel", default="tcg")
    ap.add_argument("--net", default="user", choices=["user", "none"])
    ap.add_argument("--firmware", default="bios", choices=["bios", "uefi"])
    ap.add_argument("--pcap")
    ap.add_argument("--memory", default="64M")
    ap.add_argument("--cmdline", default="")
    ap.add_argument("--gdb", action="store_true")
    a = ap.parse_args()

    netdev = None
    if a.net == "user":
        fwd = ",".join(f"hostfwd={p}:127.0.0.1:{h}-:{g}" for p, h, g, _, _ in FORWARDS)
        netdev = f"user,id=n0,net=10.0.2.0/24,{fwd}"
    workdir = nicqemu.make_workdir()
    args = nicqemu.qemu_command(a.iso, workdir, machine=a.machine, accel=a.accel,
                                memory=a.memory, cmdline=a.cmdline, firmware=a.firmware,
                                netdev=netdev, pcap=a.pcap, gdb=a.gdb, interactive=True)
    print("nicstack: booting", a.iso, f"({a.machine}, {a.firmware}, {a.accel})")
    if netdev:
        for _, host, guest, what, how in FORWARDS:
            print(f"  {what:13s} guest port {guest:<5d} -> localhost:{host:<5d}  try: {how}")
    if a.pcap:
        print(f"  every frame is recorded in {a.pcap} (open with tshark -r or Wireshark)")
    if a.gdb:
        print("  QEMU waits for gdb: in another terminal run  gdb -x tools/gdbinit")
    print("  leave QEMU with Ctrl-A X")
    sys.stdout.flush()
    return subprocess.call(args)


if __name__ == "__main__":
    sys.exit(main())
