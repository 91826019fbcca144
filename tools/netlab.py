"""A private network for one guest: a network namespace holding a tap device.

make run NET=tap (tools/run.py), the QEMU tests and the benchmark use it.

QEMU runs inside the namespace and attaches the guest's NIC to the tap; the
host side of the link is the tap itself, addressed from TEST-NET-1
(192.0.2.0/24, RFC 5737: documentation only, never routed) and 2001:db8::/32
(RFC 3849). The namespace has no other interface and no route out, so no
test traffic can leave it. NetNS.close() removes it, whatever happened.
"""
import itertools
import os
import subprocess

HOST_IP = "192.0.2.1"
GUEST_IP = "192.0.2.2"
PREFIX = 24
HOST_IP6 = "2001:db8::1"
GUEST_IP6 = "2001:db8::2"
TAP = "tap0"

_seq = itertools.count()


def _ip(*args, check=True):
    return subprocess.run(["ip", *args], check=check, capture_output=True, text=True)


class NetNS:
    def __init__(self):
        self.name = f"nicstack-{os.getpid()}-{next(_seq)}"
        _ip("netns", "add", self.name)
        try:
            self.run(["ip", "link", "set", "lo", "up"])
            self.run(["ip", "tuntap", "add", "dev", TAP, "mode", "tap"])
            self.run(["ip", "addr", "add", f"{HOST_IP}/{PREFIX}", "dev", TAP])
            self.run(["ip", "-6", "addr", "add", f"{HOST_IP6}/64", "dev", TAP, "nodad"])
            self.run(["ip", "link", "set", TAP, "up"])
        except Exception:
            self.close()
            raise

    def add_tap(self, name):
        """Another tap here for a second NIC (QEMU opens taps by name, in its namespace)."""
        self.run(["ip", "tuntap", "add", "dev", name, "mode", "tap"])

    def move_tap(self, name, other, host_ip, prefix=PREFIX):
        """Hands a tap QEMU already holds to namespace other (QEMU's file stays
        attached) and addresses its host side there: one guest, two networks."""
        self.run(["ip", "link", "set", name, "netns", other.name])
        other.run(["ip", "addr", "add", f"{host_ip}/{prefix}", "dev", name])
        other.run(["ip", "link", "set", name, "up"])

    def prefix(self):
        """Argument prefix that runs a command inside the namespace."""
        return ["ip", "netns", "exec", self.name]

    def run(self, args, check=True, timeout=60, **kw):
        return subprocess.run(self.prefix() + list(args), check=check, timeout=timeout,
                              capture_output=True, text=True, **kw)

    def popen(self, args, **kw):
        return subprocess.Popen(self.prefix() + list(args), start_new_session=True, **kw)

    def tap_stats(self):
        """The tap's counters as the host kernel sees them (rx = frames from the guest)."""
        out = self.run(["ip", "-s", "-s", "link", "show", TAP]).stdout.split("\n")
        nums = {}
        for i, line in enumerate(out):
            if line.strip().startswith("RX:"):
                vals = out[i + 1].split()
                nums["rx_packets"], nums["rx_dropped"] = int(vals[1]), int(vals[3])
            if line.strip().startswith("TX:"):
                vals = out[i + 1].split()
                nums["tx_packets"], nums["tx_dropped"] = int(vals[1]), int(vals[3])
        return nums

    def close(self):
        _ip("netns", "del", self.name, check=False)


def tap_netdev():
    """The -netdev value for QEMU started inside the namespace."""
    return f"tap,id=n0,ifname={TAP},script=no,downscript=no"
