"""The conditions of recognition for a commune (Decision 18/2022/QĐ-TTg)."""

from __future__ import annotations

import numpy as np
import pytest

from ntm.domain.criteria import criteria_set_from_data
from ntm.domain.evaluation import MET, NOT_GIVEN, NOT_MET, UNKNOWN, empty_statuses, evaluate
from ntm.domain.recognition import recognition_check, recognition_check_for
from ntm.domain.units import Unit

ALL_MET = {n: "met" for n in range(1, 20)}
GOOD = {
    "no_construction_debt": True,
    "satisfaction_pct": 92.5,
    "required_satisfaction_pct": 90.0,
    "security_complicated": False,
}


def check(criteria=None, **changes):
    status = ALL_MET if criteria is None else criteria
    return recognition_check(criteria_status=status, **{**GOOD, **changes})


def test_a_commune_meeting_every_condition_may_be_recognised():
    result = check()
    assert result.status == MET
    assert result.status_name == "met"
    assert result.label == "Đủ điều kiện công nhận xã đạt chuẩn nông thôn mới"
    assert result.reasons == []
    assert [c.reason for c in result.conditions] == [
        "Đạt đủ 19/19 tiêu chí",
        "Không còn nợ đọng xây dựng cơ bản",
        "Tỷ lệ người dân hài lòng 92,5%, đạt mức yêu cầu 90%",
        "Tình hình an ninh, trật tự không phức tạp",
    ]


@pytest.mark.parametrize(
    ("changes", "condition", "reason"),
    [
        (
            {"criteria": {**ALL_MET, 10: "not_met", 17: "not_met"}},
            "criteria",
            "Đạt 17/19 tiêu chí; 2 tiêu chí chưa đạt: 10, 17",
        ),
        (
            {"no_construction_debt": False},
            "construction_debt",
            "Còn nợ đọng xây dựng cơ bản trong xây dựng nông thôn mới",
        ),
        (
            {"satisfaction_pct": 89.9},
            "satisfaction",
            "Tỷ lệ người dân hài lòng 89,9%, chưa đạt mức yêu cầu 90%",
        ),
        (
            {"security_complicated": True},
            "security",
            "Xã có tình hình an ninh, trật tự phức tạp",
        ),
    ],
)
def test_any_condition_not_met_stops_recognition(changes, condition, reason):
    result = check(**changes)
    assert result.status == NOT_MET
    assert result.condition(condition).status == NOT_MET
    assert result.reasons == [reason]
    assert result.label == "Chưa đủ điều kiện công nhận xã đạt chuẩn nông thôn mới"


@pytest.mark.parametrize(
    ("changes", "condition", "reason"),
    [
        (
            {"criteria": {**ALL_MET, 5: "unknown"}},
            "criteria",
            "Đạt 18/19 tiêu chí; 1 tiêu chí chưa xác định: 5",
        ),
        (
            {"no_construction_debt": None},
            "construction_debt",
            "Chưa có thông tin về nợ đọng xây dựng cơ bản",
        ),
        (
            {"satisfaction_pct": None},
            "satisfaction",
            "Chưa có kết quả lấy ý kiến sự hài lòng của người dân",
        ),
        (
            {"required_satisfaction_pct": None, "satisfaction_pct": 99.0},
            "satisfaction",
            "Tỷ lệ người dân hài lòng 99%; chưa có mức yêu cầu (do bộ tiêu chí hoặc tỉnh quy định)",
        ),
        (
            {"security_complicated": None},
            "security",
            "Chưa có đánh giá về tình hình an ninh, trật tự",
        ),
    ],
)
def test_any_condition_unknown_leaves_recognition_undecided(changes, condition, reason):
    result = check(**changes)
    assert result.status == UNKNOWN
    assert result.condition(condition).status == UNKNOWN
    assert result.reasons == [reason]
    assert result.label == "Chưa đủ căn cứ để xét công nhận xã đạt chuẩn nông thôn mới"


def test_a_condition_not_met_outweighs_one_unknown_and_is_listed_first():
    result = check(no_construction_debt=None, security_complicated=True)
    assert result.status == NOT_MET
    assert result.reasons == [
        "Xã có tình hình an ninh, trật tự phức tạp",
        "Chưa có thông tin về nợ đọng xây dựng cơ bản",
    ]


@pytest.mark.parametrize(
    ("actual", "required", "expected"),
    [
        (90.0, 90.0, MET),  # reaching the level exactly is enough
        (89.99, 90.0, NOT_MET),
        (100.0, 95.0, MET),
        (0.0, 0.0, MET),
        (None, 90.0, UNKNOWN),
        (95.0, None, UNKNOWN),
    ],
)
def test_satisfaction_is_met_when_it_reaches_the_required_level(actual, required, expected):
    result = check(satisfaction_pct=actual, required_satisfaction_pct=required)
    assert result.condition("satisfaction").status == expected


@pytest.mark.parametrize(
    ("field", "value"), [("satisfaction_pct", 101.0), ("required_satisfaction_pct", -1.0)]
)
def test_it_rejects_a_satisfaction_outside_0_to_100(field, value):
    with pytest.raises(ValueError, match=f"{field}: tỷ lệ phải từ 0 đến 100"):
        check(**{field: value})


