"""The office's pages under a period: plan targets with their progress, and the report it sends
(settings and narrative sections). Reading: whoever may read the period. Writing: the
province's office (docs/workflow.md), as every province-wide entry."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ntm.domain.measures import MEASURE_REGISTRY, PARAMETER_NAMES
from ntm.monitoring import catalogue_for_year
from ntm.reports.fields import DESCRIPTIONS
from ntm.reports.settings import SECTIONS
from ntm.web.assessments.access import get_period, request_scope
from ntm.web.assessments.models import Period
from ntm.web.audit.display import audit_rows
from ntm.web.plans import services
from ntm.web.plans.forms import SectionForm, SettingForm, TargetForm
from ntm.web.plans.models import NarrativeSection, ReportSetting
from ntm.web.plans.target_changes import target_create, target_history, target_remove
from ntm.web.public.selectors import Rollups, target_rows


def _can_manage(request: HttpRequest, period: Period) -> bool:
    return request_scope(request).can_manage_period(period)


@login_required
@require_http_methods(["GET", "POST"])
def targets(request: HttpRequest, period_id: int) -> HttpResponse:
    period = get_period(request, period_id)
    can_manage = _can_manage(request, period)
    form = TargetForm(request.POST or None, initial={"baseline_year": period.year})
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            target_create(period=period, data=form.cleaned_data, user=request.user)
            messages.success(request, _("Đã thêm chỉ tiêu kế hoạch."))
            return redirect("plan-targets", period_id=period.pk)
    rows = target_rows(regime=period.regime, province_code=period.province_code, rollups=Rollups())
    context = {
        "period": period,
        "rows": rows,
        "form": form,
        "can_manage": can_manage,
        "measures": MEASURE_REGISTRY.values(),
        "parameter_names": PARAMETER_NAMES,
        "history": audit_rows(target_history(period=period)),
    }
    return render(request, "plans/targets.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def target_delete_view(request: HttpRequest, period_id: int, target_id: int) -> HttpResponse:
    period = get_period(request, period_id)
    if not _can_manage(request, period):
        raise PermissionDenied
    if target_remove(period=period, target_id=target_id, user=request.user):
        messages.success(request, _("Đã xóa chỉ tiêu kế hoạch."))
    return redirect("plan-targets", period_id=period.pk)


def _setting_initial(period: Period) -> dict[str, object]:
    row = ReportSetting.objects.filter(period=period).first()
    if row is None:
        return {"issuer": "tinh_uy"}
    names = ("issuer", "number", "place", "date", "title", "signer_title", "signer", "recipients")
    return {name: getattr(row, name) for name in names}


def _section_forms(
    period: Period, codes: set[str]
) -> list[tuple[str, SectionForm, NarrativeSection | None]]:
    stored = {s.section: s for s in NarrativeSection.objects.filter(period=period)}
    out = []
    for key, heading in SECTIONS.items():
        row = stored.get(key)
        initial = {
            "section": key,
            "text": row.text if row else "",
            "state": row.state if row else "draft",
        }
        form = SectionForm(initial=initial, prefix=key, indicator_codes=codes)
        out.append((heading, form, row))
    return out


@login_required
@require_http_methods(["GET", "POST"])
def office_report(request: HttpRequest, period_id: int) -> HttpResponse:
    """The report's settings and the office's sections; POST saves one of them."""
    period = get_period(request, period_id)
    can_manage = _can_manage(request, period)
    codes = {i.code for i in catalogue_for_year(period.year).indicators}
    setting_form = SettingForm(initial=_setting_initial(period))
    sections = _section_forms(period, codes)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if request.POST.get("action") == "settings":
            setting_form = SettingForm(request.POST)
            if setting_form.is_valid():
                services.setting_save(
                    period=period, data=setting_form.cleaned_data, user=request.user
                )
                messages.success(request, _("Đã lưu thiết lập báo cáo."))
                return redirect("office-report", period_id=period.pk)
        else:
            key = request.POST.get("section", "")
            form = SectionForm(request.POST, prefix=key, indicator_codes=codes)
            if key in SECTIONS and form.is_valid():
                data = form.cleaned_data
                services.section_save(
                    period=period,
                    section=data["section"],
                    text=data["text"],
                    state=data["state"],
                    user=request.user,
                )
                messages.success(request, _("Đã lưu mục %(name)s.") % {"name": SECTIONS[key]})
                return redirect("office-report", period_id=period.pk)
            sections = [(h, form if f.prefix == key else f, r) for h, f, r in sections]
    failed = request.method == "POST"
    context = {
        "period": period,
        "can_manage": can_manage,
        "setting_form": setting_form,
        "sections": sections,
        "fields": sorted(DESCRIPTIONS.items()),
    }
    return render(request, "plans/office_report.html", context, status=400 if failed else 200)
