"""Malformed data files, generated: every problem named in Vietnamese with its place, exit 2, and
no output file written. Each case runs as CSV and as XLSX (sheet «Dữ liệu»)."""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from ntm.cli import app

SHEET = "Dữ liệu"
TEST_SET = """\
code: xa-thu-nghiem
title: Bộ tiêu chí thử nghiệm
basis: Dữ liệu kiểm thử
period: [2021, 2025]
variants: {by: region, values: [TN, ĐBSH]}
criteria:
  - number: 1
    name: Tỷ lệ và có/không
    indicators:
      - {code: "1.1", name: Tỷ lệ hộ dùng nước sạch, kind: percent, thresholds: 80}
      - {code: "1.2", name: Có nhà văn hóa, kind: yes_no, compare: "=", thresholds: true}
  - number: 2
    name: Số đếm và số
    indicators:
      - {code: "2.1", name: Số mô hình sản xuất, kind: count, thresholds: 3}
      - {code: "2.2", name: Thu nhập bình quân, kind: number, thresholds: {all: {TN: 41, ĐBSH: 50}}}
  - {number: 3, name: Chỉ có trạng thái}
"""
UNITS = [
    ["commune_code", "commune_name", "district_name", "province_name"],
    ["23311", "Xã Đắk Cấm", "Thành phố Kon Tum", "Tỉnh Kon Tum"],
    ["23314", "Xã Kroong", "Thành phố Kon Tum", "Tỉnh Kon Tum"],
    ["23317", "Xã Ngọk Bay", "Thành phố Kon Tum", "Tỉnh Kon Tum"],
]
WIDE = ["commune_code", "commune_name", "year", "1.1", "1.2", "2.1", "2.2", "tc3"]
GOOD = [
    ["23311", "Xã Đắk Cấm", "2024", "85", "Có", "4", "45,5", "Đạt"],
    ["23314", "Xã Kroong", "2024", "70%", "Không", "2", "38", "Không đạt"],
    ["23317", "Xã Ngọk Bay", "2024", "", "có", "3", "41", "1"],
]
LONG = ["unit_code", "year", "indicator", "value"]


def wide(*changes: tuple[int, int, str], header: list[str] | None = None) -> list[list[str]]:
    """The good wide file with cells changed: (data row index, column index, new text)."""
    rows = [list(header or WIDE)] + [list(r) for r in GOOD]
    for r, c, text in changes:
        rows[r + 1][c] = text
    return rows


def long(*rows: list[str]) -> list[list[str]]:
    return [LONG, ["23311", "2024", "1.1", "85"], *[list(r) for r in rows]]


@dataclass
class Case:
    name: str
    rows: list[list[str]]
    message: str
    row: int | None = None
    column: str | None = None
    args: list[str] = field(default_factory=list)
    title_rows: int = 0
    more: list[str] = field(default_factory=list)  # other messages that must be listed too
    formats: tuple[str, ...] = ("csv", "xlsx")


def _many_rows_with_a_bad_one() -> list[list[str]]:
    """37 rows of earlier years (skipped under --year 2024), then 2024 with a bad last row."""
    rows = [WIDE]
    for i in range(37):
        rows.append([GOOD[i % 3][0], "Xã", str(2021 + i % 3), "50", "Có", "1", "40", "Đạt"])
    rows += [list(r) for r in GOOD]
    rows[40][3] = "chín mươi"
    return rows


