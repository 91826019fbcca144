"""The build's own guards: lwIP must be Debian's 2.2.1, and the boot says which one ran."""
import os
import re
import shutil
import subprocess
import tempfile

from guest import ROOT

FETCH = os.path.join(ROOT, "tools", "fetch-lwip.sh")
TREE = os.path.join(ROOT, "build", "lwip-src")


def fake_tree(version, init_version):
    """A copy of the fetched tree's version records, with the versions given."""
    d = tempfile.mkdtemp(prefix="nicstack-lwip-")
    os.makedirs(os.path.join(d, "lwip", "src", "include", "lwip"))
    with open(os.path.join(d, "VERSION"), "w") as f:
        f.write(version + "\n")
    src = os.path.join(TREE, "lwip", "src", "include", "lwip", "init.h")
    with open(src) as f:
        init = f.read()
    maj, mnr, rev = init_version.split(".")
    init = re.sub(r"(#define LWIP_VERSION_MAJOR\s+)\d+", rf"\g<1>{maj}", init)
    init = re.sub(r"(#define LWIP_VERSION_MINOR\s+)\d+", rf"\g<1>{mnr}", init)
    init = re.sub(r"(#define LWIP_VERSION_REVISION\s+)\d+", rf"\g<1>{rev}", init)
    with open(os.path.join(d, "lwip", "src", "include", "lwip", "init.h"), "w") as f:
        f.write(init)
    return d


def check(d):
    return subprocess.run(["bash", FETCH, "--check", d], capture_output=True, text=True)


def test_the_fetched_lwip_is_2_2_1_and_accepted():
    r = check(TREE)
    assert r.returncode == 0, r.stdout + r.stderr
    assert re.search(r"holds Debian lwip 2\.2\.1", r.stdout)


def test_another_lwip_version_is_refused_with_a_message():
    for version, init in (("2.1.3-3", "2.1.3"), ("2.2.1+dfsg1-1", "2.2.0")):
        d = fake_tree(version, init)
        try:
            r = check(d)
            assert r.returncode != 0, (version, init, r.stdout)
            assert "refusing" in (r.stdout + r.stderr) or "expected 2.2.1" in (r.stdout + r.stderr)
        finally:
            shutil.rmtree(d)


def apply_series(tmp_path, patches):
    """fetch-lwip.sh on a copy of build/lwip-src whose series is `patches`
    (name -> text): Debian's cached tree is reused, nothing is fetched."""
    out, pdir = tmp_path / "lwip-src", tmp_path / "patches"
    out.mkdir()
    pdir.mkdir()
    os.symlink(os.path.join(TREE, "debian"), out / "debian")
    for name, text in patches.items():
        (pdir / name).write_text(text)
    (pdir / "series").write_text("".join(n + "\n" for n in patches))
    env = dict(os.environ, NICSTACK_LWIP_PATCH_DIR=str(pdir))
    return out, subprocess.run(["bash", FETCH, str(out)], capture_output=True, text=True,
                               env=env, timeout=300)


def test_our_patch_series_is_applied_and_recorded(tmp_path):
    real = os.path.join(ROOT, "net", "lwip", "patches")
    names = [n.strip() for n in open(os.path.join(real, "series"))
             if n.strip() and not n.startswith("#")]
    out, r = apply_series(tmp_path, {n: open(os.path.join(real, n)).read() for n in names})
    assert r.returncode == 0, r.stdout + r.stderr
    assert f"with {len(names)} nicstack patches" in r.stdout
    recorded = [line.split()[0] for line in (out / "PATCHES").read_text().splitlines()]
    assert recorded == names
    assert f"NICSTACK_LWIP_PATCHES {len(names)}" in (out / "nicstack_lwip_version.h").read_text()
    nd6 = (out / "lwip" / "src" / "core" / "ipv6" / "nd6.c").read_text()
    assert "RFC 8201 section 4" in nd6              # 0001 is in the tree that is built


def test_a_patch_that_does_not_apply_stops_the_build_by_name(tmp_path):
    stale = ("Subject: a fix for code that is not there\n\n"
             "--- a/src/core/def.c\n+++ b/src/core/def.c\n"
             "@@ -1,3 +1,3 @@\n-no such line one\n+replaced\n no such line two\n"
             " no such line three\n")
    out, r = apply_series(tmp_path, {"0001-stale.patch": stale})
    assert r.returncode != 0
    assert "0001-stale.patch does not apply" in r.stderr, r.stderr
    assert not (out / ".complete").exists()


def test_boot_banner_names_the_debian_lwip_version(guest, netns):
    from netlab import tap_netdev
    with open(os.path.join(TREE, "VERSION")) as f:
        version = f.read().strip()
    g = guest(cmdline="ip=192.0.2.2/24", netdev=tap_netdev(), netns=netns)
    g.wait_booted()
    assert f"lwIP 2.2.1 from Debian {version} with " in g.out
    assert re.search(r"with (\d+) nicstack patches", g.out).group(1) == \
        str(len(open(os.path.join(TREE, "PATCHES")).read().split("\n")) - 1)
    # lwIP's MLD joins (solicited-node multicast for its IPv6 addresses) reached
    # dev_mc_add(): the interface carries multicast addresses for the NIC's filter.
    g.wait_for(r"fe80::\S+ \(link-local\)", timeout=10)
    m = re.search(r"mc (\d+)", g.cmd("netdev"))
    assert m and int(m.group(1)) >= 1, g.cmd("netdev")
