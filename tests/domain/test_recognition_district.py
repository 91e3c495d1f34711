"""Revocation of a district's recognition: its communes, and its own criteria."""

from __future__ import annotations

import numpy as np
import pytest

from ntm.domain.evaluation import MET, NOT_MET, UNKNOWN
from ntm.domain.recognition import (
    KEEP,
    NOT_RECOGNISED,
    REVIEW,
    REVOKE_COMMUNES,
    REVOKE_KEY,
    REVOKE_MAJORITY,
    communes_by_district,
    district_revocation_explain,
    district_revocation_flags,
    reason_labels,
    revocation_explain,
    revocation_flags,
)

N9 = list(range(1, 10))  # the district set has 9 criteria (Decision 320/QĐ-TTg)
KEY9 = {7}  # which district criteria are key is the caller's: a parameter here


def row9(not_met=(), unknown=()) -> np.ndarray:
    status = np.full(9, MET, dtype=np.int8)
    status[[n - 1 for n in not_met]] = NOT_MET
    status[[n - 1 for n in unknown]] = UNKNOWN
    return status


@pytest.mark.parametrize(
    ("lost", "total", "expected"),
    [
        (29, 100, KEEP),  # 29 %
        (30, 100, REVOKE_COMMUNES),  # 30 % exactly
        (7, 24, KEEP),  # 29,2 %
        (8, 24, REVOKE_COMMUNES),  # 33,3 %
        (2, 7, KEEP),  # 28,6 %
        (3, 10, REVOKE_COMMUNES),  # 30 % exactly
        (0, 12, KEEP),
        (12, 12, REVOKE_COMMUNES),
    ],
)
def test_a_district_loses_recognition_when_30_percent_of_its_communes_have(lost, total, expected):
    codes = district_revocation_flags(
        communes_lost=[lost], communes_total=[total], recognised=[True]
    )
    assert codes.tolist() == [expected]


@pytest.mark.parametrize(
    ("lost", "review", "total", "expected"),
    [
        (2, 1, 10, REVIEW),  # 3/10 if the commune under review loses it
        (2, 0, 10, KEEP),
        (1, 1, 10, KEEP),  # 2/10 at worst
        (3, 2, 10, REVOKE_COMMUNES),  # revoked on what is known
    ],
)
def test_communes_under_review_can_put_the_district_under_review(lost, review, total, expected):
    codes = district_revocation_flags(
        communes_lost=[lost], communes_total=[total], communes_review=[review], recognised=[True]
    )
    assert codes.tolist() == [expected]


@pytest.mark.parametrize(
    ("not_met", "unknown", "expected"),
    [
        ((1, 2), (), KEEP),  # 22,2 %
        ((1, 2, 3), (), KEEP),  # 33,3 % without a key criterion
        ((1, 2, 7), (), REVOKE_KEY),  # 33,3 % with one
        ((1, 2, 3, 4), (), KEEP),  # 44,4 %
        ((1, 2, 3, 4, 5), (), REVOKE_MAJORITY),  # 55,6 %
        ((1, 2), (7,), REVIEW),
    ],
)
def test_a_district_loses_recognition_by_the_same_rules_on_its_own_criteria(
    not_met, unknown, expected
):
    codes = district_revocation_flags(
        communes_lost=[0],
        communes_total=[10],
        recognised=[True],
        criterion_status=row9(not_met, unknown)[None, :],
        criterion_numbers=N9,
        key_criteria=KEY9,
    )
    assert codes.tolist() == [expected]


def test_both_reasons_are_kept_when_a_district_fails_on_communes_and_criteria():
    codes = district_revocation_flags(
        communes_lost=[4, 4, 1],
        communes_total=[10, 10, 10],
        recognised=[True, True, False],
        criterion_status=np.stack([row9((1, 2, 3, 4, 5)), row9((1, 2), (3,)), row9()]),
        criterion_numbers=N9,
        key_criteria=KEY9,
    )
    assert codes.tolist() == [REVOKE_COMMUNES | REVOKE_MAJORITY, REVOKE_COMMUNES, NOT_RECOGNISED]
    assert reason_labels(int(codes[0])) == [
        "từ 50% số tiêu chí trở lên không còn đạt chuẩn",
        "từ 30% số xã trở lên đã bị thu hồi quyết định công nhận",
    ]


@pytest.mark.parametrize(
    ("lost", "total"), [([1], [0]), ([5], [4]), ([-1], [4])], ids=["no-commune", "more", "neg"]
)
def test_it_rejects_commune_counts_that_cannot_be(lost, total):
    with pytest.raises(ValueError, match="cần 0 ≤ số xã mất công nhận ≤ tổng số xã"):
        district_revocation_flags(communes_lost=lost, communes_total=total, recognised=[True])


def test_it_counts_communes_per_district_from_their_codes():
    statuses = np.full((7, 19), MET, dtype=np.int8)
    statuses[1, :10] = NOT_MET  # revoked, ≥ 50 %
    statuses[2, [0, 1, 2, 3, 9]] = NOT_MET  # review: criterion 5 unknown
    statuses[2, 4] = UNKNOWN
    statuses[4, :10] = NOT_MET
    recognised = np.array([True, True, True, False, True, True, True])
    codes = revocation_flags(statuses, list(range(1, 20)), {10, 17, 19}, recognised)
    district = np.array([0, 0, 0, 0, 1, 1, 1])
    tally = communes_by_district(codes, district, 2)
    assert tally.lost.tolist() == [1, 1]
    assert tally.review.tolist() == [1, 0]
    assert tally.not_recognised.tolist() == [1, 0]
    assert tally.total.tolist() == [4, 3]
    # A commune no longer recognised in a recognised district lost it earlier: the caller adds it.
    flags = district_revocation_flags(
        communes_lost=tally.lost + tally.not_recognised,
        communes_total=tally.total,
        communes_review=tally.review,
        recognised=[True, True],
    )
    assert flags.tolist() == [REVOKE_COMMUNES, REVOKE_COMMUNES]  # 2/4 = 50 %, 1/3 = 33,3 %


def test_it_explains_a_district_decision_in_one_paragraph():
    own = revocation_explain(row9((1, 2)), N9, KEY9)
    text = district_revocation_explain(
        REVOKE_COMMUNES, communes_lost=3, communes_total=10, communes_review=1, own=own
    )
    assert text == (
        "3/10 xã (30%) đã mất công nhận (từ 30% trở lên); 1 xã cần xem xét. "
        "Tiêu chí của huyện: 2/9 tiêu chí (22,2%) không còn đạt. "
        "Kết luận: thu hồi quyết định công nhận."
    )
    own = revocation_explain(row9((1, 2, 7)), N9, KEY9)
    text = district_revocation_explain(REVOKE_KEY, communes_lost=2, communes_total=10, own=own)
    assert text == (
        "2/10 xã (20%) đã mất công nhận (dưới 30%). Tiêu chí của huyện: 3/9 tiêu chí (33,3%) "
        "không còn đạt (từ 30% đến dưới 50% số tiêu chí không còn đạt chuẩn, trong đó có tiêu "
        "chí thu nhập, môi trường và an toàn thực phẩm hoặc quốc phòng và an ninh). "
        "Kết luận: thu hồi quyết định công nhận."
    )
    assert district_revocation_explain(
        REVIEW, communes_lost=2, communes_total=10, communes_review=1
    ) == ("2/10 xã (20%) đã mất công nhận (dưới 30%); 1 xã cần xem xét. Kết luận: cần xem xét.")
    assert district_revocation_explain(KEEP, communes_lost=0, communes_total=10).endswith(
        "Kết luận: giữ công nhận."
    )
