"""The long form ``unit_code, year, indicator, value``: read whole, or refused cell by cell."""

from __future__ import annotations

from pathlib import Path

import pytest
from kontum_monitoring import rows, write_csv

from ntm.io.errors import ImportFailed
from ntm.io.monitoring import read_monitoring
from ntm.io.rawfile import RawFile
from ntm.monitoring import load_catalogue

CAT = load_catalogue("theo-doi-2016-2020")


def test_the_kontum_figures_are_read_whole(tmp_path: Path) -> None:
    got = read_monitoring(write_csv(tmp_path / "kontum.csv"), CAT)
    assert len(got.values) == len(rows())


def test_vietnamese_headers_and_decimal_commas_are_read() -> None:
    text = "Mã đơn vị;Năm;Chỉ tiêu;Giá trị\n23311;2020;poverty_pct;14,35\n62;2020;large_fields;7\n"
    got = read_monitoring(RawFile("x.csv", content=text.encode()), CAT)
    assert [(v.unit_code, v.value) for v in got.values] == [("23311", 14.35), ("62", 7.0)]


@pytest.mark.parametrize(
    ("line", "column", "message"),
    [
        ("23311,2020,nothing,1", "C (indicator)", "không có trong danh mục"),
        ("23311,2020,villages_sec_pct,1", "C (indicator)", "không nhập trực tiếp"),
        ("23311,20x0,labour_days,1", "B (year)", "không phải là năm"),
        ("23311,2020,labour_days,abc", "D (value)", ""),
        ("23311,2020,poverty_pct,140", "D (value)", "lớn hơn 100%"),
        ("23311,2020,labour_days,-3", "D (value)", "giá trị âm"),
        ("62,2020,labour_days,3", "A (unit_code)", "cấp xã"),
        ("23311,2020,large_fields,3", "A (unit_code)", "cấp tỉnh"),
        (",2020,labour_days,3", "A (unit_code)", "thiếu mã đơn vị"),
    ],
)
def test_a_bad_cell_is_named_by_row_and_column(line: str, column: str, message: str) -> None:
    text = "unit_code,year,indicator,value\n23314,2020,labour_days,5\n" + line + "\n"
    with pytest.raises(ImportFailed) as failed:
        read_monitoring(RawFile("bad.csv", content=text.encode()), CAT)
    problem = failed.value.problems[0]
    assert (problem.file, problem.row, problem.column) == ("bad.csv", 3, column)
    assert message in problem.message


def test_a_repeated_value_and_an_unknown_unit_are_refused() -> None:
    text = "unit_code,year,indicator,value\n23314,2020,labour_days,5\n23314,2020,labour_days,6\n"
    with pytest.raises(ImportFailed) as failed:
        read_monitoring(RawFile("d.csv", content=text.encode()), CAT, units={"62": "province"})
    messages = [p.message for p in failed.value.problems]
    assert any("không có đơn vị mã «23314»" in m for m in messages)


def test_a_missing_column_is_named() -> None:
    with pytest.raises(ImportFailed) as failed:
        read_monitoring(RawFile("m.csv", content=b"unit_code,year,indicator\n23314,2020,x\n"), CAT)
    assert "thiếu cột «value»" in failed.value.problems[0].message
