"""One guest under test (nicstack or the Linux reference) in a bench namespace.

Both targets get the QEMU command line from tools/nicqemu.py (machine,
accelerator, memory, -device e1000e, or e1000/igb for their rows, with romfile=
and the same MAC, tap netdev inside the namespace); the Linux guest only swaps the ISO for
-kernel/-initrd/-append. The serial console is read in a thread; cmd()
types a command and waits for the guest's prompt, which is how the bench
reads interrupt counters from either guest. Target.qemu picks the QEMU
binary (nicqemu's "system" or "new"), always the same for both guests of a row.
"""
import os
import re
import shutil
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import nicqemu  # noqa: E402
import netlab  # noqa: E402
from qemuconsole import QemuConsole  # noqa: E402

MAC = "52:54:00:12:34:56"


def _strip_iso(args):
    """nicqemu's arguments without the CD-ROM drive and '-boot d'."""
    out, i = [], 0
    while i < len(args):
        if args[i] == "-drive" and "media=cdrom" in args[i + 1]:
            i += 2
        elif args[i] == "-boot":
            i += 2
        else:
            out.append(args[i])
            i += 1
    return out


class Target:
    """What differs between the two guests: how to boot, prompt, IRQ parsing."""

    def __init__(self, name, kind, iso=None, linux=None, cmdline="", nic="e1000e",
                 qemu="system"):
        self.name, self.kind = name, kind
        self.iso, self.linux, self.cmdline = iso, linux, cmdline
        self.nic = nic      # QEMU's -device model, the same for both guests
        self.qemu = qemu    # nicqemu's QEMU choice, the same for both guests of a row
        self.prompt = "nicstack> " if kind == "nicstack" else "bench> "
        self.boot_timeout = 10.0 if kind == "nicstack" else 90.0
        self.reflect = "nicstack.app=reflect" in cmdline

    def qemu_args(self, workdir, memory, accel, netns):
        netdev = netlab.tap_netdev()
        if self.kind == "nicstack":
            cmdline = " ".join(p for p in (f"ip={netlab.GUEST_IP}/{netlab.PREFIX}",
                                           self.cmdline) if p)
            args = nicqemu.qemu_command(self.iso, workdir, accel=accel, memory=memory,
                                        cmdline=cmdline, netdev=netdev, mac=MAC, nic=self.nic,
                                        qemu=self.qemu)
        else:
            args = _strip_iso(nicqemu.qemu_command("none", workdir, accel=accel,
                                                   memory=memory, netdev=netdev, mac=MAC,
                                                   nic=self.nic, qemu=self.qemu))
            append = (f"console=ttyS0 quiet panic=-1 "
                      f"bench.ip={netlab.GUEST_IP}/{netlab.PREFIX} {self.cmdline}").strip()
            args += ["-kernel", self.linux["kernel"], "-initrd", self.linux["initrd"],
                     "-append", append]
        return netns.prefix() + args

    def nic_irqs(self, text):
        """Sum of the NIC's interrupt counts in an 'interrupts' listing."""
        total, found = 0, False
        for line in text.splitlines():
            # nicstack names its vectors eth-rx/eth-tx/eth-other (its igb driver
            # igb-TxRx-N/igb-other), Linux eth0-rx-0, eth0-TxRx-0 ...
            if not re.search(r"\beth|e1000e|\bigb-", line):
                continue
            toks = line.split()
            if self.kind == "nicstack":
                # ' IRQ  vector  count  chip  handlers' (arch/x86_64/irq_cmd.c)
                if len(toks) >= 3 and toks[2].isdigit():
                    total += int(toks[2])
                    found = True
            else:
                # '/proc/interrupts': 'N:  count-per-cpu...  chip ... name'
                for t in toks[1:]:
                    if not t.isdigit():
                        break
                    total += int(t)
                    found = True
        return total if found else None


class VM(QemuConsole):
    def __init__(self, target, netns, workdir, memory="64M", accel="tcg", log_dir=None):
        self.target = target
        self.workdir = workdir
        self.log_dir = log_dir
        self.args = target.qemu_args(workdir, memory, accel, netns)
        super().__init__(self.args)

    def wait_for(self, pattern, timeout, start=0):
        return self.search(pattern, timeout, start, re.M | re.S)

    def cmd(self, line, timeout=20):
        """Types a console command; its output, or None when no prompt came back."""
        return self.command(line, self.target.prompt, timeout)

    def nic_irqs(self):
        """NIC interrupts so far; None if the console did not answer or showed no NIC."""
        self.last_irq_text = self.cmd("interrupts")
        if self.last_irq_text is None:
            return None
        return self.target.nic_irqs(self.last_irq_text)

    def close(self):
        self.kill()
        if self.log_dir:
            os.makedirs(self.log_dir, exist_ok=True)
            path = os.path.join(self.log_dir, f"{self.target.name}-{self.proc.pid}.log")
            with open(path, "w") as f:
                f.write(nicqemu.describe(self.args) + "\n\n" + self.out)
        shutil.rmtree(self.workdir, ignore_errors=True)
