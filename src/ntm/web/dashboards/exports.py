"""Every dashboard table as a spreadsheet, from one declarative column spec per table.

The page and the file read the same rows: the view computes the dashboard once with the request's
filters, then renders either the HTML table or ``?export=xlsx&table=…`` through ``TABLES``.
Numbers are written as numbers (Excel shows them in the reader's locale); averages keep one
decimal through the cell's number format, as on the page.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TypeAlias

from django.http import HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ntm.domain.rollup import round_half_up
from ntm.web.dashboards.selectors import Dashboard

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# What a column writes in a cell (int and bool are floats to mypy); lazy texts become str.
CellValue: TypeAlias = str | float | Decimal | date | None


@dataclass(frozen=True)
class Column:
    header: str | Promise
    value: Callable[[Any], CellValue | Promise]
    width: int = 12
    number_format: str | None = None


@dataclass(frozen=True)
class Table:
    key: str
    title: str | Promise
    columns: tuple[Column, ...]
    rows: Callable[[Any], Iterable[Any]]  # the rows of a Dashboard or a NationalView


def _avg(x: float) -> float:
    return round_half_up(x, 1)


def _pct(x: float | None) -> float | None:
    return None if x is None else round_half_up(x, 2)


_COMMUNE_COLUMNS: tuple[Column, ...] = (
    Column(_("Mã xã"), lambda r: r.unit.code, 9),
    Column(_("Xã"), lambda r: r.unit.name, 24),
    Column(_("Huyện"), lambda r: r.unit.district_name, 22),
    Column(_("Nhóm"), lambda r: r.group, 7),
    Column(_("Số tiêu chí đạt"), lambda r: r.met, 10, "0"),
    Column(_("Nhóm số tiêu chí"), lambda r: r.band, 10),
    Column(_("Đạt đủ tiêu chí"), lambda r: _("Có") if r.recognised else "", 9),
    Column(_("Số tiêu chí chưa đạt"), lambda r: len(r.missing), 10, "0"),
    Column(_("Tiêu chí chưa đạt"), lambda r: r.missing_text, 60),
)

TABLES: dict[str, Table] = {
    t.key: t
    for t in (
        Table("communes", _("Các xã theo số tiêu chí đạt"), _COMMUNE_COLUMNS, lambda d: d.rows),
        Table("closest", _("Xã gần đạt chuẩn (thiếu 1–2 tiêu chí)"), _COMMUNE_COLUMNS,
              lambda d: d.closest),
        Table("under", _("Xã đạt dưới %(n)s tiêu chí"), _COMMUNE_COLUMNS, lambda d: d.under),
        Table("criteria", _("Số xã đạt từng tiêu chí"), (
            Column(_("Tiêu chí"), lambda c: c.number, 8, "0"),
            Column(_("Tên tiêu chí"), lambda c: c.name, 40),
            Column(_("Số xã đạt"), lambda c: c.met, 10, "0"),
            Column(_("Tổng số xã"), lambda c: c.total, 10, "0"),
            Column(_("Tỷ lệ xã đạt (%)"), lambda c: _pct(c.share), 12, "0.00"),
            Column(_("Chỉ tiêu kế hoạch"), lambda c: c.target, 12, "0"),
            Column(_("So với chỉ tiêu (%)"), lambda c: _pct(c.pct_of_target), 12, "0.00"),
        ), lambda d: d.criteria),
        Table("districts", _("Kết quả theo huyện"), (
            Column(_("Mã huyện"), lambda r: r.code, 9),
            Column(_("Huyện"), lambda r: r.name, 24),
            Column(_("Số xã"), lambda r: r.total, 8, "0"),
            Column(_("Đạt đủ tiêu chí"), lambda r: r.recognised, 10, "0"),
            Column(_("Bình quân tiêu chí/xã"), lambda r: _avg(r.avg), 12, "0.0"),
            Column(_("Dưới %(n)s tiêu chí"), lambda r: r.under, 10, "0"),
        ), lambda d: d.districts),
        Table("years", _("Kết quả qua các năm"), (
            Column(_("Năm"), lambda y: y.period.year, 8, "0"),
            Column(_("Số xã"), lambda y: y.total, 8, "0"),
            Column(_("Đạt đủ tiêu chí"), lambda y: y.recognised, 10, "0"),
            Column(_("Bình quân tiêu chí/xã"), lambda y: _avg(y.avg), 12, "0.0"),
            Column(_("Dưới %(n)s tiêu chí"), lambda y: y.under, 10, "0"),
        ), lambda d: d.years),
    )
}  # fmt: skip


def _cell(value: CellValue | Promise) -> CellValue:
    return str(value) if isinstance(value, Promise) else value


def _label(text: str | Promise, dashboard: Any) -> str:
    """A title or header; "%(n)s" is the set's line of "under N criteria"."""
    text = str(text)
    return text % {"n": dashboard.lagging} if "%(n)s" in text else text


def table_workbook(table: Table, dashboard: Dashboard | Any, subtitle: str) -> bytes:
    """``table`` of ``dashboard`` (a province's ``Dashboard`` or the ``NationalView``)."""
    wb = Workbook()
    ws = wb.worksheets[0]  # a new workbook's one sheet (``active`` may be None to mypy)
    title = _label(table.title, dashboard)
    ws.title = title[:31]
    ws.cell(row=1, column=1, value=title).font = Font(bold=True, size=13)
    ws.cell(row=2, column=1, value=subtitle).font = Font(italic=True)
    if getattr(dashboard, "pilot", False):  # a pilot is never mixed silently with official data
        pilot = _("Đánh giá thí điểm theo các chỉ tiêu đã nhập")
        note = f"{pilot}: " + str(
            _(
                "Số liệu thí điểm, chưa phải số liệu chính thức: bộ tiêu chí chưa đủ chỉ tiêu; "
                "số xã đạt chuẩn chính thức «chưa xác định»."
            )
        )
        ws.cell(row=3, column=1, value=note).font = Font(bold=True, color="9C0006")
    header_row = 4
    for j, col in enumerate(table.columns, start=1):
        cell = ws.cell(row=header_row, column=j, value=_label(col.header, dashboard))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(j)].width = col.width
    for i, row in enumerate(table.rows(dashboard), start=header_row + 1):
        for j, col in enumerate(table.columns, start=1):
            cell = ws.cell(row=i, column=j, value=_cell(col.value(row)))
            if col.number_format:
                cell.number_format = col.number_format
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1).coordinate
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
