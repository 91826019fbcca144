"""The second QEMU: Debian's 10.0 from bookworm-backports (tools/fetch-qemu.sh,
build/qemu-new) runs today's ISO as the system's 7.2 does.

One boot with -device e1000e on a private tap (netlab.py): the running QEMU
says it is 10.0, the driver comes up with MSI-X, IPv4 ping, UDP and TCP echo
work, and the model logs no driver mistake. The rest of the suite runs on 7.2;
docs/qemu-versions.md says what is verified on which.
"""
import os
import re
import shutil
import subprocess

from guest import ROOT
from netlab import GUEST_IP
from test_e1000e import WRN_EVENTS, driver_warnings
from test_lwip import boot_stack, client, ping
import nicqemu

FETCH = os.path.join(ROOT, "tools", "fetch-qemu.sh")
TREE = nicqemu.QEMU_NEW_DIR


def pinned_version():
    with open(os.path.join(TREE, "VERSION")) as f:
        return f.read().strip()


def expected_version():
    """QEMU's version and Debian's package version of the pin, e.g. ('10.0.2',
    '1:10.0.2+ds-2+deb13u1~bpo12+1')."""
    deb = pinned_version()
    upstream = re.match(r"(?:\d+:)?(\d+\.\d+\.\d+)", deb).group(1)
    assert upstream.startswith("10."), deb
    return upstream, deb


def test_qemu_10_runs_the_iso_with_e1000e_ping_udp_and_tcp_echo(guest, netns):
    upstream, deb = expected_version()
    line = f"QEMU emulator version {upstream} (Debian {deb})"
    assert nicqemu.qemu_version("new") == line
    assert nicqemu.qemu_version("system") != line
    g = boot_stack(guest, netns, qemu="new", monitor=True, trace_events=WRN_EVENTS)
    # The process that booted is QEMU 10 itself, not whatever is on PATH.
    info = g.monitor("info version")
    # (HMP prints '10.0.2Debian 1:10.0.2+ds-...', no space or parentheses.)
    assert re.search(rf"^{re.escape(upstream)}Debian {re.escape(deb)}\r?$", info, re.M), info
    assert "eth0: up: irq msix, napi on" in g.out, g.out[-3000:]
    got, out = ping(netns, GUEST_IP, count=3)
    assert got == 3, out
    # Echo sizes up to one above the MTU (fragments both ways).
    r = client(netns, "udpsizes", GUEST_IP, 1, 1472, 4000)
    assert r == {"sent": 3, "good": 3, "bad": 0, "lost": 0}, r
    r = client(netns, "tcp", GUEST_IP, 256 << 10, 2)
    assert all(c.get("equal") and c["received"] == 256 << 10 for c in r["clients"]), r
    assert driver_warnings(g) == []


# ---- the fetch script's guard ------------------------------------------------

def check(d):
    return subprocess.run(["bash", FETCH, "--check", str(d)], capture_output=True, text=True,
                          timeout=60)


def fake_tree(tmp_path, version):
    """A tree with the real wrapper and firmware but VERSION `version` and the
    system's binary in usr/bin: what a half-updated or wrong tree looks like."""
    d = tmp_path / "qemu-new"
    (d / "usr" / "bin").mkdir(parents=True)
    shutil.copy(os.path.join(TREE, "qemu-system-x86_64"), d)
    os.symlink(shutil.which("qemu-system-x86_64"), d / "usr" / "bin" / "qemu-system-x86_64")
    (d / "VERSION").write_text(version + "\n")
    (d / ".complete").write_text("now\n")
    return d


def test_fetched_tree_is_accepted_and_others_are_refused(tmp_path):
    r = check(TREE)
    assert r.returncode == 0, r.stdout + r.stderr
    assert f"holds Debian qemu-system-x86 {pinned_version()}" in r.stdout
    # Another version recorded: refused by VERSION alone.
    r = check(fake_tree(tmp_path / "a", "1:7.2+dfsg-7+deb12u18"))
    assert r.returncode != 0 and "refusing" in r.stderr, r.stdout + r.stderr
    # The right VERSION over the system's QEMU 7.2: refused by what it says.
    r = check(fake_tree(tmp_path / "b", pinned_version()))
    assert r.returncode != 0 and "says 'QEMU emulator version 7.2" in r.stderr, r.stderr
