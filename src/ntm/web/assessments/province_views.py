"""The province office's page for its province-level period (Annex III of Decision 51/2025):
the commune page's machinery — the same form built from the set, the same save service with its
version check and audit, evidence — for the one unit of level province.

The indicators derived from the communes (the share of communes recognised) have no field: they
are shown read-only with their source, and a value posted for them is ignored, so the page can
never store a figure the national view would not use.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ntm.domain.criteria import CriteriaSet
from ntm.domain.province import share_codes
from ntm.web.assessments.access import get_period, request_scope, require_write
from ntm.web.assessments.forms import CommuneValuesForm
from ntm.web.assessments.models import Assessment, Evidence, Period
from ntm.web.assessments.pages import commune_initial, evidence_post, form_save
from ntm.web.assessments.selectors import commune_sheet, cset_of
from ntm.web.assessments.services import StaleAssessment, assessment_find
from ntm.web.readmodel.province_own import (
    CommuneSource,
    commune_source,
    is_province_level,
    province_evaluation,
    province_unit,
)
from ntm.web.recognition.period_log import period_notice
from ntm.web.units.models import Unit


class ProvinceValuesForm(CommuneValuesForm):
    """The commune form without the derived indicators' fields (values and comments)."""

    def __init__(self, *args: Any, cset: CriteriaSet, **kwargs: Any):
        super().__init__(*args, cset=cset, **kwargs)
        self.derived = frozenset(share_codes(cset))
        for code in self.derived:
            del self.fields[f"ind-{code}"], self.fields[f"cmt-{code}"]

    def indicator_values(self) -> dict[str, float | None]:
        return {k: v for k, v in super().indicator_values().items() if k not in self.derived}

    def comments(self) -> dict[str, str]:
        return {k: v for k, v in super().comments().items() if k not in self.derived}

    def named_errors(self) -> list[str]:
        """Each bad value with the indicator it belongs to, for the list above the table."""
        out = []
        for ind in self.cset.indicators:
            for error in self.errors.get(f"ind-{ind.code}", ()):
                out.append(
                    _("Chỉ tiêu %(code)s (%(name)s): %(error)s")
                    % {"code": ind.code, "name": ind.name, "error": error}
                )
        return out


def _province(request: HttpRequest, period_id: int) -> tuple[Period, Unit]:
    """The province-level period (403 outside the scope, 404 for a commune period) and its
    province's unit (403 for a reader of communes only)."""
    period = get_period(request, period_id)
    unit = province_unit(period)
    if not is_province_level(period) or unit is None:
        raise Http404
    if not request_scope(request).can_read_unit(unit):
        raise PermissionDenied
    return period, unit


def _sheet(form: ProvinceValuesForm, rows: list) -> list[dict[str, Any]]:
    out = []
    for crit in rows:
        indicators = [
            {"row": ind, "derived": ind.code in form.derived, "dom": ind.code.replace(".", "_"),
             "field": None if ind.code in form.derived else form[f"ind-{ind.code}"],
             "comment": None if ind.code in form.derived else form[f"cmt-{ind.code}"]}
            for ind in crit.indicators
        ]  # fmt: skip
        out.append({"row": crit, "field": form[f"tc-{crit.number}"], "indicators": indicators})
    return out


def _render(request: HttpRequest, assessment: Assessment, form: ProvinceValuesForm, *,
            source: CommuneSource, stale: StaleAssessment | None = None,
            status: int = 200) -> HttpResponse:  # fmt: skip
    period, unit = assessment.period, assessment.unit
    evaluation = province_evaluation(period=period, unit=unit, source=source)
    can_write = request_scope(request).can_write_any(unit, period)
    if not can_write:  # a reader, or a closed or locked period: no input looks enabled
        for field in form.fields.values():
            field.disabled = True
    evidence = (
        Evidence.objects.filter(assessment=assessment).order_by("-uploaded_at")
        if assessment.pk
        else Evidence.objects.none()
    )
    context = {
        "period_notice": period_notice(period=period), "period": period, "unit": unit,
        "form": form, "named_errors": form.named_errors() if form.is_bound else [],
        "sheet": _sheet(form, commune_sheet(period=period, unit=unit, evaluation=evaluation)),
        "verdict": evaluation.unit_result(0)["eligible"], "source": source,
        "criteria_met": int(evaluation.criteria_met[0]),
        "criteria_total": len(evaluation.cset.criteria), "stale": stale, "can_write": can_write,
        "evidence": evidence,
    }  # fmt: skip
    return render(request, "assessments/province.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def province_level(request: HttpRequest, period_id: int) -> HttpResponse:
    period, unit = _province(request, period_id)
    assessment = assessment_find(unit=unit, period=period)  # a GET writes nothing
    source = commune_source(period=period)
    form = ProvinceValuesForm(request.POST or None, cset=cset_of(period.criteria_set),
                              initial=commune_initial(assessment))  # fmt: skip
    if request.method == "GET":
        return _render(request, assessment, form, source=source)
    require_write(request, unit, period)
    if not form.is_valid():
        return _render(request, assessment, form, source=source, status=400)
    try:
        form_save(request, assessment, form)
    except StaleAssessment as stale:
        return _render(request, assessment, form, source=source, stale=stale, status=409)
    return redirect("province-level", period_id=period.pk)


@login_required
@require_POST
def province_evidence(request: HttpRequest, period_id: int) -> HttpResponse:
    period, unit = _province(request, period_id)
    require_write(request, unit, period)
    evidence_post(request, assessment_find(unit=unit, period=period))
    return redirect("province-level", period_id=period.pk)


@login_required
@require_POST
def province_preview(request: HttpRequest, period_id: int) -> HttpResponse:
    """HTMX: the verdict and statuses the typed values would give, without saving anything."""
    period, unit = _province(request, period_id)
    form = ProvinceValuesForm(request.POST, cset=cset_of(period.criteria_set))
    form.is_valid()  # errors are shown beside their field; valid fields still count
    evaluation = province_evaluation(
        period=period, unit=unit, source=commune_source(period=period),
        values=form.indicator_values(), statuses=form.statuses(),
    )  # fmt: skip
    context = {
        "sheet": _sheet(form, commune_sheet(period=period, unit=unit, evaluation=evaluation)),
        "verdict": evaluation.unit_result(0)["eligible"],
        "criteria_met": int(evaluation.criteria_met[0]),
        "criteria_total": len(evaluation.cset.criteria),
    }  # fmt: skip
    return render(request, "assessments/_province_preview.html", context)
