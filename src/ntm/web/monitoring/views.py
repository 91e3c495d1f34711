"""Pages of monitoring indicators and funds, per period (the province and year of a period).

Reading: anyone who may read the period (figures over the communes they may read). Writing: a
commune's values by whoever may write that commune; province-level values, imports and funds by
the province's office (separation of duties, docs/workflow.md).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ntm.domain.monitoring import series
from ntm.io.errors import ImportFailed
from ntm.web.assessments.access import get_commune, get_period, request_scope, require_write
from ntm.web.assessments.forms import UploadForm
from ntm.web.assessments.models import Period
from ntm.web.monitoring.forms import FundForm, values_from_post
from ntm.web.monitoring.funds import funds_context
from ntm.web.monitoring.selectors import (
    catalogue_of,
    readable_communes,
    rollup_rows,
    value_table,
)
from ntm.web.monitoring.services import funds_save, values_save
from ntm.web.monitoring.transfer import funds_import, monitoring_import, monitoring_template

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _manage(request: HttpRequest, period: Period) -> None:
    if not request_scope(request).can_manage_period(period):
        raise PermissionDenied


@login_required
def overview(request: HttpRequest, period_id: int) -> HttpResponse:
    period = get_period(request, period_id)
    communes = readable_communes(period=period, scope=request_scope(request))
    codes = [u.code for u in communes]
    first = min(catalogue_of(period).period[0], period.year)
    groups = rollup_rows(period=period, communes=codes, years=(period.year, period.year))
    flows = rollup_rows(period=period, communes=codes, years=(first, period.year))
    context = {
        "period": period,
        "groups": groups,
        "flows": dict(flows),
        "first": first,
        "communes": communes,
        "catalogue": catalogue_of(period),
        "can_manage": request_scope(request).can_manage_period(period),
    }
    return render(request, "monitoring/overview.html", context)


@login_required
def indicator(request: HttpRequest, period_id: int, code: str) -> HttpResponse:
    """One indicator's roll-up year by year, and each commune's value of the period's year."""
    period = get_period(request, period_id)
    catalogue = catalogue_of(period)
    ind = catalogue.get(code)
    if ind is None:
        raise Http404
    communes = readable_communes(period=period, scope=request_scope(request))
    codes = [u.code for u in communes]
    table = value_table(period=period, unit_codes=codes)
    years = list(range(catalogue.period[0] - 1, max(catalogue.period[1], period.year) + 1))
    rows = series(
        catalogue, table, code, communes=codes, province_code=period.province_code, years=years
    )
    per_commune = [(u, table.latest(u.code, code, (period.year, period.year))) for u in communes]
    context = {"period": period, "ind": ind, "series": rows, "per_commune": per_commune}
    return render(request, "monitoring/indicator.html", context)


def _unit_page(
    request: HttpRequest, period: Period, code: str, name: str, level: str, can_write: bool
) -> HttpResponse:
    catalogue = catalogue_of(period)
    indicators = [i for i in catalogue.indicators if i.entered and i.level == level]
    problems: list[str] = []
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied
        values, problems = values_from_post(request.POST, indicators, code, period.year)
        if not problems:
            changes = values_save(
                user=request.user, period=period, values=values, names={code: name}
            )
            messages.success(request, _("Đã lưu %(n)d thay đổi.") % {"n": len(changes)})
            return redirect(request.path)
    table = value_table(period=period, unit_codes=[code])
    years = table.years() or [period.year]
    rows = [
        (
            i,
            table.latest(code, i.code, (period.year, period.year)),
            [table.latest(code, i.code, (y, y)) for y in years],
        )
        for i in indicators
    ]
    context = {
        "period": period,
        "code": code,
        "name": name,
        "rows": rows,
        "years": years,
        "can_write": can_write,
        "problems": problems,
    }
    return render(request, "monitoring/unit.html", context, status=400 if problems else 200)


@login_required
@require_http_methods(["GET", "POST"])
def commune(request: HttpRequest, period_id: int, unit_id: int) -> HttpResponse:
    period = get_period(request, period_id)
    unit = get_commune(request, period, unit_id)
    if request.method == "POST":
        require_write(request, unit, period)
    can_write = request_scope(request).can_write_any(unit, period)
    return _unit_page(request, period, unit.code, unit.name, "commune", can_write)


@login_required
@require_http_methods(["GET", "POST"])
def province(request: HttpRequest, period_id: int) -> HttpResponse:
    period = get_period(request, period_id)
    if request.method == "POST":
        _manage(request, period)
    can_write = request_scope(request).can_manage_period(period)
    name = period.province_name
    return _unit_page(request, period, period.province_code, name, "province", can_write)


@login_required
@require_http_methods(["GET", "POST"])
def import_values(request: HttpRequest, period_id: int) -> HttpResponse:
    return _import(request, period_id, "values")


@login_required
@require_http_methods(["GET", "POST"])
def import_funds(request: HttpRequest, period_id: int) -> HttpResponse:
    return _import(request, period_id, "funds")


def _import(request: HttpRequest, period_id: int, what: str) -> HttpResponse:
    period = get_period(request, period_id)
    _manage(request, period)
    form = UploadForm(request.POST or None, request.FILES or None)
    context = {"period": period, "form": form, "what": what}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        communes = readable_communes(period=period, scope=request_scope(request))
        run = monitoring_import if what == "values" else funds_import
        try:
            changes = run(
                user=request.user,
                period=period,
                communes=communes,
                filename=upload.name,
                content=upload.read(),
            )
        except ImportFailed as failed:
            context["problems"] = failed.problems
            return render(request, "monitoring/import.html", context, status=400)
        messages.success(request, _("Đã nhập %(n)d thay đổi.") % {"n": len(changes)})
        return redirect("monitoring" if what == "values" else "funds", period_id=period.pk)
    return render(request, "monitoring/import.html", context, status=400 if form.errors else 200)


@login_required
def template(request: HttpRequest, period_id: int) -> HttpResponse:
    period = get_period(request, period_id)
    communes = readable_communes(period=period, scope=request_scope(request))
    response = HttpResponse(
        monitoring_template(period=period, communes=communes), content_type=XLSX
    )
    name = f"ntm-theo-doi-{period.province_code}-{period.year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def funds(request: HttpRequest, period_id: int) -> HttpResponse:
    period = get_period(request, period_id)
    scope = request_scope(request)
    communes = readable_communes(period=period, scope=scope)
    form = FundForm(request.POST or None, period=period, communes=communes)
    if request.method == "POST":
        _manage(request, period)
        if form.is_valid():
            names = {u.code: u.name for u in communes}
            names[period.province_code] = period.province_name
            changes = funds_save(user=request.user, period=period, funds=[form.fund()], names=names)
            messages.success(request, _("Đã lưu %(n)d thay đổi.") % {"n": len(changes)})
            return redirect("funds", period_id=period.pk)
    context = funds_context(period=period, communes=communes)
    context.update(form=form, can_manage=scope.can_manage_period(period))
    return render(request, "monitoring/funds.html", context, status=400 if form.errors else 200)
