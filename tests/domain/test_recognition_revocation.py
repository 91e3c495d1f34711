"""Revocation of a commune's recognition (Decision 18/2022/QĐ-TTg), at every boundary."""

from __future__ import annotations

import numpy as np
import pytest

from ntm.domain.criteria import criteria_set_from_data
from ntm.domain.evaluation import MET, NOT_GIVEN, NOT_MET, UNKNOWN
from ntm.domain.recognition import (
    KEEP,
    NOT_RECOGNISED,
    REASON_VI,
    REVIEW,
    REVOKE_COMMUNES,
    REVOKE_KEY,
    REVOKE_MAJORITY,
    is_revoked,
    key_criteria_for,
    reason_labels,
    revocation_explain,
    revocation_flags,
)

N19 = list(range(1, 20))
KEY19 = {10, 17, 19}  # Thu nhập, Môi trường và an toàn thực phẩm, Quốc phòng và An ninh
N10 = list(range(1, 11))
KEY10 = {8, 10}  # Môi trường và cảnh quan nông thôn; Tiếp cận pháp luật và an ninh, quốc phòng


def row(n: int, not_met: tuple[int, ...] = (), unknown: tuple[int, ...] = ()) -> np.ndarray:
    status = np.full(n, MET, dtype=np.int8)
    for number in not_met:
        status[number - 1] = NOT_MET
    for number in unknown:
        status[number - 1] = UNKNOWN
    return status


def flag(n: int, keys: set[int], not_met=(), unknown=(), recognised: bool = True) -> int:
    numbers = list(range(1, n + 1))
    return int(revocation_flags(row(n, not_met, unknown)[None, :], numbers, keys, [recognised])[0])


# --- 19 criteria: 5/19 = 26,3 %, 6/19 = 31,6 %, 9/19 = 47,4 %, 10/19 = 52,6 % -----------------

NINETEEN = [
    # (not met, expected code, share shown)
    ((), KEEP, "0/19 tiêu chí (0%)"),
    ((1, 2, 3, 4, 5), KEEP, "5/19 tiêu chí (26,3%)"),
    ((1, 2, 3, 4, 10), KEEP, "5/19 tiêu chí (26,3%)"),  # a key criterion, but under 30 %
    ((1, 2, 3, 4, 5, 6), KEEP, "6/19 tiêu chí (31,6%)"),  # 30–50 % without a key criterion
    ((1, 2, 3, 4, 5, 10), REVOKE_KEY, "6/19 tiêu chí (31,6%)"),
    ((1, 2, 3, 4, 5, 17), REVOKE_KEY, "6/19 tiêu chí (31,6%)"),
    ((1, 2, 3, 4, 5, 19), REVOKE_KEY, "6/19 tiêu chí (31,6%)"),
    ((1, 2, 3, 4, 5, 6, 7, 8, 9), KEEP, "9/19 tiêu chí (47,4%)"),
    ((1, 2, 3, 4, 5, 6, 7, 8, 17), REVOKE_KEY, "9/19 tiêu chí (47,4%)"),
    ((1, 2, 3, 4, 5, 6, 7, 8, 9, 11), REVOKE_MAJORITY, "10/19 tiêu chí (52,6%)"),
    ((1, 2, 3, 4, 5, 6, 7, 8, 9, 10), REVOKE_MAJORITY, "10/19 tiêu chí (52,6%)"),
    (tuple(N19), REVOKE_MAJORITY, "19/19 tiêu chí (100%)"),
]


@pytest.mark.parametrize(("not_met", "expected", "shown"), NINETEEN)
def test_it_applies_the_30_and_50_percent_rules_to_19_criteria(not_met, expected, shown):
    assert flag(19, KEY19, not_met) == expected
    explanation = revocation_explain(row(19, not_met), N19, KEY19)
    assert explanation.code == expected
    assert explanation.text.startswith(shown + " không còn đạt")


# --- 10 criteria (2026–2030): 3/10 is exactly 30 %, 5/10 exactly 50 % ---------------------------

