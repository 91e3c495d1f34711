"""`ntm evaluate --pilot` and `ntm report --pilot`: the web's pilot switch on files — an
incomplete criterion judged on the indicators the set has, by group, and never a recognition
while the set is incomplete; without the option the official figures, unchanged."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from ntm.cli import app

# Criterion 1 incomplete (one of its indicators entered, levels by group), criterion 2 complete.
PARTIAL_SET = """\
code: xa-thu-diem-2026
title: Bộ tiêu chí thử (chưa đủ chỉ tiêu)
basis: Dữ liệu kiểm thử
period: [2026, 2030]
variants: {by: group, values: ["1", "2", "3"]}
criteria:
  - number: 1
    name: Một tiêu chí chưa đủ chỉ tiêu
    indicators_complete: false
    indicators:
      - {code: "1.1", name: Tỷ lệ, kind: percent, thresholds: {all: {"1": 90, "2": 80, "3": 70}}}
  - number: 2
    name: Một tiêu chí đủ chỉ tiêu
    indicators:
      - {code: "2.1", name: Số mô hình, kind: count, thresholds: 3}
"""
UNITS = [
    ["commune_code", "commune_name", "province_code", "province_name", "group"],
    ["23311", "Xã Một", "51", "Tỉnh Quảng Ngãi", "1"],
    ["23314", "Xã Hai", "51", "Tỉnh Quảng Ngãi", "2"],
    ["23317", "Xã Ba", "51", "Tỉnh Quảng Ngãi", "3"],
]
# Group 1 ≥ 90: 95 met; group 2 ≥ 80: 75 not met; group 3 ≥ 70: 70 met. 2.1 met by all.
DATA = [
    ["commune_code", "commune_name", "year", "1.1", "2.1"],
    ["23311", "Xã Một", "2026", "95", "4"],
    ["23314", "Xã Hai", "2026", "75", "3"],
    ["23317", "Xã Ba", "2026", "70", "5"],
]


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    criteria = tmp_path / "xa-thu-diem-2026.yaml"
    criteria.write_text(PARTIAL_SET, encoding="utf-8")
    return {
        "criteria": str(criteria),
        "units": str(_write(tmp_path / "don-vi.csv", UNITS)),
        "data": str(_write(tmp_path / "du-lieu.csv", DATA)),
    }


def _evaluate(files: dict[str, str], *extra: str):
    args = ["evaluate", files["data"], "--units", files["units"], "--criteria", files["criteria"]]
    return CliRunner().invoke(app, [*args, *extra])


def test_without_pilot_the_incomplete_criterion_is_never_met(files: dict[str, str]) -> None:
    result = _evaluate(files, "--format", "json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert "pilot" not in found  # the official output keeps its shape
    assert [c["criteria_met"] for c in found["communes"]] == [1, 1, 1]
    assert [c["criteria"]["1"] for c in found["communes"]] == ["unknown", "not_met", "unknown"]


def test_pilot_judges_the_entered_indicator_by_group_and_says_so(files: dict[str, str]) -> None:
    result = _evaluate(files, "--format", "json", "--pilot")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found["pilot"] is True
    by_code = {c["commune_code"]: c for c in found["communes"]}
    assert {k: c["criteria"]["1"] for k, c in by_code.items()} == {
        "23311": "met", "23314": "not_met", "23317": "met",
    }  # fmt: skip
    assert {k: c["criteria_met"] for k, c in by_code.items()} == {
        "23311": 2, "23314": 1, "23317": 2,
    }  # fmt: skip
    assert found["recognised"] == 2  # meeting every criterion judged: a pilot figure, said so
    assert "Đánh giá thí điểm theo các chỉ tiêu đã nhập" in result.stderr


def test_pilot_in_the_table_and_the_workbook(files: dict[str, str], tmp_path: Path) -> None:
    table = _evaluate(files, "--pilot")
    assert table.exit_code == 0, table.output
    assert "ĐÁNH GIÁ THÍ ĐIỂM theo các chỉ tiêu đã nhập" in " ".join(table.stdout.split())
    assert "ĐÁNH GIÁ THÍ ĐIỂM" not in _evaluate(files).stdout
    out = tmp_path / "ket-qua.xlsx"
    assert _evaluate(files, "--pilot", "--format", "xlsx", "--out", str(out)).exit_code == 0
    sheet = load_workbook(out)["Tổng hợp"]
    figures = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert figures["Chế độ đánh giá"] == "Thí điểm theo các chỉ tiêu đã nhập"
    assert figures["Số xã đạt chuẩn"] == 2
    detail = list(load_workbook(out)["Theo xã"].iter_rows(values_only=True))
    standard = detail[0].index("Đạt chuẩn")
    # A pilot "met" is never a recognition (unknown); a criterion not met still rules it out.
    assert {row[0]: row[standard] for row in detail[1:]} == {
        "23311": "Chưa xác định", "23314": "Chưa đạt", "23317": "Chưa xác định",
    }  # fmt: skip


def test_report_pilot_says_so_in_the_report(files: dict[str, str], tmp_path: Path) -> None:
    def report(out: Path, *extra: str) -> str:
        args = ["report", "--data", files["data"], "--units", files["units"],
                "--criteria", files["criteria"], "--out", str(out), *extra]  # fmt: skip
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        return (out / "report.md").read_text(encoding="utf-8")

    pilot = report(tmp_path / "thi-diem", "--pilot")
    official = report(tmp_path / "chinh-thuc")
    assert "Đánh giá thí điểm theo các chỉ tiêu đã nhập" in pilot
    assert "Đánh giá thí điểm" not in official
