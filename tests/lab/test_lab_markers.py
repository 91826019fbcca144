"""tools/lab.py: the lab marker parser and the tree cutter (run by make unit)."""
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import lab  # noqa: E402


def src(s):
    return textwrap.dedent(s).lstrip("\n")


GOOD = src("""
    #include <lib/string.h>

    int f(int x)
    {
    \t/* LAB rx: BEGIN return -1 */
    \t/* LAB rx: HINT add one */
    \t/* LAB rx: STUB (void)x; */
    \tx++;
    \treturn x;
    \t/* LAB rx: END */
    }

    void g(void)
    {
    \t/* LAB skb: BEGIN void */
    \th();
    \t/* LAB skb: END */
    \tlater();
    }
""")


def test_parse_finds_regions_with_their_exit_hints_and_stub_code():
    rs = lab.parse(GOOD, "f.c")
    assert [(r.lab, r.begin, r.end, r.leave, r.value) for r in rs] == [
        ("rx", 5, 10, "return", "-1"), ("skb", 15, 17, "void", None)]
    assert rs[0].hints == ["add one"] and rs[0].stub_code == ["(void)x;"]
    assert rs[0].indent == "\t"


def test_cut_replaces_only_that_labs_regions_and_keeps_markers_and_hints():
    out = lab.cut_text(GOOD, "rx", "f.c")
    assert "x++;" not in out and "return x;" not in out
    assert "h();" in out and "later();" in out          # the skb solution stays
    assert "/* LAB rx: BEGIN return -1 */" in out and "/* LAB rx: END */" in out
    assert "/* LAB rx: HINT add one */" in out
    assert 'printk(KERN_WARNING "LAB rx: not implemented\\n");' in out
    assert "\t(void)x;\n\treturn -1;\n\t/* LAB rx: END */" in out
    assert "#include <lib/string.h>\n#include <lib/printk.h>\n" in out
    # The cut file still parses: a student tree can be checked and cut again.
    assert [r.lab for r in lab.parse(out)] == ["rx", "skb"]


def test_cut_void_region_falls_through_and_void_return_returns():
    out = lab.cut_text(GOOD, "skb")
    body = out.split("/* LAB skb: BEGIN void */")[1].split("/* LAB skb: END */")[0]
    assert "h();" not in body and "return" not in body and "lab_warned" in body
    text = src("""
        #include <lib/printk.h>
        void f(void)
        {
        \t/* LAB tx: BEGIN return */
        \tg();
        \t/* LAB tx: END */
        }
    """)
    out = lab.cut_text(text, "tx")
    assert "\treturn;\n\t/* LAB tx: END */" in out
    assert out.count("#include <lib/printk.h>") == 1


def test_stub_compiles_warns_once_and_returns_the_declared_value(tmp_path):
    text = src("""
        #include <stdio.h>
        #define KERN_WARNING "<4>"
        #define printk printf
        int f(int x)
        {
        \t/* LAB backlog: BEGIN return 7 */
        \treturn x * 2;
        \t/* LAB backlog: END */
        }
        int main(void) { return f(1) + f(2) == 14 ? 0 : 1; }
    """)
    c = tmp_path / "t.c"
    c.write_text(lab.cut_text(text, "backlog").replace("#include <lib/printk.h>\n", ""))
    exe = tmp_path / "t"
    subprocess.run(["gcc", "-Wall", "-Wextra", "-Werror", "-Wno-unused-parameter", "-o", str(exe), str(c)], check=True)
    r = subprocess.run([str(exe)], capture_output=True, text=True)
    assert r.returncode == 0
    assert r.stdout == "<4>LAB backlog: not implemented\n"


