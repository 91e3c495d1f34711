"""Benchmark of the evaluation engine at national scale, against per-row Python and a NumPy floor.

Three timings of the same synthetic data (see ``ntm.bench.dataset``):
  (a) the engine: ``SetLayout.build`` + ``evaluate`` for every year, then ``rollup`` (national)
      and ``rollup_by`` district — what a national report run does;
  (b) the same judgement and counts in plain Python, one unit and one indicator at a time
      (``ntm.bench.reference``), checked to give the same statuses and counts;
  (c) the floor: one NumPy comparison per year against a precomputed threshold matrix.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from ntm import formatting as fmt
from ntm.bench import dataset
from ntm.bench.reference import evaluate_per_row, rollup_per_row, rollup_per_row_by
from ntm.bench.registry import BenchResult, Target, register
from ntm.domain import evaluation as engine
from ntm.domain.evaluation import Evaluation, SetLayout, evaluate
from ntm.domain.rollup import Rollup, rollup, rollup_by

TARGET_ENGINE_SECONDS = 1.0
TARGET_SPEEDUP = 20.0  # per-row Python / engine, at least
TARGET_FLOOR_RATIO = 10.0  # engine / NumPy floor, at most
PER_ROW_BUDGET = 60.0  # seconds; beyond this the per-row run is timed on a sample of years


def _district(unit: Any) -> str | None:
    return unit.district_code


def _engine_pass(ds: dataset.Dataset) -> tuple[float, float, dict[int, Any]]:
    """One run over every year: (seconds evaluating, seconds rolling up, results per year)."""
    # Start cold: the engine remembers the last units list's variant columns, and a report run
    # pays for that once, so each repeat must too.
    engine._variant_cache = None
    t_eval = t_roll = 0.0
    out: dict[int, tuple[Evaluation, Rollup, dict[Any, Rollup]]] = {}
    for year in ds.years:
        t0 = time.perf_counter()
        layout = SetLayout.build(ds.cset, year)
        ev = evaluate(ds.cset, ds.units, year, values=ds.values[year], layout=layout)
        t1 = time.perf_counter()
        national = rollup(ev)
        by_district = rollup_by(ev, _district)
        t2 = time.perf_counter()
        t_eval += t1 - t0
        t_roll += t2 - t1
        out[year] = (ev, national, by_district)
    return t_eval, t_roll, out


def _floor_pass(values: list[np.ndarray], thresholds: list[np.ndarray]) -> float:
    t0 = time.perf_counter()
    for v, t in zip(values, thresholds, strict=True):
        v >= t  # noqa: B015 — the comparison is the measured work
    return time.perf_counter() - t0


def _per_row_year(ds: dataset.Dataset, year: int) -> tuple[float, Any]:
    t0 = time.perf_counter()
    result = evaluate_per_row(ds.cset, ds.units, year, ds.values[year])
    national = rollup_per_row(ds.cset, result.criterion_rows)
    by_district = rollup_per_row_by(ds.cset, ds.units, result.criterion_rows)
    return time.perf_counter() - t0, (result, national, by_district)


def _check_same(year: int, engine_out: tuple[Evaluation, Rollup, dict], per_row: Any) -> None:
    """Raise if the engine and the per-row evaluation disagree anywhere."""
    ev, national, by_district = engine_out
    result, row_national, row_by_district = per_row
    where = f"năm {year}"
    if not np.array_equal(ev.indicator_status, result.indicator_status):
        raise AssertionError(f"{where}: trạng thái chỉ tiêu khác nhau")
    if not np.array_equal(ev.criterion_status, result.criterion_status):
        raise AssertionError(f"{where}: trạng thái tiêu chí khác nhau")
    pairs = [(national, row_national)] + [(by_district[k], row_by_district[k]) for k in by_district]
    if list(by_district) != list(row_by_district):
        raise AssertionError(f"{where}: danh sách huyện khác nhau")
    for fast, slow in pairs:
        same = (
            fast.units_total == slow.units_total
            and fast.recognised == slow.recognised
            and fast.bands == slow.bands
            and fast.criteria_met == slow.criteria_met
            and abs(fast.avg_criteria * fast.units_total - slow.met_sum) < 1e-6
        )
        if not same:
            raise AssertionError(f"{where}: số liệu tổng hợp khác nhau")


def run(
    n_units: int = 10_600,
    years: int = len(dataset.YEARS),
    *,
    repeats: int = 5,
    seed: int = 2016,
    per_row_budget: float = PER_ROW_BUDGET,
) -> dict[str, Any]:
    """Build the dataset, time (a), (b), (c), check (a) == (b); return the figures."""
    ds = dataset.build(n_units=n_units, years=years, seed=seed)

    best: tuple[float, float] | None = None
    results: dict[int, Any] = {}
    for _ in range(max(repeats, 1)):
        t_eval, t_roll, results = _engine_pass(ds)
        if best is None or t_eval + t_roll < sum(best):
            best = (t_eval, t_roll)
    assert best is not None
    engine_seconds = sum(best)

    # The floor's threshold matrices are prepared outside the timing: it measures the comparison.
    values, thresholds = [], []
    for year in ds.years:
        ev = results[year][0]
        values.append(ds.values[year])
        thresholds.append(np.ascontiguousarray(ev.thresholds))
    floor_seconds = min(_floor_pass(values, thresholds) for _ in range(max(repeats, 1) * 4))

    # Per-row Python: all years if they fit the budget, else an evenly spread sample, scaled.
    first_seconds, first = _per_row_year(ds, ds.years[0])
    _check_same(ds.years[0], results[ds.years[0]], first)
    timed = {ds.years[0]: first_seconds}
    if first_seconds * len(ds.years) <= per_row_budget:
        chosen = list(ds.years[1:])
    else:
        fit = max(int(per_row_budget // first_seconds), 2)
        picks = np.linspace(0, len(ds.years) - 1, num=min(fit, len(ds.years))).round()
        chosen = [ds.years[int(i)] for i in picks if int(i) != 0]
    for year in chosen:
        seconds, out = _per_row_year(ds, year)
        _check_same(year, results[year], out)
        timed[year] = seconds
    per_row_measured = sum(timed.values())
    per_row_seconds = per_row_measured / len(timed) * len(ds.years)

    return {
        "n_units": n_units,
        "n_indicators": len(ds.cset.indicators),
        "n_criteria": len(ds.cset.criteria),
        "n_years": len(ds.years),
        "n_values": ds.n_values,
        "n_districts": len(results[ds.years[0]][2]),
        "repeats": repeats,
        "seed": seed,
        "engine_seconds": engine_seconds,
        "engine_evaluate_seconds": best[0],
        "engine_rollup_seconds": best[1],
        "per_row_seconds": per_row_seconds,
        "per_row_measured_seconds": per_row_measured,
        "per_row_years_timed": sorted(timed),
        "per_row_scaled": len(timed) < len(ds.years),
        "floor_seconds": floor_seconds,
        "speedup_vs_per_row": per_row_seconds / engine_seconds,
        "engine_over_floor": engine_seconds / floor_seconds,
        "evaluate_over_floor": best[0] / floor_seconds,
        "same_statuses": True,  # _check_same raised otherwise
        "statuses_compared": sum(
            results[y][0].indicator_status.size + results[y][0].criterion_status.size for y in timed
        ),
    }


def _s(seconds: float) -> str:
    """Seconds for people: three significant decimals below 10 s, one above."""
    if seconds < 0.01:
        return f"{fmt.number(seconds * 1000, 2)} ms"
    return f"{fmt.number(seconds, 3 if seconds < 10 else 1)} giây"


def targets(figures: dict[str, Any]) -> list[Target]:
    return [
        Target(
            name=f"Bộ máy ≤ {fmt.number(TARGET_ENGINE_SECONDS)} giây",
            passed=figures["engine_seconds"] <= TARGET_ENGINE_SECONDS,
            detail=_s(figures["engine_seconds"]),
        ),
        Target(
            name=f"Nhanh hơn Python từng dòng ≥ {fmt.number(TARGET_SPEEDUP)} lần",
            passed=figures["speedup_vs_per_row"] >= TARGET_SPEEDUP,
            detail=f"{fmt.number(figures['speedup_vs_per_row'], 1)} lần",
        ),
        Target(
            name=f"Chậm hơn sàn NumPy ≤ {fmt.number(TARGET_FLOOR_RATIO)} lần",
            passed=figures["engine_over_floor"] <= TARGET_FLOOR_RATIO,
            detail=f"{fmt.number(figures['engine_over_floor'], 1)} lần",
        ),
    ]


def lines(figures: dict[str, Any]) -> list[str]:
    f = figures
    scaled = ""
    if f["per_row_scaled"]:
        years = ", ".join(str(y) for y in f["per_row_years_timed"])
        scaled = (
            f" (ước tính: đo {len(f['per_row_years_timed'])} năm {years} hết "
            f"{_s(f['per_row_measured_seconds'])}, nhân lên {f['n_years']} năm)"
        )
    return [
        f"Dữ liệu: {fmt.number(f['n_units'])} xã × {f['n_indicators']} chỉ tiêu × "
        f"{f['n_years']} năm = {fmt.number(f['n_values'])} giá trị "
        f"({f['n_criteria']} tiêu chí, {fmt.number(f['n_districts'])} huyện; "
        f"dữ liệu tổng hợp, hạt giống {f['seed']})",
        f"(a) Bộ máy (evaluate + rollup + rollup_by huyện, tốt nhất {f['repeats']} lần): "
        f"{_s(f['engine_seconds'])}",
        f"    trong đó đánh giá {_s(f['engine_evaluate_seconds'])}, "
        f"tổng hợp {_s(f['engine_rollup_seconds'])}",
        f"(b) Python từng dòng (cùng việc): {_s(f['per_row_seconds'])}{scaled}",
        f"(c) Sàn NumPy (một phép so sánh mỗi năm): {_s(f['floor_seconds'])}",
        f"Python từng dòng / bộ máy: {fmt.number(f['speedup_vs_per_row'], 1)} lần",
        f"Bộ máy / sàn NumPy: {fmt.number(f['engine_over_floor'], 1)} lần "
        f"(riêng phần đánh giá: {fmt.number(f['evaluate_over_floor'], 1)} lần)",
        f"Kết quả bộ máy trùng với Python từng dòng: "
        f"{fmt.number(f['statuses_compared'])} trạng thái và mọi số liệu tổng hợp đã so.",
    ]


@register("engine", "Bộ máy đánh giá: toàn quốc ≈10.600 xã × 57 chỉ tiêu × 10 năm")
def bench(options: dict[str, Any]) -> BenchResult:
    kwargs = {
        k: options[k]
        for k in ("n_units", "years", "repeats", "seed", "per_row_budget")
        if options.get(k) is not None
    }
    figures = run(**kwargs)
    return BenchResult(
        name="engine",
        title="Bộ máy đánh giá",
        figures=figures,
        lines=lines(figures),
        targets=targets(figures),
    )
