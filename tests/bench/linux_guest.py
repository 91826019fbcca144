"""Builds the bench's Linux reference guest into build/bench/linux/.

Everything comes from Debian packages and is only unpacked, never installed:
the kernel of linux-image-amd64 (apt-get download + dpkg-deb -x), its e1000e,
e1000 and igb modules and the modules those need (read from each module's
.modinfo depends=: dca and i2c_algo_bit for igb on Debian 12's 6.1 kernel, whose
ptp is built in), busybox-static, the host's iperf2
with its shared libraries and loader, and udp_echo.c built here with
gcc -static. They are packed into a gzip'd newc cpio with init.sh as /init.
The downloaded .deb stays in build/bench/linux/ so later runs are offline.
"""
import glob
import os
import re
import shutil
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
# Every NIC the bench uses: the e1000e for the main table, the e1000 (8254x)
# and the igb (82576, QEMU 10 only) for their rows. All are loaded; each binds
# only its own device.
NIC_MODULES = ("e1000e", "e1000", "igb")


def _run(args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw)


def kernel_package():
    """linux-image-amd64 is a metapackage: the versioned image it depends on."""
    out = _run(["apt-cache", "depends", "linux-image-amd64"]).stdout
    m = re.search(r"Depends:\s*(linux-image-\d[^\s]*-amd64)", out)
    if not m:
        raise RuntimeError("apt-cache depends linux-image-amd64: no versioned image "
                           "(run apt-get update)")
    return m.group(1)


