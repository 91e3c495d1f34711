"""The appendices (``phu-luc.xlsx``), styled as an office prints them.

Phụ lục 01 — communes × criteria by district with subtotals; 02 — funds by source; 03 — criteria ×
districts; 04 — recognised communes by district. Values, not formulas: the file reads the same
in any spreadsheet, and the figures are those of the report.
"""

from __future__ import annotations

from copy import copy
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from ntm.domain.rollup import round_half_up
from ntm.reports.content import short_district
from ntm.reports.figures import CommuneRow, ReportFigures

FONT = "Times New Roman"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
SUB_FILL = PatternFill("solid", fgColor="F2F2F2")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
# [$-42A]: Vietnamese number formats, so that a spreadsheet on any locale prints 1.847,561 and
# 14,8 as the report does (LibreOffice shows a format's own locale whatever the machine's is).
VI = "[$-42A]"
AMOUNT = f"{VI}#,##0.000"
ONE = f"{VI}0.0"
TOTAL_LABEL = "Tổng cộng"


def _titles(ws: Worksheet, width: int, title: str, subtitle: str, appendix: str) -> int:
    rows = [
        (appendix, Font(name=FONT, size=12, bold=True)),
        (title, Font(name=FONT, size=13, bold=True)),
    ]
    if subtitle:
        rows.append((subtitle, Font(name=FONT, size=12, italic=True)))
    for i, (text, font) in enumerate(rows, start=1):
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=width)
        cell = ws.cell(i, 1, text)
        cell.font, cell.alignment = (
            font,
            Alignment(horizontal="center", vertical="center", wrap_text=True),
        )
    ws.row_dimensions[2].height = 34
    return len(rows) + 2  # a blank row before the table


def _put(
    ws: Worksheet,
    row: int,
    col: int,
    value: Any,
    *,
    bold: bool = False,
    fill: PatternFill | None = None,
    align: Alignment = CENTER,
    fmt: str | None = None,
) -> None:
    cell = ws.cell(row, col, value)
    book = ws.parent
    assert book is not None  # a sheet made by Workbook() or create_sheet() has its book
    name = _style(book, bold, fill, align, fmt)
    # openpyxl looks the name up in a list and builds the style's array on every assignment
    # (≈ 1/6 of a 500-commune report): the array is made once per style and copied after.
    arrays: dict[str, Any] = book.__dict__.setdefault("_ntm_style_arrays", {})
    if name in arrays:
        cell._style = copy(arrays[name])
    else:
        cell.style = name
        arrays[name] = copy(cell._style)


def _style(
    book: Workbook, bold: bool, fill: PatternFill | None, align: Alignment, fmt: str | None
) -> str:
    """A named style per combination: assigning a name is cheap, building each cell's font,
    border and fill objects is not (openpyxl hashes every one of them)."""
    fill_key = "" if fill is None else fill.fgColor.rgb
    name = f"ntm-{int(bold)}-{fill_key}-{align.horizontal}-{fmt or ''}"
    known: set[str] = book.__dict__.setdefault("_ntm_styles", set())
    if name not in known:
        known.add(name)
        style = NamedStyle(name=name)
        style.font = Font(name=FONT, size=11, bold=bold)
        style.border, style.alignment = BOX, align
        if fill is not None:
            style.fill = fill
        if fmt:
            style.number_format = fmt
        book.add_named_style(style)
    return name


def _print_setup(ws: Worksheet, header_row: int, freeze: str) -> None:
    ws.freeze_panes = freeze
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    props = ws.sheet_properties.pageSetUpPr or PageSetupProperties()
    props.fitToPage = True
    ws.sheet_properties.pageSetUpPr = props
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.horizontalCentered = True
    # Page numbers in every footer: "Trang 2/5".
    footer = ws.oddFooter
    if footer is not None:  # openpyxl makes one with every sheet
        footer.center.text = "Trang &P/&N"
        footer.center.font = f"{FONT},Regular"
        footer.center.size = 10


def _percent_shown(pct: float | None) -> tuple[float | None, int]:
    """The % as the Word text rounds it (``ntm.formatting.percent``: 163, or 96,47 just under
    the target), so that the appendix never says 162,86 where the report says 163 %."""
    if pct is None:
        return None, 0
    digits = 2 if 95 <= pct < 100 and not float(pct).is_integer() else 0
    return round_half_up(pct, digits), digits


