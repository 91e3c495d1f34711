"""Several periods of one province judged over the same communes, in as few queries as possible.

A dashboard shows a year beside the province's earlier years. The periods of one province and
regime share their communes, so every year is judged from the same rows, and the engine judges
each year in one pass.

The rows (values and given statuses) are kept per assessment, in each process, with the
assessment's ``version``: every write of a value or a status goes through
``assessments.services.assessment_save``, which bumps that version in the same transaction. A
dashboard reads the versions of its periods' assessments (one small query) and then only the
rows of the assessments whose version moved — after a save, one commune's rows instead of every
commune's of every year. Rows read after their version are never older than it: a save between
the two reads makes the next page see another version and read them again.
"""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

import numpy as np

from ntm.domain.evaluation import NOT_GIVEN, Evaluation, SetLayout, evaluate, values_from_long
from ntm.web.assessments.models import (
    Assessment,
    CriteriaSetRecord,
    CriterionStatus,
    IndicatorValue,
    Period,
)
from ntm.web.assessments.selectors import cset_of
from ntm.web.units.models import Unit

_LAYOUTS: dict[tuple[int, str, int], SetLayout] = {}
_MAX_LAYOUTS = 256


def layout_of(record: CriteriaSetRecord, year: int) -> SetLayout:
    """The engine's per-year table of a set; a record's content never changes (hash-keyed)."""
    key = (record.pk, record.content_hash, year)
    found = _LAYOUTS.get(key)
    if found is None:
        if len(_LAYOUTS) >= _MAX_LAYOUTS:
            _LAYOUTS.clear()
        found = _LAYOUTS[key] = SetLayout.build(cset_of(record), year)
    return found


class _Rows(NamedTuple):
    """One assessment's rows as of ``stamp`` (its period, unit and version)."""

    stamp: tuple[int, int, int]
    values: list[tuple[str, float]]  # (indicator, value), values given only
    statuses: np.ndarray  # (criterion, status) pairs, int64, shape (n, 2)


_ROWS: dict[int, _Rows] = {}  # assessment id → its rows (this process)
_MAX_ROWS = 20_000  # assessments kept (≈ 0,7 kB each); past it the next page starts afresh
_BY_ID_LIMIT = 500  # more changed assessments than this: read their periods' rows in one go
_NO_STATUSES = np.zeros((0, 2), dtype=np.int64)


def forget_rows() -> None:
    """Drop the rows kept in this process (tests: each starts from an empty database)."""
    _ROWS.clear()


def _read_rows(stale: dict[int, tuple[int, int, int]], period_ids: list[int]) -> dict[int, _Rows]:
    """The rows of the ``stale`` assessments (id → the stamp just read)."""
    if len(stale) <= _BY_ID_LIMIT:
        values_qs = IndicatorValue.objects.filter(assessment_id__in=list(stale))
        statuses_qs = CriterionStatus.objects.filter(assessment_id__in=list(stale))
    else:  # e.g. the first page of a process: by period (an IN list of ids has its limits)
        values_qs = IndicatorValue.objects.filter(assessment__period_id__in=period_ids)
        statuses_qs = CriterionStatus.objects.filter(assessment__period_id__in=period_ids)
    values: dict[int, list[tuple[str, float]]] = defaultdict(list)
    for a, indicator, value in values_qs.filter(value__isnull=False).values_list(
        "assessment_id", "indicator", "value"
    ):
        if a in stale:
            values[a].append((indicator, value))
    given = np.array(statuses_qs.values_list("assessment_id", "criterion", "status"),
                     dtype=np.int64).reshape(-1, 3)  # fmt: skip
    given = given[np.argsort(given[:, 0], kind="stable")]
    ids, starts = np.unique(given[:, 0], return_index=True)
    ends = [*starts[1:].tolist(), len(given)] if len(starts) else []
    bounds = {a: (lo, hi) for a, lo, hi in zip(ids.tolist(), starts.tolist(), ends, strict=True)}
    out = {}
    for a, stamp in stale.items():
        lo, hi = bounds.get(a, (0, 0))
        out[a] = _Rows(stamp, values.get(a, []), given[lo:hi, 1:] if hi > lo else _NO_STATUSES)
    return out


def _rows_by_period(period_ids: list[int]) -> dict[int, list[tuple[int, _Rows]]]:
    """Period id → (unit id, rows) of each of its assessments, as they are now."""
    current = list(Assessment.objects.filter(period_id__in=period_ids)
                   .values_list("id", "period_id", "unit_id", "version"))  # fmt: skip
    # A stamp, not the version alone: SQLite may give a rolled-back assessment's id again.
    known = {a: _ROWS.get(a) for a, _p, _u, _v in current}
    stale = {a: (p, u, v) for a, p, u, v in current
             if (r := known[a]) is None or r.stamp != (p, u, v)}  # fmt: skip
    if stale:
        fresh = _read_rows(stale, period_ids)
        known |= fresh
        if len(_ROWS) + len(fresh) > _MAX_ROWS:
            _ROWS.clear()
        _ROWS.update(fresh)
    by_period: dict[int, list[tuple[int, _Rows]]] = defaultdict(list)
    for a, period_id, unit_id, _v in current:
        by_period[period_id].append((unit_id, known[a]))  # type: ignore[arg-type]
    return by_period


def periods_evaluate(*, periods: list[Period], units: list[Unit]) -> dict[int, Evaluation]:
    """Period id → the engine over ``units`` in that period, from the rows as they are now.

    Same judgement as ``assessments.selectors.period_evaluation`` (values of the set's
    indicators; a status given directly overrides the indicators), for many periods at once.
    """
    if not periods:
        return {}
    row_of = {u.pk: i for i, u in enumerate(units)}
    domain = [u.to_domain() for u in units]
    by_period = _rows_by_period([p.pk for p in periods])
    out = {}
    for period in periods:
        cset = cset_of(period.criteria_set)
        codes = {i.code for i in cset.indicators}
        numbers = cset.criterion_numbers
        placed = [(row_of[u], rows) for u, rows in by_period.get(period.pk, ()) if u in row_of]
        long_values = [(units[r].code, indicator, value) for r, rows in placed
                       for indicator, value in rows.values if indicator in codes]  # fmt: skip
        statuses = np.full((len(units), len(cset.criteria)), NOT_GIVEN, dtype=np.int8)
        parts = [(r, rows.statuses) for r, rows in placed if len(rows.statuses)]
        if parts:
            given = np.concatenate([g for _r, g in parts])
            at = np.repeat([r for r, _g in parts], [len(g) for _r, g in parts])
            col_of = np.full(max([*numbers, int(given[:, 0].max())]) + 1, -1, dtype=np.int64)
            col_of[numbers] = np.arange(len(numbers))
            cols = col_of[given[:, 0]]
            take = cols >= 0
            statuses[at[take], cols[take]] = given[take, 1]
        out[period.pk] = evaluate(
            cset, domain, period.year, values=values_from_long(cset, domain, long_values),
            statuses=statuses, layout=layout_of(period.criteria_set, period.year),
        )  # fmt: skip
    return out
