#!/usr/bin/env python3
"""Course labs cut from the real sources (docs/labs/README.md).

A lab's solution is marked in the real files with comments the compiler
ignores, so the kernel is the same with or without them:

    /* LAB rx: BEGIN return 0 */
    /* LAB rx: HINT one or more hint lines, kept for the student */
    /* LAB rx: STUB kfree_skb(skb); */    C the stub runs before it returns
    ... the solution ...
    /* LAB rx: END */

What follows BEGIN says how the stub leaves, because the tool never reads C
to guess it: 'return EXPR' (a safe value), 'return' (a void function) or
'void' (nothing: control goes on after the region). A STUB line adds C the
stub runs first (free what it was handed, say).

    lab.py cut LAB [--out DIR] [--reuse-build]   write a student tree, print its path
    lab.py check                                 parse every marker in the tree
    lab.py list                                  the labs, in course order

The student tree is the tracked files (git ls-files) with every region of
LAB replaced by a stub that compiles, prints "LAB name: not implemented"
once and returns the declared value. Other labs' solutions stay in, so the
labs can be done in order (LAB=tx keeps the skb and rx solutions).
"""
import argparse
import os
import re
import shutil
import subprocess
import sys

# Course order; docs/labs/NAME.md is each one's handout.
LABS = ["skb", "rx", "tx", "backlog", "irq", "softirq"]

# Only C sources and headers carry markers; tests and docs only talk about them.
SOURCE_EXT = (".c", ".h")
SKIP_DIRS = ("tests/", "docs/", "tools/")

MARKER = re.compile(r"^(?P<indent>[ \t]*)/\* LAB (?P<lab>[A-Za-z0-9_]+): "
                    r"(?P<kind>BEGIN|END|HINT|STUB)(?:[ \t]+(?P<arg>.*?))?[ \t]*\*/[ \t]*$")
# Anything that looks like it meant to be a marker, so a typo is an error, not a no-op.
NEAR_MARKER = re.compile(r"/\*\s*LAB\b")
STUB_RETURN = re.compile(r"^return(?:[ \t]+(?P<expr>\S.*))?$")


class LabError(Exception):
    pass


class Region:
    def __init__(self, path, lab, begin, indent, leave, value):
        self.path = path
        self.lab = lab
        self.begin = begin          # 1-based line of BEGIN
        self.end = None             # 1-based line of END
        self.indent = indent
        self.leave = leave          # "return" or "void"
        self.value = value          # the returned expression, or None
        self.hints = []
        self.stub_code = []

    def __repr__(self):
        return f"Region({self.path}:{self.begin}-{self.end} {self.lab} {self.leave} {self.value!r})"


def _where(path, lineno):
    return f"{path}:{lineno}"


def parse(text, path="<text>"):
    """Every marked region in one file's text, checked; LabError names file:line."""
    regions, open_region = [], None
    for lineno, line in enumerate(text.split("\n"), 1):
        m = MARKER.match(line)
        if not m:
            if NEAR_MARKER.search(line):
                raise LabError(f"{_where(path, lineno)}: malformed LAB marker (want "
                               f"'/* LAB name: BEGIN|END|HINT|STUB ... */' alone on its line)")
            continue
        lab, kind, arg = m.group("lab"), m.group("kind"), (m.group("arg") or "").strip()
        if lab not in LABS:
            raise LabError(f"{_where(path, lineno)}: unknown lab '{lab}' (labs: {', '.join(LABS)})")
        if kind == "BEGIN":
            if open_region:
                raise LabError(f"{_where(path, lineno)}: LAB {lab} BEGIN inside the LAB "
                               f"{open_region.lab} region opened at "
                               f"{_where(path, open_region.begin)} (regions do not nest)")
            open_region = _begin(path, lineno, lab, m.group("indent"), arg)
            continue
        if not open_region:
            raise LabError(f"{_where(path, lineno)}: LAB {lab} {kind} outside any region")
        if lab != open_region.lab:
            raise LabError(f"{_where(path, lineno)}: LAB {lab} {kind} inside the LAB "
                           f"{open_region.lab} region opened at "
                           f"{_where(path, open_region.begin)}")
        if kind == "END":
            if arg:
                raise LabError(f"{_where(path, lineno)}: LAB {lab} END takes nothing after it")
            open_region.end = lineno
            regions.append(open_region)
            open_region = None
        elif kind == "HINT":
            if not arg:
                raise LabError(f"{_where(path, lineno)}: LAB {lab} HINT with no text")
            open_region.hints.append(arg)
        else:
            if not arg:
                raise LabError(f"{_where(path, lineno)}: LAB {lab} STUB with no code")
            open_region.stub_code.append(arg)
    if open_region:
        raise LabError(f"{_where(path, open_region.begin)}: LAB {open_region.lab} BEGIN "
                       f"has no END")
    return regions