def _communes_sheet(ws: Worksheet, fig: ReportFigures, subtitle: str) -> None:
    keys = list(fig.criteria)
    width = 3 + len(keys) + 2
    top = _titles(
        ws,
        width,
        f"KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ NÔNG THÔN MỚI CỦA CÁC XÃ NĂM {fig.year}",
        subtitle,
        "Phụ lục 01",
    )
    head = [
        "STT",
        "Mã xã",
        "Tên xã",
        *[f"TC {k}" for k in keys],
        "Số tiêu chí đạt",
        "Đạt chuẩn NTM",
    ]
    for c, text in enumerate(head, start=1):
        _put(ws, top, c, text, bold=True, fill=HEAD_FILL)
    row = top + 1
    groups: list[tuple[str | None, list[CommuneRow]]] = []
    for commune in fig.communes:
        name = commune.district_name if fig.has_districts else None
        if not groups or groups[-1][0] != name:
            groups.append((name, []))
        groups[-1][1].append(commune)
    stt = 0
    for district, communes in groups:
        if district is not None:
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            _put(ws, row, 1, district, bold=True, align=LEFT, fill=SUB_FILL)
            row += 1
        for commune in communes:
            stt += 1
            met, unknown = set(commune.met_criteria), set(commune.unknown_criteria)
            values: list[Any] = [stt, commune.code, commune.name]
            values += ["x" if k in met else ("?" if k in unknown else "") for k in keys]
            values += [commune.criteria_met, "x" if commune.recognised else ""]
            for c, value in enumerate(values, start=1):
                _put(ws, row, c, value, align=LEFT if c == 3 else CENTER)
            row += 1
        if district is not None:
            row = _subtotal(ws, row, f"Cộng {district}", keys, communes, bold=True)
    _subtotal(
        ws,
        row,
        f"{TOTAL_LABEL} ({fig.scope_name})",
        keys,
        fig.communes,
        bold=True,
        fill=HEAD_FILL,
    )
    widths = [5, 8, 22, *[4.5] * len(keys), 9, 9]
    for c, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = w
    _print_setup(ws, top, f"D{top + 1}")


def _subtotal(
    ws: Worksheet,
    row: int,
    label: str,
    keys: list[int],
    communes: list[CommuneRow],
    *,
    bold: bool,
    fill: PatternFill | None = SUB_FILL,
) -> int:
    """Communes meeting each criterion, the average number met, and communes recognised."""
    n = len(communes)
    avg = sum(c.criteria_met for c in communes) / n if n else 0.0
    values: list[Any] = ["", f"{n} xã", label]
    values += [sum(1 for c in communes if k in c.met_criteria) for k in keys]
    values += [round_half_up(avg, 1), sum(1 for c in communes if c.recognised)]
    for c, value in enumerate(values, start=1):
        _put(
            ws,
            row,
            c,
            value,
            bold=bold,
            fill=fill,
            align=LEFT if c == 3 else CENTER,
            fmt=ONE if c == len(values) - 1 else f"{VI}#,##0",
        )
    return row + 1


def _funding_sheet(ws: Worksheet, fig: ReportFigures, subtitle: str) -> None:
    top = _titles(
        ws, 4, "KẾT QUẢ HUY ĐỘNG NGUỒN LỰC XÂY DỰNG NÔNG THÔN MỚI", subtitle, "Phụ lục 02"
    )
    for c, text in enumerate(["STT", "Nguồn vốn", "Số vốn (tỷ đồng)", "Tỷ lệ (%)"], start=1):
        _put(ws, top, c, text, bold=True, fill=HEAD_FILL)
    row = top + 1
    roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    if not fig.funding:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        _put(ws, row, 1, "Chưa có số liệu nguồn vốn", align=LEFT)
    for p, tree in enumerate(fig.funding):
        a, b = tree.period
        when = f"năm {a}" if a == b else f"giai đoạn {a} - {b}"
        _put(ws, row, 1, roman[p % len(roman)], bold=True, fill=SUB_FILL)
        _put(ws, row, 2, f"{TOTAL_LABEL} {when}", bold=True, fill=SUB_FILL, align=LEFT)
        _put(ws, row, 3, tree.total, bold=True, fill=SUB_FILL, fmt=AMOUNT)
        _put(ws, row, 4, 100.0 if tree.total else None, bold=True, fill=SUB_FILL, fmt=ONE)
        row += 1
        top_n = sub_n = 0
        for item in tree.items:
            if item.level == 0:
                top_n, sub_n = top_n + 1, 0
                label = str(top_n)
            else:
                sub_n += 1
                label = f"{top_n}.{sub_n}"
            bold = item.level == 0 and bool(item.parts)
            _put(ws, row, 1, label, bold=bold)
            _put(ws, row, 2, ("   " * item.level) + item.name, bold=bold, align=LEFT)
            _put(ws, row, 3, item.amount, bold=bold, fmt=AMOUNT)
            # The share the Word text says (largest remainder: the parts add up to the whole).
            _put(ws, row, 4, item.share, bold=bold, fmt=ONE)
            row += 1
    for col, w in zip("ABCD", [7, 55, 18, 11], strict=True):
        ws.column_dimensions[col].width = w
    _print_setup(ws, top, f"A{top + 1}")
    ws.page_setup.orientation = ws.ORIENTATION_PORTRAIT


