"""The Excel data-entry template a commune official fills in, and ``ntm evaluate`` reads back.

Layout of the sheet «Nhập liệu» (chosen so that a commune official reads across one row):

- rows 1–3: the set's title; province, year and set code; a one-line reminder;
- row 4: the criterion each column belongs to (one merged cell over its indicators);
- row 5: the codes ntm reads — ``Mã xã``, ``Tên xã``, ``Huyện`` (before 2025 only), ``Vùng`` or
  ``Nhóm``, then one column per indicator code (``10.1``) or, for a set whose indicators are
  not yet listed, one column per criterion (``tc1``, filled with Đạt / Không đạt);
- rows 6–7: the indicator's name, and its unit or how to answer (``%``, ``Có/Không``);
- one row per variant present among the communes, «Ngưỡng – Nhóm 2»: the level that applies to
  the communes of that group (or region), so an official compares a value with the level on the
  row that matches the commune's own «Nhóm» cell;
- then one row per commune.

A hidden sheet ``_ntm`` records the set and the year so the file needs no options to be read.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from ntm.domain.criteria import CriteriaSet, Indicator
from ntm.domain.units import GROUPS, REGIONS, Unit
from ntm.formatting import number
from ntm.io.tabular import META_SHEET

ENTRY_SHEET = "Nhập liệu"
GUIDE_SHEET = "Hướng dẫn"
GROUP_ROW = 4
CODE_ROW = 5
YES_NO_CHOICES = ("Có", "Không")
STATUS_CHOICES = ("Đạt", "Không đạt")
KIND_LABELS = {"yes_no": "Có/Không", "percent": "%", "count": "số", "number": "số"}
COMPARE_SIGNS = {">=": "≥", "<=": "≤", "=": "="}

# A named font everywhere a person reads a title or a header: with none, LibreOffice falls back
# to a font whose line height clipped the title's diacritics.
FONT = "Times New Roman"
_BOLD = Font(name=FONT, bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_THRESHOLD_FILL = PatternFill("solid", fgColor="FFF2CC")
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="center", horizontal="center")

GUIDE_LINES = [
    "HƯỚNG DẪN NHẬP LIỆU",
    "",
    "1. Nhập số liệu trên trang tính «Nhập liệu», mỗi xã một dòng, mỗi chỉ tiêu một cột. "
    "Không sửa, không xóa các dòng tiêu đề, cột «Mã xã» và các mã chỉ tiêu ở dòng 5.",
    "2. Số thập phân viết bằng dấu phẩy: 14,8. Dấu chấm phân cách hàng nghìn: 1.847,5. "
    "(Số viết bằng dấu chấm thập phân như 14.8 cũng được đọc đúng nếu cả tệp viết như vậy.)",
    "3. Chỉ tiêu tính bằng phần trăm: nhập số từ 0 đến 100, có hoặc không có dấu %: 85 hoặc 85%.",
    "4. Chỉ tiêu có/không: chọn «Có» hoặc «Không» trong danh sách của ô.",
    "5. Cột tiêu chí (tc1, tc2, …) khi bộ tiêu chí chưa có danh sách chỉ tiêu: chọn «Đạt» "
    "hoặc «Không đạt».",
    "6. Ô để trống nghĩa là chưa có số liệu: chỉ tiêu đó được đánh giá là «Chưa xác định», "
    "không phải «Không đạt». Không nhập 0 thay cho ô chưa có số liệu.",
    "7. Cột «Nhóm» (hoặc «Vùng») quyết định ngưỡng áp dụng cho xã: ngưỡng của từng nhóm ghi ở "
    "các dòng «Ngưỡng – …» phía trên bảng. «chưa rõ» là ngưỡng chưa có trong bộ tiêu chí.",
    "8. Khi xong, đánh giá bằng lệnh: ntm evaluate <tệp này>.xlsx  — mọi lỗi (ô, dòng, cột) "
    "được liệt kê cùng lúc để sửa.",
]


def _threshold_text(indicator: Indicator, variant: str, year: int) -> str:
    level = indicator.threshold_for(variant, year)
    if level is None:
        return "chưa rõ"
    sign = COMPARE_SIGNS[indicator.compare]
    if indicator.kind == "yes_no":
        return "Có" if level else "Không"
    suffix = "%" if indicator.kind == "percent" else ""
    return f"{sign} {number(float(level))}{suffix}"


def _variant_of(unit: Unit, cset: CriteriaSet) -> str | None:
    return (
        unit.variant(cset.variants.by, cset.variants.by_flag)
        if cset.variants.by != "none"
        else None
    )


def _variant_label(cset: CriteriaSet, variant: str) -> str:
    names = {**(GROUPS if cset.variants.by == "group" else REGIONS), **cset.variants.names}
    return names.get(variant, variant)


def _fixed_columns(cset: CriteriaSet, units: Sequence[Unit]) -> list[tuple[str, float]]:
    columns = [("Mã xã", 10.0), ("Tên xã", 26.0)]
    if any(u.district_name for u in units):
        columns.append(("Huyện", 22.0))
    if cset.variants.by == "group":
        columns.append(("Nhóm", 10.0))
    elif cset.variants.by == "region":
        columns.append(("Vùng", 10.0))
    return columns


def _fixed_cells(cset: CriteriaSet, unit: Unit, fixed: list[str]) -> list[str | None]:
    cells: list[str | None] = [unit.code, unit.name]
    if "Huyện" in fixed:
        cells.append(unit.district_name)
    if "Nhóm" in fixed:
        cells.append(GROUPS.get(unit.group or "", None))
    elif "Vùng" in fixed:
        cells.append(unit.region)
    return cells


def _validation(ws: Worksheet, kind: str, cells: str) -> None:
    if kind in ("yes_no", "status", "group", "region"):
        choices = {
            "yes_no": YES_NO_CHOICES,
            "status": STATUS_CHOICES,
            "group": tuple(GROUPS.values()),
            "region": tuple(REGIONS),
        }[kind]
        dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
        dv.error = "Chọn một giá trị trong danh sách: " + ", ".join(choices)
    elif kind == "percent":
        dv = DataValidation(type="decimal", operator="between", formula1="0", formula2="100")
        dv.error = "Tỷ lệ phần trăm phải từ 0 đến 100."
    else:
        dv = DataValidation(
            type="whole" if kind == "count" else "decimal",
            operator="greaterThanOrEqual",
            formula1="0",
        )
        dv.error = "Giá trị không được âm."
    # A warning, not a stop: a decimal comma typed under an English Excel is text, and the
    # reader, not Excel, is the judge of it.
    dv.errorStyle = "warning" if kind not in ("yes_no", "status") else "stop"
    dv.errorTitle = "Giá trị không hợp lệ"
    dv.showErrorMessage = True
    dv.allow_blank = True
    ws.add_data_validation(dv)
    dv.add(cells)


@dataclass(frozen=True)
class _Column:
    """One data column: an indicator, or a whole criterion when the set lists no indicators."""

    code: str
    name: str
    unit_text: str
    kind: str  # an indicator's kind, or "status" for a criterion column
    indicator: Indicator | None


@dataclass(frozen=True)
class _Layout:
    """Where everything goes on the entry sheet."""

    fixed: list[tuple[str, float]]  # (label, width) of Mã xã, Tên xã, …
    columns: list[_Column]
    by_criteria: bool
    variants: list[str]  # one threshold row each
    sub_rows: list[str]  # labels of the rows under the codes row

    @property
    def fixed_names(self) -> list[str]:
        return [name for name, _ in self.fixed]

    @property
    def first_data_col(self) -> int:
        return len(self.fixed) + 1

    @property
    def last_col(self) -> int:
        return len(self.fixed) + len(self.columns)

    @property
    def first_data_row(self) -> int:
        return CODE_ROW + len(self.sub_rows) + 1


def _layout(cset: CriteriaSet, units: Sequence[Unit]) -> _Layout:
    by_criteria = not cset.indicators
    columns: list[_Column] = []
    for crit in cset.criteria:
        if by_criteria:
            columns.append(_Column(f"tc{crit.number}", crit.name, "Đạt/Không đạt", "status", None))
        for ind in crit.indicators:
            unit_text = KIND_LABELS[ind.kind] if ind.kind != "number" else (ind.unit or "số")
            columns.append(_Column(ind.code, ind.name, unit_text, ind.kind, ind))
    variants: list[str] = []
    if not by_criteria and cset.variants.by != "none":
        present = {_variant_of(u, cset) for u in units}
        variants = [v for v in cset.variants.values if v in present] or list(cset.variants.values)
    sub_rows = ["Tên chỉ tiêu" if not by_criteria else "Tên tiêu chí", "Đơn vị tính / cách nhập"]
    sub_rows += [f"Ngưỡng – {_variant_label(cset, v)}" for v in variants]
    return _Layout(_fixed_columns(cset, units), columns, by_criteria, variants, sub_rows)


def write_template(
    cset: CriteriaSet,
    units: Sequence[Unit],
    year: int,
    path: str | Path,
    *,
    province: str | None = None,
    left_out: str = "",
) -> Path:
    """Write the template for ``units`` in ``year``; the file appears whole or not at all.
    ``left_out`` says which units were left out and why (shown in the guide, kept in meta)."""
    path = Path(path)
    wb = Workbook()
    ws = wb.worksheets[0]
    ws.title = ENTRY_SHEET
    layout = _layout(cset, units)
    _title_rows(ws, layout, cset, year, province)
    _header(ws, layout, cset, year)
    _commune_rows(ws, layout, cset, units)
    _guide_sheet(wb)
    _meta_sheet(wb, layout, cset, year, province, left_out)
    save_atomically(wb, path)
    return path


def _title_rows(
    ws: Worksheet, layout: _Layout, cset: CriteriaSet, year: int, province: str | None
) -> None:
    """Rows 1–3: the set's title; province, year and set code; a one-line reminder."""
    place = f"Tỉnh/thành phố: {province}" if province else "Đơn vị: theo danh sách"
    titles = [
        f"MẪU NHẬP LIỆU — {cset.title.upper()}",
        f"{place} · Năm đánh giá: {year} · Bộ tiêu chí: {cset.code} ({cset.basis})",
        "Nhập từ dòng " + str(layout.first_data_row) + "; ô trống là chưa có số liệu; "
        "số thập phân dùng dấu phẩy (14,8). Xem trang «Hướng dẫn».",
    ]
    for r, text in enumerate(titles, 1):
        ws.cell(r, 1, text).font = Font(name=FONT, bold=(r == 1), size=14 if r == 1 else 11)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=max(layout.last_col, 4))
    ws.row_dimensions[1].height = 24  # room for the capitals' diacritics at 14 pt


