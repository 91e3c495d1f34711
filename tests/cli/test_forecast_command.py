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


# A small set with a threshold by region (income) and a "lower is better" one (poverty rate).
_SET = """code: thu-du-bao-chi-tieu
title: Bộ thử dự báo theo chỉ tiêu
basis: Thử
period: [2016, 2030]
variants: {by: region, values: [TN, ĐNB]}
criteria:
  - number: 1
    name: Thu nhập
    indicators:
      - {code: "1.1", name: Thu nhập bình quân, unit: triệu đồng, kind: number, compare: ">=",
         thresholds: {all: {TN: 40, ĐNB: 55}}}
  - number: 2
    name: Hộ nghèo
    indicators:
      - {code: "2.1", name: Tỷ lệ hộ nghèo, unit: "%", kind: percent, compare: "<=",
         thresholds: 5}
  - number: 3
    name: Quy hoạch
    indicators:
      - {code: "3.1", name: Có quy hoạch, kind: yes_no, thresholds: 1}
"""
_UNITS = (
    "commune_code,commune_name,province_code,province_name,region\n"
    "00001,Xã Một,62,Tỉnh Kon Tum,TN\n"
    "00002,Xã Hai,62,Tỉnh Kon Tum,ĐNB\n"
)
# year → (income, poverty %) of both communes; both have criterion 3 met
_VALUES = {2021: (30, 20.5), 2022: (33, 16.5), 2023: (36, 12.5)}


def _indicator_files(tmp_path: Path) -> list[str]:
    (tmp_path / "bo.yaml").write_text(_SET, encoding="utf-8")
    (tmp_path / "xa.csv").write_text(_UNITS, encoding="utf-8")
    files = []
    for year, (income, poor) in _VALUES.items():
        path = tmp_path / f"chi-tieu-{year}.csv"
        rows = [f'{c},{year},1.1,{income}\n{c},{year},2.1,"{poor}"\n{c},{year},3.1,có\n'
                for c in ("00001", "00002")]  # fmt: skip
        path.write_text("unit_code,year,indicator,value\n" + "".join(rows), encoding="utf-8")
        files.append(str(path))
    return files


def _invoke(tmp_path: Path, *extra: str):
    files = _indicator_files(tmp_path)
    args = ["forecast", *files, "--units", str(tmp_path / "xa.csv")]
    return runner.invoke(app, [*args, "--criteria", str(tmp_path / "bo.yaml"), *extra])


def test_with_indicator_values_each_criterion_is_dated_by_its_indicators(tmp_path: Path):
    result = _invoke(tmp_path, "--json")
    assert result.exit_code == 0, result.output
    communes = {c["code"]: c for c in json.loads(result.stdout)["communes"]}
    one, two = communes["00001"], communes["00002"]
    # income: +3 a year from 36, to 40 in Tây Nguyên (2 years), to 55 in Đông Nam Bộ (7)
    # poverty: −4 a year from 12,5 to 5: 2 years in both regions
    assert one["criteria_years"] == {"1": 2025, "2": 2025, "3": 2021}
    assert two["criteria_years"] == {"1": 2030, "2": 2025, "3": 2021}
    assert (one["standard_year"], two["standard_year"]) == (2025, 2030)
    assert one["method"] == two["method"] == "indicators"
    income = next(c for c in two["criteria"] if c["number"] == 1)
    assert income["method"] == "indicators"
    (held,) = income["holding"]
    assert held["text"] == "1.1: 36 (cần ≥ 55), +3/năm"
    poor = next(c for c in two["criteria"] if c["number"] == 2)
    assert poor["holding"][0]["text"] == "2.1: 12,5% (cần ≤ 5%), −4 điểm %/năm"
    assert json.loads(result.stdout)["province"][-1] == {
        "year": 2030, "expected": 2, "low": 1, "high": 2
    }  # fmt: skip


def test_the_commune_view_lists_the_indicators_holding_it_back(tmp_path: Path):
    result = _invoke(tmp_path, "--commune", "00002")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("00002 Xã Hai: năm đạt chuẩn 2030 — khá chắc chắn, sai số khoảng ±1 năm")
    assert "1.1: 36 (cần ≥ 55), +3/năm" in out and "theo xu hướng chỉ tiêu" in out
    assert "00001" not in out
    missing = _invoke(tmp_path, "--commune", "99999")
    assert missing.exit_code == 2
    assert "--commune 99999: không có xã mã này trong các tệp dữ liệu" in missing.output