def cp1258(text: str) -> bytes:
    """Text as Excel's Vietnamese Windows code page stores it: tone marks as combining marks."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            shape = "".join(m for m in parts[1:] if m in "\u0302\u0306\u031b")
            base = unicodedata.normalize("NFC", parts[0] + shape)
            out += base.encode("cp1258")
            out += "".join(m for m in parts[1:] if m not in shape).encode("cp1258")
    return bytes(out)


CASES = [
    Case("a value that is not a number", wide((0, 6, "abc")), "«abc» không phải là số", 2,
         "G (2.2)"),
    Case("a percent over 100", wide((0, 3, "140 %")), "tỷ lệ «140 %» nằm ngoài khoảng 0–100", 2,
         "D (1.1)"),
    Case("a negative percent", wide((1, 3, "-5")), "tỷ lệ «-5» nằm ngoài khoảng 0–100 %", 3,
         "D (1.1)"),
    Case("a negative count", wide((1, 5, "-2")), "«-2» là số âm", 3, "F (2.1)"),
    Case("a negative number", wide((2, 6, "-3,5")), "«-3,5» là số âm", 4, "G (2.2)"),
    Case("a count with decimals", wide((0, 5, "2,5")),
         "«2,5»: chỉ tiêu 2.1 là số đếm, phải là số nguyên", 2,
         "F (2.1)"),
    Case("a percent sign on a number", wide((0, 6, "45%")),
         "«45%»: chỉ tiêu 2.2 không tính bằng phần trăm", 2,
         "G (2.2)"),
    Case("a yes/no answer not recognisable", wide((2, 4, "có lẽ")),
         "«có lẽ» không phải giá trị có/không", 4, "E (1.2)"),
    Case("a criterion status not recognisable", wide((1, 7, "2")),
         "«2» không phải trạng thái tiêu chí", 3, "H (tc3)"),
    Case("a unit code not in the units file", wide((2, 0, "99999")),
         "mã xã «99999» không có trong danh sách đơn vị", 4, "A (commune_code)"),
    Case("a unit code with letters", wide((0, 0, "X311")), "mã «X311» không hợp lệ", 2,
         "A (commune_code)"),
    Case("a unit code too long", wide((0, 0, "233111")), "mã «233111» dài quá 5 chữ số", 2,
         "A (commune_code)"),
    Case("a missing unit code", wide((1, 0, "")), "thiếu mã xã", 3, "A (commune_code)"),
    Case("a duplicate row", wide((1, 0, "23311")), "dòng trùng: xã 23311 năm 2024 đã có ở", 3),
    Case("an unknown indicator column", wide(header=[*WIDE[:6], "9.9", "tc3"]),
         "mã chỉ tiêu «9.9» không có trong bộ tiêu chí xa-thu-nghiem", 1, "G (9.9)"),
    Case("an unknown criterion column", wide(header=[*WIDE[:7], "tc20"]),
         "bộ tiêu chí xa-thu-nghiem không có tiêu chí 20", 1, "H (tc20)"),
    Case("a year that is not a year", wide((1, 2, "20x4")), "năm «20x4» không hợp lệ", 3,
         "C (year)"),
    Case("a blank year", wide((2, 2, "")), "thiếu năm", 4, "C (year)"),
    Case("a year outside the set's period", [WIDE, [*GOOD[0][:2], "2030", *GOOD[0][3:]]],
         "năm 2030 nằm ngoài giai đoạn 2021–2025 của bộ tiêu chí xa-thu-nghiem", 2, "C (year)",
         args=["--no-year"]),
    Case("rows of several years without --year", wide((2, 2, "2023")),
         "dữ liệu có nhiều năm (2023, 2024); chọn một năm bằng --year", 4, "C (year)",
         args=["--no-year"]),
    Case("a year asked for that the file lacks", wide(), "không có dòng nào của năm 2022", None,
         "C (year)", args=["--year", "2022"]),
    Case("a file with only its header", [WIDE], "không có dòng dữ liệu nào dưới dòng tiêu đề"),
    Case("a file with no data columns", [["commune_code", "commune_name", "year"], GOOD[0][:3]],
         "không có cột dữ liệu nào", 1),
    Case("a file with no header", [["a", "b"], ["1", "2"]], "không tìm thấy dòng tiêu đề"),
    Case("a long file without the value column", [["unit_code", "year", "indicator"],
                                                  ["23311", "2024", "1.1"]],
         "thiếu cột «value (Giá trị)»", 1),
    Case("a long file with an unknown indicator", long(["23314", "2024", "7.7", "5"]),
         "mã chỉ tiêu «7.7» không có trong bộ tiêu chí xa-thu-nghiem", 3, "C (indicator)"),
    Case("a long file with a duplicate value", long(["23311", "2024", "1.1", "90"]),
         "dòng trùng: xã 23311, chỉ tiêu 1.1, năm 2024 đã có ở", 3),
    Case("a long file with a bad yes/no", long(["23311", "2024", "1.2", "maybe"]),
         "«maybe» không phải giá trị có/không", 3, "D (value)"),
    Case("a long file with a percent over 100", long(["23314", "2024", "1.1", "100,5"]),
         "tỷ lệ «100,5» nằm ngoài khoảng 0–100", 3, "D (value)"),
    Case("title rows above the header, a bad value deep in the file",
         _many_rows_with_a_bad_one(), "«chín mươi» không phải là số", 41, "D (1.1)",
         args=["--year", "2024"], title_rows=3),
    Case("several problems in one file", wide((0, 3, "140"), (1, 0, "55555"), (2, 4, "hmm")),
         "tỷ lệ «140» nằm ngoài khoảng 0–100", 2, "D (1.1)",
         more=["dòng 3, cột A (commune_code): mã xã «55555» không có trong danh sách",
               "dòng 4, cột E (1.2): «hmm» không phải giá trị có/không"]),
    Case("a sheet that does not exist", wide(), "không có trang tính «Sai»",
         args=["--sheet", "Sai"],
         formats=("xlsx",)),
    Case("a sheet asked of a CSV file", wide(), "tệp CSV không có trang tính",
         args=["--sheet", "Sai"], formats=("csv",)),
]  # fmt: skip


def write_rows(path: Path, rows: list[list[str]], title_rows: int = 0) -> None:
    titles = [[f"Báo cáo số liệu nông thôn mới — dòng tiêu đề {i + 1}"] for i in range(title_rows)]
    if path.suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(titles + rows)
        return
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    for row in titles + rows:
        # As Excel stores what a person types: whole numbers become numbers (and lose zeros).
        ws.append([int(c) if re.fullmatch(r"\d{1,6}", c) else (c or None) for c in row])
    wb.save(path)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    sets = tmp_path / "sets"
    sets.mkdir()
    (sets / "xa-thu-nghiem.yaml").write_text(TEST_SET, encoding="utf-8")
    write_rows(tmp_path / "communes.csv", UNITS)
    return {"NTM_CRITERIA_DIR": str(sets)}


def run(env: dict[str, str], *args: str):
    return CliRunner(env=env).invoke(app, list(args))


PARAMS = [
    pytest.param(case, fmt, id=f"{fmt}: {case.name}") for case in CASES for fmt in case.formats
]


@pytest.mark.parametrize(("case", "fmt"), PARAMS)
def test_it_names_the_problem_and_its_place_and_writes_nothing(
    case: Case, fmt: str, env: dict[str, str], tmp_path: Path
) -> None:
    data = tmp_path / f"du-lieu.{fmt}"
    write_rows(data, case.rows, case.title_rows)
    out = tmp_path / "ket-qua.json"
    args = [a for a in case.args if a != "--no-year"]
    if "--year" not in args and "--no-year" not in case.args:
        args += ["--year", "2024"]
    result = run(
        env,
        "evaluate", str(data), "--units", str(tmp_path / "communes.csv"),
        "--criteria", "xa-thu-nghiem", "--format", "json", "--out", str(out), *args,
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert not out.exists()
    err = " ".join(result.stderr.split())
    assert "tệp du-lieu" in err
    place = f"tệp du-lieu.{fmt}"
    if fmt == "xlsx" and "--sheet" not in case.args:
        place += f", trang tính «{SHEET}»"
    if case.row is not None:
        place += f", dòng {case.row + case.title_rows}"
    if case.column is not None:
        place += f", cột {case.column}"
    assert f"{place}: {case.message}" in err
    for message in case.more:
        assert message in err


def test_it_lists_a_problem_in_each_of_two_files_at_once(env, tmp_path: Path) -> None:
    first, second = tmp_path / "huyen-a.csv", tmp_path / "huyen-b.xlsx"
    write_rows(first, wide((0, 3, "abc")))
    write_rows(second, wide((1, 5, "-1")))
    out = tmp_path / "ket-qua.csv"
    result = run(
        env,
        "evaluate", str(first), str(second), "--units", str(tmp_path / "communes.csv"),
        "--criteria", "xa-thu-nghiem", "--format", "csv", "--out", str(out),
    )  # fmt: skip
    assert result.exit_code == 2
    err = " ".join(result.stderr.split())
    assert "tệp huyen-a.csv, dòng 2, cột D (1.1): «abc» không phải là số" in err
    assert f"tệp huyen-b.xlsx, trang tính «{SHEET}», dòng 3, cột F (2.1): «-1» là số âm" in err
    # The same communes in both files: duplicates across files are named with the first place.
    assert "dòng trùng: xã 23311 năm 2024 đã có ở huyen-a.csv dòng 2" in err
    assert not out.exists()


@pytest.mark.parametrize(
    ("rows", "message", "row", "column"),
    [
        ([*UNITS, UNITS[1]], "mã xã 23311 bị trùng (đã có ở dòng 2)", 5, "A (commune_code)"),
        (
            [[*UNITS[0], "region"], [*UNITS[1], "Vùng Mặt Trăng"]],
            "vùng «Vùng Mặt Trăng» không hợp lệ",
            2,
            "E (region)",
        ),
        ([[*UNITS[0], "group"], [*UNITS[1], "Nhóm 4"]], "nhóm «Nhóm 4» không hợp lệ", 2,
         "E (group)"),
        (
            [[*UNITS[0], "border"], [*UNITS[1], "có thể"]],
            "«có thể» không phải giá trị có/không",
            2,
            "E (border)",
        ),
        ([[*UNITS[0], "flags"], [*UNITS[1], "núi cao"]], "đặc điểm «núi cao» không hợp lệ", 2,
         "E (flags)"),
        ([["commune_name"], ["Xã A"]], "không tìm thấy dòng tiêu đề", None, None),
    ],
)  # fmt: skip
def test_it_rejects_a_bad_units_file_with_the_place_of_each_problem(
    rows, message, row, column, env, tmp_path: Path
) -> None:
    units = tmp_path / "don-vi.csv"
    write_rows(units, rows)
    data = tmp_path / "du-lieu.csv"
    write_rows(data, wide())
    out = tmp_path / "ket-qua.json"
    result = run(
        env, "evaluate", str(data), "--units", str(units), "--criteria", "xa-thu-nghiem",
        "--format", "json", "--out", str(out),
    )  # fmt: skip
    assert result.exit_code == 2
    err = " ".join(result.stderr.split())
    place = (
        "tệp don-vi.csv" + (f", dòng {row}" if row else "") + (f", cột {column}" if column else "")
    )
    assert f"{place}: {message}" in err
    assert not out.exists()


def test_it_rejects_an_empty_file(env, tmp_path: Path) -> None:
    data = tmp_path / "trong.csv"
    data.write_bytes(b"")
    out = tmp_path / "ket-qua.xlsx"
    result = run(env, "evaluate", str(data), "--format", "xlsx", "--out", str(out))
    assert result.exit_code == 2
    assert "tệp trong.csv: tệp trống: không có dòng dữ liệu nào" in " ".join(result.stderr.split())
    assert not out.exists()


def test_it_rejects_an_empty_workbook(env, tmp_path: Path) -> None:
    data = tmp_path / "trong.xlsx"
    wb = Workbook()
    wb.active.title = SHEET
    wb.save(data)
    result = run(env, "evaluate", str(data), "--format", "json")
    assert result.exit_code == 2
    err = " ".join(result.stderr.split())
    assert f"tệp trong.xlsx, trang tính «{SHEET}»: tệp trống" in err


def test_it_reads_a_windows_vietnamese_csv_with_semicolons_and_still_places_problems(
    env, tmp_path: Path
) -> None:
    data = tmp_path / "excel.csv"
    rows = wide((1, 6, "bốn mươi"))
    data.write_bytes(cp1258("\r\n".join(";".join(r) for r in rows)))
    result = run(
        env, "evaluate", str(data), "--units", str(tmp_path / "communes.csv"),
        "--criteria", "xa-thu-nghiem", "--year", "2024",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "tệp excel.csv, dòng 3, cột G (2.2): «bốn mươi» không phải là số" in " ".join(
        result.stderr.split()
    )


def test_it_needs_an_out_file_for_xlsx(env, tmp_path: Path) -> None:
    data = tmp_path / "du-lieu.csv"
    write_rows(data, wide())
    result = run(env, "evaluate", str(data), "--criteria", "xa-thu-nghiem", "--format", "xlsx")
    assert result.exit_code == 2
    assert "--out" in result.stderr


def test_there_are_at_least_fifty_generated_malformed_files() -> None:
    assert len(PARAMS) >= 50