def _header(ws: Worksheet, layout: _Layout, cset: CriteriaSet, year: int) -> None:
    """Rows 4 to the first data row: criteria, codes, names, units and thresholds."""
    # Fixed columns: one label over the criterion row and the codes row.
    for c, (name, width) in enumerate(layout.fixed, 1):
        ws.cell(GROUP_ROW, c, name)
        ws.merge_cells(start_row=GROUP_ROW, start_column=c, end_row=CODE_ROW, end_column=c)
        ws.column_dimensions[get_column_letter(c)].width = width
    _criterion_row(ws, layout, cset)
    for k, column in enumerate(layout.columns):
        col = layout.first_data_col + k
        ws.cell(CODE_ROW, col, column.code)
        ws.cell(CODE_ROW + 1, col, column.name)
        ws.cell(CODE_ROW + 2, col, column.unit_text)
        for v_index, variant in enumerate(layout.variants):
            ind = column.indicator
            text = _threshold_text(ind, variant, year) if ind is not None else ""
            ws.cell(CODE_ROW + 3 + v_index, col, text).fill = _THRESHOLD_FILL
        ws.column_dimensions[get_column_letter(col)].width = 14
    for r_offset, label in enumerate(layout.sub_rows, 1):
        row = CODE_ROW + r_offset
        ws.cell(row, 1, label)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(layout.fixed))
    last_head_row = layout.first_data_row - 1
    head = ws.iter_rows(min_row=GROUP_ROW, max_row=last_head_row, max_col=layout.last_col)
    for row_number, cells in enumerate(head, GROUP_ROW):
        for cell in cells:
            cell.font, cell.alignment, cell.border = _BOLD, _WRAP, _BOX
            if row_number <= CODE_ROW:
                cell.fill = _HEAD_FILL
    ws.row_dimensions[CODE_ROW + 1].height = 60


