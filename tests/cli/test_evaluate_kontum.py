"""Acceptance: `ntm evaluate` on the Kon Tum files states every figure of the provincial report."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from ntm.cli import app


def evaluate(kontum: Path, data: str, *extra: str):
    args = ["evaluate", str(kontum / data), "--units", str(kontum / "communes.csv"), *extra]
    return CliRunner().invoke(app, args)


def test_the_2020_figures_are_those_of_the_report(kontum: Path) -> None:
    result = evaluate(kontum, "criteria-2020.csv", "--format", "json")
    assert result.exit_code == 0, result.output
    got = json.loads(result.stdout)
    expected = json.loads((kontum / "expected.json").read_text(encoding="utf-8"))
    assert got["criteria_set"] == "xa-ntm-2016-2020"
    assert got["year"] == 2020
    for key in (
        "communes_total",
        "recognised",
        "bands",
        "avg_criteria",
        "criteria_met_by_all",
        "recognised_communes",
        "communes_under_10_criteria",
    ):
        assert got[key] == expected[key], key
    assert got["avg_criteria"] == 14.8
    assert len(got["recognised_communes"]) == 28
    assert got["communes_under_10_criteria"] == ["Xã Mường Hoong", "Xã Ngọc Linh"]
    for number, figures in expected["criteria"].items():
        assert got["criteria"][number] == {"met": figures["met"]}, number
    assert len(got["communes"]) == 85
    first = got["communes"][0]
    assert first["commune_code"] == "23311"
    assert first["commune_name"] == "Xã Đắk Cấm"
    assert first["district_name"] == "Thành phố Kon Tum"
    assert first["criteria_met"] == 19
    assert set(first["criteria"].values()) == {"met"}
    assert first["indicators"]["10.1"] == {"value": None, "threshold": 41, "status": "unknown"}


def test_the_2015_baseline_is_that_of_the_report(kontum: Path) -> None:
    result = evaluate(kontum, "criteria-2015.csv", "--format", "json")
    assert result.exit_code == 0, result.output
    got = json.loads(result.stdout)
    assert got["year"] == 2015
    assert got["recognised"] == 9
    assert got["avg_criteria"] == 9.0
    assert got["bands"]["<5"] == 41
    assert got["communes_total"] == 85
    assert "ngoài giai đoạn" in result.stderr  # the set used for a baseline year is said


def test_the_data_file_alone_names_its_communes(kontum: Path) -> None:
    result = CliRunner().invoke(
        app, ["evaluate", str(kontum / "criteria-2020.csv"), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    got = json.loads(result.stdout)
    assert got["recognised"] == 28
    assert got["communes"][1]["commune_name"] == "Xã Kroong"


def test_the_table_speaks_vietnamese(kontum: Path) -> None:
    result = evaluate(kontum, "criteria-2020.csv")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "Số xã: 85 · Đạt chuẩn: 28 · Bình quân: 14,8 tiêu chí/xã" in text
    assert "Đạt từ 15 đến 18 tiêu chí" in text
    assert "Xã Đắk Cấm" in text


def test_it_writes_csv_and_xlsx_with_a_row_per_commune(kontum: Path, tmp_path: Path) -> None:
    out_csv, out_xlsx = tmp_path / "ket-qua.csv", tmp_path / "ket-qua.xlsx"
    assert (
        evaluate(kontum, "criteria-2020.csv", "--format", "csv", "--out", str(out_csv)).exit_code
        == 0
    )
    rows = list(csv.DictReader(out_csv.read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 85
    assert rows[0]["Mã xã"] == "23311"
    assert rows[0]["Số tiêu chí đạt"] == "19"
    assert rows[1]["TC5"] == "Chưa đạt"
    assert (
        evaluate(kontum, "criteria-2020.csv", "--format", "xlsx", "--out", str(out_xlsx)).exit_code
        == 0
    )
    wb = load_workbook(out_xlsx)
    summary = {r[0]: r[1] for r in wb["Tổng hợp"].iter_rows(values_only=True) if r and r[0]}
    assert summary["Số xã"] == 85
    assert summary["Số xã đạt chuẩn"] == 28
    assert summary["Bình quân tiêu chí/xã"] == 14.8
    assert wb["Theo xã"].max_row == 86


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_two_districts_files_merge_into_one_evaluation(kontum: Path, tmp_path: Path, fmt) -> None:
    lines = (kontum / "criteria-2020.csv").read_text(encoding="utf-8").splitlines()
    first, second = tmp_path / "a.csv", tmp_path / f"b.{fmt}"
    first.write_text("\n".join(lines[:41]) + "\n", encoding="utf-8")
    rest = [lines[0], *lines[41:]]
    if fmt == "csv":
        second.write_text("\n".join(rest) + "\n", encoding="utf-8")
    else:
        from openpyxl import Workbook

        wb = Workbook()
        for line in rest:
            wb.active.append(next(csv.reader([line])))
        wb.save(second)
    result = CliRunner().invoke(
        app,
        ["evaluate", str(first), str(second), "--units", str(kontum / "communes.csv"),
         "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    got = json.loads(result.stdout)
    assert got["communes_total"] == 85
    assert got["recognised"] == 28
    assert got["avg_criteria"] == 14.8
