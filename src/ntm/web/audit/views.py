"""The audit trail per commune and per indicator; ``?export=xlsx`` gives the same rows as a file."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ntm.web.assessments.access import get_period, get_unit, request_scope
from ntm.web.assessments.selectors import period_communes
from ntm.web.audit.display import audit_rows
from ntm.web.audit.export import audit_xlsx_response
from ntm.web.audit.selectors import audit_for_indicator, audit_for_unit


@login_required
def audit_commune(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_unit(request, unit_id)
    entries = audit_for_unit(unit=unit)
    if request.GET.get("export") == "xlsx":
        return audit_xlsx_response(entries, f"nhat-ky-{unit.code}.xlsx")
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    context = {"title": unit.name, "page": page, "rows": audit_rows(page), "unit": unit}
    return render(request, "audit/list.html", context)


@login_required
def audit_indicator(request: HttpRequest, period_id: int, code: str) -> HttpResponse:
    period = get_period(request, period_id)
    units = period_communes(period=period, scope=request_scope(request))
    entries = audit_for_indicator(period_id=period.pk, target=code, units=units)
    if request.GET.get("export") == "xlsx":
        return audit_xlsx_response(entries, f"nhat-ky-{period.year}-{code}.xlsx")
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    context = {"title": f"{period.province_name} {period.year} — {code}", "page": page,
               "rows": audit_rows(page), "period": period}  # fmt: skip
    return render(request, "audit/list.html", context)
