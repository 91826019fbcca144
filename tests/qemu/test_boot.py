"""The platform: boot, console, ACPI, interrupts, timer, shell, parameters, faults."""
import re
import time

import pytest

from guest import PROMPT

EXIT_PANIC = 35


@pytest.mark.parametrize("machine", ["pc", "q35"])
def test_boots_to_shell_with_banner_and_memory_map(guest, machine):
    g = guest(machine=machine)
    g.wait_booted()
    assert re.search(r"nicstack \S+ booting", g.out)
    assert re.search(r"boot: loader 'GRUB[^']*' \(BIOS\)", g.out)
    assert re.search(r"mem: \[0x0*100000-0x[0-9a-f]+\] usable", g.out)
    m = re.search(r"mem: (\d+) KiB usable RAM, (\d+) KiB free", g.out)
    assert m and 50_000 < int(m.group(1)) < 66_000, g.out[-2000:]
    assert int(m.group(2)) < int(m.group(1))


@pytest.mark.parametrize("machine", ["pc", "q35"])
def test_acpi_reports_lapic_and_ioapic(guest, machine):
    g = guest(machine=machine)
    g.wait_booted()
    assert re.search(r"ACPI: LAPIC at 0xfee00000, 1 CPU", g.out)
    assert re.search(r"ACPI: IOAPIC id \d+ at 0xfec00000, GSI base 0", g.out)
    assert re.search(r"ioapic: id \d+ at 0xfec00000, GSIs 0-23", g.out)
    assert re.search(r"lapic: id 0 version", g.out)
    # QEMU routes ISA IRQ 0 to GSI 2 on both machines.
    assert re.search(r"ACPI: override ISA IRQ 0 -> GSI 2", g.out)
    if machine == "q35":
        assert re.search(r"ACPI: MCFG ECAM 0xb0000000", g.out)


def test_boots_under_uefi(guest):
    g = guest(firmware="uefi")
    g.wait_booted(timeout=120)
    assert "(UEFI)" in g.out
    assert "ACPI: LAPIC" in g.out
    g.cmd("help")


def jiffies(g):
    out = g.cmd("uptime")
    m = re.search(r"jiffies (\d+)", out)
    assert m, out
    return int(m.group(1))


def test_timer_ticks_at_hz(guest):
    g = guest()
    g.wait_booted()
    j0, t0 = jiffies(g), time.monotonic()
    time.sleep(6)
    j1, t1 = jiffies(g), time.monotonic()
    rate = (j1 - j0) / (t1 - t0)
    # The shell round trips add a little host time on each side: allow 5%.
    assert 950 <= rate <= 1050, f"jiffies advanced at {rate:.1f}/s, HZ is 1000"


def test_shell_commands_answer(guest):
    g = guest()
    g.wait_booted()
    help_text = g.cmd("help")
    for name in ["help", "params", "interrupts", "softirqs", "uptime", "reboot", "poweroff"]:
        assert re.search(rf"^\s*{name}\b", help_text, re.M), help_text
    ints = g.cmd("interrupts")
    assert re.search(r"0xf0\s+\d+\s+LAPIC\s+timer", ints), ints
    assert re.search(r"IO-APIC\s+ttyS0", ints), ints
    assert "TIMER" in g.cmd("softirqs")
    assert re.search(r"^loglevel=6$", g.cmd("params"), re.M)


def test_bad_command_and_bad_argument_print_usage(guest):
    g = guest()
    g.wait_booted()
    assert "unknown command 'frobnicate'" in g.cmd("frobnicate")
    out = g.cmd("interrupts extra")
    assert re.search(r"usage: interrupts", out, re.I), out
    assert g.proc.poll() is None


def test_boot_parameter_accepted_and_unknown_reported(guest):
    g = guest(cmdline="loglevel=7 bogus.param=1 loglevel_typo")
    g.wait_booted()
    assert re.search(r"^loglevel=7$", g.cmd("params"), re.M)
    assert "bogus.param" in g.out
    assert "loglevel_typo" in g.out
    assert re.search(r"2 boot parameters rejected", g.out)


def test_malformed_parameter_keeps_default(guest):
    g = guest(cmdline="loglevel=abc")
    g.wait_booted()
    assert "loglevel" in g.out and "abc" in g.out
    assert re.search(r"^loglevel=6$", g.cmd("params"), re.M)


def test_page_fault_prints_symbolized_backtrace_and_exits_with_panic_status(guest):
    g = guest(cmdline="test.fault=pagefault")
    assert g.wait_exit(60) == EXIT_PANIC
    assert "page fault at 00000000dead0000" in g.out
    assert re.search(r"RIP: [0-9a-f]{16}\s+test_fault_pagefault\+0x", g.out)
    assert re.search(r"\[<[0-9a-f]{16}>\] test_fault_run\+0x", g.out)
    assert re.search(r"\[<[0-9a-f]{16}>\] do_initcalls\+0x", g.out)
    assert "Kernel panic" in g.out
    # The panic report names the receive path's last stage: none yet at boot.
    assert "last rx: none" in g.out