def _criterion_row(ws: Worksheet, layout: _Layout, cset: CriteriaSet) -> None:
    """One merged cell over the columns of each criterion."""
    c = layout.first_data_col
    for crit in cset.criteria:
        span = 1 if layout.by_criteria else len(crit.indicators)
        if span == 0:
            continue
        ws.cell(GROUP_ROW, c, f"Tiêu chí {crit.number}. {crit.name}")
        if span > 1:
            last = c + span - 1
            ws.merge_cells(start_row=GROUP_ROW, start_column=c, end_row=GROUP_ROW, end_column=last)
        c += span


def _commune_rows(ws: Worksheet, layout: _Layout, cset: CriteriaSet, units: Sequence[Unit]) -> None:
    """One row per commune, and the lists or limits each data column accepts."""
    first_row, first_col = layout.first_data_row, layout.first_data_col
    last_row = first_row + max(len(units), 1) - 1
    for i, unit in enumerate(units):
        row = first_row + i
        for c, value in enumerate(_fixed_cells(cset, unit, layout.fixed_names), 1):
            cell = ws.cell(row, c, value)
            cell.border = _BOX
        ws.cell(row, 1).number_format = "@"  # keep the code's leading zeros
        for col in range(first_col, layout.last_col + 1):
            ws.cell(row, col).border = _BOX
    for k, column in enumerate(layout.columns):
        letter = get_column_letter(first_col + k)
        _validation(ws, column.kind, f"{letter}{first_row}:{letter}{last_row}")
    names = layout.fixed_names
    if "Nhóm" in names or "Vùng" in names:
        letter = get_column_letter(len(layout.fixed))
        kind = "group" if "Nhóm" in names else "region"
        _validation(ws, kind, f"{letter}{first_row}:{letter}{last_row}")
    ws.freeze_panes = ws.cell(first_row, first_col).coordinate
    _print_setup(ws, layout)


