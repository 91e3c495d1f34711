"""``ntm forecast`` on the Kon Tum files of 2015 and 2020 (the inputs of ``ntm evaluate``)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from ntm.cli import app

runner = CliRunner()


def _run(kontum: Path, *extra: str):
    files = [str(kontum / "criteria-2015.csv"), str(kontum / "criteria-2020.csv")]
    return runner.invoke(app, ["forecast", *files, *extra])


def test_each_commune_gets_its_year_and_the_province_its_count_per_year(kontum: Path):
    result = _run(kontum, "--json", "--target", "2025:60", "--target", "2030:100%")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    communes = {c["code"]: c for c in found["communes"]}
    assert len(communes) == 85
    reached = [c for c in communes.values() if c["criteria_met"] == 19]
    assert len(reached) == 28 and all(c["standard_year"] == 2020 for c in reached)
    assert all(c["margin_years"] == 2 for c in communes.values() if c["criteria_met"] < 19)
    province = {p["year"]: p["expected"] for p in found["province"]}
    assert province[2020] == 28
    assert all(province[y] <= province[y + 1] for y in range(2020, 2030))
    full, sixty = found["targets"][1], found["targets"][0]
    assert full["target"] == 85 and not full["reached"]
    assert full["sentence"].startswith(
        f"Theo tốc độ hiện nay, thiếu khoảng {85 - full['expected']} xã so với mục tiêu năm 2030"
    )
    assert sixty["sentence"].startswith("Theo tốc độ hiện nay, đạt mục tiêu năm 2025") == (
        sixty["expected"] >= 60
    )


def test_the_uncertainty_is_said_in_words(kontum: Path):
    communes = json.loads(_run(kontum, "--json").stdout)["communes"]
    words = {c["uncertainty"] for c in communes}
    assert words <= {
        "đã đạt chuẩn",
        "chưa chắc chắn, sai số khoảng ±2 năm: chỉ có 2 năm số liệu",
    } | {w for w in words if "không tăng" in w}
    result = _run(kontum)
    assert result.exit_code == 0, result.output
    assert "Độ tin cậy" in result.stdout and "Năm 2030: dự kiến" in result.stdout


def test_a_bad_target_is_one_vietnamese_line(kontum: Path):
    result = _run(kontum, "--target", "năm 2030")
    assert result.exit_code == 2
    assert "cần dạng NĂM:SỐ_XÃ hoặc NĂM:TỶ_LỆ%" in result.output


def test_a_missing_file_is_named(kontum: Path, tmp_path: Path):
    result = runner.invoke(app, ["forecast", str(tmp_path / "khong-co.csv")])
    assert result.exit_code == 2 and "khong-co.csv" in result.output