TEN = [
    ((1, 2), KEEP),
    ((1, 8), KEEP),  # 20 % with a key criterion
    ((1, 2, 3), KEEP),  # exactly 30 %, no key criterion
    ((1, 2, 8), REVOKE_KEY),  # exactly 30 % counts as "30 % to under 50 %"
    ((1, 2, 10), REVOKE_KEY),
    ((1, 2, 3, 4), KEEP),
    ((1, 2, 3, 10), REVOKE_KEY),
    ((1, 2, 3, 4, 5), REVOKE_MAJORITY),  # exactly 50 % is "50 % or more"
    ((1, 2, 3, 4, 8), REVOKE_MAJORITY),
]


@pytest.mark.parametrize(("not_met", "expected"), TEN)
def test_it_applies_the_rules_to_10_criteria_with_exact_boundaries(not_met, expected):
    assert flag(10, KEY10, not_met) == expected


@pytest.mark.parametrize(
    ("n", "not_met", "expected"),
    [
        (20, (1, 2, 3, 4, 5, 10), REVOKE_KEY),  # 6/20 = 30 % exactly
        (20, (1, 2, 3, 4, 10), KEEP),  # 25 %
        (20, (1, 2, 3, 4, 5, 6, 7, 8, 9), KEEP),  # 45 %, no key criterion
        (20, tuple(range(1, 11)), REVOKE_MAJORITY),  # 10/20 = 50 % exactly
        (100, tuple(range(11, 40)), KEEP),  # 29 %, no key criterion
        (100, (10, *range(11, 39)), KEEP),  # 29 %, key criterion 10 among them
        (100, (10, *range(11, 40)), REVOKE_KEY),  # 30 %
        (100, tuple(range(1, 50)), REVOKE_KEY),  # 49 %
        (100, tuple(range(1, 51)), REVOKE_MAJORITY),  # 50 %
    ],
)
def test_it_compares_shares_exactly_when_the_count_is_a_whole_percentage(n, not_met, expected):
    assert flag(n, {10}, not_met) == expected


def test_it_shows_the_share_as_people_read_it():
    explain = revocation_explain(row(19, (1, 2, 3)), N19, KEY19)
    assert explain.text == (
        "3/19 tiêu chí (15,8%) không còn đạt (tiêu chí 1, 2, 3): dưới 30%, giữ công nhận."
    )
    explain = revocation_explain(row(10, (1, 2, 8)), N10, KEY10, names={8: "Môi trường"})
    assert explain.text == (
        "3/10 tiêu chí (30%) không còn đạt (tiêu chí 1, 2, 8), trong đó có tiêu chí 8 "
        "(Môi trường): từ 30% đến dưới 50% và có tiêu chí trọng yếu, "
        "thu hồi quyết định công nhận."
    )
    assert explain.key_not_met == [8]
    assert explain.revoked


def test_it_keeps_recognition_between_30_and_50_percent_without_a_key_criterion():
    explain = revocation_explain(row(19, (1, 2, 3, 4, 5, 6)), N19, KEY19)
    assert explain.code == KEEP
    assert explain.text.endswith(
        ": từ 30% đến dưới 50% nhưng không có tiêu chí trọng yếu, giữ công nhận."
    )
    assert not explain.revoked


def test_it_revokes_at_half_or_more_and_says_why():
    explain = revocation_explain(row(10, (1, 2, 3, 4, 5)), N10, KEY10)
    assert explain.text == (
        "5/10 tiêu chí (50%) không còn đạt (tiêu chí 1, 2, 3, 4, 5): từ 50% trở lên, "
        "thu hồi quyết định công nhận."
    )


# --- unknown statuses ------------------------------------------------------------------------