def download_kernel(outdir):
    debs = glob.glob(os.path.join(outdir, "linux-image-*.deb"))
    if debs:
        return debs[0]
    pkg = kernel_package()
    # Into a scratch folder first: an interrupted download must not look cached.
    tmp = os.path.join(outdir, "download.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    _run(["apt-get", "download", pkg], cwd=tmp)
    debs = glob.glob(os.path.join(tmp, "linux-image-*.deb"))
    if not debs:
        raise RuntimeError(f"apt-get download {pkg} left no .deb in {tmp}")
    final = os.path.join(outdir, os.path.basename(debs[0]))
    os.rename(debs[0], final)
    shutil.rmtree(tmp, ignore_errors=True)
    return final


def modinfo_depends(path):
    """The 'depends=' entry of a module's .modinfo section (no kmod needed)."""
    raw = path + ".modinfo"
    _run(["objcopy", "-O", "binary", "--only-section=.modinfo", path, raw])
    with open(raw, "rb") as f:
        fields = f.read().split(b"\0")
    os.unlink(raw)
    for field in fields:
        if field.startswith(b"depends="):
            return [d for d in field[8:].decode().split(",") if d]
    return []


def module_files(moddir):
    """Maps module name (dashes as underscores) to its file under moddir."""
    files = {}
    for path in glob.glob(os.path.join(moddir, "kernel", "**", "*.ko*"), recursive=True):
        name = os.path.basename(path).split(".ko")[0].replace("-", "_")
        files[name] = path
    return files


def plain_module(path, tmpdir):
    """A .ko.xz/.ko.zst is decompressed: busybox insmod may not read compressed ones."""
    if path.endswith(".ko"):
        return path
    out = os.path.join(tmpdir, os.path.basename(path).split(".ko")[0] + ".ko")
    tool = ["xz", "-dc"] if path.endswith(".xz") else ["zstd", "-dc"]
    with open(out, "wb") as f:
        subprocess.run(tool + [path], check=True, stdout=f)
    return out


def load_order(names, files, tmpdir):
    """Dependencies first (depth-first), each module once."""
    order, seen = [], set()

    def visit(mod):
        if mod in seen:
            return
        seen.add(mod)
        if mod not in files:
            raise RuntimeError(f"module {mod} not found in the kernel package")
        path = plain_module(files[mod], tmpdir)
        for dep in modinfo_depends(path):
            visit(dep.replace("-", "_"))
        order.append((mod, path))

    for name in names:
        visit(name)
    return order


def copy_with_libs(binary, root):
    """Copies a dynamic binary and everything ldd names (loader included)."""
    shutil.copy2(binary, os.path.join(root, "bin", os.path.basename(binary)))
    for line in _run(["ldd", binary]).stdout.splitlines():
        m = re.search(r"(/\S+)\s+\(0x", line)
        if not m:
            continue
        lib = m.group(1)
        dest = os.path.join(root, lib.lstrip("/"))
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        shutil.copyfile(os.path.realpath(lib), dest)
        os.chmod(dest, 0o755)


def build_initramfs(kroot, outdir):
    stage = os.path.join(outdir, "stage")
    shutil.rmtree(stage, ignore_errors=True)
    for d in ("bin", "sbin", "dev", "proc", "sys", "tmp", "modules", "lib64",
              "lib/x86_64-linux-gnu"):
        os.makedirs(os.path.join(stage, d), exist_ok=True)
    # busybox-static, with a link per applet the init script uses.
    shutil.copy2("/bin/busybox", os.path.join(stage, "bin", "busybox"))
    for applet in _run(["/bin/busybox", "--list"]).stdout.split():
        link = os.path.join(stage, "bin", applet)
        if not os.path.exists(link):
            os.symlink("busybox", link)
    echo = os.path.join(stage, "bin", "udp_echo")
    _run(["gcc", "-static", "-O2", "-Wall", "-Wextra", "-Werror", "-o", echo,
          os.path.join(HERE, "udp_echo.c")])
    copy_with_libs(shutil.which("iperf") or "/usr/bin/iperf", stage)
    moddir = glob.glob(os.path.join(kroot, "lib", "modules", "*"))[0]
    order = load_order(NIC_MODULES, module_files(moddir), outdir)
    with open(os.path.join(stage, "modules.order"), "w") as f:
        for mod, path in order:
            shutil.copyfile(path, os.path.join(stage, "modules", mod + ".ko"))
            f.write(mod + ".ko\n")
    shutil.copyfile(os.path.join(HERE, "init.sh"), os.path.join(stage, "init"))
    os.chmod(os.path.join(stage, "init"), 0o755)
    # The kernel opens /dev/console before /init runs; give it the node.
    console = os.path.join(stage, "dev", "console")
    if not os.path.exists(console):
        os.mknod(console, 0o600 | 0o020000, os.makedev(5, 1))
    image = os.path.join(outdir, "initramfs.cpio.gz")
    files = subprocess.run("find . | LC_ALL=C sort", shell=True, cwd=stage, check=True,
                           capture_output=True).stdout
    cpio = subprocess.run(["cpio", "-o", "-H", "newc", "--quiet", "-R", "0:0"], cwd=stage,
                          input=files, check=True, capture_output=True).stdout
    gz = subprocess.run(["gzip", "-9n"], input=cpio, check=True, capture_output=True).stdout
    with open(image, "wb") as f:
        f.write(gz)
    return image, [m for m, _ in order]


def build(outdir):
    """Returns {'kernel': path, 'initrd': path, 'package': name, 'modules': [...]}.

    Rebuilt only when a source (init.sh, udp_echo.c, this file) is newer."""
    outdir = os.path.join(outdir, "linux")
    os.makedirs(outdir, exist_ok=True)
    deb = download_kernel(outdir)
    kroot = os.path.join(outdir, "root")
    if not os.path.isdir(kroot):
        _run(["dpkg-deb", "-x", deb, kroot + ".tmp"])
        os.rename(kroot + ".tmp", kroot)
    kernel = glob.glob(os.path.join(kroot, "boot", "vmlinuz-*"))[0]
    image = os.path.join(outdir, "initramfs.cpio.gz")
    sources = [os.path.join(HERE, f) for f in ("init.sh", "udp_echo.c", "linux_guest.py")]
    stamp = os.path.join(outdir, "modules.txt")
    if (not os.path.exists(image) or not os.path.exists(stamp) or
            max(os.path.getmtime(s) for s in sources) > os.path.getmtime(image)):
        image, mods = build_initramfs(kroot, outdir)
        with open(stamp, "w") as f:
            f.write("\n".join(mods) + "\n")
    with open(stamp) as f:
        mods = f.read().split()
    return {"kernel": kernel, "initrd": image, "package": os.path.basename(deb),
            "modules": mods}


if __name__ == "__main__":
    import json
    import sys
    print(json.dumps(build(sys.argv[1] if len(sys.argv) > 1 else "build/bench"), indent=1))
