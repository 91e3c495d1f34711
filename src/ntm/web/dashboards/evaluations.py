"""Several periods of one province judged over the same communes, in as few queries as possible.

A dashboard shows a year beside the province's earlier years. The periods of one province and
regime share their communes, so every period's values come from one query and every given status
from another, and the engine judges each year in one pass. Nothing is cached but what cannot go
stale: the threshold table of a set's content (keyed by its hash) for a year.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from ntm.domain.evaluation import NOT_GIVEN, Evaluation, SetLayout, evaluate, values_from_long
from ntm.web.assessments.models import CriteriaSetRecord, CriterionStatus, IndicatorValue, Period
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


def periods_evaluate(*, periods: list[Period], units: list[Unit]) -> dict[int, Evaluation]:
    """Period id → the engine over ``units`` in that period, from the rows as they are now.

    Same judgement as ``assessments.selectors.period_evaluation`` (values of the set's
    indicators; a status given directly overrides the indicators), for many periods at once.
    """
    if not periods:
        return {}
    row_of = {u.pk: i for i, u in enumerate(units)}
    code_of = {u.pk: u.code for u in units}
    ids = [p.pk for p in periods]
    values: dict[int, list[tuple[str, str, float]]] = defaultdict(list)
    for period_id, unit_id, indicator, value in IndicatorValue.objects.filter(
        assessment__period_id__in=ids, value__isnull=False
    ).values_list("assessment__period_id", "assessment__unit_id", "indicator", "value"):
        if unit_id in row_of:
            values[period_id].append((code_of[unit_id], indicator, value))
    # Statuses are the bulk (a row per commune and criterion): placed with array indexing.
    given = np.array(
        CriterionStatus.objects.filter(assessment__period_id__in=ids).values_list(
            "assessment__period_id", "assessment__unit_id", "criterion", "status"
        ),
        dtype=np.int64,
    ).reshape(-1, 4)
    unit_rows = np.full(max([u.pk for u in units], default=0) + 1, -1, dtype=np.int64)
    unit_rows[[u.pk for u in units]] = np.arange(len(units))
    known = given[:, 1] < len(unit_rows)
    given = given[known]
    given_rows = unit_rows[given[:, 1]]
    domain = [u.to_domain() for u in units]
    out = {}
    for period in periods:
        cset = cset_of(period.criteria_set)
        codes = {i.code for i in cset.indicators}
        rows = [r for r in values[period.pk] if r[1] in codes]
        statuses = np.full((len(units), len(cset.criteria)), NOT_GIVEN, dtype=np.int8)
        numbers = cset.criterion_numbers
        width = max([*numbers, int(given[:, 2].max(initial=0))]) + 1
        col_of = np.full(width, -1, dtype=np.int64)
        col_of[numbers] = np.arange(len(numbers))
        cols = col_of[given[:, 2]]
        take = (given[:, 0] == period.pk) & (given_rows >= 0) & (cols >= 0)
        statuses[given_rows[take], cols[take]] = given[take, 3]
        out[period.pk] = evaluate(
            cset, domain, period.year, values=values_from_long(cset, domain, rows),
            statuses=statuses, layout=layout_of(period.criteria_set, period.year),
        )  # fmt: skip
    return out
