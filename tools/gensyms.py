#!/usr/bin/env python3
"""Turns `nm -n` output into the kernel's symbol table (assembly for .ksyms).

  nm -n kernel.elf | gensyms.py            > ksyms.S
  gensyms.py --empty                        > ksyms_empty.S
  nm -n kernel.elf | gensyms.py --check ksyms.S   (the embedded table is right)

Only code symbols are kept: a backtrace names functions. Layout (read by
arch/x86_64/ksyms.c): ksym_count, then sorted addresses, then offsets of the
names in a string block.
"""
import sys


def text_symbols(lines):
    syms = []
    for line in lines:
        parts = line.split()
        if len(parts) != 3 or parts[1] not in ("T", "t", "W", "w"):
            continue
        addr, name = int(parts[0], 16), parts[2]
        if name.startswith((".L", "__text_", "_start32")):
            continue
        syms.append((addr, name))
    return syms


def emit(syms):
    out = ['\t.section .ksyms, "a"', "\t.align 8",
           "\t.globl ksym_count, ksym_addrs, ksym_name_offsets, ksym_names",
           f"ksym_count:\t.quad {len(syms)}", "ksym_addrs:"]
    out += [f"\t.quad {addr:#x}" for addr, _ in syms]
    out.append("ksym_name_offsets:")
    offset = 0
    for _, name in syms:
        out.append(f"\t.long {offset}")
        offset += len(name) + 1
    out.append("ksym_names:")
    out += [f'\t.asciz "{name}"' for _, name in syms]
    out.append('\t.section .note.GNU-stack, "", @progbits')
    return "\n".join(out) + "\n"


def main(argv):
    if argv[1:] == ["--empty"]:
        sys.stdout.write(emit([]))
        return 0
    syms = text_symbols(sys.stdin)
    if len(argv) == 3 and argv[1] == "--check":
        if open(argv[2]).read() != emit(syms):
            print("gensyms: code moved between the two links; the symbol table is stale",
                  file=sys.stderr)
            return 1
        return 0
    sys.stdout.write(emit(syms))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
