"""What the commune page shows: the sheet with its form fields, and the form's initial data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from ntm import formatting
from ntm.web.assessments.access import request_scope
from ntm.web.assessments.commune_table import commune_table
from ntm.web.assessments.evidence import evidence_add
from ntm.web.assessments.forms import CommuneValuesForm, EvidenceForm
from ntm.web.assessments.models import Assessment, CriterionStatus, Evidence, IndicatorValue
from ntm.web.assessments.selectors import commune_sheet
from ntm.web.assessments.services import StaleAssessment, assessment_save
from ntm.web.assessments.templatetags.ntm_tags import status_class
from ntm.web.readmodel.inputs import commune_judge
from ntm.web.recognition.period_log import period_notice


@dataclass(frozen=True)
class CommuneRows:
    """The commune's stored rows, read once for the form, the engine and the sheet."""

    values: dict[str, float | None]
    comments: dict[str, str]
    statuses: dict[int, int | None]


def commune_rows(assessment: Assessment) -> CommuneRows:
    if assessment.pk is None:  # nothing stored yet (the row is made by the first save)
        return CommuneRows({}, {}, {})
    values: dict[str, float | None] = {}
    comments: dict[str, str] = {}
    for code, value, comment in IndicatorValue.objects.filter(assessment=assessment).values_list(
        "indicator", "value", "comment"
    ):
        values[code], comments[code] = value, comment
    statuses: dict[int, int | None] = dict(
        CriterionStatus.objects.filter(assessment=assessment).values_list("criterion", "status")
    )
    return CommuneRows(values, comments, statuses)


def commune_initial(assessment: Assessment, rows: CommuneRows | None = None) -> dict[str, Any]:
    rows = rows if rows is not None else commune_rows(assessment)
    initial: dict[str, Any] = {"version": assessment.version}
    for code, value in rows.values.items():
        if value is not None:
            initial[f"ind-{code}"] = formatting.number(value)
    for code, comment in rows.comments.items():
        initial[f"cmt-{code}"] = comment
    for number, status in rows.statuses.items():
        initial[f"tc-{number}"] = str(status)
    return initial


def sheet_with_fields(sheet: list, form: CommuneValuesForm) -> list[dict[str, Any]]:
    """The sheet's rows with their form fields, and each status as the page shows it."""
    out = []
    for crit in sheet:
        indicators = [
            {"row": ind, "dom": ind.code.replace(".", "_"), "field": form[f"ind-{ind.code}"],
             "comment": form[f"cmt-{ind.code}"], "css": status_class(ind.status),
             "status_vi": ind.status_vi, "errors": form[f"ind-{ind.code}"].errors}
            for ind in crit.indicators
        ]  # fmt: skip
        out.append({"row": crit, "field": form[f"tc-{crit.number}"], "indicators": indicators,
                    "css": status_class(crit.status), "status_vi": crit.status_vi})  # fmt: skip
    return out


def render_commune(
    request: HttpRequest,
    assessment: Assessment,
    form: CommuneValuesForm,
    *,
    rows: CommuneRows | None = None,
    stale: StaleAssessment | None = None,
    status: int = 200,
) -> HttpResponse:
    period, unit = assessment.period, assessment.unit
    rows = rows if rows is not None else commune_rows(assessment)
    evaluation = commune_judge(period=period, unit=unit, values=rows.values, statuses=rows.statuses)
    sheet = commune_sheet(
        period=period, unit=unit, evaluation=evaluation, comments=rows.comments,
        given=rows.statuses,
    )  # fmt: skip
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
        "table": commune_table(
            request, period=period, sheet=sheet_with_fields(sheet, form), bound=form.is_bound
        ),
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


def form_save(request: HttpRequest, assessment: Assessment, form: CommuneValuesForm) -> None:
    """Save a valid values form (commune page, province page) and say what was written; a
    stale version raises ``StaleAssessment`` for the page to show beside the form."""
    changes = assessment_save(
        user=request.user, scope=request_scope(request), assessment=assessment,
        version=form.cleaned_data["version"], values=form.indicator_values(),
        statuses=form.statuses(), comments=form.comments(), channel="form",
    )  # fmt: skip
    if changes:
        messages.success(request, _("Đã lưu %(n)d thay đổi.") % {"n": len(changes)})
    else:
        messages.info(request, _("Không có thay đổi nào: không có gì được ghi."))


def evidence_post(request: HttpRequest, assessment: Assessment) -> None:
    """Attach the posted evidence file (commune page, province page) and say how it went."""
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Chưa chọn tệp minh chứng."))
        return
    try:
        evidence_add(
            user=request.user, scope=request_scope(request), assessment=assessment,
            upload=form.cleaned_data["file"], indicator=form.cleaned_data["indicator"],
        )  # fmt: skip
        messages.success(request, _("Đã tải lên minh chứng."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
