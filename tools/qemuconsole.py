"""A QEMU process and its serial console, for the tests and the bench alike.

QEMU runs with the serial port on stdio in a session of its own (so it and
anything it started end together); a thread collects everything the console
prints, so QEMU never blocks on a full pipe, and waiters are woken as text
arrives.
"""
import os
import re
import signal
import subprocess
import threading
import time


class QemuConsole:
    def __init__(self, args):
        self.args = args
        self.out = ""
        self.first_output = None    # monotonic time of the first console byte
        self._cond = threading.Condition()
        self.started = time.monotonic()
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        while True:
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            if not chunk:
                break
            if self.first_output is None:
                self.first_output = time.monotonic()
            with self._cond:
                self.out += chunk.decode("utf-8", "replace").replace("\r", "")
                self._cond.notify_all()
        with self._cond:
            self._cond.notify_all()

    def alive(self):
        return self.proc.poll() is None

    def search(self, pattern, timeout, start=0, flags=re.M):
        """The first match in the console from offset start, or None by the timeout or QEMU's end."""
        rx = re.compile(pattern, flags)
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                m = rx.search(self.out, start)
                if m:
                    return m
                left = deadline - time.monotonic()
                if left <= 0 or (not self.alive() and not self._reader.is_alive()):
                    return None
                self._cond.wait(min(left, 0.5))

    def mark(self):
        """The console offset now: later searches start here."""
        with self._cond:
            return len(self.out)

    def send(self, text):
        self.proc.stdin.write(text.encode())
        self.proc.stdin.flush()

    def command(self, line, prompt, timeout):
        """Types a shell command; what it printed before the next prompt, or None."""
        start = self.mark()
        try:
            self.send(line + "\r")
        except OSError:
            return None
        m = self.search(re.escape(line) + r"\n(.*?)" + re.escape(prompt), timeout, start,
                        flags=re.M | re.S)
        return m.group(1) if m else None

    def kill(self):
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.proc.wait()
        self._reader.join(5)
