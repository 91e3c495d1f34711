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


SET = """\
code: xa-thu-chi-phi
title: Bộ tiêu chí thử chi phí
basis: Dữ liệu kiểm thử
period: [2021, 2025]
criteria:
  - number: 1
    name: Nước sạch
    indicators:
      - {code: "1.1", name: Tỷ lệ hộ dùng nước sạch, kind: percent, thresholds: 80}
  - number: 2
    name: Mô hình sản xuất
    indicators:
      - {code: "2.1", name: Số mô hình sản xuất, kind: count, thresholds: 3}
"""


def test_an_indicator_gap_is_priced_per_unit_short(tmp_path: Path):
    sets = tmp_path / "sets"
    sets.mkdir()
    (sets / "xa-thu-chi-phi.yaml").write_text(SET, encoding="utf-8")
    data = tmp_path / "du-lieu.csv"
    data.write_text(
        "commune_code,commune_name,year,1.1,2.1\n"
        "23311,Xã Đắk Cấm,2024,70,3\n"  # 10 points short of 80 % on 1.1
        "23314,Xã Kroong,2024,85,1\n",  # two production models short on 2.1
        encoding="utf-8",
    )
    costs = _costs(tmp_path, "")
    costs.write_text(
        "criterion,indicator,unit_cost_billion_vnd\n,1.1,0.5\n,2.1,2\n", encoding="utf-8"
    )
    runner_with_set = CliRunner(env={"NTM_CRITERIA_DIR": str(sets)})

    def plan(budget: str) -> dict:
        args = ["plan-funding", str(data), "--costs", str(costs), "--criteria", "xa-thu-chi-phi"]
        result = runner_with_set.invoke(app, [*args, "--budget", budget, "--json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    def priced(found: dict) -> dict:
        return {(f["commune"], f["criterion"]): f["cost"] for f in found["funded"]}

    # Kroong's two missing models cost 2 × 2 = 4; Đắk Cấm's ten points cost 10 × 0,5 = 5
    assert priced(plan("4,5")) == {("23314", 2): 4.0}
    both = plan("9")
    assert priced(both) == {("23314", 2): 4.0, ("23311", 1): 5.0}
    assert sorted(both["recognised"]) == ["23311", "23314"]