def _print_setup(ws: Worksheet, layout: _Layout) -> None:
    """A4 landscape, as wide as one page, the header rows and the communes' columns on every
    printed page, page numbers in the footer."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    props = ws.sheet_properties.pageSetUpPr or PageSetupProperties()
    props.fitToPage = True
    ws.sheet_properties.pageSetUpPr = props
    ws.print_title_rows = f"{GROUP_ROW}:{layout.first_data_row - 1}"
    ws.print_title_cols = f"A:{get_column_letter(len(layout.fixed))}"
    ws.page_margins.left = ws.page_margins.right = 0.4
    footer = ws.oddFooter
    if footer is not None:  # openpyxl makes one with every sheet
        footer.center.text = "Trang &P/&N"


def _guide_sheet(wb: Workbook) -> None:
    guide = wb.create_sheet(GUIDE_SHEET)
    guide.column_dimensions["A"].width = 120
    for r, line in enumerate(GUIDE_LINES, 1):
        cell = guide.cell(r, 1, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.font = Font(name=FONT, bold=r == 1, size=14 if r == 1 else 11)


def _meta_sheet(
    wb: Workbook,
    layout: _Layout,
    cset: CriteriaSet,
    year: int,
    province: str | None,
    left_out: str = "",
) -> None:
    """The hidden sheet that lets ``ntm evaluate`` read the file without options."""
    meta = wb.create_sheet(META_SHEET)
    rows = [
        ("criteria_set", cset.code),
        ("year", str(year)),
        ("province", province or ""),
        ("code_row", str(CODE_ROW)),
        ("first_data_row", str(layout.first_data_row)),
        ("left_out", left_out),
    ]
    if left_out:  # said where the official reads, too: nothing left out silently
        guide = wb[GUIDE_SHEET]
        guide.cell(guide.max_row + 2, 1, f"Đơn vị không có trong mẫu: {left_out}.")
    for r, (key, value) in enumerate(rows, 1):
        meta.cell(r, 1, key)
        meta.cell(r, 2, value)
    meta.sheet_state = "hidden"


def save_atomically(wb: Workbook, path: Path) -> None:
    """Save next to the target and rename: a failure leaves no half-written file behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".xlsx", dir=path.parent, prefix=".ntm-")
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
