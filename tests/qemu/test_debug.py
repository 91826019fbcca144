"""make debug: QEMU halted with a gdb stub, tools/gdbinit and the nic-* helpers.

gdb runs in batch mode against QEMU started the way make debug starts it
(-S, halted); the stub listens on a free port instead of -s's 1234 so tests
can run beside a developer's own make debug. QEMU is killed by PID after.
"""
import os
import socket
import subprocess
import threading
import time

from guest import ISO, ROOT
from netlab import GUEST_IP, tap_netdev
import nicqemu

ELF = os.path.join(ROOT, "build", "nicstack.elf")


def free_port():
    """Any free port will do: the namespace's loopback is the test's own."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def gdb_script(port, tmp_path, after_start):
    """tools/gdbinit as written, pointed at our port, then the test's commands."""
    with open(os.path.join(ROOT, "tools", "gdbinit")) as f:
        init = f.read().replace("localhost:1234", f"localhost:{port}")
    path = str(tmp_path / "gdb.cmds")
    with open(path, "w") as f:
        f.write(init + "\n" + "\n".join(after_start) + "\nkill\n")
    return path


def test_gdb_helpers_at_e1000_poll(netns, tmp_path):
    port = free_port()
    workdir = nicqemu.make_workdir("nicstack-debug-")
    args = netns.prefix() + nicqemu.qemu_command(
        ISO, workdir, cmdline=f"ip={GUEST_IP}/24", netdev=tap_netdev(),
        extra=["-S", "-gdb", f"tcp:127.0.0.1:{port}"])
    qemu = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.STDOUT, start_new_session=True)
    stop = threading.Event()

    def traffic():   # e1000_poll runs on the first interrupt; make sure there is one
        while not stop.wait(1):
            netns.run(["ping", "-c", "1", "-W", "1", GUEST_IP], check=False)

    pinger = threading.Thread(target=traffic, daemon=True)
    try:
        script = gdb_script(port, tmp_path, [
            "print/x &softnet_data",
            "info symbol start_kernel",
            "delete",
            "hbreak e1000_poll",
            "continue",
            "nic-napi",
            "nic-ring rx 4",
            "nic-ring tx 4",
            "nic-skb $e1000e_adapter(0)->rx_ring.buffer_info[$e1000e_adapter(0)->rx_ring.next_to_clean].skb",
        ])
        time.sleep(0.5)   # the stub listens once QEMU is up
        pinger.start()
        # QEMU's stub listens on the namespace's loopback: gdb goes there too.
        p = subprocess.run(netns.prefix() + ["gdb", "-nx", "-batch", "-x", script], cwd=ROOT,
                           capture_output=True, text=True, timeout=60)
        out = p.stdout + p.stderr
    finally:
        stop.set()
        if qemu.poll() is None:
            os.killpg(qemu.pid, 9)
        qemu.wait()
        pinger.join(5) if pinger.is_alive() else None
        subprocess.run(["rm", "-rf", workdir])
    print(out)
    # gdbinit: symbols, hardware breakpoint, stopped where C starts
    assert "Breakpoint 1, start_kernel" in out or "start_kernel (mbi_phys=" in out, out
    assert "start_kernel in section .text" in out
    # at the breakpoint in the driver's poll
    assert "e1000_poll (napi=" in out
    assert "softnet_data[0].poll_list:" in out
    assert "poll e1000_poll" in out and "(backlog)" in out and "poll process_backlog" in out
    assert "eth0 rx ring: 256 descriptors" in out and "next_to_clean" in out
    assert "eth0 tx ring: 256 descriptors" in out
    assert "<- next_to_clean" in out
    assert "sk_buff 0x" in out and "  head 0x" in out and "len " in out and "dev eth0" in out
    assert "Python Exception" not in out and "Error occurred" not in out, out
