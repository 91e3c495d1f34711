"""Finding the header and the place of every cell in files as offices send them."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from ntm.io.columns import header_score, is_code_header
from ntm.io.errors import ImportFailed
from ntm.io.tabular import column_letter, header_key, read_table


def table(path: Path, sheet: str | None = None):
    return read_table(path, score=header_score, anchor=is_code_header, expected="…", sheet=sheet)


def test_it_finds_the_header_below_title_rows_and_skips_blank_rows(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.csv"
    path.write_text(
        "UBND TỈNH KON TUM,,\nBÁO CÁO KẾT QUẢ NĂM 2020,,\n,,\n"
        "Mã xã,Tên xã,tc1\n23311,Xã Đắk Cấm,1\n,,\n23314,Xã Kroong,0\n",
        encoding="utf-8",
    )
    t = table(path)
    assert t.header_row == 4
    assert [c.label for c in t.columns] == ["A (Mã xã)", "B (Tên xã)", "C (tc1)"]
    assert [r.number for r in t.rows] == [5, 7]
    assert t.rows[1].text(t.columns[1]) == "Xã Kroong"


def test_it_reads_windows_vietnamese_with_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    # "Xã Hòa Bình" in cp1258: tone marks as combining characters, as Excel writes them.
    text = "Ma\u0303 xa\u0303;Tên xa\u0303\r\n23311;Xa\u0303 Ho\u0300a Bi\u0300nh\r\n"
    path.write_bytes(text.encode("cp1258"))
    t = table(path)
    assert t.rows[0].text(t.columns[1]) == "Xã Hòa Bình"


def test_it_reads_a_header_of_two_merged_rows(tmp_path: Path) -> None:
    path = tmp_path / "hai-dong.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "Số liệu"
    ws["A1"] = "SỐ LIỆU CHỈ TIÊU"
    ws["A2"], ws["B2"], ws["C2"] = "Mã xã", "Tên xã", "Tiêu chí 2. Giao thông"
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:B3")
    ws.merge_cells("C2:D2")
    ws["C3"], ws["D3"] = "2.1", "2.2"
    ws.append([23311, "Xã Đắk Cấm", 90, "85,5"])
    wb.save(path)
    t = table(path)
    assert t.header_row == 3
    assert t.sheet == "Số liệu"
    assert [c.label for c in t.columns] == ["A (Mã xã)", "B (Tên xã)", "C (2.1)", "D (2.2)"]
    assert [r.number for r in t.rows] == [4]


def test_it_names_the_sheets_when_none_holds_data(tmp_path: Path) -> None:
    path = tmp_path / "sai.xlsx"
    wb = Workbook()
    wb.active.title = "Bìa"
    wb.active["A1"] = "Báo cáo"
    wb.create_sheet("Ghi chú")["A1"] = "Không có gì"
    wb.save(path)
    with pytest.raises(ImportFailed) as caught:
        table(path)
    assert "đã xem: «Bìa», «Ghi chú»" in str(caught.value.problems[0])
    with pytest.raises(ImportFailed) as caught:
        table(path, sheet="Dữ liệu")
    assert str(caught.value.problems[0]) == (
        "tệp sai.xlsx: không có trang tính «Dữ liệu»; tệp có các trang tính: «Bìa», «Ghi chú»"
    )


def test_it_reports_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="không tìm thấy tệp"):
        table(tmp_path / "khong-co.csv")


@pytest.mark.parametrize(
    ("text", "key"),
    [("Mã xã", "ma xa"), ("commune_code", "commune code"), ("10.1", "10.1"), ("TC 5", "tc 5"),
     ("Đơn vị tính", "don vi tinh")],
)  # fmt: skip
def test_headers_match_without_tone_marks(text: str, key: str) -> None:
    assert header_key(text) == key


def test_column_letters_go_past_z() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A", "Z", "AA", "AB", "ZZ", "AAA",
    ]  # fmt: skip
