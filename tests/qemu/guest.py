"""A nicstack guest under QEMU for the integration tests.

Guest boots the real ISO, collects everything the serial port prints (in a
thread, so QEMU never blocks on a full pipe), lets a test wait for text, run
shell commands and wait for QEMU to exit. Every guest is killed and its
folder removed at the end of its test, pass or fail (see conftest.py).
"""
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import nicqemu  # noqa: E402

ISO = os.path.join(ROOT, "build", "nicstack.iso")
LOG_DIR = os.path.join(ROOT, "build", "test-logs")
PROMPT = "nicstack> "
ANSI_CR = re.compile(r"\r")


class GuestError(AssertionError):
    pass


class Guest:
    def __init__(self, name, cmdline="", machine="pc", firmware="bios", memory="64M",
                 netdev=None, mac="52:54:00:12:34:56", monitor=False, extra=(),
                 trace_events=None, netns=None, nic="e1000e"):
        self.name = name
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
                                         nic=nic)
        if netns:   # QEMU opens the tap, so it runs inside the test's namespace
            self.args = netns.prefix() + self.args
        self.out = ""
        self._lock = threading.Condition()
        self.started = time.monotonic()
        self.proc = subprocess.Popen(self.args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        while True:
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            if not chunk:
                break
            text = ANSI_CR.sub("", chunk.decode("utf-8", "replace"))
            with self._lock:
                self.out += text
                self._lock.notify_all()
        with self._lock:
            self._lock.notify_all()

    # -- waiting -----------------------------------------------------------
    def wait_for(self, pattern, timeout=30, start=0, flags=re.M):
        """Waits until the console output (from offset start) matches; returns the match."""
        rx = re.compile(pattern, flags)
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                m = rx.search(self.out, start)
                if m:
                    return m
                left = deadline - time.monotonic()
                if left <= 0 or (self.proc.poll() is not None and not self._reader.is_alive()):
                    raise GuestError(f"{self.name}: no /{pattern}/ within {timeout}s; "
                                     f"console tail:\n{self.out[-3000:]}")
                self._lock.wait(min(left, 0.5))

    def wait_booted(self, timeout=60):
        return self.wait_for(re.escape(PROMPT), timeout)

    def cmd(self, line, timeout=30):
        """Runs a shell command; returns what it printed (without echo and prompt)."""
        with self._lock:
            start = len(self.out)
        self.send(line + "\r")
        m = self.wait_for(re.escape(line) + r"\n(.*?)" + re.escape(PROMPT), timeout, start,
                          flags=re.M | re.S)
        return m.group(1)

    def send(self, text):
        self.proc.stdin.write(text.encode())
        self.proc.stdin.flush()

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

    # -- clean-up ----------------------------------------------------------
    def close(self):
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait()
        self._reader.join(5)
        os.makedirs(LOG_DIR, exist_ok=True)
        with open(os.path.join(LOG_DIR, self.name + ".log"), "w") as f:
            f.write(nicqemu.describe(self.args) + "\n\n" + self.out)
        shutil.rmtree(self.workdir, ignore_errors=True)
