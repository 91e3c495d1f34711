"""Issue #15.2, the indicator method: each unmet indicator's trend toward the threshold the
engine applies to the commune; a backtest on a generated province whose indicators move at
known paces; thresholds by region; "lower is better"; no year when not moving; fallbacks."""

from __future__ import annotations

import random

import numpy as np
import pytest

from ntm.domain.criteria import CriteriaSet, criteria_set_from_data
from ntm.domain.evaluation import Evaluation, evaluate
from ntm.domain.forecast_history import (
    backtest_indicators,
    forecast_communes,
    histories_from_evaluations,
)
from ntm.domain.forecast_indicators import MAX_SHARE
from ntm.domain.units import Unit

# code, kind, compare, thresholds, (slowest, fastest) pace a year in the generated province
INDICATORS = [
    ("1.1", "number", ">=", {"all": {"TN": 40, "ĐNB": 55}}, (1.5, 4.0)),  # income, million VND
    ("2.1", "percent", "<=", 5, (0.8, 2.5)),  # poverty rate: lower is better
    ("3.1", "percent", ">=", 90, (2.0, 8.0)),
    ("3.2", "percent", ">=", 80, (2.0, 8.0)),
    ("4.1", "count", ">=", 6, (0.3, 0.8)),
]
FIRST, LAST = 2016, 2030


def _set(*, boolean: bool = False) -> CriteriaSet:
    criteria: dict[int, list[dict[str, object]]] = {}
    for code, kind, compare, thresholds, _pace in INDICATORS:
        criteria.setdefault(int(code.split(".")[0]), []).append(
            {"code": code, "name": f"Chỉ tiêu {code}", "kind": kind, "compare": compare,
             "thresholds": thresholds, "unit": "%" if kind == "percent" else None}
        )  # fmt: skip
    if boolean:
        criteria[5] = [{"code": "5.1", "name": "Có quy hoạch", "kind": "yes_no", "thresholds": 1}]
    return criteria_set_from_data(
        {
            "code": "thu-du-bao",
            "title": "Bộ thử dự báo",
            "basis": "Thử",
            "period": [FIRST, LAST],
            "variants": {"by": "region", "values": ["TN", "ĐNB"]},
            "criteria": [
                {"number": n, "name": f"Tiêu chí {n}", "indicators": inds}
                for n, inds in sorted(criteria.items())
            ],
        }
    )


def _evaluations(
    cset: CriteriaSet, units: list[Unit], values: dict[int, list[list[float]]]
) -> list[Evaluation]:
    """One evaluation per year by the engine; ``values[year]``: a row per unit."""
    return [
        evaluate(cset, units, year, values=np.array(rows, dtype=float))
        for year, rows in sorted(values.items())
    ]


def _province(n: int, seed: int) -> list[Evaluation]:
    """Communes whose every indicator crosses its threshold in a known year at a known pace,
    with noise of a quarter of a year's move (standard deviation)."""
    rng = random.Random(seed)
    cset = _set()
    units = [Unit(f"{i:05d}", f"Xã {i}", region=rng.choice(["TN", "ĐNB"])) for i in range(n)]
    values: dict[int, list[list[float]]] = {y: [] for y in range(FIRST, LAST + 1)}
    for unit in units:
        lines = []
        for _code, kind, compare, thresholds, (slow, fast) in INDICATORS:
            level = thresholds["all"][unit.region] if isinstance(thresholds, dict) else thresholds
            cross = rng.uniform(FIRST + 1, LAST)
            pace = rng.uniform(slow, fast)
            if compare == ">=":  # every value starts at 0 or above
                pace = min(pace, level / (cross - FIRST))
            lines.append((level, cross, pace if compare == ">=" else -pace, kind))
        for year in values:
            row = []
            for level, cross, pace, kind in lines:
                v = level + pace * (year - cross) + rng.gauss(0, abs(pace) / 4)
                row.append(min(100.0, max(0.0, v)) if kind == "percent" else max(0.0, v))
            values[year].append(row)
    return _evaluations(cset, units, values)


def test_the_indicator_backtest_recovers_the_year_within_one_year_for_nine_in_ten():
    result = backtest_indicators(_province(300, seed=152), hidden=8)
    assert result.compared >= 150, result
    assert result.share_within_one >= 0.9, result


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_indicator_backtest_holds_on_other_generated_provinces(seed: int):
    result = backtest_indicators(_province(200, seed=seed), hidden=8)
    assert result.share_within_one >= 0.9, result


def _one_criterion_years(region: str, rows: dict[int, list[float]], boolean: bool = False):
    cset = _set(boolean=boolean)
    unit = Unit("00001", "Xã A", region=region)
    evaluations = _evaluations(cset, [unit], {y: [r] for y, r in rows.items()})
    (found,) = forecast_communes(histories_from_evaluations(evaluations))
    return found


MET_ROW = [60.0, 2.0, 95.0, 85.0, 7.0]  # every indicator met in both regions


def _rows(code: str, series: list[float], extra: list[float] | None = None):
    """Three years, 2021-2023: every indicator met but ``code``, which takes ``series``."""
    col = [c for c, *_ in INDICATORS].index(code)
    out = {}
    for k, year in enumerate((2021, 2022, 2023)):
        row = list(MET_ROW) + (extra or [])
        row[col] = series[k]
        out[year] = row
    return out


