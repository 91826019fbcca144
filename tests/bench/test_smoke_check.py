"""smoke_check: every figure a number, except an observed livelock."""
import copy
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import report  # noqa: E402
import smoke_check  # noqa: E402


def full_results():
    run = {"figures": {k: 1.0 for k, *_ in report.MAIN_ROWS}, "notes": {}}
    design = {"figures": {k: 1.0 for k, *_ in report.DESIGN_COLS}, "notes": {}}
    foot = {k: 1 for k, *_ in report.FOOT_ROWS}
    return {"runs": {"nicstack": [run], "linux": [copy.deepcopy(run)]},
            "nics": {nic: {"nicstack": [copy.deepcopy(run)], "linux": [copy.deepcopy(run)]}
                     for nic in ("e1000", "igb")},
            "footprint": {"nicstack": foot, "linux": dict(foot)},
            "designs": {"napi=1": [design], "napi=0": [copy.deepcopy(design)]}}


def test_complete_results_pass():
    passed, failures = smoke_check.check(full_results(), True)
    assert failures == [] and passed > 0


def test_a_missing_figure_fails():
    res = full_results()
    del res["runs"]["nicstack"][0]["figures"]["boot_s"]
    _, failures = smoke_check.check(res, True)
    assert len(failures) == 1 and "boot" in failures[0]


def test_a_livelocked_design_is_a_measurement_not_a_gap():
    res = full_results()
    r = res["designs"]["napi=0"][0]
    del r["figures"]["flood_console_ms"], r["figures"]["flood_ping_p50_us"]
    r["notes"] = {"flood_console_ms": "nicstack[napi=0]: console silent for 2 s during the flood",
                  "flood_ping_p50_us": "nicstack[napi=0]: no reply during the flood"}
    assert smoke_check.check(res, True)[1] == []
    del r["figures"]["rr_rate"]     # but a workload that produced nothing is still a gap
    assert len(smoke_check.check(res, True)[1]) == 1


def test_the_e1000_row_must_be_there_and_complete():
    res = full_results()
    del res["nics"]["e1000"]["linux"][0]["figures"]["rr_rate"]
    _, failures = smoke_check.check(res, True)
    assert len(failures) == 1 and failures[0].startswith("e1000: linux: UDP echo"), failures
    del res["nics"]
    _, failures = smoke_check.check(res, True)
    assert failures == ["no e1000 row was measured", "no igb row was measured"], failures


def test_with_qemu_10_the_igb_row_is_required_and_complete():
    res = full_results()
    del res["nics"]["igb"]["nicstack"][0]["figures"]["tcp_g2h_mbps"]
    _, failures = smoke_check.check(res, True)
    assert failures == ["igb: nicstack: TCP g->h Mbit/s: no sample"], failures
    del res["nics"]["igb"]
    # A skip the bench reported does not excuse the row when QEMU 10 is here now.
    res["skipped_rows"] = {"igb": "igb row: no QEMU 10 in build/qemu-new; run make qemu-new"}
    _, failures = smoke_check.check(res, True)
    assert failures == ["no igb row was measured (igb row: no QEMU 10 in build/qemu-new; "
                        "run make qemu-new)"], failures


def test_without_qemu_10_the_igb_row_is_skipped_but_never_silently():
    res = full_results()
    del res["nics"]["igb"]
    _, failures = smoke_check.check(res, False)
    assert failures == ["igb row: not measured and not reported as skipped"], failures
    res["skipped_rows"] = {"igb": "igb row: no QEMU 10 in build/qemu-new; run make qemu-new"}
    assert smoke_check.check(res, False)[1] == []
    del res["nics"]["e1000"]     # the e1000 needs no QEMU 10: still required
    assert smoke_check.check(res, False)[1] == ["no e1000 row was measured"]


def write_profiles(tmp_path, skip=None, empty=None, names=smoke_check.PROFILED):
    d = tmp_path / "profiles"
    d.mkdir()
    for name in names:
        for wl in smoke_check.PROFILE_WORKLOADS:
            if (name, wl) == skip:
                continue
            n = 0 if (name, wl) == empty else 120
            (d / f"{name}-{wl}.top").write_text(
                f"{n} samples, 0 dropped, 9 functions\n  share  samples  function\n"
                " 40.00%       48  cpu_idle_loop\n")
            (d / f"{name}-{wl}.folded").write_text("start_kernel;cpu_idle_loop 48\n")


def test_profiles_must_be_there_and_non_empty(tmp_path):
    write_profiles(tmp_path)
    passed, failures = smoke_check.check_profiles(str(tmp_path))
    assert failures == [] and passed == len(smoke_check.PROFILED) * 4


def test_a_missing_or_empty_profile_fails(tmp_path):
    write_profiles(tmp_path, skip=("nicstack", "win64"), empty=("nicstack[e1000]", "rr"))
    _, failures = smoke_check.check_profiles(str(tmp_path))
    assert failures == ["profile of nicstack win64: no file",
                        "profile of nicstack[e1000] rr: empty or unreadable"], failures


def test_with_qemu_10_the_igb_profiles_are_required_too(tmp_path):
    write_profiles(tmp_path)
    _, failures = smoke_check.check_profiles(str(tmp_path), have_qemu_new=True)
    assert failures == [f"profile of nicstack[igb] {wl}: no file"
                        for wl in smoke_check.PROFILE_WORKLOADS], failures
    (tmp_path / "profiles").rename(tmp_path / "old")
    write_profiles(tmp_path, names=smoke_check.PROFILED + ("nicstack[igb]",))
    passed, failures = smoke_check.check_profiles(str(tmp_path), have_qemu_new=True)
    assert failures == [] and passed == 3 * 4
