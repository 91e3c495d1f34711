"""The national view: every province of a year in one table, with the regions' averages.

For the central office and any user whose scope spans provinces. The figures come from the
read model (``readmodel.national``), kept per data version; the page sorts them and the same
column spec gives the spreadsheet (``?export=xlsx``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET

from ntm.domain.evaluation import MET, NOT_MET
from ntm.domain.rollup import vi_sort_key
from ntm.web.assessments.access import request_scope
from ntm.web.dashboards.exports import Column, Table, _avg, _pct, table_workbook, xlsx_response
from ntm.web.readmodel.national import NationalView, ProvinceLine, national_view
from ntm.web.readmodel.scopes import spans_provinces

SORTS: dict[str, tuple[Promise, Callable[[ProvinceLine], Any]]] = {  # key → (label, how)
    "name": (_lazy("Tỉnh"), lambda r: vi_sort_key(r.province_name)),
    "region": (_lazy("Vùng"), lambda r: (r.region, vi_sort_key(r.province_name))),
    "communes": (_lazy("Số xã"), lambda r: r.communes),
    "recognised": (_lazy("Đạt đủ tiêu chí"), lambda r: r.recognised),
    "share": (_lazy("Tỷ lệ đạt (%)"), lambda r: r.recognised / r.communes if r.communes else 0),
    "avg": (_lazy("Bình quân tiêu chí/xã"), lambda r: r.avg),
    "change": (_lazy("Thay đổi so với năm trước"),
               lambda r: r.recognised_change if r.recognised_change is not None else -10**9),
    "target": (_lazy("So với chỉ tiêu (%)"),
               lambda r: r.pct_of_target if r.pct_of_target is not None else -1.0),
}  # fmt: skip


def sorted_lines(view: NationalView, sort: str) -> list[ProvinceLine]:
    """``sort``: a key of SORTS, ``-`` first for descending; unknown keys sort by name."""
    key = sort.lstrip("-")
    if key not in SORTS:
        key, sort = "name", "name"
    how = SORTS[key][1]
    by_name = sorted(view.lines, key=lambda r: vi_sort_key(r.province_name))
    return sorted(by_name, key=how, reverse=sort.startswith("-"))


NATIONAL_TABLE = Table("provinces", _lazy("Kết quả theo tỉnh"), (
    Column(_lazy("Vùng"), lambda r: r.region, 9),
    Column(_lazy("Mã tỉnh"), lambda r: r.province_code, 8),
    Column(_lazy("Tỉnh"), lambda r: r.province_name, 22),
    Column(_lazy("Số xã"), lambda r: r.communes, 8, "0"),
    Column(_lazy("Đạt đủ tiêu chí"), lambda r: r.recognised, 10, "0"),
    Column(_lazy("Tỷ lệ đạt (%)"), lambda r: _pct(r.share), 10, "0.00"),
    Column(_lazy("Bình quân tiêu chí/xã"), lambda r: _avg(r.avg), 12, "0.0"),
    Column(_lazy("Dưới %(n)s tiêu chí"), lambda r: r.under, 10, "0"),
    Column(_lazy("Đạt đủ năm trước"), lambda r: r.previous_recognised, 10, "0"),
    Column(_lazy("Thay đổi"), lambda r: r.recognised_change, 9, "0"),
    Column(_lazy("Bình quân năm trước"),
           lambda r: None if r.previous_avg is None else _avg(r.previous_avg), 12, "0.0"),
    Column(_lazy("Chỉ tiêu kế hoạch (số xã đạt chuẩn)"), lambda r: r.target, 12, "0"),
    Column(_lazy("Năm chỉ tiêu"), lambda r: r.target_year, 8, "0"),
    Column(_lazy("So với chỉ tiêu (%)"), lambda r: _pct(r.pct_of_target), 12, "0.00"),
    # From 2026 (blank before): the province on the province-level set, and which set.
    Column(_lazy("Tỉnh hoàn thành nhiệm vụ NTM (Phụ lục III)"),
           lambda r: annex_label(r.annex_status), 16),
    Column(_lazy("Bộ tiêu chí cấp tỉnh"), lambda r: r.annex_set or None, 24),
), lambda v: v.sorted)  # fmt: skip


def annex_label(status: int | None) -> Promise | None:
    """The verdict in words: Đạt, Chưa đạt, Chưa xác định (a level or a value unknown)."""
    if status is None:
        return None
    return {MET: _lazy("Đạt"), NOT_MET: _lazy("Chưa đạt")}.get(status, _lazy("Chưa xác định"))


class _Sheet:
    """The view as ``table_workbook`` reads it: sorted rows and the line of "under N"."""

    def __init__(self, view: NationalView, rows: list[ProvinceLine], lagging: int) -> None:
        self.sorted, self.lagging, self.view = rows, lagging, view


@login_required
@require_GET
def national(request: HttpRequest) -> HttpResponse:
    scope = request_scope(request)
    if not spans_provinces(scope):
        raise PermissionDenied
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() else None
    view, kept = national_view(scope=scope, year=year)
    sort = request.GET.get("sort", "name")
    rows = sorted_lines(view, sort)
    if request.GET.get("export") == "xlsx":
        subtitle = _("Cả nước, năm %(year)s") % {"year": view.year}
        content = table_workbook(NATIONAL_TABLE, _Sheet(view, rows, view.lagging), subtitle)
        return xlsx_response(content, f"tong-hop-ca-nuoc-{view.year}.xlsx")
    context = {"view": view, "rows": rows, "sort": sort, "sorts": SORTS}
    response = render(request, "dashboards/national.html", context)
    response["X-Dashboard-Figures"] = "cached" if kept else "judged"
    return response