def test_a_static_inline_in_a_header_cuts_and_compiles_in_every_file(tmp_path):
    """skb_headroom()/skb_tailroom() are regions in net/core/skbuff.h: the
    printk include lands inside the include guard, the stub's flag is each
    file's own (static inline), so two files that include it link and each
    warns once."""
    header = src("""
        #ifndef ROOM_H
        #define ROOM_H
        #include <stdio.h>
        static inline int room(int x)
        {
        \t/* LAB skb: BEGIN return 0 */
        \treturn x - 1;
        \t/* LAB skb: END */
        }
        #endif
    """)
    cut = lab.cut_text(header, "skb", "room.h")
    assert cut.index("#define ROOM_H") < cut.index("#include <lib/printk.h>")
    (tmp_path / "room.h").write_text(cut.replace("#include <lib/printk.h>\n",
                                                 '#define KERN_WARNING "<4>"\n#define printk printf\n'))
    (tmp_path / "a.c").write_text('#include "room.h"\nint a(void) { return room(5) + room(6); }\n')
    (tmp_path / "b.c").write_text('#include "room.h"\nint a(void);\n'
                                  'int main(void) { return a() + room(7); }\n')
    exe = tmp_path / "t"
    subprocess.run(["gcc", "-Wall", "-Wextra", "-Werror", "-Wno-unused-parameter", "-o", str(exe),
                    str(tmp_path / "a.c"), str(tmp_path / "b.c")], check=True)
    r = subprocess.run([str(exe)], capture_output=True, text=True)
    assert r.returncode == 0
    assert r.stdout == "<4>LAB skb: not implemented\n" * 2


@pytest.mark.parametrize("text,line,msg", [
    ("/* LAB rx: BEGIN return 0 */\n/* LAB rx: BEGIN return 0 */\n", 2,
     "BEGIN inside the LAB rx region opened at x.c:1"),
    ("/* LAB rx: BEGIN return 0 */\n/* LAB tx: BEGIN return 0 */\n", 2, "do not nest"),
    ("a\n/* LAB rx: END */\n", 2, "END outside any region"),
    ("/* LAB rx: BEGIN return 0 */\n/* LAB tx: END */\n", 2,
     "LAB tx END inside the LAB rx region"),
    ("\n\n/* LAB rx: BEGIN return 0 */\nx;\n", 3, "BEGIN has no END"),
    ("/* LAB wifi: BEGIN return 0 */\n/* LAB wifi: END */\n", 1, "unknown lab 'wifi'"),
    ("/* LAB rx: BEGIN */\n/* LAB rx: END */\n", 1, "needs the stub's exit"),
    ("/* LAB rx: BEGIN 0 */\n/* LAB rx: END */\n", 1, "needs the stub's exit"),
    ("/* LAB rx BEGIN return 0 */\n", 1, "malformed LAB marker"),
    ("x = 1; /* LAB rx: BEGIN return 0 */\n", 1, "malformed LAB marker"),
    ("/* LAB rx: begin return 0 */\n", 1, "malformed LAB marker"),
    ("/* LAB rx: HINT outside */\n", 1, "HINT outside any region"),
    ("/* LAB rx: BEGIN void */\n/* LAB rx: HINT */\n/* LAB rx: END */\n", 2, "HINT with no text"),
    ("/* LAB rx: BEGIN void */\n/* LAB rx: END now */\n", 2, "END takes nothing"),
])
def test_bad_markers_are_errors_with_file_and_line(text, line, msg):
    with pytest.raises(lab.LabError) as e:
        lab.parse(text, "x.c")
    assert str(e.value).startswith(f"x.c:{line}: "), str(e.value)
    assert msg in str(e.value)


def make_repo(tmp_path, files):
    repo = tmp_path / "repo"
    for rel, text in files.items():
        p = repo / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "add", "."], check=True)
    return str(repo)


