"""Set files: province variants over a parent, errors naming file and field, writing back."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ntm.criteria import CriteriaFileError, load_set, load_set_file
from ntm.criteria.writer import write_set_file
from ntm.domain.evaluation import MET, NOT_MET, evaluate
from ntm.domain.units import Unit

KON_TUM = Unit(code="23000", name="Xã Đăk Hà", region="TN")
GIA_LAI = Unit(code="23001", name="Xã Ia Grai", region="TN")

# Illustrative province levels for the test only: not from any decision.
PROVINCE_VARIANT = """\
code: xa-ntm-2016-2020-kontum
parent: xa-ntm-2016-2020
title: Bộ tiêu chí xã NTM tỉnh Kon Tum 2016-2020
criteria:
  - number: 2
    name: Giao thông (Kon Tum)
    indicators:
      - code: "2.1"
        thresholds: {all: {values: {TN: 70}, source: QĐ của UBND tỉnh (thử nghiệm)}}
  - number: 10
    indicators:
      - code: "10.1"
        thresholds:
          "2019": {values: {TN: 32}, source: Hướng dẫn của tỉnh (thử nghiệm)}
          "2020": {TN: 42}
      - code: "10.2"
        name: Thu nhập bình quân của hộ khá (chỉ tiêu của tỉnh)
        kind: number
        compare: ">="
        thresholds: {all: {TN: 60}}
  - number: 20
    name: Tiêu chí riêng của tỉnh
    indicators_complete: true
    indicators:
      - {code: "20.1", name: Có hương ước, kind: yes_no, thresholds: {all: true}}
bands:
  - {label: "19-20", min: 19, max: 20}
  - {label: "<19", min: 0, max: 18}
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_province_variant_overrides_named_thresholds_and_keeps_the_rest(tmp_path: Path) -> None:
    cset = load_set_file(write(tmp_path, "kontum.yaml", PROVINCE_VARIANT))
    assert cset.code == "xa-ntm-2016-2020-kontum" and cset.parent == "xa-ntm-2016-2020"
    assert cset.criterion(2).name == "Giao thông (Kon Tum)"
    assert cset.criterion(2).group == "II. Hạ tầng kinh tế – xã hội"  # inherited
    income = cset.indicator("10.1")
    assert income.threshold_for("TN", 2019) == 32
    assert income.threshold_for("TN", 2018) is None
    # Same year key: merged variant by variant, the other regions and the source kept.
    assert income.threshold_for("TN", 2020) == 42 and income.threshold_for("ĐNB", 2020) == 59
    assert "en.vietnamplus.vn" in income.rule_for(2020).source
    assert income.rule_for(2020).general == 45
    assert cset.indicator("15.1").threshold_for("TN", 2020) == 85  # untouched
    assert [i.code for i in cset.criterion(10).indicators] == ["10.1", "10.2"]
    assert cset.criterion_numbers == [*range(1, 21)]
    assert [b.label for b in cset.effective_bands()] == ["19-20", "<19"]


def test_a_province_variant_is_evaluated_with_its_own_levels(tmp_path: Path) -> None:
    write(tmp_path, "kontum.yaml", PROVINCE_VARIANT)
    cset = load_set(tmp_path / "kontum.yaml")
    codes = [i.code for i in cset.indicators]
    values = np.full((2, len(codes)), np.nan)
    values[:, codes.index("10.1")] = [41.5, 42.5]
    values[:, codes.index("2.1")] = [69, 70]
    result = evaluate(cset, [KON_TUM, GIA_LAI], 2020, values=values)
    assert result.indicator_status[:, codes.index("10.1")].tolist() == [NOT_MET, MET]
    assert result.indicator_status[:, codes.index("2.1")].tolist() == [NOT_MET, MET]
    national = load_set("xa-ntm-2016-2020")
    assert national.indicator("10.1").threshold_for("TN", 2020) == 41


def test_a_variant_found_through_ntm_criteria_dir_by_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "xa-ntm-2016-2020-kontum.yaml", PROVINCE_VARIANT)
    monkeypatch.setenv("NTM_CRITERIA_DIR", str(tmp_path))
    cset = load_set("xa-ntm-2016-2020-kontum")
    assert cset.indicator("20.1").threshold_for("TN", 2017) is True


