"""The registry lists as spreadsheets, from declarative column specs: the page's rows, with its
filters, one sheet per table of the page (``?export=xlsx`` on each list)."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from ntm.domain import ocop
from ntm.web.registries.models import Initiative, Village, VillageStanding
from ntm.web.registries.selectors import ProductRating

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD/MM/YYYY"  # as people write dates here, whatever the machine's locale
Columns = list[tuple[str, Callable[[Any], Any]]]


def _decimal(value: Any) -> float | None:
    return None if value is None else float(value)


# The export's columns: heading → the value of a listed row (the same rows as the page).
OCOP_COLUMNS: Columns = [
    ("Mã sản phẩm", lambda r: r.product.code),
    ("Tên sản phẩm", lambda r: r.product.name),
    ("Nhóm", lambda r: r.product.group),
    ("Chủ thể", lambda r: r.product.subject),
    ("Mã xã", lambda r: r.product.unit.code),
    ("Xã", lambda r: r.product.unit.name),
    ("Phiếu chấm", lambda r: r.rating.scorecard),
    ("Tổng điểm", lambda r: float(r.judged.total)),
    ("Hạng sao", lambda r: r.judged.stars),
    ("Số quyết định", lambda r: r.rating.decision_number),
    ("Ngày quyết định", lambda r: r.rating.decision_date),
    ("Hiệu lực đến", lambda r: r.judged.valid_until),
    ("Tình trạng", lambda r: ocop.STATUS_VI[r.judged.status]),
]
MODEL_COLUMNS: Columns = [
    ("Tên mô hình", lambda m: m.name),
    ("Loại", lambda m: m.kind.name),
    ("Lĩnh vực", lambda m: str(m.get_field_display())),
    ("Mã xã", lambda m: m.unit.code),
    ("Xã", lambda m: m.unit.name),
    ("Năm công nhận", lambda m: m.year),
    ("Số hộ/thành viên", lambda m: m.households),
    ("Giá trị/thu nhập (triệu đồng/năm)", lambda m: _decimal(m.value)),
    ("Mô tả", lambda m: m.description),
    ("Ảnh", lambda m: "có" if m.photo else ""),
]
STANDING_COLUMNS: Columns = [
    ("Năm", lambda s: s.year),
    ("Thôn", lambda s: s.village.name),
    ("Mã xã", lambda s: s.village.unit.code),
    ("Xã", lambda s: s.village.unit.name),
    ("Danh hiệu", lambda s: str(s.get_standing_display())),
    ("Số quyết định", lambda s: s.decision_number),
    ("Ngày quyết định", lambda s: s.decision_date),
]
VILLAGE_COLUMNS: Columns = [
    ("Thôn", lambda v: v.name),
    ("Loại", lambda v: str(v.get_kind_display())),
    ("Mã xã", lambda v: v.unit.code),
    ("Xã", lambda v: v.unit.name),
]


@dataclass(frozen=True)
class Sheet:
    title: str
    columns: Columns
    rows: Iterable[Any]


def xlsx_response(sheets: list[Sheet], filename: str) -> HttpResponse:
    """A workbook of ``sheets`` (headings bold, dates shown dd/mm/yyyy) as a download."""
    book = Workbook()
    book.remove(book.worksheets[0])
    for spec in sheets:
        sheet = book.create_sheet(spec.title)
        sheet.append([title for title, _ in spec.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in spec.rows:
            sheet.append([value(row) for _, value in spec.columns])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, date):
                    cell.number_format = DATE_FORMAT
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def ocop_xlsx(rows: list[ProductRating]) -> HttpResponse:
    return xlsx_response([Sheet("San pham OCOP", OCOP_COLUMNS, rows)], "san-pham-ocop.xlsx")


def models_xlsx(rows: Iterable[Initiative]) -> HttpResponse:
    return xlsx_response([Sheet("Mô hình", MODEL_COLUMNS, rows)], "mo-hinh.xlsx")


def villages_xlsx(
    standings: Iterable[VillageStanding], villages: Iterable[Village]
) -> HttpResponse:
    sheets = [
        Sheet("Danh hiệu theo năm", STANDING_COLUMNS, standings),
        Sheet("Danh sách thôn", VILLAGE_COLUMNS, villages),
    ]
    return xlsx_response(sheets, "thon-ban-to-dan-pho.xlsx")