def test_cut_tree_copies_tracked_files_stubs_one_lab_and_leaves_the_source(tmp_path):
    repo = make_repo(tmp_path, {"net/a.c": GOOD, "README.md": "hi\n",
                                "tests/t.c": "/* LAB nonsense in a test is not scanned */\n"})
    (tmp_path / "repo" / "untracked.c").write_text("int u;\n")
    out = str(tmp_path / "student")
    assert lab.cut_tree(repo, "skb", out) == ["net/a.c"]
    assert sorted(os.listdir(out)) == ["LAB", "README.md", "build", "net", "tests"]
    assert open(os.path.join(out, "LAB")).read() == "skb\n"
    cut = open(os.path.join(out, "net/a.c")).read()
    assert "h();" not in cut and "x++;" in cut
    assert open(os.path.join(repo, "net/a.c")).read() == GOOD
    with pytest.raises(lab.LabError, match="not empty"):
        lab.cut_tree(repo, "skb", out)
    with pytest.raises(lab.LabError, match="no marked region"):
        lab.cut_tree(repo, "irq", str(tmp_path / "s2"))
    with pytest.raises(lab.LabError, match="unknown lab"):
        lab.cut_tree(repo, "nope", str(tmp_path / "s3"))


def test_a_bad_marker_anywhere_stops_the_cut_with_its_place(tmp_path):
    repo = make_repo(tmp_path, {"net/a.c": GOOD,
                                "drivers/b.h": "x\n/* LAB rx: BEGIN return 0 */\n"})
    with pytest.raises(lab.LabError, match=r"^drivers/b.h:2: LAB rx BEGIN has no END"):
        lab.cut_tree(repo, "skb", str(tmp_path / "s"))
    assert not os.path.exists(tmp_path / "s")


def test_the_real_tree_is_well_formed_and_every_lab_in_it_cuts():
    regions = lab.scan(ROOT)
    for rel, rs in regions.items():
        with open(os.path.join(ROOT, rel)) as f:
            text = f.read()
        for name in {r.lab for r in rs}:
            lab.parse(lab.cut_text(text, name, rel), rel)


def test_grade_scores_a_check_only_when_all_its_tests_passed():
    import grade
    checks = [grade.Check("boots", 0, qemu=["t_boot"]),
              grade.Check("a", 10, unit=grade.unit("x", "t1", "t2")),
              grade.Check("b", 5, qemu=["t_q"])]
    results = {("unit", "x"): {"t1": True, "t2": False}, "qemu": {"t_boot": True, "t_q": True}}
    rows, score, total, required = grade.score_checks(checks, True, results)
    assert (score, total, required) == (5, 15, True)
    assert [r["passed"] for r in rows] == [True, False, True]
    results[("unit", "x")]["t2"] = True
    assert grade.score_checks(checks, True, results)[1] == 15
    # A test that never reported (crash, no binary) fails its check.
    assert grade.score_checks(checks, True, {"qemu": {"t_q": True}})[1:] == (5, 15, False)
    assert grade.score_checks(checks, False, results)[1:] == (0, 15, False)


def test_grade_lists_the_regions_still_stubbed(tmp_path):
    import grade
    repo = make_repo(tmp_path, {"net/a.c": GOOD, "tools/lab.py": open(lab.__file__).read()})
    assert grade.stubs_left(repo, "skb") == []
    out = str(tmp_path / "student")
    lab.cut_tree(repo, "skb", out)
    assert grade.stubs_left(out, "skb") == ["net/a.c:16"]   # after the added #include
    assert grade.stubs_left(out, "rx") == []


def test_a_student_tree_inside_an_ignoring_repository_is_walked(tmp_path):
    """make lab's default folder is build/labs/NAME, inside this repository,
    which ignores build/: the tree's own files count, not the outer index."""
    repo = make_repo(tmp_path, {"net/a.c": GOOD, ".gitignore": "/build/\n"})
    out = os.path.join(repo, "build", "labs", "skb")
    lab.cut_tree(repo, "skb", out)
    assert "net/a.c" in lab.tracked_files(out)
    assert [r.lab for r in lab.scan(out)["net/a.c"]] == ["rx", "skb"]