def test_kernel_text_is_read_only(guest):
    g = guest(cmdline="test.fault=write_text")
    assert g.wait_exit(60) == EXIT_PANIC
    assert re.search(r"page fault at [0-9a-f]+: protection violation on write", g.out)
    assert re.search(r"RIP: [0-9a-f]{16}\s+test_fault_write_text\+0x", g.out)


def test_data_is_not_executable(guest):
    g = guest(cmdline="test.fault=exec_data")
    assert g.wait_exit(60) == EXIT_PANIC
    assert re.search(r"page fault at [0-9a-f]+: protection violation on instruction fetch", g.out)
    assert "data executed" not in g.out


def test_stack_overflow_hits_the_guard_page(guest):
    g = guest(cmdline="test.fault=stackoverflow")
    assert g.wait_exit(60) == EXIT_PANIC
    assert "stack" in g.out and "guard page" in g.out
    assert "Kernel panic" in g.out


def test_stack_protector_stops_a_smashed_return(guest):
    # -cpu max offers RDRAND: the canary comes from the hardware through get_random_u64().
    g = guest(cmdline="test.fault=stack_smash", extra=("-cpu", "max"))
    assert g.wait_exit(60) == EXIT_PANIC
    assert "stack protector: canary from RDRAND" in g.out
    assert re.search(r"Kernel panic: stack-protector: kernel stack is corrupted in: "
                     r"test_fault_stack_smash\+0x", g.out), g.out[-2000:]


def test_the_double_fault_stack_has_a_guard_page(guest):
    g = guest(cmdline="test.fault=ist_guard")
    assert g.wait_exit(60) == EXIT_PANIC
    assert re.search(r"page fault at [0-9a-f]+: page not present on write", g.out)
    assert "the address is the stack guard page of the double-fault stack" in g.out


def test_no_page_is_writable_and_executable(guest):
    # The check passed at boot (or the kernel would not have reached the
    # initcalls); given a W+X page it must find it.
    g = guest(cmdline="test.fault=wx_check")
    assert g.wait_exit(60) == EXIT_PANIC
    assert re.search(r"Kernel panic: W\^X: page [0-9a-fx]+ is writable and executable", g.out)
    assert "the W^X check found nothing" not in g.out


def test_ioremap_refuses_the_kernel_and_ram_in_use(guest):
    g = guest(cmdline="test.fault=ioremap_ram", netdev="user,id=n0")
    g.wait_booted()
    assert re.search(r"ioremap: refused \S+: it overlaps the kernel image", g.out)
    assert re.search(r"ioremap: refused \S+: it overlaps RAM in use", g.out)
    assert "test.fault: ioremap of kernel text: 0x0" in g.out      # NULL: refused
    assert "test.fault: ioremap of an allocated page: 0x0" in g.out
    assert "eth0" in g.cmd("ifconfig")        # the NIC's own ioremap still worked


def test_200_scattered_acpi_tables_boot(guest, tmp_path):
    # Each table a little over a page, so no two share a mapping: before the
    # tables were unmapped after parsing, this ran out of ioremap slots and
    # panicked before the LAPIC was mapped.
    body = tmp_path / "table.bin"
    body.write_bytes(b"n" * 4100)
    extra = []
    for i in range(200):
        extra += ["-acpitable", f"sig=NIC{i % 10},oem_table_id=T{i},data={body}"]
    g = guest(extra=extra)
    g.wait_booted(timeout=90)
    assert "no free mapping slot" not in g.out
    assert re.search(r"ACPI: RSDP v\d \(\w+\) OEM \w+, tables: FACP APIC .* and \d+ more", g.out)
    assert re.search(r"ACPI: LAPIC at 0xfee00000, 1 CPU", g.out)   # the MADT, listed first
    assert re.search(r"lapic: id 0 version", g.out)
    assert "lists 204 tables, reading" not in g.out


def test_poweroff_is_clean(guest):
    g = guest()
    g.wait_booted()
    g.send("poweroff\r")
    assert g.wait_exit(30) == 0, g.out[-2000:]


@pytest.mark.parametrize("machine", ["pc", "q35"])
def test_reboot_resets_the_machine(guest, machine):
    # QEMU runs with -no-reboot: a reset ends it, with status 0.
    g = guest(machine=machine)
    g.wait_booted()
    g.send("reboot\r")
    assert g.wait_exit(30) == 0, g.out[-2000:]
    assert "reboot: restarting" in g.out


def test_wrong_loader_gets_a_clear_message():
    """QEMU's -kernel is a multiboot (version 1) loader: the kernel must say it needs multiboot2."""
    import os
    import subprocess
    from guest import ROOT
    elf = os.path.join(ROOT, "build", "nicstack.elf")
    proc = subprocess.Popen(["qemu-system-x86_64", "-M", "pc", "-accel", "tcg", "-m", "64M",
                             "-display", "none", "-no-reboot", "-serial", "stdio",
                             "-monitor", "none", "-nic", "none", "-kernel", elf],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        out, _ = proc.communicate(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()     # it halts after the message, by design
        out, _ = proc.communicate()
    assert b"not loaded by a multiboot2 loader" in out, out[-2000:]
