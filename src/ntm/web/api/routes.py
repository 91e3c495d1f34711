"""API routes: thin handlers over the same selectors and services as the pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Path, Query

from ntm.domain.rollup import rollup
from ntm.io.bundle import commune_json, evaluation_json
from ntm.web.api.api import api
from ntm.web.api.schemas import (
    CommuneEvaluationOut,
    ConflictOut,
    CriteriaSetDetail,
    CriteriaSetOut,
    EvaluationOut,
    Message,
    PeriodOut,
    PeriodRollupOut,
    ProblemsOut,
    SavedOut,
    UnitOut,
    ValuesIn,
    ValuesOut,
)
from ntm.web.api.values import comments_in, values_in, values_out
from ntm.web.assessments.access import get_commune, get_period, get_unit, request_scope
from ntm.web.assessments.models import CriteriaSetRecord
from ntm.web.assessments.report import period_report_zip
from ntm.web.assessments.selectors import (
    period_communes,
    period_evaluation,
    period_list,
    unit_evaluation,
)
from ntm.web.assessments.services import assessment_find, assessment_save
from ntm.web.units.selectors import unit_list

Id = Path(..., ge=1, le=2**31 - 1)
DENIED: dict[int, Any] = {401: Message, 403: Message, 404: Message}


def _period_out(p: Any) -> dict[str, Any]:
    return {
        "id": p.pk, "regime": p.regime, "province_code": p.province_code,
        "province_name": p.province_name, "year": p.year, "state": p.state,
        "criteria_set_id": p.criteria_set_id, "criteria_set_code": p.criteria_set.code,
    }  # fmt: skip


@api.get("/units", response={200: list[UnitOut], **DENIED}, tags=["units"])
def units(
    request: HttpRequest,
    regime: str | None = None,
    province: str | None = Query(None, max_length=2),
    limit: int = Query(500, ge=1, le=5000),
    offset: int = Query(0, ge=0, le=10**6),
) -> Any:
    rows = unit_list(scope=request_scope(request), regime=regime, province=province)
    return [u.as_api() for u in rows[offset : offset + limit]]


@api.get("/units/{unit_id}", response={200: UnitOut, **DENIED}, tags=["units"])
def unit_detail(request: HttpRequest, unit_id: int = Id) -> Any:
    return get_unit(request, unit_id).as_api()


@api.get("/criteria-sets", response={200: list[CriteriaSetOut], **DENIED}, tags=["criteria"])
def criteria_sets(request: HttpRequest) -> Any:
    return list(CriteriaSetRecord.objects.order_by("code", "-loaded_at"))


@api.get("/criteria-sets/{set_id}", response={200: CriteriaSetDetail, **DENIED}, tags=["criteria"])
def criteria_set_detail(request: HttpRequest, set_id: int = Id) -> Any:
    return get_object_or_404(CriteriaSetRecord, pk=set_id)


@api.get("/periods", response={200: list[PeriodOut], **DENIED}, tags=["periods"])
def periods(request: HttpRequest) -> Any:
    return [_period_out(p) for p in period_list(scope=request_scope(request))]


@api.get(
    "/periods/{period_id}/evaluation", response={200: EvaluationOut, **DENIED}, tags=["evaluation"]
)
def period_evaluation_route(request: HttpRequest, period_id: int = Id) -> Any:
    period = get_period(request, period_id)
    units = list(period_communes(period=period, scope=request_scope(request)))
    return evaluation_json(period_evaluation(period=period, units=units))


@api.get(
    "/periods/{period_id}/rollup", response={200: PeriodRollupOut, **DENIED}, tags=["evaluation"]
)
def period_rollup(request: HttpRequest, period_id: int = Id) -> Any:
    period = get_period(request, period_id)
    units = list(period_communes(period=period, scope=request_scope(request)))
    evaluation = period_evaluation(period=period, units=units)
    return {"period": _period_out(period), **rollup(evaluation).as_dict()}


@api.get(
    "/periods/{period_id}/communes/{unit_id}/evaluation",
    response={200: CommuneEvaluationOut, **DENIED},
    tags=["evaluation"],
)
def commune_evaluation(request: HttpRequest, period_id: int = Id, unit_id: int = Id) -> Any:
    period = get_period(request, period_id)
    unit = get_commune(request, period, unit_id)
    return commune_json(unit_evaluation(period=period, unit=unit), 0)


@api.get(
    "/periods/{period_id}/communes/{unit_id}/values",
    response={200: ValuesOut, **DENIED},
    tags=["values"],
)
def commune_values(request: HttpRequest, period_id: int = Id, unit_id: int = Id) -> Any:
    period = get_period(request, period_id)
    unit = get_commune(request, period, unit_id)
    return values_out(assessment_find(unit=unit, period=period))  # a read writes nothing


@api.put(
    "/periods/{period_id}/communes/{unit_id}/values",
    response={200: SavedOut, 400: ProblemsOut | Message, 409: ConflictOut, **DENIED},
    tags=["values"],
)
def commune_values_save(
    request: HttpRequest, body: ValuesIn, period_id: int = Id, unit_id: int = Id
) -> Any:
    period = get_period(request, period_id)
    unit = get_commune(request, period, unit_id)
    assessment = assessment_find(unit=unit, period=period)
    values, statuses = values_in(period, body)
    changes = assessment_save(
        user=request.user, scope=request_scope(request), assessment=assessment,
        version=body.version, values=values, statuses=statuses,
        comments=comments_in(period, body), channel="api",
    )  # fmt: skip
    changed = [{"kind": c.kind, "target": c.target, "old": c.old, "new": c.new} for c in changes]
    return {"version": assessment.version, "changes": changed}


@api.get(
    "/periods/{period_id}/report",
    response={200: bytes, **DENIED},
    tags=["reports"],
    openapi_extra={
        "responses": {200: {"description": "Tệp zip", "content": {"application/zip": {}}}}
    },
)
def period_report(request: HttpRequest, period_id: int = Id) -> Any:
    """The four files of ``ntm report``, zipped: report.docx, phu-luc.xlsx, .json, .md."""
    period = get_period(request, period_id)
    content = period_report_zip(period=period, scope=request_scope(request))
    response = HttpResponse(content, content_type="application/zip")
    name = f"bao-cao-{period.province_code}-{period.year}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
