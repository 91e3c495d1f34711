"""Pages of periods and communes: plain functions, an access-checking fetch, a form, redirect."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ntm.domain.rollup import rollup
from ntm.web.assessments.access import (
    get_commune,
    get_evidence,
    get_period,
    request_scope,
    require_write,
)
from ntm.web.assessments.forms import CommuneValuesForm, PeriodStateForm
from ntm.web.assessments.pages import (
    commune_initial,
    commune_rows,
    evidence_post,
    form_save,
    render_commune,
    sheet_with_fields,
)
from ntm.web.assessments.selectors import (
    commune_sheet,
    cset_of,
    period_communes,
    period_evaluation,
    unit_evaluation,
)
from ntm.web.assessments.services import (
    StaleAssessment,
    assessment_find,
    period_state_set,
)
from ntm.web.readmodel.scopes import periods_key, readable_periods


@login_required
def home(request: HttpRequest) -> HttpResponse:
    scope = request_scope(request)
    # The periods are a lazy query: the template's cached fragment (keyed by the scope and the
    # periods' data version) reads them only when the list changed.
    context = {"periods": readable_periods(scope=scope), "periods_key": periods_key(scope),
               "cache_seconds": settings.NTM_DASHBOARD_CACHE_SECONDS}  # fmt: skip
    return render(request, "assessments/home.html", context)


@login_required
def period_detail(request: HttpRequest, period_id: int) -> HttpResponse:
    period = get_period(request, period_id)
    units = list(period_communes(period=period, scope=request_scope(request)))
    evaluation = period_evaluation(period=period, units=units)
    rows = [
        {"unit": u, "met": int(evaluation.criteria_met[i]), "all": bool(evaluation.all_met[i])}
        for i, u in enumerate(units)
    ]
    summary = rollup(evaluation).as_dict() if units else None
    context = {"period": period, "rows": rows, "summary": summary, "state_form": PeriodStateForm(),
               "can_manage": request_scope(request).can_manage_period(period),
               "can_import": request_scope(request).can_import(period),
               # The funding what-if is the offices' tool (plans/funding_views.py).
               "can_plan_funding": request_scope(request).can_manage_period(period)
               or request_scope(request).read_all,
               "pilot": evaluation.pilot}  # fmt: skip
    return render(request, "assessments/period.html", context)


@login_required
@require_POST
def period_state(request: HttpRequest, period_id: int) -> HttpResponse:
    period = get_period(request, period_id)
    form = PeriodStateForm(request.POST)
    if form.is_valid():
        period_state_set(
            scope=request_scope(request), period=period, state=form.cleaned_data["state"],
            user=request.user,
        )  # fmt: skip
        messages.success(request, _("Đã cập nhật trạng thái kỳ đánh giá."))
    return redirect("period", period_id=period.pk)


@login_required
@require_http_methods(["GET", "POST"])
def commune(request: HttpRequest, period_id: int, unit_id: int) -> HttpResponse:
    period = get_period(request, period_id)
    unit = get_commune(request, period, unit_id)
    if unit.level == "province":  # its own page: the share of communes is derived, not entered
        return redirect("province-level", period_id=period.pk)
    assessment = assessment_find(unit=unit, period=period)  # a GET writes nothing
    cset = cset_of(period.criteria_set)
    rows = commune_rows(assessment)  # read once: the form, the engine and the sheet share them
    form = CommuneValuesForm(
        request.POST or None, cset=cset, initial=commune_initial(assessment, rows)
    )
    if request.method == "GET":
        return render_commune(request, assessment, form, rows=rows)
    if not form.is_valid():
        return render_commune(request, assessment, form, rows=rows, status=400)
    try:
        form_save(request, assessment, form)
    except StaleAssessment as stale:
        return render_commune(request, assessment, form, stale=stale, status=409)
    return redirect("commune", period_id=period.pk, unit_id=unit.pk)


@login_required
@require_POST
def commune_preview(request: HttpRequest, period_id: int, unit_id: int) -> HttpResponse:
    """HTMX: the statuses the typed values would give, without saving anything."""
    period = get_period(request, period_id)
    unit = get_commune(request, period, unit_id)
    form = CommuneValuesForm(request.POST, cset=cset_of(period.criteria_set))
    form.is_valid()  # errors are shown beside their field; valid fields still count
    evaluation = unit_evaluation(
        period=period, unit=unit, values=form.indicator_values(), statuses=form.statuses()
    )
    sheet = sheet_with_fields(commune_sheet(period=period, unit=unit, evaluation=evaluation), form)
    context = {"sheet": sheet, "criteria_met": int(evaluation.criteria_met[0]),
               "criteria_total": len(evaluation.cset.criteria), "form": form}  # fmt: skip
    return render(request, "assessments/_preview.html", context)


@login_required
@require_POST
def evidence_upload(request: HttpRequest, period_id: int, unit_id: int) -> HttpResponse:
    period = get_period(request, period_id)
    unit = get_commune(request, period, unit_id)
    require_write(request, unit, period)
    evidence_post(request, assessment_find(unit=unit, period=period))
    return redirect("commune", period_id=period.pk, unit_id=unit.pk)


INLINE_EVIDENCE = frozenset({"application/pdf", "image/jpeg", "image/png"})


@login_required
def evidence_download(request: HttpRequest, evidence_id: int) -> FileResponse:
    evidence = get_evidence(request, evidence_id)
    if evidence.file.name is None or not evidence.file.storage.exists(evidence.file.name):
        raise Http404
    # "?xem=1" (the reviewer's workspace) opens a PDF or a photo in the browser; other kinds,
    # which a browser might run or mis-render, are always downloaded.
    inline = request.GET.get("xem") == "1" and evidence.content_type in INLINE_EVIDENCE
    return FileResponse(
        evidence.file.open("rb"), as_attachment=not inline, filename=evidence.filename,
        content_type=evidence.content_type,
    )  # fmt: skip