def test_it_reads_criteria_from_a_row_of_the_engine_arrays():
    row = np.array([MET, NOT_MET, UNKNOWN, NOT_GIVEN], dtype=np.int8)
    result = check(row, criterion_numbers=[1, 2, 3, 4])
    assert result.condition("criteria").reason == (
        "Đạt 1/4 tiêu chí; 1 tiêu chí chưa đạt: 2; 2 tiêu chí chưa xác định: 3, 4"
    )
    assert result.status == NOT_MET


def test_it_reads_criteria_keyed_by_strings_as_json_results_have_them():
    result = check({"1": "met", "2": "met", "10": "met"})
    assert result.condition("criteria").reason == "Đạt đủ 3/3 tiêu chí"


@pytest.mark.parametrize(
    ("criteria", "numbers", "message"),
    [
        ({1: "đạt"}, None, "trạng thái không hợp lệ: 'đạt'"),
        (np.array([1, 1], dtype=np.int8), None, "criterion_numbers: cần đúng 2 số tiêu chí"),
        (np.array([1, 1], dtype=np.int8), [1, 2, 3], "criterion_numbers: cần đúng 2 số tiêu chí"),
        (np.array([1, 7], dtype=np.int8), [1, 2], "mã trạng thái không hợp lệ: 7"),
    ],
)
def test_it_rejects_criteria_statuses_it_cannot_read(criteria, numbers, message):
    with pytest.raises(ValueError, match=message):
        check(criteria, criterion_numbers=numbers)


def test_a_model_commune_also_needs_the_advanced_set():
    result = check(required_sets={"xa-ntm-nang-cao-2021-2025": "not_met"}, tier="model")
    assert result.status == NOT_MET
    assert result.label == "Chưa đủ điều kiện công nhận xã nông thôn mới kiểu mẫu"
    assert result.reasons == ["Đạt 19/19 tiêu chí; chưa đạt bộ tiêu chí xa-ntm-nang-cao-2021-2025"]
    met = check(required_sets={"xa-ntm-nang-cao-2021-2025": "met"}, tier="model")
    assert met.condition("criteria").reason == (
        "Đạt đủ 19/19 tiêu chí và bộ tiêu chí xa-ntm-nang-cao-2021-2025"
    )


@pytest.mark.parametrize(
    ("tier", "label"),
    [
        ("standard", "Đủ điều kiện công nhận xã đạt chuẩn nông thôn mới"),
        ("advanced", "Đủ điều kiện công nhận xã đạt chuẩn nông thôn mới nâng cao"),
        ("model", "Đủ điều kiện công nhận xã nông thôn mới kiểu mẫu"),
    ],
)
def test_the_label_names_the_tier(tier, label):
    assert check(tier=tier).label == label


def test_as_dict_carries_every_condition_for_the_api():
    data = check(security_complicated=None).as_dict()
    assert data["status"] == "unknown"
    assert list(data["conditions"]) == ["criteria", "construction_debt", "satisfaction", "security"]
    assert data["conditions"]["security"] == {
        "name": "Không phải xã có tình hình an ninh, trật tự phức tạp",
        "status": "unknown",
        "reason": "Chưa có đánh giá về tình hình an ninh, trật tự",
    }


def _two_criteria_set(code: str, tier: str, requires: list[str]):
    return criteria_set_from_data(
        {
            "code": code,
            "title": "Bộ thử",
            "basis": "thử",
            "period": [2021, 2025],
            "tier": tier,
            "variants": {"by": "none"},
            "tier_rule": {"requires": requires},
            "criteria": [{"number": 1, "name": "Một"}, {"number": 2, "name": "Hai"}],
        }
    )


def test_it_checks_a_unit_of_an_evaluation_with_the_sets_its_tier_requires():
    units = [Unit(code="00001", name="Xã A"), Unit(code="00002", name="Xã B")]
    advanced = _two_criteria_set("nang-cao", "advanced", [])
    model = _two_criteria_set("kieu-mau", "model", ["nang-cao"])
    adv_status = empty_statuses(2, advanced)
    adv_status[:] = [[MET, MET], [MET, NOT_MET]]
    adv = evaluate(advanced, units, 2024, statuses=adv_status)
    model_status = empty_statuses(2, model)
    model_status[:] = MET
    ev = evaluate(model, units, 2024, statuses=model_status, required={"nang-cao": adv})
    first = recognition_check_for(ev, 0, **GOOD)
    second = recognition_check_for(ev, 1, **GOOD)
    assert first.status == MET
    assert first.label == "Đủ điều kiện công nhận xã nông thôn mới kiểu mẫu"
    assert second.status == NOT_MET
    assert second.reasons == ["Đạt 2/2 tiêu chí; chưa đạt bộ tiêu chí nang-cao"]
    alone = evaluate(model, units, 2024, statuses=model_status)
    assert recognition_check_for(alone, 0, **GOOD).condition("criteria").reason == (
        "Đạt 2/2 tiêu chí; chưa xác định kết quả bộ tiêu chí nang-cao"
    )
