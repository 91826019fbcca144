"""make run as a user runs it: user networking in a pseudo-terminal, NET=tap, PCAP=.

Each test starts `make run` (or tools/run.py) in a session of its own and ends
it by that PID, so nothing it started outlives it.
"""
import os
import pty
import re
import select
import signal
import socket
import subprocess
import time

from guest import ISO, ROOT

PY = "/usr/bin/python3"


class Run:
    """make run ... in the background; output collected, ended by PID."""

    def __init__(self, args, use_pty=False):
        if not os.path.exists(ISO):
            raise AssertionError(f"{ISO} is missing: run the tests through 'make test'")
        self.out = b""
        if use_pty:
            self.master, slave = pty.openpty()
            self.proc = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave,
                                         cwd=ROOT, start_new_session=True)
            os.close(slave)
        else:
            self.master = None
            self.proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.STDOUT, cwd=ROOT,
                                         start_new_session=True)

    def _fd(self):
        return self.master if self.master is not None else self.proc.stdout.fileno()

    def wait_for(self, pattern, timeout=40):
        rx = re.compile(pattern.encode())
        deadline = time.monotonic() + timeout
        while not rx.search(self.out):
            left = deadline - time.monotonic()
            assert left > 0, f"no /{pattern}/ in {timeout}s; output:\n{self.text()[-3000:]}"
            r, _, _ = select.select([self._fd()], [], [], min(left, 0.5))
            if r:
                try:
                    chunk = os.read(self._fd(), 65536)
                except OSError:
                    chunk = b""
                assert chunk or self.proc.poll() is None, f"exited early:\n{self.text()}"
                self.out += chunk
        return rx.search(self.out)

    def send(self, data):
        if self.master is not None:
            os.write(self.master, data)
        else:
            self.proc.stdin.write(data)
            self.proc.stdin.flush()

    def text(self):
        return self.out.decode("utf-8", "replace").replace("\r", "")

    def stop(self, sig=signal.SIGTERM):
        """Ends the run by its PID (the session leader's group: make, run.py, QEMU)."""
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                pass
        try:
            return self.proc.wait(15)
        finally:
            if self.proc.poll() is None:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
            if self.master is not None:
                os.close(self.master)
                self.master = None


def make_run(*variables):
    # -o ISO: boot what 'make test' built; never rebuild under a running test.
    return ["make", "-s", "-o", ISO, "run", *variables]


def netns_exists(name):
    out = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout
    return any(line.split()[0] == name for line in out.splitlines() if line.strip())


def udp_echo(port, payload, timeout=20):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(1)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:   # DHCP may still be running: retry
            s.sendto(payload, ("127.0.0.1", port))
            try:
                return s.recv(2048)
            except socket.timeout:
                continue
    finally:
        s.close()
    raise AssertionError(f"no UDP echo from localhost:{port}")


def test_make_run_user_networking_in_a_pty_left_with_ctrl_a_x():
    # Static: slirp's DHCP address, so the test does not hang on DHCP's own tests.
    r = Run([PY, "tools/run.py", "--iso", ISO, "--net", "user",
             "--cmdline", "ip=10.0.2.15/24 gw=10.0.2.2"], use_pty=True)
    try:
        banner = r.wait_for(r"leave QEMU with Ctrl-A X")
        text = r.text()
        for want in ("UDP echo      guest port 7     -> localhost:7007",
                     "TCP echo      guest port 7     -> localhost:7007",
                     "status page   guest port 80    -> localhost:8080",
                     "iperf server  guest port 5001  -> localhost:5001"):
            assert want in text
        assert banner
        r.wait_for(r"nicstack> ")
        r.wait_for(r"lwip: eth0: 10\.0\.2\.15/24", timeout=30)
        assert udp_echo(7007, b"hello through hostfwd") == b"hello through hostfwd"
        with socket.create_connection(("127.0.0.1", 7007), timeout=10) as t:
            t.sendall(b"tcp too\n")
            got = b""
            while len(got) < 8:
                got += t.recv(64)
            assert got == b"tcp too\n"
        r.send(b"\x01x")                       # Ctrl-A X: QEMU quits
        assert r.proc.wait(15) == 0
    finally:
        r.stop(signal.SIGKILL)


def test_make_run_net_tap_namespace_ping_and_cleanup():
    r = Run(make_run("NET=tap"))
    try:
        m = r.wait_for(r"network namespace (nicstack-\S+):")
        ns = m.group(1).decode()
        assert netns_exists(ns)
        r.wait_for(r"ping +ip netns exec " + re.escape(ns) + r" ping 192\.0\.2\.2")
        r.wait_for(r"lwip: eth0: 192\.0\.2\.2/24")
        r.wait_for(r"nicstack> ")
        p = subprocess.run(["ip", "netns", "exec", ns, "ping", "-c", "2", "-W", "5",
                            "192.0.2.2"], capture_output=True, text=True, timeout=30)
        assert p.returncode == 0, p.stdout + p.stderr
    finally:
        r.stop()
    assert not netns_exists(ns), "the namespace outlived make run"


def read_pcap(path):
    """Every frame of a capture file as tshark reads it: a dict of a few fields."""
    fields = ("eth.src", "eth.dst", "eth.type", "ip.src", "ip.dst", "icmp.type", "icmp.seq")
    args = ["tshark", "-n", "-r", path, "-T", "fields", "-E", "separator=/t"]
    for f in fields:
        args += ["-e", f]
    # check=True: a file tshark cannot read (truncated, not pcap) fails here.
    out = subprocess.run(args, capture_output=True, text=True, check=True, timeout=60).stdout
    return [dict(zip(fields, line.split("\t"))) for line in out.splitlines()]


def test_make_run_pcap_records_the_frames(tmp_path):
    pcap = str(tmp_path / "out.pcap")
    r = Run(make_run("NET=tap", f"PCAP={pcap}", "CMDLINE=ip=192.0.2.2/24 loglevel=6"))
    try:
        ns = r.wait_for(r"network namespace (nicstack-\S+):").group(1).decode()
        r.wait_for(r"nicstack> ")
        p = subprocess.run(["ip", "netns", "exec", ns, "ping", "-c", "3", "-i", "0.2", "-W",
                            "5", "192.0.2.2"], capture_output=True, text=True, timeout=30)
        assert p.returncode == 0, p.stdout + p.stderr
    finally:
        r.stop()
    frames = read_pcap(pcap)
    mac = "52:54:00:12:34:56"
    # ICMP type 8 request from the host, type 0 reply from the guest, seq 1..3.
    requests = {f["icmp.seq"] for f in frames if f["eth.dst"] == mac and
                f["ip.src"] == "192.0.2.1" and f["icmp.type"] == "8"}
    replies = {f["icmp.seq"] for f in frames if f["eth.src"] == mac and
               f["ip.src"] == "192.0.2.2" and f["ip.dst"] == "192.0.2.1" and
               f["icmp.type"] == "0"}
    assert {"1", "2", "3"} <= requests and {"1", "2", "3"} <= replies, frames
    # The guest answered ARP for itself before the first reply could leave.
    assert any(f["eth.src"] == mac and f["eth.type"] == "0x0806" for f in frames), frames
