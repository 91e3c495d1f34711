"""A province's histories for the forecast, read from the engine's own results (issue #15.2).

One ``Evaluation`` per year (the CLI's files, the web's periods): the criteria met each year
for the count pace, and each indicator's values with the threshold and status the engine gave
the commune in its last year, for the indicator trends — thresholds by region or group and by
year are the engine's, never worked out again here. Then both forecasts for every commune, and
the backtest of the indicator method. Pure: no file, no Django.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

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
    keys: tuple[Hashable, ...] = ()  # each commune's memo key (with a memo only)


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
    code: str, rows: _Rows, columns: dict[int, dict[str, int]], lists: _Lists
) -> tuple[list[int], list[float]]:
    years, values = [], []
    for year, ev, row in rows:
        col = columns[id(ev)].get(code)
        if col is not None and not math.isnan(value := lists[(id(ev), row)][col]):
            years.append(year)
            values.append(value)
    return years, values


# (id of an evaluation, row) → that row's values as Python floats: reading numpy arrays element
# by element was most of a dashboard's forecast (≈ 450 communes × 57 indicators × 10 years).
_Lists = dict[tuple[int, int], list[float]]


def _row_lists(rows: _Rows) -> _Lists:
    return {(id(ev), row): ev.values[row].tolist() for _year, ev, row in rows}


def _indicator_history(
    code: str, name: str, rows: _Rows, columns: dict[int, dict[str, int]]
) -> IndicatorHistory:
    year, ev, row = rows[-1]
    own = columns[id(ev)]
    lists = _row_lists(rows)
    statuses = ev.indicator_status[row].tolist()
    thresholds = ev.thresholds[row].tolist()
    met_criteria = ev.criterion_status[row].tolist()
    criteria = []
    for c_col, criterion in enumerate(ev.cset.criteria):
        series = []
        for ind in criterion.indicators:
            col = own[ind.code]
            status = int(statuses[col])
            threshold = float(thresholds[col])
            years, values = _values(ind.code, rows, columns, lists)
            series.append(
                IndicatorSeries(
                    ind.code,
                    ind.name,
                    ind.unit,
                    ind.kind,
                    ind.compare,
                    None if math.isnan(threshold) else threshold,
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
                int(met_criteria[c_col]) == MET,
                needed,
                criterion.indicators_complete or ev.pilot,
                tuple(series),
            )
        )
    return IndicatorHistory(code, name, year, tuple(criteria))


def histories_from_evaluations(
    evaluations: Sequence[Evaluation], memo: Memo | None = None
) -> Histories:
    """``evaluations``: one per year, any order; communes joined by code. ``memo``: a dict the
    caller keeps between calls (the web's process): a commune whose rows are unchanged since
    is not read again (after a save, one commune of a province is)."""
    if not evaluations:
        return Histories((), (), ())
    last = max(evaluations, key=lambda e: e.year)
    # each year's indicator columns by code: a set may differ from one year to the next
    columns = {id(e): {i.code: k for k, i in enumerate(e.cset.indicators)} for e in evaluations}
    counts, indicators, keys = [], [], []
    for code, (name, rows) in _rows_by_commune(evaluations).items():
        key = _commune_key(code, name, rows) if memo is not None else None
        found = memo.get(key) if memo is not None else None
        if found is None:
            found = (
                _count_history(code, name, rows),
                _indicator_history(code, name, rows, columns),
                tuple(ev.cset for _y, ev, _r in rows),  # keeps the ids in the key alive
            )
            if memo is not None:
                memo[key] = found
        counts.append(found[0])
        indicators.append(found[1])
        keys.append(key)
    numbers = tuple(last.cset.criterion_numbers)
    return Histories(
        tuple(counts), tuple(indicators), numbers, tuple(keys) if memo is not None else ()
    )


# A caller's memo: a commune's key → its histories (and the sets they were read with), or a
# commune's key and count forecast → its forecast by indicators.
Memo = dict[Hashable, Any]


def _commune_key(code: str, name: str, rows: _Rows) -> Hashable:
    """Everything a commune's histories are read from: each year's set (by identity: the memo
    holds the set, so the id is not reused), pilot flag and the commune's rows of values,
    statuses and thresholds (digested)."""
    h = hashlib.blake2b(digest_size=20)
    sets = []
    for year, ev, row in rows:
        sets.append((year, id(ev.cset), ev.pilot))
        for array in (ev.values, ev.indicator_status, ev.thresholds, ev.criterion_status):
            h.update(array[row].tobytes())
    return (code, name, tuple(sets), h.digest())


def forecast_communes(histories: Histories, memo: Memo | None = None) -> list[IndicatorForecast]:
    """Every commune's forecast by its indicators, the count pace where they cannot say;
    ``.overall`` of each is what the province's count per year and its targets use.
    ``memo``: as ``histories_from_evaluations``' (the same dict may serve both)."""
    counts: list[CommuneForecast] = forecast_all(histories.counts, histories.numbers)
    if memo is None or len(histories.keys) != len(counts):
        return [
            forecast_commune_indicators(h, c)
            for h, c in zip(histories.indicators, counts, strict=True)
        ]
    out = []
    for h, c, key in zip(histories.indicators, counts, histories.keys, strict=True):
        found = memo.get(("forecast", key, c))
        if found is None:
            found = memo[("forecast", key, c)] = forecast_commune_indicators(h, c)
        out.append(found)
    return out


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
