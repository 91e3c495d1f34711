"""What the commune page shows: the sheet with its form fields, and the form's initial data."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ntm import formatting
from ntm.web.assessments.access import request_scope
from ntm.web.assessments.forms import CommuneValuesForm
from ntm.web.assessments.models import Assessment, CriterionStatus, Evidence, IndicatorValue
from ntm.web.assessments.selectors import commune_sheet, unit_evaluation
from ntm.web.assessments.services import StaleAssessment
from ntm.web.recognition.period_log import period_notice


def commune_initial(assessment: Assessment) -> dict[str, Any]:
    initial: dict[str, Any] = {"version": assessment.version}
    if assessment.pk is None:  # nothing stored yet (the row is made by the first save)
        return initial
    for row in IndicatorValue.objects.filter(assessment=assessment):
        if row.value is not None:
            initial[f"ind-{row.indicator}"] = formatting.number(row.value)
        initial[f"cmt-{row.indicator}"] = row.comment
    for status in CriterionStatus.objects.filter(assessment=assessment):
        initial[f"tc-{status.criterion}"] = str(status.status)
    return initial


def sheet_with_fields(sheet: list, form: CommuneValuesForm) -> list[dict[str, Any]]:
    out = []
    for crit in sheet:
        indicators = [
            {"row": ind, "dom": ind.code.replace(".", "_"), "field": form[f"ind-{ind.code}"],
             "comment": form[f"cmt-{ind.code}"]}
            for ind in crit.indicators
        ]  # fmt: skip
        out.append({"row": crit, "field": form[f"tc-{crit.number}"], "indicators": indicators})
    return out


def render_commune(
    request: HttpRequest,
    assessment: Assessment,
    form: CommuneValuesForm,
    *,
    stale: StaleAssessment | None = None,
    status: int = 200,
) -> HttpResponse:
    period, unit = assessment.period, assessment.unit
    evaluation = unit_evaluation(period=period, unit=unit)
    sheet = commune_sheet(period=period, unit=unit, evaluation=evaluation)
    can_write = request_scope(request).can_write_any(unit, period)
    if not can_write:  # a reader, or a closed or locked period: no input looks enabled
        for field in form.fields.values():
            field.disabled = True
    context = {
        "period_notice": period_notice(period=period),
        "period": period,
        "unit": unit,
        "assessment": assessment,
        "form": form,
        "sheet": sheet_with_fields(sheet, form),
        "criteria_met": int(evaluation.criteria_met[0]),
        "criteria_total": len(evaluation.cset.criteria),
        "pilot": evaluation.pilot,
        "eligible": evaluation.unit_result(0)["eligible"],
        "stale": stale,
        "evidence": (
            Evidence.objects.filter(assessment=assessment).order_by("-uploaded_at")
            if assessment.pk
            else Evidence.objects.none()
        ),
        "can_write": can_write,
    }
    return render(request, "assessments/commune.html", context, status=status)
