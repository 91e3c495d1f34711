"""The Excel table round trip: export a set, fill it as an office would, import it back."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl
import pytest

from ntm.criteria import load_set, load_set_file
from ntm.domain.evaluation import MET, NOT_MET, UNKNOWN, evaluate
from ntm.domain.units import Unit
from ntm.io.criteria_table import export_set_table, import_set_table, write_set_file
from ntm.io.errors import ImportFailed

# The header row and the rows below it read as the sheet does (``fmt: skip``).
HEADERS_2026 = [
    "Số tiêu chí", "Tên tiêu chí", "Mã chỉ tiêu", "Tên chỉ tiêu", "Đơn vị tính", "Loại",
    "So sánh", "Nhóm 1", "Nhóm 2", "Nhóm 3", "Nguồn", "Ghi chú",
]  # fmt: skip

# Illustrative levels typed by a test office: not from any decision.
ROWS_2026 = [
    [n, None, f"{n}.1", f"Chỉ tiêu thử {n}.1", "%", "tỷ lệ %", "≥", 95, "90,5", 80, "QĐ thử", None]
    for n in range(1, 11)
] + [
    [6, None, "6.2", "Tỷ lệ hộ nghèo (thử)", "%", "tỷ lệ %", "≤", "1,5", 3, "4,8", None, None],
    [7, None, "7.2", "Có cổng trực tuyến (thử)", None, "có/không", "=", "có", "có", "không"],
]  # fmt: skip


def fill_2026(path: Path) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb["Chỉ tiêu"]
    for row in ROWS_2026:
        ws.append(row)
    criteria = wb["Tiêu chí"]
    for r in range(2, 12):
        criteria.cell(row=r, column=5).value = "có"
    wb.save(path)


def test_the_exported_table_has_one_row_per_indicator_and_a_column_per_region(
    tmp_path: Path,
) -> None:
    path = export_set_table(load_set("xa-ntm-2016-2020"), tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Chỉ tiêu", "Tiêu chí", "Hướng dẫn"]
    rows = list(wb["Chỉ tiêu"].iter_rows(values_only=True))
    assert rows[0][7:14] == ("TDMNPB", "ĐBSH", "BTB", "DHNTB", "TN", "ĐNB", "ĐBSCL")
    income = next(r for r in rows if r[2] == "10.1")
    assert income[:7] == (10, "Thu nhập", "10.1", income[3], "triệu đồng/người/năm", "số", "≥")
    assert income[7:14] == (36, 50, 36, 41, 41, 59, 50)
    assert "1980/QĐ-TTg" in income[14]
    health = next(r for r in rows if r[2] == "15.2")
    assert health[5:8] == ("có/không", "=", "có")
    assert len(rows) == 1 + 13
    guide = " ".join(str(r[0]) for r in wb["Hướng dẫn"].iter_rows(values_only=True) if r[0])
    assert "Để TRỐNG ô ngưỡng khi chưa biết mức" in guide and "Thêm dòng" in guide
    assert [r[0] for r in wb["Tiêu chí"].iter_rows(min_row=2, values_only=True)] == [*range(1, 20)]


def test_an_earlier_year_exports_blank_cells_for_unknown_levels(tmp_path: Path) -> None:
    path = export_set_table(load_set("xa-ntm-2016-2020"), tmp_path / "t.xlsx", year=2018)
    rows = list(openpyxl.load_workbook(path)["Chỉ tiêu"].iter_rows(values_only=True))
    income = next(r for r in rows if r[2] == "10.1")
    assert income[7:14] == (None,) * 7


def test_the_2026_2030_set_is_completed_through_the_table_and_evaluated_by_group(
    tmp_path: Path,
) -> None:
    base = load_set("xa-ntm-2026-2030")
    path = export_set_table(base, tmp_path / "2026.xlsx")
    header = next(openpyxl.load_workbook(path)["Chỉ tiêu"].iter_rows(values_only=True))
    assert list(header) == HEADERS_2026
    fill_2026(path)
    cset = import_set_table(path, "xa-ntm-2026-2030-tinh", base=base)
    assert cset.parent == "xa-ntm-2026-2030" and len(cset.indicators) == 12
    assert all(c.indicators_complete for c in cset.criteria)
    assert cset.indicator("1.1").threshold_for("2", 2027) == 90.5
    assert cset.indicator("6.2").threshold_for("3", 2030) == 4.8
    assert cset.indicator("7.2").threshold_for("3", 2026) is False

    units = [
        Unit(code="40001", name="Xã A", group="1"),
        Unit(code="40002", name="Xã B", group="2"),
        Unit(code="40003", name="Xã C", group="3"),
        Unit(code="40004", name="Xã D", group="1"),
        Unit(code="40005", name="Xã E", group="2"),
    ]
    codes = [i.code for i in cset.indicators]
    values = np.full((5, len(codes)), np.nan)
    for n in range(1, 11):
        values[:, codes.index(f"{n}.1")] = [95, 90.5, 80, 94.9, 91]
    values[:, codes.index("6.2")] = [1.5, 3, 4.8, 1, 3.1]
    values[:, codes.index("7.2")] = [1, 1, 0, 1, 1]
    values[4, codes.index("9.1")] = np.nan  # no value given: unknown
    result = evaluate(cset, units, 2027, values=values)
    assert result.criteria_met.tolist() == [10, 10, 10, 0, 8]
    assert result.all_met.tolist() == [True, True, True, False, False]
    assert result.criterion_status[4].tolist() == [MET] * 5 + [NOT_MET, MET, MET, UNKNOWN, MET]
    assert result.criterion_status[3].tolist() == [NOT_MET] * 10

    written = write_set_file(cset, tmp_path / "xa-ntm-2026-2030-tinh.yaml")
    assert load_set_file(written) == cset


def test_thresholds_imported_for_one_year_leave_the_other_years_as_they_were(
    tmp_path: Path,
) -> None:
    base = load_set("xa-ntm-2016-2020")
    path = export_set_table(base, tmp_path / "t.xlsx", year=2019)
    wb = openpyxl.load_workbook(path)
    ws = wb["Chỉ tiêu"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=3).value == "10.1")
    ws.cell(row=row, column=12).value = "32,5"  # TN, an illustrative provincial level
    wb.save(path)
    cset = import_set_table(path, "kt", base=base, year=2019)
    income = cset.indicator("10.1")
    assert income.threshold_for("TN", 2019) == 32.5
    assert income.threshold_for("TN", 2018) is None
    assert income.threshold_for("TN", 2020) == 41
    assert income.threshold_for("ĐBSH", 2019) is None
    assert load_set_file(write_set_file(cset, tmp_path / "kt.yaml")) == cset


def bad_table(tmp_path: Path, edit) -> Path:
    path = export_set_table(load_set("xa-ntm-2016-2020"), tmp_path / "bad.xlsx")
    wb = openpyxl.load_workbook(path)
    edit(wb["Chỉ tiêu"], wb)
    wb.save(path)
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ImportFailed) as caught:
        import_set_table(path, "moi", base=load_set("xa-ntm-2016-2020"))
    return [str(p) for p in caught.value.problems]


def row_of(ws, code: str) -> int:
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=3).value == code)


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda ws, wb: ws.cell(row=1, column=9, value="Vùng X"),
            "trang tính «Chỉ tiêu», dòng 1, cột I «Vùng X»: tiêu đề cột «Vùng X» không phải "
            "vùng/nhóm của bộ xa-ntm-2016-2020",
        ),
        (
            lambda ws, wb: ws.cell(row=row_of(ws, "10.1"), column=12, value="bốn mốt"),
            "trang tính «Chỉ tiêu», dòng 6, cột L «TN»: ngưỡng «bốn mốt» không phải là số",
        ),
        (
            lambda ws, wb: setattr(ws.cell(row=row_of(ws, "15.1"), column=7), "value", None),
            "trang tính «Chỉ tiêu», dòng 8, cột G «So sánh»: thiếu phép so sánh (≥, ≤, =)",
        ),
        (
            lambda ws, wb: ws.cell(row=row_of(ws, "15.1"), column=6, value="phần trăm"),
            "trang tính «Chỉ tiêu», dòng 8, cột F «Loại»: loại «phần trăm» không hợp lệ; "
            "chỉ nhận: có/không, tỷ lệ %, số, số lượng",
        ),
        (
            lambda ws, wb: ws.append([17, None, "17.1", "Trùng", "%", "tỷ lệ %", "≥"]),
            "trang tính «Chỉ tiêu», dòng 15, cột C «Mã chỉ tiêu»: mã chỉ tiêu «17.1» trùng "
            "với dòng 11",
        ),
        (
            lambda ws, wb: ws.append([25, None, "25.1", "Lạ", "%", "tỷ lệ %", "≥"]),
            "trang tính «Chỉ tiêu», dòng 15, cột A «Số tiêu chí»: bộ tiêu chí không có tiêu "
            "chí số 25",
        ),
        (
            lambda ws, wb: ws.append([3, None, "4.1", "Lệch", "%", "tỷ lệ %", "≥"]),
            "dòng 15, cột C «Mã chỉ tiêu»: mã chỉ tiêu «4.1» không thuộc tiêu chí số 3",
        ),
        (
            lambda ws, wb: ws.cell(row=row_of(ws, "15.1"), column=8, value="120"),
            "dòng 8, cột H «TDMNPB»: tỷ lệ phải từ 0 đến 100, không phải «120»",
        ),
        (
            lambda ws, wb: ws.cell(row=row_of(ws, "15.2"), column=9, value="tốt"),
            "dòng 9, cột I «ĐBSH»: ngưỡng có/không phải ghi «có» hoặc «không»",
        ),
        (
            lambda ws, wb: ws.delete_rows(row_of(ws, "2.4")),
            "trang tính «Chỉ tiêu»: chỉ tiêu «2.4» của bộ gốc xa-ntm-2016-2020 không có trong bảng",
        ),
        (
            lambda ws, wb: wb["Tiêu chí"].cell(row=3, column=5, value="chắc"),
            "trang tính «Tiêu chí», dòng 3, cột E «Đã đủ chỉ tiêu»: «chắc» không hợp lệ",
        ),
    ],
    ids=[
        "unknown-variant-header",
        "threshold-not-a-number",
        "missing-comparison",
        "unknown-kind",
        "duplicate-code",
        "criterion-the-set-lacks",
        "code-of-another-criterion",
        "percent-over-100",
        "yes-no-not-yes-or-no",
        "deleted-base-row",
        "bad-complete-flag",
    ],
)
def test_each_bad_cell_is_named_with_file_sheet_row_and_column(tmp_path: Path, edit, expected):
    path = bad_table(tmp_path, edit)
    problems = problems_of(path)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"tệp {path}, ")
    assert expected in problems[0]


def test_all_problems_of_a_table_are_reported_at_once(tmp_path: Path) -> None:
    def edit(ws, wb):
        ws.cell(row=row_of(ws, "10.1"), column=12, value="abc")
        ws.cell(row=row_of(ws, "15.1"), column=7).value = None
        ws.append([25, None, "25.1", "Lạ", "%", "tỷ lệ %", "≥"])

    assert len(problems_of(bad_table(tmp_path, edit))) == 3


def test_vietnamese_decimals_and_percent_cells_are_read_as_numbers(tmp_path: Path) -> None:
    def edit(ws, wb):
        r = row_of(ws, "15.1")
        ws.cell(row=r, column=8, value="87,5")
        ws.cell(row=r, column=9, value="90%")
        cell = ws.cell(row=r, column=10, value=0.88)
        cell.number_format = "0%"

    cset = import_set_table(bad_table(tmp_path, edit), "moi", base=load_set("xa-ntm-2016-2020"))
    ind = cset.indicator("15.1")
    levels = [ind.threshold_for(v, 2020) for v in ("TDMNPB", "ĐBSH", "BTB", "TN")]
    assert levels == [87.5, 90, 88, 85]


def test_a_file_that_is_not_a_workbook_is_one_clear_problem(tmp_path: Path) -> None:
    path = tmp_path / "not.xlsx"
    path.write_text("không phải excel", encoding="utf-8")
    problems = problems_of(path)
    assert len(problems) == 1 and "không mở được tệp Excel" in problems[0]
