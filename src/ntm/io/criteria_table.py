"""A criteria set as an Excel table an office fills in, and the filled table read back.

``export_set_table`` writes three sheets: «Chỉ tiêu» (one row per indicator, one threshold column
per region or group, for one year), «Tiêu chí» (the criteria) and «Hướng dẫn» (how to fill it).
``import_set_table`` reads a filled table into a new set whose ``parent`` is the set it started
from; every bad cell is reported at once (``ImportFailed``). ``write_set_file`` saves the result.
The reading itself lives in ``ntm.criteria.table_read``; the column layout is shared from here.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ntm.criteria.table_import import import_set_table
from ntm.criteria.table_layout import (
    COMPARE_LABELS,
    CRITERIA_COLUMNS,
    FIXED_AFTER,
    FIXED_BEFORE,
    KIND_LABELS,
    SHEET_CRITERIA,
    SHEET_HELP,
    SHEET_INDICATORS,
    threshold_cell,
    variant_headers,
)
from ntm.criteria.writer import write_set_file
from ntm.domain.criteria import CriteriaSet

__all__ = ["export_set_table", "import_set_table", "write_set_file"]

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_UNKNOWN_FILL = PatternFill("solid", fgColor="FFF2CC")  # blank threshold: to be filled
_LIST_ROWS = 1000  # rows offered the drop-down lists of kinds and comparisons


def _header(ws: Worksheet, headers: list[str], widths: list[int]) -> None:
    ws.append(headers)
    for col, width in enumerate(widths, start=1):
        cell = ws.cell(row=1, column=col)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"


def _indicator_sheet(ws: Worksheet, cset: CriteriaSet, year: int) -> None:
    variants = variant_headers(cset)
    headers = [*FIXED_BEFORE, *(h for h, _ in variants), *FIXED_AFTER]
    widths = [10, 30, 10, 50, 16, 12, 9, *([11] * len(variants)), 40, 30]
    _header(ws, headers, widths)
    for crit in cset.criteria:
        for ind in crit.indicators:
            rule = ind.rule_for(year)
            row = [
                crit.number,
                crit.name,
                ind.code,
                ind.name,
                ind.unit,
                KIND_LABELS[ind.kind],
                COMPARE_LABELS[ind.compare],
                *(threshold_cell(ind, variant, year) for _, variant in variants),
                (rule.source if rule and rule.source else None) or ind.source,
                ind.note,
            ]
            ws.append(row)
            first = len(FIXED_BEFORE) + 1
            for col in range(first, first + len(variants)):
                if ws.cell(row=ws.max_row, column=col).value is None:
                    ws.cell(row=ws.max_row, column=col).fill = _UNKNOWN_FILL
    kinds = DataValidation(type="list", formula1='"' + ",".join(KIND_LABELS.values()) + '"')
    compares = DataValidation(type="list", formula1='"' + ",".join(COMPARE_LABELS.values()) + '"')
    for validation, letter in ((kinds, "F"), (compares, "G")):
        validation.error = "Chọn một giá trị trong danh sách"
        ws.add_data_validation(validation)
        validation.add(f"{letter}2:{letter}{_LIST_ROWS}")


def _criteria_sheet(ws: Worksheet, cset: CriteriaSet) -> None:
    _header(ws, list(CRITERIA_COLUMNS), [10, 45, 30, 10, 14, 40])
    for crit in cset.criteria:
        ws.append(
            [
                crit.number,
                crit.name,
                crit.group,
                len(crit.indicators),
                "có" if crit.indicators_complete else "không",
                crit.source,
            ]
        )


def _help_sheet(ws: Worksheet, cset: CriteriaSet, year: int) -> None:
    variants = ", ".join(h for h, _ in variant_headers(cset))
    lines = [
        f"Bảng bộ tiêu chí «{cset.code}» — {cset.title}",
        f"Căn cứ: {cset.basis}. Giai đoạn {cset.period[0]}-{cset.period[1]}.",
        f"Ngưỡng trong bảng là ngưỡng áp dụng cho năm {year}.",
        "",
        "Cách điền trang «Chỉ tiêu» (mỗi dòng một chỉ tiêu):",
        "• Số tiêu chí: số của tiêu chí mà chỉ tiêu thuộc về (phải có ở trang «Tiêu chí»).",
        "• Mã chỉ tiêu: bắt đầu bằng số tiêu chí, ví dụ 2.1, 2.2 cho tiêu chí 2; không trùng nhau.",
        "• Loại: có/không, tỷ lệ %, số, hoặc số lượng. So sánh: ≥, ≤ hoặc =.",
        f"• Các cột {variants}: ngưỡng của từng vùng/nhóm. Viết số theo kiểu Việt Nam (14,8) "
        "hoặc kiểu 14.8; tỷ lệ % từ 0 đến 100; chỉ tiêu có/không ghi «có» hoặc «không».",
        "• Để TRỐNG ô ngưỡng khi chưa biết mức: chỉ tiêu đó sẽ được đánh giá «Chưa xác định». "
        "Không điền mức phỏng đoán. Ô tô vàng là ô đang chưa có mức.",
        "• Thêm dòng cho các chỉ tiêu bộ tiêu chí còn thiếu. Không xóa dòng của bộ gốc: "
        "để trống ngưỡng nếu chưa rõ.",
        "• Nguồn: số quyết định, phụ lục, tiêu chí (và địa chỉ văn bản) của mức đã điền.",
        "",
        "Trang «Tiêu chí»: đổi tên tiêu chí, thêm tiêu chí mới (dòng mới với số tiêu chí mới). "
        "Cột «Đã đủ chỉ tiêu» ghi «có» khi trang «Chỉ tiêu» đã có đủ mọi chỉ tiêu chính thức "
        "của tiêu chí; khi «không», tiêu chí chỉ có thể bị đánh giá «Chưa đạt» hoặc "
        "«Chưa xác định», không bao giờ «Đạt».",
        "",
        "Nhập lại bảng: ntm criteria import <tệp.xlsx> --as <mã-bộ-mới> "
        f"--base {cset.code} [--year NĂM]",
        "Không có --year, ngưỡng trong bảng áp dụng cho cả giai đoạn; với --year 2020 (hoặc "
        "2016-2019) chỉ áp dụng cho các năm đó, các năm khác giữ mức của bộ gốc.",
        "Nếu bảng có lỗi, mọi lỗi được liệt kê (trang, dòng, cột) và không tệp nào được ghi.",
    ]
    ws.column_dimensions["A"].width = 120
    for line in lines:
        ws.append([line])
        ws.cell(row=ws.max_row, column=1).alignment = Alignment(wrap_text=True)
    ws.cell(row=1, column=1).font = Font(bold=True, size=13)


def export_set_table(cset: CriteriaSet, path: str | Path, *, year: int | None = None) -> Path:
    """Write the table of ``cset`` with the thresholds of ``year`` (default: the last year)."""
    year = cset.period[1] if year is None else year
    if not cset.period[0] <= year <= cset.period[1]:
        raise ValueError(
            f"năm {year} nằm ngoài giai đoạn {cset.period[0]}-{cset.period[1]} của bộ {cset.code}"
        )
    wb = Workbook()
    wb.properties.identifier = cset.code  # lets `ntm criteria import` find the base set
    wb.properties.title = cset.title
    ws = wb.worksheets[0]
    ws.title = SHEET_INDICATORS
    _indicator_sheet(ws, cset, year)
    _criteria_sheet(wb.create_sheet(SHEET_CRITERIA), cset)
    _help_sheet(wb.create_sheet(SHEET_HELP), cset, year)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    wb.save(tmp)
    tmp.replace(path)
    return path
