"""Dashboard pages: plain functions, an access-checking fetch, a form, and one view per page that
answers HTML or, with ``?export=xlsx``, the same table as a spreadsheet."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ntm.web.assessments.access import get_period, get_unit, request_scope
from ntm.web.assessments.models import Period
from ntm.web.dashboards.charts import subtitle
from ntm.web.dashboards.exports import TABLES, table_workbook, xlsx_response
from ntm.web.dashboards.figures import dashboard_figures
from ntm.web.dashboards.forecast import forecast_context
from ntm.web.dashboards.forms import SORT_CHOICES, DashboardFilterForm, MapUploadForm
from ntm.web.dashboards.geo import (
    MAP_MAX_BYTES,
    MapFileInvalid,
    choropleth,
    commune_map_get,
    commune_map_save,
    map_file_check,
    province_commune_codes,
)
from ntm.web.dashboards.history import commune_history, unit_successors
from ntm.web.dashboards.recognition import recognition_history
from ntm.web.dashboards.report import FILES, dashboard_report_file
from ntm.web.dashboards.selectors import dashboard_periods, province_dashboard
from ntm.web.readmodel.province_own import province_level_period

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "md": "text/markdown; charset=utf-8",  # kiem-tra.md: the checks, never in the report
}


def _period(
    request: HttpRequest, form: DashboardFilterForm, periods: list[Period] | None = None
) -> Period | None:
    """The period asked for (checked against the user's scope), else the latest they may read."""
    if form.value("period"):
        wanted = int(form.value("period"))
        # The readable periods are at hand already (with their sets): no second query.
        known = next((p for p in periods or () if p.pk == wanted), None)
        return known or get_period(request, wanted)
    if periods is None:
        periods = dashboard_periods(scope=request_scope(request))
    return periods[0] if periods else None


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    form = DashboardFilterForm(request.GET)
    scope = request_scope(request)
    periods = dashboard_periods(scope=scope)
    period = _period(request, form, periods)
    if period is None:
        return render(request, "dashboards/empty.html")
    flt = form.dashboard_filter()
    if form.value("export") == "xlsx":
        board = province_dashboard(period=period, scope=scope, flt=flt, periods=periods)
        table = TABLES[form.value("table") or "communes"]
        name = f"tong-hop-{period.province_code}-{period.year}-{table.key}.xlsx"
        return xlsx_response(table_workbook(table, board, subtitle(board)), name)
    figures = dashboard_figures(request=request, period=period, scope=scope, flt=flt,
                                periods=periods)  # fmt: skip
    context = {
        "figures": figures.html, "has_summary": figures.has_summary, "period": period,
        "form": form, "filter": flt, "subtitle": figures.subtitle, "periods": periods,
        "district_choices": figures.district_choices, "group_choices": figures.group_choices,
        "map": commune_map_get(period=period) if figures.has_summary else None,
        "can_manage": scope.can_manage_period(period), "query": request.GET.urlencode(),
        "mode": form.value("mode") or "criteria", "sort_choices": SORT_CHOICES,
        "province_level": province_level_period(periods, period),
    }  # fmt: skip
    if figures.has_summary and not (flt.district or flt.group):  # the whole province only
        context |= forecast_context(period=period, scope=scope, periods=periods,
                                   units=figures.scope_units)  # fmt: skip
    response = render(request, "dashboards/dashboard.html", context)
    # Whether the figures were judged for this request or kept from an earlier one with the
    # same data version (the load test counts them).
    response["X-Dashboard-Figures"] = "cached" if figures.cached else "judged"
    return response


@login_required
@require_GET
def dashboard_report(request: HttpRequest) -> HttpResponse:
    form = DashboardFilterForm(request.GET)
    kind = request.GET.get("format", "docx")
    period = _period(request, form)
    if period is None or kind not in FILES:
        raise Http404
    content = dashboard_report_file(
        period=period, scope=request_scope(request), district=form.value("district"), kind=kind
    )
    response = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    name = f"bao-cao-{period.province_code}-{period.year}-{FILES[kind]}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def map_data(request: HttpRequest) -> JsonResponse:
    form = DashboardFilterForm(request.GET)
    period = _period(request, form)
    stored = commune_map_get(period=period, features=True) if period else None
    if period is None or stored is None:
        raise Http404
    board = province_dashboard(period=period, scope=request_scope(request),
                               flt=form.dashboard_filter())  # fmt: skip
    mode = form.value("mode") or "criteria"
    return JsonResponse(
        choropleth(stored=stored, rows=board.rows, band_labels=board.band_labels, mode=mode)
    )


@login_required
@require_http_methods(["GET", "POST"])
def map_upload(request: HttpRequest) -> HttpResponse:
    period = _period(request, DashboardFilterForm(request.GET))
    if period is None or not request_scope(request).can_manage_period(period):
        raise PermissionDenied
    form = MapUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload, prop = form.cleaned_data["file"], form.cleaned_data["code_property"].strip()
        known = province_commune_codes(period=period)
        try:
            content = upload.read(MAP_MAX_BYTES + 1)
            checked = map_file_check(content=content, filename=upload.name, code_property=prop,
                                     known_codes=known, max_bytes=MAP_MAX_BYTES)  # fmt: skip
        except MapFileInvalid as exc:
            problems = exc.problems
        else:
            commune_map_save(scope=request_scope(request), period=period, user=request.user,
                             checked=checked, filename=upload.name, code_property=prop)  # fmt: skip
            messages.success(request, _("Đã lưu bản đồ: %(n)d xã có vùng, %(m)d xã chưa có.")
                             % {"n": len(checked.features), "m": len(checked.missing)})  # fmt: skip
            return redirect(reverse("dashboard") + f"?period={period.pk}#ban-do")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "period": period, "problems": problems,
               "map": commune_map_get(period=period)}  # fmt: skip
    return render(request, "dashboards/map_upload.html", context, status=status)


@login_required
@require_GET
def commune_page(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_unit(request, unit_id)
    histories = commune_history(unit=unit)
    context = {
        "unit": unit,
        "histories": histories,
        "successors": unit_successors(unit=unit),
        "recognition": recognition_history(units=[h.unit for h in histories]),
    }
    return render(request, "dashboards/commune.html", context)
