"""A cell Excel shows as 85% (0.85 with a percent format) is read as 85, as a person reads it."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from ntm.criteria import load_set
from ntm.io.bundle import evaluation_json, load_inputs
from ntm.io.errors import ImportFailed
from ntm.io.tabular import PercentCell, cell_text, read_grids
from ntm.io.template import write_template
from ntm.io.units_file import read_units
from ntm.io.xlsx_formats import is_percent_format, percent_cells


def filled_template(tmp_path: Path, kontum: Path, cells: dict[tuple[int, str], tuple]) -> Path:
    """The 2016–2020 template for three Kon Tum communes, with (row, code) → (value, format)."""
    units = read_units(kontum / "communes.csv")[:3]
    path = write_template(load_set("xa-ntm-2016-2020"), units, 2020, tmp_path / "mau.xlsx")
    wb = load_workbook(path)
    meta = {r[0]: r[1] for r in wb["_ntm"].iter_rows(values_only=True)}
    ws = wb["Nhập liệu"]
    code_row, first = int(meta["code_row"]), int(meta["first_data_row"])
    columns = {ws.cell(code_row, c).value: c for c in range(1, ws.max_column + 1)}
    for (row, code), (value, number_format) in cells.items():
        cell = ws.cell(first + row, columns[code], value)
        cell.number_format = number_format
    wb.save(path)
    return path


def test_a_cell_shown_as_85_percent_reads_as_85_and_meets_a_level_of_85(
    tmp_path: Path, kontum: Path
) -> None:
    path = filled_template(
        tmp_path,
        kontum,
        {
            (0, "15.1"): (0.85, "0%"),  # typed "85%" in Excel
            (1, "15.1"): (0.85, "General"),  # typed "0.85": shown, and read, as 0,85
            (2, "15.1"): (0.905, "0.0%"),  # a custom percent format: 90,5%
        },
    )
    inputs = load_inputs([path], units_path=kontum / "communes.csv")
    column = [i.code for i in inputs.cset.indicators].index("15.1")
    assert inputs.values[:, column].tolist() == [85.0, 0.85, 90.5]
    communes = evaluation_json(inputs.evaluate())["communes"]
    assert communes[0]["indicators"]["15.1"] == {"value": 85, "threshold": 85, "status": "met"}
    assert communes[1]["indicators"]["15.1"] == {
        "value": 0.85,
        "threshold": 85,
        "status": "not_met",
    }
    assert communes[2]["indicators"]["15.1"] == {"value": 90.5, "threshold": 85, "status": "met"}


def test_a_percent_formatted_cell_is_refused_for_an_indicator_not_counted_in_percent(
    tmp_path: Path, kontum: Path
) -> None:
    # 10.1 is income (million đồng): a cell shown as 42% cannot be one, as if "42%" were typed.
    path = filled_template(tmp_path, kontum, {(0, "10.1"): (0.42, "0%")})
    with pytest.raises(ImportFailed) as failed:
        load_inputs([path], units_path=kontum / "communes.csv")
    (problem,) = failed.value.problems
    assert problem.file == "mau.xlsx" and problem.sheet == "Nhập liệu"
    assert "«42%»: chỉ tiêu 10.1 không tính bằng phần trăm" in problem.message


def test_the_reader_marks_exactly_the_cells_with_a_percent_format(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Dữ liệu"
    ws.append(["Mã xã", "a", "b", "c", "d"])
    ws.append(["23311", 0.85, 0.85, 1, "85%"])
    ws["B2"].number_format = "0.00%"
    ws["D2"].number_format = "0%"  # the integer 1 shown as 100%
    ws["E2"].number_format = "0%"  # text stays text: parse_number reads its own '%'
    wb.create_sheet("Khác").append([0.5])
    wb.save(tmp_path / "so-lieu.xlsx")
    assert percent_cells(tmp_path / "so-lieu.xlsx") == {"Dữ liệu": {(1, 1), (1, 3), (1, 4)}}
    grid = read_grids(tmp_path / "so-lieu.xlsx")[0]
    cells = grid.rows[1].cells
    assert [type(c) for c in cells[1:4]] == [PercentCell, float, PercentCell]
    assert [cell_text(c) for c in cells[1:]] == ["85%", "0.85", "100%", "85%"]
    assert cells[1] == 0.85 and cells[1].percent == 85.0


@pytest.mark.parametrize(
    ("code", "percent"),
    [
        ("0%", True),
        ("0.00%", True),
        ("#,##0.0%", True),
        ("[Red]0.0%;[Blue]-0.0%", True),
        ("0.00", False),
        ("General", False),
        ('0" %"', False),  # a quoted sign is text, the number is not scaled
        ("0\\%", False),
        ("0;-0;0%", False),  # only the positive section's format counts
    ],
)
def test_a_number_format_is_a_percentage_only_when_its_own_sign_scales_it(
    code: str, percent: bool
) -> None:
    assert is_percent_format(code) is percent


def test_a_file_that_is_not_a_workbook_has_no_percent_cells(tmp_path: Path) -> None:
    path = tmp_path / "hong.xlsx"
    path.write_bytes(b"not a zip")
    assert percent_cells(path) == {}