def _districts_sheet(ws: Worksheet, fig: ReportFigures, subtitle: str) -> None:
    districts = fig.districts
    width = 2 + len(districts) + 3
    top = _titles(
        ws,
        width,
        f"SỐ XÃ ĐẠT TỪNG TIÊU CHÍ THEO ĐƠN VỊ CẤP HUYỆN NĂM {fig.year}",
        subtitle,
        "Phụ lục 03",
    )
    head = ["STT", "Tiêu chí"]
    head += [f"{short_district(d.name)} ({d.communes} xã)" for d in districts]
    head += [f"Toàn địa bàn ({fig.communes_total} xã)", "Mục tiêu (xã)", "% so với mục tiêu"]
    for c, text in enumerate(head, start=1):
        _put(ws, top, c, text, bold=True, fill=HEAD_FILL)
    ws.row_dimensions[top].height = 45
    row = top + 1
    for key, crit in fig.criteria.items():
        target = crit.target
        values: list[Any] = [key, crit.name]
        values += [d.criteria[key] for d in districts]
        pct, digits = _percent_shown(target.pct_of_target if target else None)
        values += [crit.met, target.value if target else None, pct]
        for c, value in enumerate(values, start=1):
            _put(
                ws,
                row,
                c,
                value,
                align=LEFT if c == 2 else CENTER,
                bold=c == len(values) - 2,
                fmt=(f"{VI}0.00" if digits else f"{VI}0") if c == len(values) else None,
            )
        row += 1
    values = [
        "",
        "Số xã đạt chuẩn nông thôn mới",
        *[d.recognised for d in districts],
        fig.recognised,
        None,
        None,
    ]
    for c, value in enumerate(values, start=1):
        _put(ws, row, c, value, bold=True, fill=SUB_FILL, align=LEFT if c == 2 else CENTER)
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 5, 34
    for c in range(3, width + 1):
        ws.column_dimensions[get_column_letter(c)].width = 10
    _print_setup(ws, top, f"C{top + 1}")


def _recognised_sheet(ws: Worksheet, fig: ReportFigures, subtitle: str) -> None:
    n = fig.criteria_count
    top = _titles(
        ws,
        4,
        f"DANH SÁCH XÃ ĐẠT CHUẨN {n}/{n} TIÊU CHÍ NÔNG THÔN MỚI NĂM {fig.year}",
        subtitle,
        "Phụ lục 04",
    )
    for c, text in enumerate(["STT", "Đơn vị cấp huyện", "Tên xã", "Số tiêu chí đạt"], start=1):
        _put(ws, top, c, text, bold=True, fill=HEAD_FILL)
    row, stt = top + 1, 0
    for group in fig.recognised_by_district:
        for name in group.communes:
            stt += 1
            for c, value in enumerate([stt, group.district_name or "", name, n], start=1):
                _put(ws, row, c, value, align=LEFT if c in (2, 3) else CENTER)
            row += 1
    for c, value in enumerate(["", TOTAL_LABEL, f"{stt} xã", ""], start=1):
        _put(ws, row, c, value, bold=True, fill=SUB_FILL, align=LEFT if c in (2, 3) else CENTER)
    for col, w in zip("ABCD", [7, 30, 30, 14], strict=True):
        ws.column_dimensions[col].width = w
    _print_setup(ws, top, f"A{top + 1}")
    ws.page_setup.orientation = ws.ORIENTATION_PORTRAIT


def _ocop_sheet(ws: Worksheet, fig: ReportFigures, subtitle: str) -> None:
    """OCOP products by stars and by group (from the registry), when the report has them."""
    o = fig.ocop
    assert o is not None
    title = f"SẢN PHẨM OCOP ĐẾN CUỐI NĂM {o.year}"
    top = _titles(ws, 2, title, subtitle, "Phụ lục 05")
    rows: list[tuple[str, Any]] = [(f"Sản phẩm {s} sao", n) for s, n in sorted(o.by_stars.items())]
    rows += [("Sản phẩm đạt 3 sao trở lên", o.three_stars_or_more)]
    if o.target:
        rows += [("Mục tiêu (sản phẩm 3 sao trở lên)", o.target)]
        rows += [("Tỷ lệ so với mục tiêu (%)", round(o.pct_of_target or 0, 1))]
    rows += [("Sắp hết thời hạn công nhận (6 tháng)", o.expiring), ("", "")]
    rows += [(f"Nhóm: {g}", n) for g, n in o.by_group.items()]
    for c, text in enumerate(["Chỉ tiêu", "Số lượng"], start=1):
        _put(ws, top, c, text, bold=True, fill=HEAD_FILL)
    for i, (label, value) in enumerate(rows, start=top + 1):
        _put(ws, i, 1, label, align=LEFT)
        _put(ws, i, 2, value)
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 60, 14
    _print_setup(ws, top, f"A{top + 1}")


def write_xlsx(fig: ReportFigures, path: Path, *, attached_to: str = "") -> Path:
    book = Workbook()
    subtitle = f"(Kèm theo {attached_to})" if attached_to else ""
    sheets = [
        ("Phụ lục 01", _communes_sheet),
        ("Phụ lục 02", _funding_sheet),
        ("Phụ lục 03", _districts_sheet),
        ("Phụ lục 04", _recognised_sheet),
    ]
    if fig.ocop is not None:
        sheets.append(("Phụ lục 05", _ocop_sheet))
    for i, (name, fill) in enumerate(sheets):
        ws = book.worksheets[0] if i == 0 else book.create_sheet()
        ws.title = name
        fill(ws, fig, subtitle)
    book.save(str(path))
    return path