def test_a_variant_whose_parent_is_missing_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "x.yaml", "code: x\nparent: khong-co\ncriteria: []\n")
    with pytest.raises(CriteriaFileError) as caught:
        load_set_file(path)
    assert caught.value.path == str(path)
    assert caught.value.problems[0][0] == "parent"
    assert "không tìm thấy bộ tiêu chí gốc «khong-co»" in caught.value.problems[0][1]


def test_variants_that_inherit_from_each_other_in_a_circle_are_refused(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "code: a\nparent: b\n")
    write(tmp_path, "b.yaml", "code: b\nparent: a\n")
    with pytest.raises(CriteriaFileError) as caught:
        load_set_file(tmp_path / "a.yaml")
    assert "kế thừa vòng tròn: a → b → a" in str(caught.value)


def test_a_variant_must_name_its_own_code(tmp_path: Path) -> None:
    path = write(tmp_path, "nocode.yaml", "parent: xa-ntm-2021-2025\ntitle: Bộ của tỉnh\n")
    with pytest.raises(CriteriaFileError) as caught:
        load_set_file(path)
    assert ("code", "thiếu trường bắt buộc") in caught.value.problems


BROKEN = """\
code: hong
title: Bộ hỏng
basis: thử
period: [2021, 2025]
level: xa
variants: {by: region, values: [TN]}
criteria:
  - number: 1
    name: Một
    indicators:
      - {code: "1.1", name: a, kind: percent, thresholds: {"2021": {TN: "mười"}}}
      - {code: "1.2", name: b, kind: phan-tram, compare: ">"}
  - number: hai
    ten: Hai
"""


def test_a_malformed_file_lists_every_problem_with_file_and_field_path(tmp_path: Path) -> None:
    path = write(tmp_path, "hong.yaml", BROKEN)
    with pytest.raises(CriteriaFileError) as caught:
        load_set_file(path)
    problems = dict(caught.value.problems)
    assert caught.value.path == str(path)
    assert problems["criteria[số 1].indicators[1.1].thresholds"] == (
        "năm 2021 TN: ngưỡng không phải là số: 'mười'"
    )
    assert problems["level"] == (
        "giá trị 'xa' không hợp lệ; chỉ nhận một trong: 'commune', 'district', 'province'"
    )
    assert problems["criteria[số 1].indicators[1.2].kind"].startswith(
        "giá trị 'phan-tram' không hợp lệ; chỉ nhận một trong: 'yes_no', 'percent'"
    )
    assert "'>='" in problems["criteria[số 1].indicators[1.2].compare"]
    assert problems["criteria[số hai].number"] == "phải là số nguyên, không phải 'hai'"
    assert problems["criteria[số hai].name"] == "thiếu trường bắt buộc"
    assert problems["criteria[số hai].ten"].startswith("trường không có trong định dạng")
    assert str(path) in str(caught.value)


def test_a_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "cu-phap.yaml", "code: a\ncriteria: [\n  - x: 1\n")
    with pytest.raises(CriteriaFileError) as caught:
        load_set_file(path)
    where, message = caught.value.problems[0]
    assert where.startswith("dòng ") and message.startswith("YAML sai cú pháp")


def test_an_error_in_a_variant_names_the_variant_file(tmp_path: Path) -> None:
    text = "code: v\nparent: xa-ntm-2021-2025\ncriteria:\n  - number: 15\n    indicators:\n"
    text += '      - {code: "15.1", kind: ratio}\n'
    path = write(tmp_path, "v.yaml", text)
    with pytest.raises(CriteriaFileError) as caught:
        load_set_file(path)
    assert caught.value.path == str(path)
    assert caught.value.problems[0][0] == "criteria[số 15].indicators[15.1].kind"


@pytest.mark.parametrize(
    "code",
    ["xa-ntm-2016-2020", "xa-ntm-2021-2025", "xa-ntm-kieu-mau-2021-2025", "xa-ntm-2026-2030"],
)
def test_a_written_set_file_loads_back_identical(tmp_path: Path, code: str) -> None:
    cset = load_set(code)
    path = write_set_file(cset, tmp_path / f"{code}.yaml")
    assert load_set_file(path) == cset


def test_a_written_variant_loads_back_identical_over_its_parent(tmp_path: Path) -> None:
    cset = load_set_file(write(tmp_path, "kontum.yaml", PROVINCE_VARIANT))
    path = write_set_file(cset, tmp_path / "out" / "kontum.yaml", comment="Bản ghi lại")
    assert path.read_text(encoding="utf-8").startswith("# Bản ghi lại\n")
    assert load_set_file(path) == cset