UNKNOWNS = [
    # not met, unknown, expected
    ((1, 2, 3, 4), (5, 6), KEEP),  # even all unknown not met: 6/19 without a key criterion
    ((1, 2, 3, 4, 10), (5,), REVIEW),  # 6/19 with income if criterion 5 is not met
    ((1, 2, 3, 4, 5), (17,), REVIEW),  # the unknown one is itself a key criterion
    ((1, 2, 3, 4, 5, 6), (7,), KEEP),  # 7/19 at worst, no key criterion
    ((1, 2, 3, 4, 5, 6, 7, 8), (9, 11), REVIEW),  # 10/19 at worst
    ((1, 2, 3, 4, 5, 19), (6, 7, 8, 9), REVOKE_KEY),  # revoked on what is known
    ((1, 2, 3, 4, 5, 6, 7, 8, 9, 11), (12,), REVOKE_MAJORITY),
    ((), tuple(N19), REVIEW),  # nothing known
    ((), (1, 2, 3), KEEP),  # 3/19 at worst
]


@pytest.mark.parametrize(("not_met", "unknown", "expected"), UNKNOWNS)
def test_it_counts_only_criteria_known_to_be_not_met(not_met, unknown, expected):
    assert flag(19, KEY19, not_met, unknown) == expected


def test_it_explains_when_unknowns_could_tip_it():
    explain = revocation_explain(row(19, (1, 2, 3, 4, 10), (5,)), N19, KEY19)
    assert explain.code == REVIEW
    assert explain.unknown == [5]
    assert explain.text == (
        "5/19 tiêu chí (26,3%) không còn đạt (tiêu chí 1, 2, 3, 4, 10); 1 tiêu chí chưa xác định "
        "(tiêu chí 5), nếu không đạt thì 6/19 tiêu chí (31,6%) không đạt: cần xem xét."
    )


def test_it_says_when_unknowns_do_not_change_the_conclusion():
    explain = revocation_explain(row(19, (1, 2, 3, 4), (5, 6)), N19, KEY19)
    assert explain.text.endswith(
        "dưới 30%, giữ công nhận. 2 tiêu chí chưa xác định không làm thay đổi kết luận."
    )


def test_it_treats_a_criterion_status_not_given_as_unknown():
    status = row(19, (1, 2, 3, 4, 10))
    status[4] = NOT_GIVEN
    assert int(revocation_flags(status[None, :], N19, KEY19, [True])[0]) == REVIEW


# --- many units at once ------------------------------------------------------------------------


def test_it_flags_every_unit_in_one_pass_and_skips_units_not_recognised():
    matrix = np.stack(
        [
            row(19, (1, 2, 3)),
            row(19, (1, 2, 3, 4, 5, 10)),
            row(19, tuple(range(1, 11))),
            row(19, (1, 2, 3, 4, 10), (5,)),
            row(19, tuple(range(1, 11))),
        ]
    )
    recognised = np.array([True, True, True, True, False])
    codes = revocation_flags(matrix, N19, KEY19, recognised)
    assert codes.dtype == np.int8
    assert codes.tolist() == [KEEP, REVOKE_KEY, REVOKE_MAJORITY, REVIEW, NOT_RECOGNISED]
    assert is_revoked(codes).tolist() == [False, True, True, False, False]


def test_a_unit_not_recognised_has_nothing_to_lose():
    explain = revocation_explain(row(19, tuple(N19)), N19, KEY19, recognised=False)
    assert explain.code == NOT_RECOGNISED
    assert explain.text == "Chưa được công nhận: không xét thu hồi."


def test_without_key_criteria_only_the_50_percent_rule_applies():
    assert flag(19, set(), (1, 2, 3, 4, 5, 6, 7, 8, 9)) == KEEP
    assert flag(19, set(), tuple(range(1, 11))) == REVOKE_MAJORITY


def test_it_rejects_key_criteria_the_set_does_not_have():
    with pytest.raises(ValueError, match="key_criteria: không có trong bộ tiêu chí: 19"):
        revocation_flags(row(10)[None, :], N10, {8, 19}, [True])


def test_it_rejects_a_status_matrix_of_the_wrong_width():
    with pytest.raises(ValueError, match=r"cần ma trận \(đơn vị × 19 tiêu chí\)"):
        revocation_flags(row(10)[None, :], N19, KEY19, [True])


