"""``ntm plan-funding`` on the Kon Tum 2020 file: a plan within the budget, its xlsx, errors."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from ntm.cli import app

runner = CliRunner()


def _costs(tmp_path: Path, rows: str = "") -> Path:
    path = tmp_path / "chi-phi.csv"
    body = rows or "".join(f"{n},{n % 5 + 1}\n" for n in range(1, 20))
    path.write_text("criterion,unit_cost_billion_vnd\n" + body, encoding="utf-8")
    return path


def _run(kontum: Path, costs: Path, *extra: str):
    data = str(kontum / "criteria-2020.csv")
    return runner.invoke(app, ["plan-funding", data, "--costs", str(costs), *extra])


def test_the_plan_stays_within_the_budget_and_the_next_tranche_adds_communes(
    kontum: Path, tmp_path: Path
):
    result = _run(kontum, _costs(tmp_path), "--budget", "100", "--tranche", "50", "--json")
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert plan["optimal"] is True and plan["cost"] <= 100 + 1e-9
    assert len(plan["recognised"]) > 0
    assert plan["criteria_gained"] == len(plan["funded"])
    funded = {f["commune"] for f in plan["funded"]}
    assert set(plan["recognised"]) <= funded
    assert plan["next_tranche"]["communes"] >= 1


def test_a_cap_per_commune_is_respected(kontum: Path, tmp_path: Path):
    result = _run(kontum, _costs(tmp_path), "--budget", "200", "--cap", "6", "--json")
    spent: dict[str, float] = {}
    for f in json.loads(result.stdout)["funded"]:
        spent[f["commune"]] = spent.get(f["commune"], 0.0) + f["cost"]
    assert spent and max(spent.values()) <= 6 + 1e-9


def test_the_plan_is_exported_to_xlsx(kontum: Path, tmp_path: Path):
    out = tmp_path / "phuong-an.xlsx"
    result = _run(kontum, _costs(tmp_path), "--budget", "100", "--out", str(out))
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    assert book.sheetnames == ["Phương án", "Tổng hợp"]
    assert book["Phương án"]["A1"].value == "Mã xã"
    assert book["Tổng hợp"]["A1"].value == "Ngân sách (tỷ đồng)"
    assert "xã đạt chuẩn thêm" in result.stdout


def test_a_bad_cost_row_is_named_by_file_line_and_column(kontum: Path, tmp_path: Path):
    result = _run(kontum, _costs(tmp_path, "2,nhiều\n"), "--budget", "10")
    assert result.exit_code == 2
    assert "chi-phi.csv, dòng 2, cột unit_cost_billion_vnd: cần số tỷ đồng ≥ 0" in result.output