def test_the_same_values_give_different_years_by_the_regions_threshold():
    rows = _rows("1.1", [30.0, 33.0, 36.0])  # 3 million a year
    tay_nguyen = _one_criterion_years("TN", rows)  # threshold 40: 4 to go, 2 years
    dong_nam_bo = _one_criterion_years("ĐNB", rows)  # threshold 55: 19 to go, 7 years
    assert tay_nguyen.standard_year == 2025
    assert dong_nam_bo.standard_year == 2030
    (criterion,) = dong_nam_bo.missing
    assert criterion.number == 1 and criterion.method == "indicators"
    (trend,) = criterion.holding
    assert (trend.code, trend.value, trend.threshold) == ("1.1", 36.0, 55.0)
    assert trend.pace == pytest.approx(3.0)
    assert dong_nam_bo.uncertainty == "khá chắc chắn, sai số khoảng ±1 năm"


def test_a_lower_is_better_indicator_falls_to_its_threshold():
    found = _one_criterion_years("TN", _rows("2.1", [20.0, 16.0, 12.0]))  # ≤ 5, 4 a year
    (criterion,) = found.missing
    assert criterion.holding[0].pace == pytest.approx(4.0)
    assert criterion.year == 2025 == found.standard_year  # 7 to go at 4 a year: 2 years
    assert dict(found.overall.criterion_years)[2] == 2025


def test_an_indicator_that_does_not_move_toward_its_threshold_gets_no_year():
    found = _one_criterion_years("TN", _rows("3.1", [70.0, 69.0, 68.0]))
    (criterion,) = found.missing
    assert criterion.method == "indicators" and criterion.year is None
    assert found.standard_year is None and found.overall.standard_year is None
    assert found.uncertainty.startswith("chỉ tiêu 3.1 không tiến về ngưỡng")


def test_a_pace_is_bounded_to_a_share_of_the_scale():
    found = _one_criterion_years("TN", _rows("2.1", [40.0, 25.0, 10.0]))  # ≤ 5, 15 a year
    (trend,) = found.missing[0].holding
    assert trend.pace == pytest.approx(MAX_SHARE * 10)  # half the larger of 10 and 5
    assert found.standard_year == 2024


def test_a_boolean_criterion_falls_back_to_the_count_pace_and_says_so():
    rows = _rows("1.1", [30.0, 33.0, 36.0], extra=[0.0])
    found = _one_criterion_years("TN", rows, boolean=True)
    by_number = {c.number: c for c in found.missing}
    assert by_number[1].method == "indicators" and by_number[1].year == 2025
    assert by_number[5].method == "count"
    assert by_number[5].note == "chỉ tiêu 5.1 là chỉ tiêu có/không"
    assert found.method == "mixed"
    # the count pace: 3 of 5 criteria met each year, not moving: no year for criterion 5
    assert by_number[5].year is None and found.standard_year is None


def test_a_commune_with_criterion_statuses_only_keeps_the_count_forecast():
    cset = _set()
    unit = Unit("00001", "Xã A", region="TN")
    statuses = {2021: [1, 0, 0, 0], 2022: [1, 1, 0, 0], 2023: [1, 1, 1, 0]}
    evaluations = [
        evaluate(cset, [unit], y, statuses=np.array([s], dtype=np.int8))
        for y, s in statuses.items()
    ]
    (found,) = forecast_communes(histories_from_evaluations(evaluations))
    assert found.method == "count"
    assert found.standard_year == found.overall.standard_year == 2024  # one a year, one to go
    assert {c.note for c in found.missing} == {"chưa có số liệu các chỉ tiêu của tiêu chí này"}


def test_an_at_least_rule_waits_only_for_the_indicators_it_still_needs():
    cset = criteria_set_from_data(
        {
            "code": "thu-it-nhat",
            "title": "Bộ thử",
            "basis": "Thử",
            "period": [FIRST, LAST],
            "criteria": [
                {
                    "number": 1,
                    "name": "Tiêu chí 1",
                    "rule": {"kind": "at_least", "n": 2},
                    "indicators": [
                        {
                            "code": f"1.{k}",
                            "name": f"Chỉ tiêu 1.{k}",
                            "kind": "percent",
                            "thresholds": 80,
                        }
                        for k in (1, 2, 3)
                    ],
                }
            ],
        }
    )
    unit = Unit("00001", "Xã A", region="TN")
    # 1.1 met; 1.2 +5 a year from 60 (2027); 1.3 +2 a year from 60 (2033): one more is needed
    rows = {2021: [85.0, 50.0, 56.0], 2022: [85.0, 55.0, 58.0], 2023: [85.0, 60.0, 60.0]}
    evaluations = _evaluations(cset, [unit], {y: [r] for y, r in rows.items()})
    (found,) = forecast_communes(histories_from_evaluations(evaluations))
    (criterion,) = found.missing
    assert criterion.method == "indicators" and criterion.year == 2027 == found.standard_year
    assert [t.year for t in criterion.holding] == [2033, 2027]
