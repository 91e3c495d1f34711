"""The provincial reports' pages: the list with the upload form, a report beside ntm, its
original file, and its deletion (POST, after a confirmation page)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ntm.reports.reading.source import ReportUnreadable
from ntm.web.accounts.scope import Scope
from ntm.web.assessments.access import request_scope
from ntm.web.readings import services
from ntm.web.readings.forms import FilterForm, UploadForm, YearForm
from ntm.web.readings.models import ProvinceReport
from ntm.web.readings.selectors import report_comparison, report_views

LISTED = 100  # newest reports compared on the list; the filter finds the older ones


def _scope(request: HttpRequest) -> Scope:
    scope = request_scope(request)
    if not services.may_use(scope):
        raise PermissionDenied
    return scope


def _get_report(request: HttpRequest, report_id: int) -> tuple[Scope, ProvinceReport]:
    scope = _scope(request)
    report = get_object_or_404(ProvinceReport, pk=report_id)
    if not services.may_use_province(scope, report.regime, report.province_code):
        raise PermissionDenied
    return scope, report


def _upload(request: HttpRequest, scope: Scope, form: UploadForm) -> ProvinceReport | None:
    if not form.is_valid():
        return None
    try:
        return services.report_upload(
            user=request.user,
            scope=scope,
            province=form.chosen(),
            year=form.cleaned_data["year"],
            upload=form.cleaned_data["file"],
        )
    except ReportUnreadable as exc:
        form.add_error("file", str(exc))
    except ValidationError as exc:
        form.add_error("year", exc.messages)
    return None


@login_required
@require_http_methods(["GET", "POST"])
def report_list(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    provinces = services.provinces(scope=scope)
    form = UploadForm(request.POST or None, request.FILES or None, provinces=provinces)
    if request.method == "POST":
        regime, _sep, code = request.POST.get("province", "").partition(":")
        if code and not services.may_use_province(scope, regime, code):
            raise PermissionDenied  # another province's report: not this office's to give
        report = _upload(request, scope, form)
        if report is not None:
            messages.success(
                request, _("Đã tải lên và đọc báo cáo %(name)s.") % {"name": report.filename}
            )
            return redirect("reading", report_id=report.pk)
    filters = FilterForm(request.GET or None, provinces=provinces)
    reports = services.report_list(scope=scope)
    if filters.is_valid():
        if key := filters.cleaned_data["province"]:
            regime, _sep, code = key.partition(":")
            reports = reports.filter(regime=regime, province_code=code)
        if year := filters.cleaned_data["year"]:
            reports = reports.filter(year=year)
    views = report_views(reports[:LISTED])
    context = {"form": form, "filters": filters, "views": views, "listed": LISTED}
    status = 400 if request.method == "POST" else 200
    return render(request, "readings/list.html", context, status=status)


@login_required
@require_GET
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    report = _get_report(request, report_id)[1]
    return _detail(request, report, YearForm(initial={"year": report.year}))


def _detail(
    request: HttpRequest, report: ProvinceReport, form: YearForm, status: int = 200
) -> HttpResponse:
    view = report_comparison(report=report)
    context = {"view": view, "report": report, "year_form": form}
    return render(request, "readings/detail.html", context, status=status)


@login_required
@require_POST
def report_year(request: HttpRequest, report_id: int) -> HttpResponse:
    scope, report = _get_report(request, report_id)
    form = YearForm(request.POST)
    if not form.is_valid():
        return _detail(request, report, form, status=400)
    year = form.cleaned_data["year"]
    if services.report_year_set(user=request.user, scope=scope, report=report, year=year):
        messages.success(request, _("Đã đổi năm báo cáo thành %(year)s.") % {"year": year})
    return redirect("reading", report_id=report.pk)


@login_required
@require_GET
def report_file(request: HttpRequest, report_id: int) -> FileResponse:
    report = _get_report(request, report_id)[1]
    if not report.file.name or not report.file.storage.exists(report.file.name):
        raise Http404
    return FileResponse(
        report.file.open("rb"),
        as_attachment=True,
        filename=report.filename,
        content_type=report.content_type,
    )


@login_required
@require_POST
def report_delete_view(request: HttpRequest, report_id: int) -> HttpResponse:
    """The first POST asks to confirm; the POST with ``confirm=1`` deletes."""
    scope, report = _get_report(request, report_id)
    if request.POST.get("confirm") != "1":
        return render(request, "readings/confirm_delete.html", {"report": report})
    services.report_delete(user=request.user, scope=scope, report=report)
    messages.success(request, _("Đã xóa báo cáo %(name)s.") % {"name": report.filename})
    return redirect("readings")
