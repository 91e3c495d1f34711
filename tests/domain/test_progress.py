"""Progress towards targets, by the Open SDG method (ratio of observed to required growth)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from ntm.domain.progress import (
    ACHIEVED,
    DETERIORATION,
    LIMITED,
    MISSED,
    MODERATE,
    NOT_COMPUTABLE,
    ON_TRACK,
    STATUS_GROUP_VI,
    WHY_CURRENT_BEFORE_BASE,
    WHY_MISSING,
    WHY_NONE,
    WHY_SAME_YEAR,
    WHY_SIGNS,
    WHY_TARGET_NOT_AFTER_BASE,
    progress_status,
    status_from_ratio,
    target_progress,
)

# A province's target: 50 % of communes meeting the standard in 2020, 80 % by 2025.
# The growth needed is (80/50)^(1/5) − 1 = 9,856 %/year.
REQUIRED = 1.6**0.2 - 1
PLAN = {"baseline_value": 50.0, "baseline_year": 2020, "target_value": 80.0, "target_year": 2025}


def progress(current_value, current_year=2023, **changes):
    return target_progress(
        **{**PLAN, "current_value": current_value, "current_year": current_year, **changes}
    )


@pytest.mark.parametrize(
    ("ratio", "expected"),
    [
        (1.3, ON_TRACK),
        (0.95, ON_TRACK),  # Open SDG: R ≥ 95 %
        (0.9499999, MODERATE),
        (0.6, MODERATE),  # 60 % ≤ R < 95 %
        (0.5999999, LIMITED),
        (0.0, LIMITED),  # 0 % ≤ R < 60 %
        (-1e-9, DETERIORATION),  # R < 0
        (-math.inf, DETERIORATION),
        (math.nan, NOT_COMPUTABLE),
    ],
)
def test_the_ratio_thresholds_are_open_sdg_s(ratio, expected):
    assert int(status_from_ratio(ratio)) == expected


def test_an_achieved_target_outranks_any_ratio():
    assert status_from_ratio([-2.0, math.nan], achieved=[True, True]).tolist() == [ACHIEVED] * 2


CASES = [
    # id, current value, current year, changes, status, ratio
    ("achieved", 85.0, 2023, {}, ACHIEVED, 1.96309),
    ("exactly-on-track", 50 * 1.6**0.6, 2023, {}, ON_TRACK, 1.0),
    ("just-on-track", 65.5, 2023, {}, ON_TRACK, 0.95560),
    ("slightly-behind", 64.0, 2023, {}, MODERATE, 0.87020),
    ("behind", 61.0, 2023, {}, MODERATE, 0.69531),
    ("far-behind", 56.0, 2023, {}, LIMITED, 0.39061),
    ("standing-still", 50.0, 2023, {}, LIMITED, 0.0),
    ("deteriorating", 45.0, 2023, {}, DETERIORATION, -0.35015),
    # The baseline already beyond the target, then sliding below it: moving away.
    ("slid-below", 75.0, 2023, {"baseline_value": 90.0}, DETERIORATION, -2.53267),
    # Lower is better: poverty 10 % → 4 % by 2025, 7 % in 2023.
    (
        "poverty",
        7.0,
        2023,
        {"baseline_value": 10.0, "target_value": 4.0, "higher_is_better": False},
        MODERATE,
        0.66944,
    ),
    (
        "poverty-rising",
        11.0,
        2023,
        {"baseline_value": 10.0, "target_value": 4.0, "higher_is_better": False},
        DETERIORATION,
        -0.19278,
    ),
    # "No commune under 5 criteria": 12 → 4, target 0 (replaced by 0,001 as Open SDG does).
    (
        "no-commune-under-5",
        4.0,
        2023,
        {"baseline_value": 12.0, "target_value": 0.0, "higher_is_better": False},
        LIMITED,
        0.36195,
    ),
    (
        "no-commune-under-5-substitute-1",
        4.0,
        2023,
        {
            "baseline_value": 12.0,
            "target_value": 0.0,
            "higher_is_better": False,
            "zero_substitute": 1.0,
        },
        MODERATE,
        0.78297,
    ),
    (
        "no-commune-under-5-reached",
        0.0,
        2023,
        {"baseline_value": 12.0, "target_value": 0.0, "higher_is_better": False},
        ACHIEVED,
        1.18038,
    ),
    # A negative baseline flips the sign, as in Open SDG.
    (
        "negative-values",
        -6.0,
        2023,
        {"baseline_value": -10.0, "target_value": -2.0},
        LIMITED,
        0.56888,
    ),
]


@pytest.mark.parametrize(
    ("current", "year", "changes", "status", "ratio"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_it_gives_the_status_and_ratio_of_each_target(current, year, changes, status, ratio):
    result = progress(current, year, **changes)
    assert result.status == status
    assert result.ratio == pytest.approx(ratio, abs=5e-6)


def test_it_explains_the_pace_in_vietnamese():
    assert progress(64.0).explanation == (
        "Tốc độ thay đổi bình quân 2020–2023 là 8,6%/năm, tốc độ cần thiết để đạt mục tiêu năm "
        "2025 là 9,9%/năm (tỷ lệ 87%): chậm tiến độ (có tiến bộ, cần đẩy nhanh)."
    )
    on_path = progress(50 * 1.6**0.6)
    assert on_path.explanation.endswith("(tỷ lệ 100%): đúng tiến độ.")
    assert on_path.actual_rate == pytest.approx(REQUIRED)
    assert on_path.required_rate == pytest.approx(REQUIRED)
    assert progress(85.0).explanation == "Giá trị năm 2023 (85) đã đạt mục tiêu 80 (năm 2025)."


@pytest.mark.parametrize(
    ("status", "label", "group"),
    [
        (ACHIEVED, "Đạt mục tiêu", "Đạt mục tiêu"),
        (ON_TRACK, "Đúng tiến độ", "Đúng tiến độ"),
        (MODERATE, "Chậm tiến độ (có tiến bộ, cần đẩy nhanh)", "Chậm tiến độ"),
        (LIMITED, "Chậm tiến độ (tiến bộ hạn chế)", "Chậm tiến độ"),
        (DETERIORATION, "Giảm sút", "Giảm sút"),
        (MISSED, "Không đạt mục tiêu (đã đến hạn)", "Không đạt mục tiêu"),
        (NOT_COMPUTABLE, "Không tính được", "Không tính được"),
    ],
)
def test_each_status_has_a_label_and_a_report_heading(status, label, group):
    current = {
        ACHIEVED: (85.0, 2023),
        ON_TRACK: (66.0, 2023),
        MODERATE: (64.0, 2023),
        LIMITED: (56.0, 2023),
        DETERIORATION: (45.0, 2023),
        MISSED: (75.0, 2026),
        NOT_COMPUTABLE: (60.0, 2020),
    }[status]
    result = progress(*current)
    assert (result.status, result.label, result.group_label) == (status, label, group)
    assert STATUS_GROUP_VI[status] == group


def test_it_says_when_a_zero_was_replaced_for_the_growth_model():
    plan = {"baseline_value": 12.0, "target_value": 0.0, "higher_is_better": False}
    assert progress(4.0, **plan).explanation == (
        "Tốc độ thay đổi bình quân 2020–2023 là -30,7%/năm, tốc độ cần thiết để đạt mục tiêu "
        "năm 2025 là -84,7%/năm (tỷ lệ 36%): chậm tiến độ (tiến bộ hạn chế). "
        "Giá trị 0 được thay bằng 0,001 khi tính tốc độ."
    )
    assert progress(4.0, **plan, zero_substitute=1.0).explanation.endswith(
        "Giá trị 0 được thay bằng 1 khi tính tốc độ."
    )


def test_a_target_whose_year_has_passed_unmet_is_missed():
    result = progress(75.0, 2026)
    assert result.status == MISSED
    assert result.name == "target_missed"
    assert result.ratio == pytest.approx(0.70934, abs=5e-6)
    assert result.explanation == (
        "Đã đến năm mục tiêu 2025 mà giá trị năm 2026 (75) chưa đạt mục tiêu 80. "
        "Tốc độ thay đổi bình quân 2020–2026 là 7,0%/năm, tốc độ cần thiết để đạt mục tiêu "
        "năm 2025 là 9,9%/năm (tỷ lệ 71%)."
    )
    assert progress(75.0, 2025).status == MISSED  # the target year itself is the deadline
    assert progress(81.0, 2026).status == ACHIEVED


def test_open_sdg_s_own_behaviour_judges_a_passed_target_by_its_pace():
    assert progress(75.0, 2026, missed_after_deadline=False).status == MODERATE


def test_a_baseline_equal_to_the_target_leaves_no_room_to_slide():
    slid = progress(78.0, baseline_value=80.0)
    assert slid.status == DETERIORATION
    assert slid.ratio is None  # −∞: any shortfall is movement away from the target
    assert slid.required_rate == 0.0
    assert slid.explanation == (
        "Giá trị năm gốc 2020 đã bằng mục tiêu 80, giá trị năm 2023 (78) đi xa mục tiêu: giảm sút."
    )
    assert progress(80.0, baseline_value=80.0).status == ACHIEVED


@pytest.mark.parametrize(
    ("current", "year", "changes", "why", "text"),
    [
        (
            60.0,
            2020,
            {},
            WHY_SAME_YEAR,
            "năm hiện tại trùng năm gốc, cần số liệu của hai năm khác nhau để tính tốc độ thay đổi",
        ),
        (60.0, 2018, {}, WHY_CURRENT_BEFORE_BASE, "năm hiện tại trước năm gốc"),
        (
            None,
            2023,
            {},
            WHY_MISSING,
            "thiếu giá trị gốc, giá trị hiện tại hoặc giá trị mục tiêu",
        ),
        (
            2.0,
            2023,
            {"baseline_value": -5.0},
            WHY_SIGNS,
            "giá trị gốc với giá trị hiện tại hoặc mục tiêu trái dấu "
            "(mô hình tăng trưởng kép cần các giá trị cùng dấu)",
        ),
        (
            60.0,
            2023,
            {"target_year": 2019, "missed_after_deadline": False},
            WHY_TARGET_NOT_AFTER_BASE,
            "năm mục tiêu không sau năm gốc nên không có tốc độ cần thiết",
        ),
    ],
)
def test_it_says_why_a_status_cannot_be_computed(current, year, changes, why, text):
    result = progress(current, year, **changes)
    assert result.status == NOT_COMPUTABLE
    assert result.name == "not_available"
    assert result.ratio is None and result.actual_rate is None
    assert result.explanation == f"Không tính được tiến độ: {text}."
    value = np.nan if current is None else current
    arrays = progress_status(**{**PLAN, "current_value": value, "current_year": year, **changes})
    assert int(arrays.why) == why


def test_a_target_reached_in_the_baseline_year_is_achieved_without_a_rate():
    result = progress(85.0, 2020)
    assert result.status == ACHIEVED
    assert result.ratio is None


def test_many_targets_are_judged_in_one_pass_like_one_by_one():
    rows = [
        (50.0, 85.0, 80.0, True, 2023),
        (50.0, 64.0, 80.0, True, 2023),
        (50.0, 56.0, 80.0, True, 2023),
        (50.0, 45.0, 80.0, True, 2023),
        (10.0, 7.0, 4.0, False, 2023),
        (12.0, 4.0, 0.0, False, 2023),
        (50.0, 75.0, 80.0, True, 2026),
        (50.0, 60.0, 80.0, True, 2020),
        (80.0, 78.0, 80.0, True, 2023),
        (50.0, np.nan, 80.0, True, 2023),
    ]
    base, current, target, higher, year = (np.array(col) for col in zip(*rows, strict=True))
    arrays = progress_status(
        baseline_value=base,
        baseline_year=2020,
        current_value=current,
        current_year=year,
        target_value=target,
        target_year=2025,
        higher_is_better=higher,
    )
    one_by_one = [
        target_progress(
            baseline_value=b,
            baseline_year=2020,
            current_value=None if np.isnan(c) else c,
            current_year=int(y),
            target_value=t,
            target_year=2025,
            higher_is_better=bool(h),
        ).status
        for b, c, t, h, y in rows
    ]
    assert arrays.status.tolist() == one_by_one
    assert arrays.status.tolist() == [
        ACHIEVED,
        MODERATE,
        LIMITED,
        DETERIORATION,
        MODERATE,
        LIMITED,
        MISSED,
        NOT_COMPUTABLE,
        DETERIORATION,
        NOT_COMPUTABLE,
    ]
    assert arrays.why.tolist()[7] == WHY_SAME_YEAR
    assert arrays.why.tolist()[1] == WHY_NONE
    assert arrays.names()[0] == "target_achieved"
    assert arrays.labels()[3] == "Giảm sút"


def test_ten_thousand_targets_take_one_vectorised_call():
    rng = np.random.default_rng(7)
    n = 10_000
    arrays = progress_status(
        baseline_value=rng.uniform(10, 50, n),
        baseline_year=2020,
        current_value=rng.uniform(5, 90, n),
        current_year=2023,
        target_value=80.0,
        target_year=2025,
    )
    assert arrays.status.shape == (n,)
    assert set(np.unique(arrays.status).tolist()) <= {
        ACHIEVED,
        ON_TRACK,
        MODERATE,
        LIMITED,
        DETERIORATION,
    }
    assert (arrays.status == ACHIEVED).sum() == (arrays.achieved).sum()


def test_as_dict_is_plain_data_for_the_api():
    data = progress(64.0).as_dict()
    assert data["status"] == MODERATE
    assert data["name"] == "moderate_progress"
    assert data["group_label"] == "Chậm tiến độ"
    assert data["ratio"] == pytest.approx(0.87020, abs=5e-6)
