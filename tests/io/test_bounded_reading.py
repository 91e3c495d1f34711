"""Bounded reading: files past the limits of ntm/io/limits.py refused before they are read, with
one Vietnamese message naming the file, the sheet and the limit; library errors translated."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from ntm.io.bundle import load_inputs
from ntm.io.errors import ImportFailed, Problem
from ntm.io.limits import LIMITS, Limits
from ntm.io.rawfile import RawFile
from ntm.io.tabular import read_grids
from ntm.io.xlsx_guard import check_workbook

HEADER = "commune_code,commune_name,year,tc1,tc2\n"


def refusal(source: Path | RawFile) -> list[Problem]:
    with pytest.raises(ImportFailed) as failed:
        load_inputs([source])
    return failed.value.problems


def workbook(cells: dict[str, object]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Dữ liệu"
    for ref, value in cells.items():
        sheet[ref] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_sheet_xml(content: bytes, edit: dict[bytes, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                for old, new in edit.items():
                    data = data.replace(old, new, 1)
            dst.writestr(info.filename, data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_a_sheet_declaring_cell_xfd1048576_is_refused_naming_the_sheet_and_the_limit() -> None:
    good = workbook({"A1": "commune_code", "B1": "tc1", "A2": "23311", "B2": 1})
    bomb = with_sheet_xml(good, {b'<dimension ref="A1:B2"/>': b'<dimension ref="A1:XFD1048576"/>'})
    [problem] = refusal(RawFile("bom.xlsx", content=bomb))
    assert problem.file == "bom.xlsx" and problem.sheet == "Dữ liệu"
    assert "A1:XFD1048576" in problem.message and "300 cột" in problem.message
    assert "từ chối" in problem.message


def test_a_real_cell_far_away_is_refused_even_when_the_declared_dimension_is_small() -> None:
    good = workbook({"A1": "commune_code", "B1": "tc1", "A2": "23311", "B2": 1})
    far = b'<row r="30000"><c r="A30000"><v>1</v></c><c r="KN30000"><v>1</v></c></row>'
    bomb = with_sheet_xml(good, {b"</sheetData>": far + b"</sheetData>"})
    [problem] = refusal(RawFile("xa.xlsx", content=bomb))
    assert "dòng 30.000, cột 300" in problem.message
    assert "6.000.000 ô" in problem.message


def test_an_ods_repeating_one_value_over_the_whole_sheet_is_refused() -> None:
    from tests.hostile.corpus import ods_bomb

    [problem] = refusal(RawFile("lap.ods", content=ods_bomb(1_048_576, 16_384)))
    assert "1.048.576 dòng × 16.384 cột" in problem.message and "từ chối" in problem.message


def test_a_zip_part_inflating_past_the_limit_is_refused_before_it_is_read() -> None:
    content = workbook({"A1": "commune_code", "A2": "23311"})
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info), zipfile.ZIP_DEFLATED)
        dst.writestr("xl/media/lon.bin", b"0" * (3 << 20), zipfile.ZIP_DEFLATED)
    small = Limits(max_decompressed=2 << 20)
    with pytest.raises(ImportFailed) as failed:
        check_workbook(RawFile("nen.xlsx", content=out.getvalue()), small)
    [problem] = failed.value.problems
    assert "vượt giới hạn 2 MB" in problem.message and problem.file == "nen.xlsx"


def test_a_csv_cell_past_the_field_limit_is_refused_at_its_row(tmp_path: Path) -> None:
    path = tmp_path / "dai.csv"
    path.write_text(HEADER + "23311,Xã Đắk Cấm,2020,1,1\n23314," + "X" * 140_000 + ",2020,1,1\n")
    [problem] = refusal(path)
    assert problem.row == 3 and "32.767 ký tự" in problem.message


def test_a_wide_file_past_20000_rows_is_refused_with_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "nhieu.csv"
    path.write_text(HEADER + "23311,Xã Đắk Cấm,2020,1,1\n" * (LIMITS.max_rows + 1))
    [problem] = refusal(path)
    assert "vượt giới hạn 20.000 dòng" in problem.message


def test_a_duplicated_column_is_an_error_naming_both_columns(tmp_path: Path) -> None:
    path = tmp_path / "trung.csv"
    path.write_text("commune_code,year,tc5,tc1,tc5\n23311,2020,1,1,0\n")
    [problem] = refusal(path)
    assert problem.row == 1
    assert "cột «tc5» trùng: có ở cột C (tc5) và cột E (tc5)" in problem.message


def test_problems_past_200_are_counted_after_the_first_200_in_sheet_row_column_order(
    tmp_path: Path,
) -> None:
    path = tmp_path / "sai.csv"
    path.write_text(HEADER + "".join(f"23311,Xã,2020,x{i},y\n" for i in range(300)))
    with pytest.raises(ImportFailed) as failed:
        load_inputs([path], criteria="xa-ntm-2016-2020")
    problems = failed.value.problems
    assert failed.value.total > 300 and len(problems) == 201
    rows = [p.row or 0 for p in problems[:200]]
    assert rows == sorted(rows)
    assert problems[-1].message == f"… và {failed.value.total - 200:,} lỗi khác".replace(",", ".")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("hong.xlsx", b"PK\x03\x04 khong phai zip", "tệp bảng tính bị hỏng"),
        ("rac.csv", b"\x00\x01\x02 nhi phan", "dữ liệu nhị phân"),
        ("bao-cao.pdf", b"%PDF-1.4", "loại tệp «.pdf» không đọc được"),
        ("cat.xlsx", workbook({"A1": "commune_code"})[:700], "tệp bảng tính bị hỏng"),
    ],
)
def test_a_library_error_is_said_in_vietnamese_naming_the_file(
    name: str, content: bytes, message: str
) -> None:
    with pytest.raises(ImportFailed) as failed:
        read_grids(RawFile(name, content=content))
    [problem] = failed.value.problems
    assert problem.file == name and message in problem.message
