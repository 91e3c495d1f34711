"""The entry template prints as an office prints it (issue #14.4): a named font on the title and
the headers, A4 landscape as wide as one page, the header rows on every page."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from ntm.criteria import load_set
from ntm.domain.units import Unit
from ntm.io.template import ENTRY_SHEET, GUIDE_SHEET, write_template


def _template(tmp_path: Path) -> Path:
    units = [
        Unit(f"9000{i}", f"Xã Thử {i}", province_code="99", province_name="Tỉnh Thử")
        for i in range(3)
    ]
    return write_template(load_set("xa-ntm-2016-2020"), units, 2020, tmp_path / "mau.xlsx")


def test_the_title_and_the_headers_name_their_font(tmp_path: Path) -> None:
    book = load_workbook(_template(tmp_path))
    ws = book[ENTRY_SHEET]
    assert ws["A1"].font.name == "Times New Roman" and ws["A1"].font.sz == 14
    assert ws.row_dimensions[1].height >= 20
    assert ws["A4"].font.name == "Times New Roman"
    assert book[GUIDE_SHEET]["A1"].font.name == "Times New Roman"


def test_the_entry_sheet_prints_landscape_one_page_wide_with_its_headers(tmp_path: Path) -> None:
    ws = load_workbook(_template(tmp_path))[ENTRY_SHEET]
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.print_title_rows == "$4:$14"  # criteria, codes, names, units, thresholds
    assert ws.oddFooter.center.text == "Trang &P/&N"
