"""Reads: sets, periods, a commune's sheet, and live evaluations (never cached results)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from django.db.models import QuerySet

from ntm.domain.criteria import CriteriaSet, criteria_set_from_data
from ntm.domain.evaluation import NOT_GIVEN, STATUS_VI, Evaluation, evaluate, values_from_long
from ntm.web.accounts.scope import Scope
from ntm.web.assessments.models import (
    Assessment,
    CriteriaSetRecord,
    CriterionStatus,
    IndicatorValue,
    Period,
)
from ntm.web.units.models import Unit


@lru_cache(maxsize=32)
def _parsed(record_id: int, content_hash: str) -> CriteriaSet:
    # Keyed by the content hash: a record's content never changes, so this cannot go stale.
    record = CriteriaSetRecord.objects.get(pk=record_id)
    return criteria_set_from_data(record.data)


def cset_of(record: CriteriaSetRecord) -> CriteriaSet:
    return _parsed(record.pk, record.content_hash)


def period_list(*, scope: Scope) -> list[Period]:
    periods = Period.objects.select_related("criteria_set").order_by("-year", "province_name")
    return [p for p in periods if scope.can_read_period(p)]


def period_communes(*, period: Period, scope: Scope) -> QuerySet[Unit]:
    """The communes of a period's province that the user may read."""
    return (
        # Rural communes (xã) only: wards and towns are not assessed against the commune set.
        Unit.objects.filter(
            regime=period.regime, province_code=period.province_code, level="commune", kind="xã"
        )
        .filter(scope.units_q())
        .order_by("district_code", "code")
    )


def period_evaluation(*, period: Period, units: list[Unit]) -> Evaluation:
    """The engine over ``units`` in ``period``, from the rows as they are now."""
    cset = cset_of(period.criteria_set)
    by_id = {u.pk: u for u in units}
    codes = {i.code for i in cset.indicators}
    value_rows = [
        (by_id[unit_id].code, ind, value)
        for unit_id, ind, value in IndicatorValue.objects.filter(
            assessment__period=period, assessment__unit_id__in=by_id, value__isnull=False
        ).values_list("assessment__unit_id", "indicator", "value")
        if ind in codes
    ]
    domain_units = [u.to_domain() for u in units]
    values = values_from_long(cset, domain_units, value_rows)
    statuses = np.full((len(units), len(cset.criteria)), NOT_GIVEN, dtype=np.int8)
    row_of = {u.pk: i for i, u in enumerate(units)}
    col_of = {n: j for j, n in enumerate(cset.criterion_numbers)}
    for unit_id, number, status in CriterionStatus.objects.filter(
        assessment__period=period, assessment__unit_id__in=by_id
    ).values_list("assessment__unit_id", "criterion", "status"):
        if number in col_of:
            statuses[row_of[unit_id], col_of[number]] = status
    return evaluate(cset, domain_units, period.year, values=values, statuses=statuses)


def assessment_for(*, unit: Unit, period: Period) -> Assessment:
    """The commune-period row, created on first read (version 0, no values)."""
    assessment, _ = Assessment.objects.get_or_create(unit=unit, period=period)
    return assessment


@dataclass
class IndicatorRow:
    code: str
    name: str
    unit: str
    kind: str
    compare: str
    value: float | None
    threshold: float | bool | None
    status: str
    status_vi: str
    comment: str


@dataclass
class CriterionRow:
    number: int
    name: str
    group: str
    status: str
    status_vi: str
    given: int | None  # status given directly, overriding indicators
    indicators: list[IndicatorRow]


def commune_sheet(*, period: Period, unit: Unit, evaluation: Evaluation) -> list[CriterionRow]:
    """Each criterion with its indicators, thresholds for this commune, and live statuses."""
    cset = evaluation.cset
    result = evaluation.unit_result(0)
    comments = dict(
        IndicatorValue.objects.filter(assessment__unit=unit, assessment__period=period).values_list(
            "indicator", "comment"
        )
    )
    given = dict(
        CriterionStatus.objects.filter(
            assessment__unit=unit, assessment__period=period
        ).values_list("criterion", "status")
    )
    names = {"met": 1, "not_met": 0, "unknown": -1}
    rows = []
    for crit in cset.criteria:
        inds = []
        for ind in crit.indicators:
            r = result["indicators"][ind.code]
            inds.append(
                IndicatorRow(
                    code=ind.code, name=ind.name, unit=ind.unit or "", kind=ind.kind,
                    compare=ind.compare, value=r["value"], threshold=r["threshold"],
                    status=r["status"], status_vi=STATUS_VI[names[r["status"]]],
                    comment=comments.get(ind.code, ""),
                )
            )  # fmt: skip
        status = result["criteria"][str(crit.number)]
        rows.append(
            CriterionRow(
                number=crit.number, name=crit.name, group=crit.group or "", status=status,
                status_vi=STATUS_VI[names[status]], given=given.get(crit.number),
                indicators=inds,
            )
        )  # fmt: skip
    return rows


def unit_evaluation(
    *,
    period: Period,
    unit: Unit,
    values: dict[str, float | None] | None = None,
    statuses: dict[int, int | None] | None = None,
) -> Evaluation:
    """One commune judged live; ``values``/``statuses`` overlay the stored ones (a preview)."""
    cset = cset_of(period.criteria_set)
    stored = dict(
        IndicatorValue.objects.filter(assessment__unit=unit, assessment__period=period).values_list(
            "indicator", "value"
        )
    )
    given: dict[int, int | None] = dict(
        CriterionStatus.objects.filter(
            assessment__unit=unit, assessment__period=period
        ).values_list("criterion", "status")
    )
    stored.update(values or {})
    given.update(statuses or {})
    codes = {i.code for i in cset.indicators}
    domain = [unit.to_domain()]
    rows = [(unit.code, c, v) for c, v in stored.items() if v is not None and c in codes]
    status_row = np.full((1, len(cset.criteria)), NOT_GIVEN, dtype=np.int8)
    for j, number in enumerate(cset.criterion_numbers):
        if given.get(number) is not None:
            status_row[0, j] = given[number]
    return evaluate(
        cset, domain, period.year, values=values_from_long(cset, domain, rows), statuses=status_row
    )
