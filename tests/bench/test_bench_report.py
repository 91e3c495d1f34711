"""The report benchmark: its province's files are valid report input, and a failed run is a
failed target, not a crash (no timing asserted)."""

from __future__ import annotations

from pathlib import Path

from ntm.bench import report as bench
from ntm.io.bundle import load_inputs


def test_the_province_files_name_real_communes_of_thanh_hoa(tmp_path: Path) -> None:
    paths = bench.files_write(tmp_path, 30)
    inputs = load_inputs([paths["data"]], units_path=paths["units"])
    assert len(inputs.units) == 30 and inputs.year == 2020
    assert {u.province_code for u in inputs.units} == {"38"}
    assert inputs.statuses.shape == (30, 19)
    assert paths["targets"].read_text(encoding="utf-8").count("\n") == 20


def test_the_target_is_judged_on_the_median_and_a_failure_is_reported() -> None:
    figures = {"communes": 500, "repeats": 3, "seconds": [2.0, 9.0, 2.5], "median_seconds": 2.5,
               "warm_up_seconds": 4.0, "peak_mib": 120.0, "cpu_seconds": [1.9, 2.0, 2.1],
               "bytes": {"report.docx": 81920}, "error": ""}  # fmt: skip
    (verdict,) = bench.targets(figures)
    assert verdict.passed and verdict.detail == "2,50 giây (trung vị 3 lần)"
    assert "report.docx 80 KiB" in "\n".join(bench.lines(figures))
    (verdict,) = bench.targets(figures | {"error": "Có 2 lỗi"})
    assert not verdict.passed