def test_reason_labels_name_each_reason_a_code_carries():
    assert reason_labels(KEEP) == []
    assert reason_labels(NOT_RECOGNISED) == []
    assert reason_labels(REVOKE_KEY) == [REASON_VI[REVOKE_KEY]]
    both = REVOKE_COMMUNES | REVOKE_MAJORITY
    assert reason_labels(both) == [REASON_VI[REVOKE_MAJORITY], REASON_VI[REVOKE_COMMUNES]]
    assert not is_revoked(REVIEW)
    assert not is_revoked(NOT_RECOGNISED)


# --- key criteria looked up by name ------------------------------------------------------------

# The criterion names of each set, several to a line (``fmt: skip`` keeps them so).
NAMES_2016_2025 = [
    "Quy hoạch", "Giao thông", "Thủy lợi và phòng, chống thiên tai", "Điện", "Trường học",
    "Cơ sở vật chất văn hóa", "Cơ sở hạ tầng thương mại nông thôn", "Thông tin và Truyền thông",
    "Nhà ở dân cư", "Thu nhập", "Nghèo đa chiều", "Lao động",
    "Tổ chức sản xuất và phát triển kinh tế nông thôn", "Giáo dục và Đào tạo", "Y tế", "Văn hóa",
    "Môi trường và an toàn thực phẩm", "Hệ thống chính trị và tiếp cận pháp luật",
    "Quốc phòng và An ninh",
]  # fmt: skip
NAMES_2026_2030 = [
    "Quy hoạch", "Hạ tầng kinh tế – xã hội", "Phát triển kinh tế nông thôn",
    "Đào tạo nguồn nhân lực nông thôn", "Văn hóa, giáo dục, y tế",
    "Giảm nghèo và an sinh xã hội", "Khoa học công nghệ và chuyển đổi số",
    "Môi trường và cảnh quan nông thôn", "Xây dựng hệ thống chính trị và hành chính công",
    "Tiếp cận pháp luật và an ninh, quốc phòng",
]  # fmt: skip


def make_set(names: list[str], period: tuple[int, int]):
    return criteria_set_from_data(
        {
            "code": "test",
            "title": "Bộ tiêu chí thử",
            "basis": "thử",
            "period": list(period),
            "criteria": [{"number": i, "name": name} for i, name in enumerate(names, 1)],
        }
    )


def test_it_finds_income_environment_and_defence_in_the_2016_2025_sets():
    keys = key_criteria_for(make_set(NAMES_2016_2025, (2021, 2025)))
    assert keys.by_role == {"income": (10,), "environment": (17,), "defence_security": (19,)}
    assert keys.numbers == frozenset(KEY19)
    assert keys.missing == []
    assert keys.note() == ""


def test_it_finds_no_income_criterion_in_the_2026_2030_set_and_says_so():
    keys = key_criteria_for(make_set(NAMES_2026_2030, (2026, 2030)))
    assert keys.by_role == {"income": (), "environment": (8,), "defence_security": (10,)}
    assert keys.numbers == frozenset(KEY10)
    assert keys.names == {
        8: "Môi trường và cảnh quan nông thôn",
        10: "Tiếp cận pháp luật và an ninh, quốc phòng",
    }
    assert keys.missing == ["income"]
    assert (
        keys.note() == "Bộ tiêu chí không có tiêu chí nào tên chứa “Thu nhập” (tiêu chí thu nhập)"
    )


def test_it_reports_a_role_that_several_criteria_match():
    names = [*NAMES_2016_2025[:18], "Môi trường sống"]
    keys = key_criteria_for(make_set(names, (2021, 2025)))
    assert keys.by_role["environment"] == (17, 19)
    assert keys.ambiguous == ["environment"]
    assert keys.missing == ["defence_security"]
    assert "Nhiều tiêu chí tên chứa “Môi trường”: 17, 19" in keys.note()
