"""``ntm criteria``: list, show, check, export and import, through the real command."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from ntm.cli import app
from ntm.criteria import load_set_file

runner = CliRunner()


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    monkeypatch.delenv("NTM_CRITERIA_DIR", raising=False)


def test_list_shows_every_shipped_set_with_its_counts() -> None:
    result = runner.invoke(app, ["criteria", "list"])
    assert result.exit_code == 0, result.output
    lines = {line.split("│")[1].strip(): line for line in result.output.splitlines() if "│" in line}
    assert set(lines) >= {
        "xa-ntm-2016-2020",
        "xa-ntm-2021-2025",
        "xa-ntm-nang-cao-2021-2025",
        "xa-ntm-kieu-mau-2021-2025",
        "huyen-ntm-2021-2025",
        "xa-ntm-2026-2030",
    }
    cells = [c.strip() for c in lines["xa-ntm-2016-2020"].split("│")[1:-1]]
    # 13 indicators × 7 regions = 91 pairs, 14 of them known in every year (15.1, 15.2).
    assert cells[2:] == ["2016–2020", "xã", "chuẩn", "19", "13", "77"]
    cells = [c.strip() for c in lines["huyen-ntm-2021-2025"].split("│")[1:-1]]
    assert cells[3:] == ["huyện", "chuẩn", "5", "6", "0"]


def test_show_prints_the_thresholds_of_the_chosen_year_in_vietnamese() -> None:
    result = runner.invoke(app, ["criteria", "show", "xa-ntm-2021-2025", "--year", "2022"])
    assert result.exit_code == 0, result.output
    assert "Ngưỡng áp dụng năm 2022" in result.output
    row = next(line for line in result.output.splitlines() if "│ 15.1" in line)
    cells = [c.strip() for c in row.split("│")[1:-1]]
    assert cells[4:13] == ["tỷ lệ %", "≤", "24", "16,5", "25", "22", "26,5", "14,5", "19"]


def test_show_as_json_gives_levels_by_variant_and_year_with_sources() -> None:
    result = runner.invoke(app, ["criteria", "show", "xa-ntm-2016-2020", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    income = next(c for c in data["criteria"] if c["number"] == 10)["indicators"][0]
    assert income["code"] == "10.1" and income["compare"] == ">=" and income["kind"] == "number"
    years = {str(y): None for y in range(2016, 2020)}
    assert income["thresholds"]["TN"] == {**years, "2020": 41.0}
    assert income["general"] == {"2020": 45.0}
    assert "1980/QĐ-TTg" in income["sources"]["2020"]


def test_show_of_an_unknown_code_fails_and_lists_the_known_ones() -> None:
    result = runner.invoke(app, ["criteria", "show", "khong-co"])
    assert result.exit_code == 1
    assert "không có bộ tiêu chí mã này" in result.output and "xa-ntm-2026-2030" in result.output


def test_check_says_valid_with_a_summary(tmp_path: Path) -> None:
    path = tmp_path / "v.yaml"
    path.write_text("code: v\nparent: xa-ntm-2026-2030\ntitle: Bộ của tỉnh\n", encoding="utf-8")
    result = runner.invoke(app, ["criteria", "check", str(path)])
    assert result.exit_code == 0, result.output
    assert "Hợp lệ: v — 10 tiêu chí, 0 chỉ tiêu" in result.output
    assert "Kế thừa bộ xa-ntm-2026-2030" in result.output


def test_check_lists_every_error_with_the_field_path_and_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "hong.yaml"
    path.write_text(
        "code: h\ntitle: t\nbasis: b\nperiod: [2021, 2025]\ntier: cao\n"
        "criteria:\n  - number: 1\n    indicators:\n      - {code: '1.1', name: a, kind: so}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["criteria", "check", str(path)])
    assert result.exit_code == 1
    assert "Có 3 lỗi" in result.output
    assert f"{path}: tier: giá trị 'cao' không hợp lệ" in result.output
    assert f"{path}: criteria[số 1].name: thiếu trường bắt buộc" in result.output
    assert f"{path}: criteria[số 1].indicators[1.1].kind: giá trị 'so'" in result.output


def test_export_then_import_writes_a_set_that_loads_over_its_base(tmp_path: Path) -> None:
    table = tmp_path / "bo.xlsx"
    result = runner.invoke(app, ["criteria", "export", "xa-ntm-2026-2030", "--out", str(table)])
    assert result.exit_code == 0, result.output
    assert f"vào {table}" in result.output
    wb = openpyxl.load_workbook(table)
    wb["Chỉ tiêu"].append(
        [1, None, "1.1", "Quy hoạch thử", None, "có/không", "=", "có", "có", "có"]
    )
    wb.save(table)
    out = tmp_path / "sets"
    result = runner.invoke(
        app, ["criteria", "import", str(table), "--as", "tinh-2026", "--out-dir", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert f"Đã ghi bộ tiêu chí tinh-2026 vào {out / 'tinh-2026.yaml'}" in result.output
    cset = load_set_file(out / "tinh-2026.yaml")
    assert cset.parent == "xa-ntm-2026-2030"
    assert cset.indicator("1.1").threshold_for("3", 2029) is True


def test_import_writes_into_the_first_ntm_criteria_dir_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = tmp_path / "bo.xlsx"
    runner.invoke(app, ["criteria", "export", "huyen-ntm-2021-2025", "--out", str(table)])
    office = tmp_path / "office"
    monkeypatch.setenv("NTM_CRITERIA_DIR", f"{office}:{tmp_path / 'other'}")
    result = runner.invoke(app, ["criteria", "import", str(table), "--as", "huyen-kt"])
    assert result.exit_code == 0, result.output
    assert (office / "huyen-kt.yaml").is_file()
    listed = runner.invoke(app, ["criteria", "list"])
    assert "huyen-kt" in listed.output


def test_import_of_a_bad_table_prints_every_problem_and_writes_nothing(tmp_path: Path) -> None:
    table = tmp_path / "bo.xlsx"
    runner.invoke(app, ["criteria", "export", "xa-ntm-2016-2020", "--out", str(table)])
    wb = openpyxl.load_workbook(table)
    ws = wb["Chỉ tiêu"]
    ws.cell(row=6, column=12).value = "bốn mốt"
    ws.cell(row=8, column=6).value = "phần trăm"
    wb.save(table)
    out = tmp_path / "sets"
    result = runner.invoke(
        app, ["criteria", "import", str(table), "--as", "moi", "--out-dir", str(out)]
    )
    assert result.exit_code == 1
    assert "Có 2 lỗi" in result.output
    assert "dòng 6, cột L «TN»: ngưỡng «bốn mốt» không phải là số" in result.output
    assert "dòng 8, cột F «Loại»: loại «phần trăm» không hợp lệ" in result.output
    assert not out.exists()


def test_import_refuses_to_overwrite_a_set_without_force(tmp_path: Path) -> None:
    table = tmp_path / "bo.xlsx"
    runner.invoke(app, ["criteria", "export", "huyen-ntm-2021-2025", "--out", str(table)])
    out = tmp_path / "sets"
    out.mkdir()
    (out / "h.yaml").write_text("giữ nguyên\n", encoding="utf-8")
    args = ["criteria", "import", str(table), "--as", "h", "--out-dir", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1 and "đã có" in result.output
    assert (out / "h.yaml").read_text(encoding="utf-8") == "giữ nguyên\n"
    assert runner.invoke(app, [*args, "--force"]).exit_code == 0
    assert load_set_file(out / "h.yaml").parent == "huyen-ntm-2021-2025"


def test_import_with_a_year_outside_the_period_fails(tmp_path: Path) -> None:
    table = tmp_path / "bo.xlsx"
    runner.invoke(app, ["criteria", "export", "xa-ntm-2016-2020", "--out", str(table)])
    result = runner.invoke(
        app,
        [
            "criteria",
            "import",
            str(table),
            "--as",
            "m",
            "--year",
            "2024",
            "--out-dir",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 1 and "nằm ngoài giai đoạn 2016–2020" in result.output
    assert not (tmp_path / "m.yaml").exists()
