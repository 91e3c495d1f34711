"""A province's histories for the forecast, read from the engine's own results (issue #15.2).

One ``Evaluation`` per year (the CLI's files, the web's periods): the criteria met each year
for the count pace, and each indicator's values with the threshold and status the engine gave
the commune in its last year, for the indicator trends — thresholds by region or group and by
year are the engine's, never worked out again here. Then both forecasts for every commune, and
the backtest of the indicator method. Pure: no file, no Django.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ntm.domain.evaluation import MET, NOT_MET, Evaluation
from ntm.domain.forecast import (
    HORIZON,
    Backtest,
    CommuneForecast,
    CommuneHistory,
    forecast_all,
)
from ntm.domain.forecast_indicators import (
    CriterionSeries,
    IndicatorForecast,
    IndicatorHistory,
    IndicatorSeries,
    forecast_commune_indicators,
)


@dataclass(frozen=True)
class Histories:
    counts: tuple[CommuneHistory, ...]
    indicators: tuple[IndicatorHistory, ...]  # commune for commune with ``counts``
    numbers: tuple[int, ...]  # the criteria of the last year's set


# A commune's years: (year, evaluation, row), ascending.
_Rows = list[tuple[int, Evaluation, int]]


def _rows_by_commune(evaluations: Sequence[Evaluation]) -> dict[str, tuple[str, _Rows]]:
    """Each commune's years; a year where nothing is known of it (every criterion unknown:
    no assessment) is left out."""
    out: dict[str, tuple[str, _Rows]] = {}
    for ev in sorted(evaluations, key=lambda e: e.year):
        known = (ev.criterion_status >= 0).any(axis=1)
        for row in np.flatnonzero(known):
            unit = ev.units[row]
            out.setdefault(unit.code, (unit.name, []))[1].append((ev.year, ev, int(row)))
    return out


def _count_history(code: str, name: str, rows: _Rows) -> CommuneHistory:
    met = []
    for _year, ev, row in rows:
        numbers = ev.cset.criterion_numbers  # each year's own set
        met.append(frozenset(numbers[c] for c in np.flatnonzero(ev.criterion_status[row] == MET)))
    return CommuneHistory(code, name, tuple(y for y, _e, _r in rows), tuple(met))


def _values(
    code: str, rows: _Rows, columns: dict[int, dict[str, int]]
) -> tuple[list[int], list[float]]:
    years, values = [], []
    for year, ev, row in rows:
        col = columns[id(ev)].get(code)
        if col is not None and not np.isnan(value := float(ev.values[row, col])):
            years.append(year)
            values.append(value)
    return years, values


def _indicator_history(
    code: str, name: str, rows: _Rows, columns: dict[int, dict[str, int]]
) -> IndicatorHistory:
    year, ev, row = rows[-1]
    own = columns[id(ev)]
    criteria = []
    for c_col, criterion in enumerate(ev.cset.criteria):
        series = []
        for ind in criterion.indicators:
            col = own[ind.code]
            status = int(ev.indicator_status[row, col])
            threshold = float(ev.thresholds[row, col])
            years, values = _values(ind.code, rows, columns)
            series.append(
                IndicatorSeries(
                    ind.code,
                    ind.name,
                    ind.unit,
                    ind.kind,
                    ind.compare,
                    None if np.isnan(threshold) else threshold,
                    None if status not in (MET, NOT_MET) else status == MET,
                    tuple(years),
                    tuple(values),
                )
            )
        rule = criterion.rule
        needed = rule.n if rule.kind == "at_least" and rule.n else len(criterion.indicators)
        criteria.append(
            CriterionSeries(
                criterion.number,
                criterion.name,
                int(ev.criterion_status[row, c_col]) == MET,
                needed,
                criterion.indicators_complete or ev.pilot,
                tuple(series),
            )
        )
    return IndicatorHistory(code, name, year, tuple(criteria))


def histories_from_evaluations(evaluations: Sequence[Evaluation]) -> Histories:
    """``evaluations``: one per year, any order; communes joined by code."""
    if not evaluations:
        return Histories((), (), ())
    last = max(evaluations, key=lambda e: e.year)
    # each year's indicator columns by code: a set may differ from one year to the next
    columns = {id(e): {i.code: k for k, i in enumerate(e.cset.indicators)} for e in evaluations}
    counts, indicators = [], []
    for code, (name, rows) in _rows_by_commune(evaluations).items():
        counts.append(_count_history(code, name, rows))
        indicators.append(_indicator_history(code, name, rows, columns))
    return Histories(tuple(counts), tuple(indicators), tuple(last.cset.criterion_numbers))


def forecast_communes(histories: Histories) -> list[IndicatorForecast]:
    """Every commune's forecast by its indicators, the count pace where they cannot say;
    ``.overall`` of each is what the province's count per year and its targets use."""
    counts: list[CommuneForecast] = forecast_all(histories.counts, histories.numbers)
    return [
        forecast_commune_indicators(h, c) for h, c in zip(histories.indicators, counts, strict=True)
    ]


def backtest_indicators(evaluations: Sequence[Evaluation], hidden: int) -> Backtest:
    """``forecast.backtest`` for the indicator method: the last ``hidden`` years' evaluations
    hidden, the communes not at the standard in the years seen and reaching it in the hidden
    ones compared (the year the engine first finds every criterion met)."""
    ordered = sorted(evaluations, key=lambda e: e.year)
    full = histories_from_evaluations(ordered)
    total = len(full.numbers)
    truth = {
        h.code: next((y for y, m in zip(h.years, h.met, strict=True) if len(m) >= total), None)
        for h in full.counts
    }
    errors = []
    for f in forecast_communes(histories_from_evaluations(ordered[:-hidden])):
        actual = truth.get(f.code)
        if not f.missing or actual is None:
            continue
        guess = f.standard_year if f.standard_year is not None else HORIZON + 1
        errors.append(abs(guess - actual))
    within = sum(1 for e in errors if e <= 1)
    return Backtest(hidden, len(errors), within, sum(errors) / len(errors) if errors else 0.0)
