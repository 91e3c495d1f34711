"""The benchmark runs on a tiny dataset and reports consistent figures (no timing asserted)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from ntm.bench import dataset, discover
from ntm.bench import engine as engine_bench
from ntm.bench.__main__ import main


def test_the_engine_benchmark_runs_on_a_tiny_dataset_with_the_same_statuses_as_per_row() -> None:
    f = engine_bench.run(n_units=200, years=2, repeats=1)
    assert (f["n_units"], f["n_indicators"], f["n_criteria"], f["n_years"]) == (200, 57, 19, 2)
    assert f["n_values"] == 200 * 57 * 2
    assert f["n_districts"] == 14  # 15 communes a district
    assert f["same_statuses"] is True
    assert f["statuses_compared"] == 2 * 200 * (57 + 19)
    assert f["per_row_years_timed"] == [2016, 2017]
    assert f["per_row_scaled"] is False
    assert f["total_seconds"] == pytest.approx(f["engine_seconds"] + f["rollup_seconds"])
    assert f["speedup_vs_per_row"] == pytest.approx(f["per_row_seconds"] / f["engine_seconds"])
    assert f["rollup_speedup_vs_per_row"] == pytest.approx(
        f["per_row_rollup_seconds"] / f["rollup_seconds"]
    )
    assert f["engine_over_floor"] == pytest.approx(f["engine_seconds"] / f["floor_seconds"])
    timings = ("engine_seconds", "rollup_seconds", "per_row_seconds", "floor_seconds")
    assert min(f[k] for k in timings) > 0


def test_over_budget_the_per_row_run_is_timed_on_a_sample_of_years_and_scaled() -> None:
    f = engine_bench.run(n_units=60, years=4, repeats=1, per_row_budget=0.0)
    assert f["per_row_scaled"] is True
    assert f["per_row_years_timed"] == [2016, 2019]
    assert f["per_row_seconds"] == pytest.approx(f["per_row_measured_seconds"] / 2 * 4)
    assert f["per_row_rollup_seconds"] > 0


def test_the_synthetic_dataset_is_national_in_shape_and_reproducible() -> None:
    a = dataset.build(n_units=150, years=3)
    b = dataset.build(n_units=150, years=3)
    assert a.years == (2016, 2017, 2018)
    assert len({u.region for u in a.units}) == 7
    assert any("extremely_difficult" in u.flags for u in a.units)
    kinds = {(i.kind, i.compare) for i in a.cset.indicators}
    assert {("yes_no", ">="), ("number", "<="), ("count", "="), ("percent", ">=")} <= kinds
    for year in a.years:
        assert a.values[year].shape == (150, 57)
        assert np.array_equal(a.values[year], b.values[year], equal_nan=True)


def test_the_runner_finds_the_engine_benchmark_and_writes_the_figures_as_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "engine" in discover()
    out = tmp_path / "bench" / "figures.json"
    code = main(["engine", "--n-units", "45", "--years", "1", "--repeats", "1", "--json", str(out)])
    assert code in (0, 1)  # 1 only when a speed target is missed; speed is not tested here
    printed = capsys.readouterr().out
    assert "(a) Bộ máy" in printed and "Sàn NumPy" in printed and "Máy:" in printed
    assert "(d) Tổng hợp" in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) == {"machine", "benchmarks"}
    assert {"cpu", "cores", "python", "numpy", "date"} <= set(data["machine"])
    figures = data["benchmarks"]["engine"]["figures"]
    assert figures["n_units"] == 45
    assert figures["n_values"] == 45 * 57
    assert len(data["benchmarks"]["engine"]["targets"]) == 4


def test_the_runner_refuses_an_unknown_benchmark_in_vietnamese(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["khong-co"]) == 2
    assert "Không có phép đo: khong-co" in capsys.readouterr().err
