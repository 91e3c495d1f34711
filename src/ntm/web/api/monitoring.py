"""API routes of monitoring indicators and funds (issue #12): the same selectors and services
as the pages, scoped the same way. Registered on ``api`` by import (``ntm.web.api.api``)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Path, Query, Schema

from ntm.domain.monitoring import MonitoringCatalogue, MonitoringValue
from ntm.io.errors import ImportFailed
from ntm.problems import Problem
from ntm.web.api.api import api
from ntm.web.api.schemas import Message, ProblemsOut
from ntm.web.assessments.access import get_commune, get_period, request_scope
from ntm.web.monitoring.funds import fund_rows
from ntm.web.monitoring.selectors import catalogue_of, readable_communes, rollup_rows, value_table
from ntm.web.monitoring.services import values_save

Id = Path(..., ge=1, le=2**31 - 1)
DENIED: dict[int, Any] = {401: Message, 403: Message, 404: Message}


class IndicatorRollupOut(Schema):
    code: str
    name: str
    unit: str
    group: str
    level: str
    rollup: str
    value: float | None
    units_counted: int
    units_missing: int


class MonitoringOut(Schema):
    catalogue: str
    years: list[int]
    indicators: list[IndicatorRollupOut]


class MonitoringValueOut(Schema):
    year: int
    indicator: str
    value: float


class MonitoringValuesIn(Schema):
    year: int
    values: dict[str, float]


class MonitoringSavedOut(Schema):
    changed: int


class FundOut(Schema):
    place: str
    period: str
    source: str
    name: str
    plan: float | None
    allocated: float | None
    disbursed: float | None


@api.get(
    "/periods/{period_id}/monitoring", response={200: MonitoringOut, **DENIED}, tags=["monitoring"]
)
def period_monitoring(
    request: HttpRequest, period_id: int = Id, first: int | None = Query(None)
) -> Any:
    """Every indicator rolled up over the communes the user may read (``first``: the first year
    a flow is summed from; default the period's year)."""
    period = get_period(request, period_id)
    codes = [u.code for u in readable_communes(period=period, scope=request_scope(request))]
    years = (first or period.year, period.year)
    groups = rollup_rows(period=period, communes=codes, years=years)
    rows = [
        IndicatorRollupOut(
            code=r.indicator.code,
            name=r.indicator.name,
            unit=r.indicator.unit,
            group=r.indicator.group,
            level=r.indicator.level,
            rollup=r.indicator.rollup,
            value=r.result.value,
            units_counted=r.result.units_counted,
            units_missing=len(r.result.missing),
        )
        for _, members in groups
        for r in members
    ]
    return {"catalogue": catalogue_of(period).code, "years": list(years), "indicators": rows}


@api.get(
    "/periods/{period_id}/communes/{unit_id}/monitoring",
    response={200: list[MonitoringValueOut], **DENIED},
    tags=["monitoring"],
)
def commune_monitoring(request: HttpRequest, period_id: int = Id, unit_id: int = Id) -> Any:
    period = get_period(request, period_id)
    unit = get_commune(request, period, unit_id)
    table = value_table(period=period, unit_codes=[unit.code])
    catalogue = catalogue_of(period)
    return [
        {"year": y, "indicator": i.code, "value": v}
        for i in catalogue.indicators
        for y, v in sorted(table.years_of(unit.code, i.code, (0, 9999)).items())
    ]


def _checked(
    catalogue: MonitoringCatalogue, unit_code: str, body: MonitoringValuesIn
) -> list[MonitoringValue]:
    problems = []
    for code, value in body.values.items():
        ind = catalogue.get(code)
        if ind is None or not ind.entered or ind.level != "commune":
            message = f"chỉ tiêu «{code}» không nhập được cho xã (danh mục {catalogue.code})"
        elif value < 0 or (ind.unit == "%" and value > 100):
            message = f"giá trị {value} của «{code}» không hợp lệ"
        else:
            continue
        problems.append(Problem("API", message, column=code))
    if problems:
        raise ImportFailed(problems)
    return [MonitoringValue(unit_code, body.year, c, v) for c, v in body.values.items()]


@api.put(
    "/periods/{period_id}/communes/{unit_id}/monitoring",
    response={200: MonitoringSavedOut, 400: ProblemsOut | Message, **DENIED},
    tags=["monitoring"],
)
def commune_monitoring_save(
    request: HttpRequest, body: MonitoringValuesIn, period_id: int = Id, unit_id: int = Id
) -> Any:
    period = get_period(request, period_id)
    unit = get_commune(request, period, unit_id)
    if not request_scope(request).can_write_any(unit, period):
        raise PermissionDenied
    values = _checked(catalogue_of(period), unit.code, body)
    changes = values_save(
        user=request.user, period=period, values=values, names={unit.code: unit.name}, channel="api"
    )
    return {"changed": len(changes)}


@api.get("/periods/{period_id}/funds", response={200: list[FundOut], **DENIED}, tags=["monitoring"])
def period_funds(request: HttpRequest, period_id: int = Id) -> Any:
    period = get_period(request, period_id)
    communes = readable_communes(period=period, scope=request_scope(request))
    return [
        FundOut(
            place=r.unit_name,
            period=r.span,
            source=r.source,
            name=r.name,
            plan=r.plan,
            allocated=r.allocated,
            disbursed=r.disbursed,
        )
        for r in fund_rows(period=period, communes=communes)
    ]
