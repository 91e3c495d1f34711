"""load_inputs: the one path from files to the engine, shared by the CLI, reports and web."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from ntm.domain.evaluation import MET, NOT_GIVEN, NOT_MET
from ntm.domain.rollup import rollup
from ntm.io.bundle import evaluation_json, load_inputs
from ntm.io.errors import ImportFailed


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_it_reads_the_long_form_against_the_shipped_set(tmp_path: Path, kontum: Path) -> None:
    data = write(
        tmp_path / "chi-tieu.csv",
        "unit_code,year,indicator,value\n"
        '23311,2020,10.1,"42,5"\n'
        "23311,2020,15.1,86%\n"
        "23311,2020,15.2,có\n"
        "23314,2020,10.1,38\n"
        "23314,2020,15.2,không\n",
    )
    inputs = load_inputs([data], units_path=kontum / "communes.csv")
    assert inputs.cset.code == "xa-ntm-2016-2020"
    assert inputs.year == 2020
    assert [u.code for u in inputs.units] == ["23311", "23314"]
    codes = [i.code for i in inputs.cset.indicators]
    assert inputs.values[0, codes.index("10.1")] == 42.5
    assert inputs.values[0, codes.index("15.1")] == 86.0
    assert inputs.values[1, codes.index("15.2")] == 0.0
    assert math.isnan(inputs.values[1, codes.index("15.1")])
    assert (inputs.statuses == NOT_GIVEN).all()
    assert "83 đơn vị trong danh sách không có trong dữ liệu, không được đánh giá" in inputs.notes
    result = evaluation_json(inputs.evaluate())
    first, second = result["communes"]
    assert first["indicators"]["10.1"] == {"value": 42.5, "threshold": 41, "status": "met"}
    assert second["indicators"]["10.1"] == {"value": 38, "threshold": 41, "status": "not_met"}
    assert second["criteria"]["10"] == "not_met"
    assert first["criteria"]["10"] == "unknown"  # criterion 10's list of indicators is incomplete


def test_units_come_from_the_registry_when_the_file_has_codes_only(tmp_path: Path) -> None:
    data = write(tmp_path / "chi-tieu.csv", "unit_code,year,indicator,value\n23311,2020,10.1,40\n")
    inputs = load_inputs([data])
    assert inputs.units[0].name == "Xã Đắk Cấm"
    assert inputs.units[0].region == "TN"


def test_year_picks_one_year_of_a_file_of_several(tmp_path: Path, kontum: Path) -> None:
    data = write(
        tmp_path / "nhieu-nam.csv",
        "commune_code,commune_name,year,tc1,tc2\n"
        "23311,Xã Đắk Cấm,2019,1,0\n"
        "23311,Xã Đắk Cấm,2020,1,1\n"
        "23314,Xã Kroong,2020,0,x\n",
    )
    with pytest.raises(ImportFailed, match="dữ liệu có nhiều năm"):
        load_inputs([data], criteria="xa-ntm-2016-2020")
    inputs = load_inputs([data], criteria="xa-ntm-2016-2020", year=2020)
    assert inputs.statuses[:, :3].tolist() == [[MET, MET, NOT_GIVEN], [NOT_MET, MET, NOT_GIVEN]]
    assert "nhieu-nam.csv: bỏ qua 1 dòng của năm khác năm 2020" in inputs.notes


def test_it_notes_the_decimal_convention_it_assumed(tmp_path: Path, kontum: Path) -> None:
    data = write(
        tmp_path / "so-lieu.csv",
        "Mã xã;Tên xã;Năm;10.1\n23311;Xã Đắk Cấm;2020;1.234\n23314;Xã Kroong;2020;40,5\n",
    )
    inputs = load_inputs([data], units_path=kontum / "communes.csv")
    income = [i.code for i in inputs.cset.indicators].index("10.1")
    assert inputs.values[:, income].tolist() == [1234.0, 40.5]
    assert any("dấu phẩy (14,8)" in n for n in inputs.notes)
    assert any("dòng 2, cột D (10.1): «1.234»" in n for n in inputs.notes)


def test_the_json_has_the_keys_of_the_issue(kontum: Path) -> None:
    inputs = load_inputs([kontum / "criteria-2020.csv"], units_path=kontum / "communes.csv")
    evaluation = inputs.evaluate()
    data = evaluation_json(evaluation, rollup(evaluation))
    assert list(data)[:2] == ["criteria_set", "year"]
    assert {
        "communes_total", "recognised", "bands", "avg_criteria", "criteria",
        "criteria_met_by_all", "recognised_communes", "communes_under_10_criteria",
        "closest_to_standard", "communes",
    } <= set(data)  # fmt: skip
    assert set(data["communes"][0]) == {
        "commune_code", "commune_name", "district_name", "criteria_met", "criteria", "indicators",
    }  # fmt: skip
