"""Reads: periods, a commune's sheet, and live evaluations — all through the read model
(``ntm.web.readmodel``), which owns the parsing of sets, the engine input and every cache."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from ntm.domain.evaluation import STATUS_VI, Evaluation
from ntm.web.accounts.scope import Scope
from ntm.web.assessments.models import Assessment, CriterionStatus, IndicatorValue, Period
from ntm.web.readmodel import inputs as readmodel_inputs
from ntm.web.readmodel.scopes import readable_periods
from ntm.web.readmodel.sets import cset_of as cset_of  # the callers that import it here
from ntm.web.units.models import Unit


def period_list(*, scope: Scope) -> list[Period]:
    """The user's readable periods, newest first: filtered in SQL, without their sets' JSON."""
    return list(readable_periods(scope=scope))


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
    """The engine over ``units`` in ``period``, from the rows as they are now (the read model)."""
    return readmodel_inputs.period_evaluation(period=period, units=units)


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


def commune_sheet(
    *, period: Period, unit: Unit, evaluation: Evaluation,
    comments: dict[str, str] | None = None, given: dict[int, int | None] | None = None,
) -> list[CriterionRow]:  # fmt: skip
    """Each criterion with its indicators, thresholds for this commune, and live statuses.
    ``comments`` and ``given`` are read here unless the caller has read them already."""
    cset = evaluation.cset
    result = evaluation.unit_result(0)
    if comments is None:
        comments = dict(
            IndicatorValue.objects.filter(
                assessment__unit=unit, assessment__period=period
            ).values_list("indicator", "comment")
        )
    if given is None:
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
    return readmodel_inputs.commune_evaluation(
        period=period, unit=unit, values=values, statuses=statuses
    )
