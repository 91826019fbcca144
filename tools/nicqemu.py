"""How nicstack's QEMU is started: one place for make run, the tests and the bench.

qemu_command() builds the argument list; boot parameters reach GRUB through a
small FAT image (made with mtools) holding /nicstack.cfg, so the booted
artefact is always the same ISO.

Two QEMUs (docs/qemu-versions.md): qemu="system" is the system's
qemu-system-x86_64 (Debian 12's 7.2), the default; qemu="new" is Debian's 10.0
from bookworm-backports that tools/fetch-qemu.sh unpacks into build/qemu-new
(make qemu-new); any other value is the path of a QEMU binary.
"""
import os
import shlex
import shutil
import subprocess
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
QEMU_NEW_DIR = os.path.join(ROOT, "build", "qemu-new")

OVMF_CODE = "/usr/share/OVMF/OVMF_CODE_4M.fd"
OVMF_VARS = "/usr/share/OVMF/OVMF_VARS_4M.fd"

# isa-debug-exit: the kernel writes V, QEMU exits with (V << 1) | 1.
EXIT_CLEAN = (0x10 << 1) | 1    # 33: poweroff without ACPI
EXIT_PANIC = (0x11 << 1) | 1    # 35: panic


def write_cmdline_disk(cmdline, workdir, grub_env=None):
    """A 1.44 MB FAT image with GRUB's extra parameters in /nicstack.cfg, and
    any GRUB variables in grub_env (e.g. {"kernel_gfxpayload": "text"}: VGA text
    mode, see boot/grub.cfg)."""
    # GRUB's 'set' takes a quoted word; single quotes inside are not allowed.
    words = [cmdline] + [f"{k}={v}" for k, v in (grub_env or {}).items()]
    if any("'" in w for w in words):
        raise ValueError("boot parameters may not contain single quotes")
    cfg = os.path.join(workdir, "nicstack.cfg")
    image = os.path.join(workdir, "cmdline.img")
    with open(cfg, "w") as f:
        f.write(f"set extra='{cmdline}'\n")
        for k, v in (grub_env or {}).items():
            f.write(f"set {k}='{v}'\n")
    subprocess.run(["mformat", "-i", image, "-C", "-f", "1440", "::"], check=True)
    subprocess.run(["mcopy", "-i", image, cfg, "::/nicstack.cfg"], check=True)
    return image


def qemu_binary(qemu="system"):
    """The QEMU to run: "system", "new" (build/qemu-new, QEMU 10.0) or a path."""
    if qemu in (None, "system"):
        return "qemu-system-x86_64"
    if qemu == "new":
        # The wrapper sets QEMU 10's own firmware and module folders.
        if not os.path.exists(os.path.join(QEMU_NEW_DIR, ".complete")):
            raise FileNotFoundError(f"{QEMU_NEW_DIR} holds no complete QEMU 10: "
                                    "run 'make qemu-new' (tools/fetch-qemu.sh)")
        return os.path.join(QEMU_NEW_DIR, "qemu-system-x86_64")
    return qemu


def qemu_version(qemu="system"):
    """The first line of `QEMU -version`, e.g. 'QEMU emulator version 10.0.2 (...)'."""
    out = subprocess.run([qemu_binary(qemu), "-version"], capture_output=True, text=True,
                         check=True, timeout=30).stdout
    return out.splitlines()[0]


def qemu_command(iso, workdir, machine="pc", accel="tcg", memory="64M", cmdline="",
                 firmware="bios", nic="e1000e", mac="52:54:00:12:34:56",
                 netdev=None, pcap=None, monitor=None, gdb=False, interactive=False,
                 extra=(), qemu="system", display="none", grub_env=None):
    """The full QEMU argument list. netdev: a -netdev value (id must be n0) or None.
    qemu: which QEMU runs it (see qemu_binary()). display: QEMU's -display
    (none, gtk, sdl, vnc=:N); the machine's VGA is there either way, so with
    none the screen still renders for the monitor's screendump.
    grub_env: GRUB variables for the cmdline disk (see write_cmdline_disk())."""
    args = [qemu_binary(qemu), "-M", machine, "-accel", accel, "-m", memory,
            "-display", display, "-no-reboot",
            # Interactive: serial and monitor share the terminal (Ctrl-A X quits, Ctrl-A C monitor).
            "-serial", "mon:stdio" if interactive else "stdio",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=4",
            "-drive", f"file={iso},media=cdrom,if=ide,index=0,readonly=on",
            "-boot", "d"]
    if cmdline or grub_env:
        image = write_cmdline_disk(cmdline, workdir, grub_env)
        args += ["-drive", f"file={image},format=raw,if=ide,index=1"]
    if firmware == "uefi":
        vars_copy = os.path.join(workdir, "OVMF_VARS.fd")
        shutil.copyfile(OVMF_VARS, vars_copy)
        args += ["-drive", f"if=pflash,format=raw,unit=0,readonly=on,file={OVMF_CODE}",
                 "-drive", f"if=pflash,format=raw,unit=1,file={vars_copy}"]
    if netdev:
        # romfile= empty: no iPXE option ROM (boot time, and it pokes TXDCTL).
        args += ["-netdev", netdev,
                 "-device", f"{nic},netdev=n0,mac={mac},id=nic0,romfile="]
        if pcap:
            args += ["-object", f"filter-dump,id=cap0,netdev=n0,file={pcap}"]
    else:
        args += ["-nic", "none"]
    if monitor:
        args += ["-monitor", f"unix:{monitor},server=on,wait=off"]
    elif not interactive:
        args += ["-monitor", "none"]
    if gdb:
        args += ["-s", "-S"]
    args += list(extra)
    return args


def describe(args):
    return " ".join(shlex.quote(a) for a in args)


def make_workdir(prefix="nicstack-"):
    return tempfile.mkdtemp(prefix=prefix)
