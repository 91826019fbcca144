"""A nicstack guest under QEMU for the integration tests.

Guest boots the real ISO (the console machinery is tools/qemuconsole.py),
lets a test wait for text, run shell commands, talk to the QEMU monitor and
wait for QEMU to exit. Every guest is killed and its
folder removed at the end of its test, pass or fail (see conftest.py).
"""
import os
import re
import shutil
import socket
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import nicqemu  # noqa: E402
from qemuconsole import QemuConsole  # noqa: E402

ISO = os.path.join(ROOT, "build", "nicstack.iso")
LOG_DIR = os.path.join(ROOT, "build", "test-logs")
PROMPT = "nicstack> "


class GuestError(AssertionError):
    pass


def read_ppm(path):
    """A binary PPM (P6, maxval 255) as (width, height, RGB bytes)."""
    with open(path, "rb") as f:
        data = f.read()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    if fields[0] != b"P6" or fields[3] != b"255":
        raise GuestError(f"{path}: not a P6 PPM with maxval 255")
    width, height = int(fields[1]), int(fields[2])
    return width, height, data[pos + 1:pos + 1 + width * height * 3]


class Guest(QemuConsole):
    def __init__(self, name, cmdline="", machine="pc", firmware="bios", memory="64M",
                 netdev=None, mac="52:54:00:12:34:56", monitor=False, extra=(),
                 trace_events=None, netns=None, nic="e1000e", qemu="system", grub_env=None):
        """qemu: "system" (QEMU 7.2), "new" (QEMU 10.0 in build/qemu-new) or a
        binary's path; see tools/nicqemu.py. Every guest has the machine's
        VGA (std VGA on pc and q35): with monitor=True, screendump() reads it.
        grub_env: GRUB variables, e.g. {"kernel_gfxpayload": "text"} for VGA text."""
        self.name = name
        nicqemu.qemu_binary(qemu)   # a missing QEMU fails here, before anything is made
        self.workdir = nicqemu.make_workdir("nicstack-test-")
        self.monitor_path = os.path.join(self.workdir, "monitor.sock") if monitor else None
        extra = list(extra)
        if trace_events:
            events = os.path.join(self.workdir, "trace-events")
            with open(events, "w") as f:
                f.write("\n".join(trace_events) + "\n")
            self.trace_log = os.path.join(self.workdir, "trace.log")
            extra += ["-trace", f"events={events}", "-D", self.trace_log]
        self.args = nicqemu.qemu_command(ISO, self.workdir, machine=machine, memory=memory,
                                         cmdline=cmdline, firmware=firmware, netdev=netdev,
                                         mac=mac, monitor=self.monitor_path, extra=extra,
                                         nic=nic, qemu=qemu, grub_env=grub_env)
        if netns:   # QEMU opens the tap, so it runs inside the test's namespace
            self.args = netns.prefix() + self.args
        super().__init__(self.args)

    # -- waiting -----------------------------------------------------------
    def wait_for(self, pattern, timeout=30, start=0, flags=re.M):
        """Waits until the console output (from offset start) matches; returns the match."""
        m = self.search(pattern, timeout, start, flags)
        if not m:
            raise GuestError(f"{self.name}: no /{pattern}/ within {timeout}s; "
                             f"console tail:\n{self.out[-3000:]}")
        return m

    def wait_booted(self, timeout=60):
        return self.wait_for(re.escape(PROMPT), timeout)

    def cmd(self, line, timeout=30):
        """Runs a shell command; returns what it printed (without echo and prompt)."""
        out = self.command(line, PROMPT, timeout)
        if out is None:
            raise GuestError(f"{self.name}: '{line}' got no prompt back within {timeout}s; "
                             f"console tail:\n{self.out[-3000:]}")
        return out

    def wait_exit(self, timeout=30):
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            raise GuestError(f"{self.name}: QEMU still running after {timeout}s; "
                             f"console tail:\n{self.out[-3000:]}")

    def monitor(self, command):
        """One HMP command through the monitor socket; returns its reply."""
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(10)
        s.connect(self.monitor_path)
        buf = b""
        while b"(qemu)" not in buf:
            buf += s.recv(4096)
        s.sendall(command.encode() + b"\n")
        buf = b""
        while buf.count(b"(qemu)") < 1:
            buf += s.recv(4096)
        s.close()
        return buf.decode("utf-8", "replace")

    def screendump(self):
        """The screen as QEMU renders it: (width, height, RGB bytes), from a PPM."""
        path = os.path.join(self.workdir, "screen.ppm")
        if os.path.exists(path):
            os.unlink(path)
        self.monitor(f"screendump {path}")
        return read_ppm(path)

    def read_memory(self, addr, size):
        """Guest-physical memory (device memory too, e.g. the VGA text buffer)."""
        path = os.path.join(self.workdir, "mem.bin")
        # Quoted: else HMP reads "4000 /tmp/..." as a division.
        self.monitor(f'pmemsave {addr:#x} {size} "{path}"')
        with open(path, "rb") as f:
            return f.read()

    # -- clean-up ----------------------------------------------------------
    def close(self):
        self.kill()
        os.makedirs(LOG_DIR, exist_ok=True)
        with open(os.path.join(LOG_DIR, self.name + ".log"), "w") as f:
            f.write(nicqemu.describe(self.args) + "\n\n" + self.out)
        shutil.rmtree(self.workdir, ignore_errors=True)
