"""The evaluate benchmark: the files it writes are input ``ntm evaluate`` accepts, and its
figures are judged as the issue says (no timing asserted)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from ntm.bench import evaluate as bench
from ntm.io.bundle import load_inputs


def test_the_generated_csv_and_xlsx_are_read_as_the_same_long_data(tmp_path: Path) -> None:
    files = bench.files_write(tmp_path, 40)
    read = {
        kind: load_inputs([files[kind]], criteria=files["set"], year=bench.YEAR)
        for kind in ("csv", "xlsx")
    }
    assert len(read["csv"].units) == 40 and len(read["csv"].cset.indicators) == 57
    assert read["csv"].units[0].code == "00001"  # the GSO list's first commune, a real code
    assert np.array_equal(read["csv"].values, read["xlsx"].values, equal_nan=True)
    assert 0.90 < np.count_nonzero(~np.isnan(read["csv"].values)) / read["csv"].values.size < 1


def _figures(seconds: dict[tuple[int, str], float], failed: int | None = None) -> dict[str, Any]:
    runs = [
        {"communes": n, "format": kind, "seconds": s, "cpu_seconds": s, "peak_mib": 300.0,
         "returncode": int(n == failed), "bytes": 1024, "error": "lỗi" if n == failed else ""}
        for (n, kind), s in seconds.items()
    ]  # fmt: skip
    return {"sizes": [1_000, 3_000, 10_051], "runs": runs}


def test_growth_is_the_largest_time_over_the_smallest_and_judged_at_twelve() -> None:
    linear = _figures({(1_000, "csv"): 1.0, (3_000, "csv"): 3.0, (10_051, "csv"): 10.0})
    assert bench.growth(linear) == 10.0
    assert [t.passed for t in bench.targets(linear)] == [True, True, True]
    square = _figures({(1_000, "csv"): 1.0, (3_000, "csv"): 9.0, (10_051, "csv"): 14.0})
    verdicts = bench.targets(square)
    assert [t.passed for t in verdicts] == [True, True, False]
    assert verdicts[2].detail == "14,0"


def test_a_failed_run_fails_its_targets_and_is_printed_with_its_error() -> None:
    figures = _figures({(1_000, "csv"): 1.0, (10_051, "csv"): 5.0}, failed=10_051)
    verdicts = bench.targets(figures)
    assert not any(t.passed for t in verdicts)
    assert verdicts[0].detail == "không chạy được: lỗi"
    assert any("lỗi 1: lỗi" in line for line in bench.lines(figures))