def _begin(path, lineno, lab, indent, arg):
    if arg == "void":
        return Region(path, lab, lineno, indent, "void", None)
    m = STUB_RETURN.match(arg)
    if not m:
        raise LabError(f"{_where(path, lineno)}: LAB {lab} BEGIN needs the stub's exit: "
                       f"'return EXPR' (a safe value), 'return' (void function) or "
                       f"'void' (go on after the region); got '{arg}'")
    return Region(path, lab, lineno, indent, "return", m.group("expr"))


# The first line of every stub: make grade lists the regions still holding it.
STUB_SIGNATURE = "/* Your code here: docs/labs/"


def stub_lines(region):
    """The C that stands in for a region's body in the student tree."""
    ind = region.indent
    inner = ind + "\t"
    out = [f"{ind}{STUB_SIGNATURE}{region.lab}.md. */",
           f"{ind}{{",
           f"{inner}static int lab_warned;",
           "",
           f"{inner}if (!lab_warned) {{",
           f"{inner}\tlab_warned = 1;",
           f'{inner}\tprintk(KERN_WARNING "LAB {region.lab}: not implemented\\n");',
           f"{inner}}}",
           f"{ind}}}"]
    out += [f"{ind}{code}" for code in region.stub_code]
    if region.leave == "return":
        out.append(f"{ind}return {region.value};" if region.value else f"{ind}return;")
    return out


def cut_text(text, lab, path="<text>"):
    """The file's text with lab's regions stubbed; markers and hints stay."""
    regions = [r for r in parse(text, path) if r.lab == lab]
    if not regions:
        return text
    lines = text.split("\n")
    out, i = [], 0
    for r in regions:
        out += lines[i:r.begin]           # up to and including BEGIN
        for k in range(r.begin, r.end - 1):
            m = MARKER.match(lines[k])
            if m and m.group("kind") in ("HINT", "STUB"):
                out.append(lines[k])
        out += stub_lines(r)
        out.append(lines[r.end - 1])      # END
        i = r.end
    out += lines[i:]
    return _ensure_printk(out, path)


def _ensure_printk(lines, path):
    """The stub's printk needs lib/printk.h; added after the first #include if missing."""
    if any(re.match(r"\s*#\s*include\s*<lib/printk\.h>", l) for l in lines):
        return "\n".join(lines)
    for k, l in enumerate(lines):
        if re.match(r"\s*#\s*include\b", l):
            return "\n".join(lines[:k + 1] + ["#include <lib/printk.h>"] + lines[k + 1:])
    raise LabError(f"{path}: a stubbed file needs at least one #include (for lib/printk.h)")


def tracked_files(root, rev=None):
    """The tracked files: the working tree's (git ls-files), or those of a commit."""
    cmd = ["ls-tree", "-r", "-z", "--name-only", rev] if rev else ["ls-files", "-z"]
    # A student tree under build/ sits inside this repository, which ignores
    # it: only a folder that is the top of its own work tree is asked.
    top = subprocess.run(["git", "-C", root, "rev-parse", "--show-toplevel"],
                         capture_output=True, text=True)
    own = top.returncode == 0 and os.path.realpath(top.stdout.strip()) == os.path.realpath(root)
    proc = subprocess.run(["git", "-C", root] + cmd, capture_output=True) if own or rev else None
    if proc is not None and proc.returncode == 0:
        return [p for p in proc.stdout.decode().split("\0") if p]
    if rev or os.path.isdir(os.path.join(root, ".git")):
        why = proc.stderr.decode().strip() if proc is not None else "not the top of a work tree"
        raise LabError(f"git {' '.join(cmd[:2])} failed in {root}: {why}")
    # A student tree before its git init: every file but the build outputs.
    files = []
    for d, dirs, names in os.walk(root):
        rel = os.path.relpath(d, root)
        if rel == ".":
            dirs[:] = [x for x in dirs if x not in ("build", ".git")]
        files += [os.path.normpath(os.path.join(rel, n)) for n in names]
    return sorted(files)


def read_bytes(root, rel, rev=None):
    """A tracked file's bytes (None: deleted in the working tree, not yet in git)."""
    if rev:
        return subprocess.run(["git", "-C", root, "show", f"{rev}:{rel}"], check=True,
                              capture_output=True).stdout
    full = os.path.join(root, rel)
    if not os.path.isfile(full):
        return None
    with open(full, "rb") as f:
        return f.read()


