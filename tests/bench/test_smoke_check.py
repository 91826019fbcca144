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
            "nics": {"e1000": {"nicstack": [copy.deepcopy(run)], "linux": [copy.deepcopy(run)]}},
            "footprint": {"nicstack": foot, "linux": dict(foot)},
            "designs": {"napi=1": [design], "napi=0": [copy.deepcopy(design)]}}


def test_complete_results_pass():
    passed, failures = smoke_check.check(full_results())
    assert failures == [] and passed > 0


def test_a_missing_figure_fails():
    res = full_results()
    del res["runs"]["nicstack"][0]["figures"]["boot_s"]
    _, failures = smoke_check.check(res)
    assert len(failures) == 1 and "boot" in failures[0]


def test_a_livelocked_design_is_a_measurement_not_a_gap():
    res = full_results()
    r = res["designs"]["napi=0"][0]
    del r["figures"]["flood_console_ms"], r["figures"]["flood_ping_p50_us"]
    r["notes"] = {"flood_console_ms": "nicstack[napi=0]: console silent for 2 s during the flood",
                  "flood_ping_p50_us": "nicstack[napi=0]: no reply during the flood"}
    assert smoke_check.check(res)[1] == []
    del r["figures"]["rr_rate"]     # but a workload that produced nothing is still a gap
    assert len(smoke_check.check(res)[1]) == 1


def test_the_e1000_row_must_be_there_and_complete():
    res = full_results()
    del res["nics"]["e1000"]["linux"][0]["figures"]["rr_rate"]
    _, failures = smoke_check.check(res)
    assert len(failures) == 1 and failures[0].startswith("e1000: linux: UDP echo"), failures
    del res["nics"]
    _, failures = smoke_check.check(res)
    assert failures == ["no e1000 row was measured"], failures