def _decode(data):
    return data.decode("utf-8", errors="surrogateescape")


def scan(root, files=None, rev=None):
    """{path: [Region]} for every tracked source; any bad marker raises LabError."""
    files = tracked_files(root, rev) if files is None else files
    found = {}
    for rel in files:
        if not rel.endswith(SOURCE_EXT) or rel.startswith(SKIP_DIRS):
            continue
        data = read_bytes(root, rel, rev)
        if data is None:
            continue
        regions = parse(_decode(data), rel)
        if regions:
            found[rel] = regions
    return found


def cut_tree(root, lab, out, reuse_build=False, rev=None):
    """Writes the student tree; returns the stubbed files. rev: cut a commit
    (a release tag, HEAD) instead of the working tree."""
    if lab not in LABS:
        raise LabError(f"unknown lab '{lab}' (labs: {', '.join(LABS)})")
    files = tracked_files(root, rev)
    regions = scan(root, files, rev)
    if not any(r.lab == lab for rs in regions.values() for r in rs):
        raise LabError(f"lab '{lab}' has no marked region in the tree")
    if os.path.exists(out) and os.listdir(out):
        raise LabError(f"{out} exists and is not empty: give a fresh folder (OUT=...)")
    for rel in files:
        src, dst = os.path.join(root, rel), os.path.join(out, rel)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        if any(r.lab == lab for r in regions.get(rel, [])):
            text = cut_text(_decode(read_bytes(root, rel, rev)), lab, rel)
            with open(dst, "w", encoding="utf-8", errors="surrogateescape") as f:
                f.write(text)
        elif rev:
            with open(dst, "wb") as f:
                f.write(read_bytes(root, rel, rev))
        elif os.path.isfile(src):
            shutil.copy2(src, dst)      # times kept: a reused build stays up to date
        else:
            continue                    # deleted in the working tree, not yet in git
        if os.path.isfile(src):
            shutil.copymode(src, dst)
    # make grade in the student tree reads which lab it grades from here.
    with open(os.path.join(out, "LAB"), "w") as f:
        f.write(lab + "\n")
    _seed_build(root, out, reuse_build)
    return sorted(rel for rel, rs in regions.items() if any(r.lab == lab for r in rs))


def _seed_build(root, out, reuse_build):
    """Fetched sources (lwIP) come from this tree's build/, so the student tree
    builds without the network; with reuse_build the kernel objects too, and
    only the stubbed files compile again (they are newer than their objects)."""
    src_build, dst_build = os.path.join(root, "build"), os.path.join(out, "build")
    os.makedirs(dst_build, exist_ok=True)
    lwip = os.path.join(src_build, "lwip-src")
    if os.path.exists(os.path.join(lwip, ".complete")):
        shutil.copytree(lwip, os.path.join(dst_build, "lwip-src"), symlinks=True)
    if os.path.exists(os.path.join(src_build, ".deps-ok")):
        shutil.copy2(os.path.join(src_build, ".deps-ok"), dst_build)
    if reuse_build and os.path.isdir(os.path.join(src_build, "kernel")):
        shutil.copytree(os.path.join(src_build, "kernel"), os.path.join(dst_build, "kernel"),
                        symlinks=True)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("cut", help="write a student tree for one lab")
    c.add_argument("lab")
    c.add_argument("--out", help="fresh folder (default build/labs/LAB)")
    c.add_argument("--reuse-build", action="store_true",
                   help="copy build/kernel so only the stubbed files compile again")
    c.add_argument("--rev", help="cut this commit (a tag, HEAD) instead of the working tree")
    sub.add_parser("check", help="parse every marker in the tree")
    sub.add_parser("list", help="the labs and their regions")
    args = ap.parse_args(argv)
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
    try:
        if args.cmd == "cut":
            out = os.path.abspath(args.out or os.path.join(root, "build", "labs", args.lab))
            files = cut_tree(root, args.lab, out, args.reuse_build, args.rev)
            for rel in files:
                print(f"lab {args.lab}: stubbed {rel}", file=sys.stderr)
            print(out)
        elif args.cmd == "check":
            regions = scan(root)
            n = sum(len(rs) for rs in regions.values())
            print(f"lab markers: {n} regions in {len(regions)} files, all well formed")
        else:
            regions = scan(root)
            for lab in LABS:
                where = [f"{rel}:{r.begin}" for rel, rs in sorted(regions.items())
                         for r in rs if r.lab == lab]
                print(f"{lab:8s} {len(where):2d} regions  {' '.join(where)}")
    except LabError as e:
        print(f"lab: error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
