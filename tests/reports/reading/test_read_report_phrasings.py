"""Issue #15.1 acceptance: ten reports written here in other phrasings; every figure found.

Each case is (report text, the figures it states as ``reading_json`` gives them); a key not
listed must be null or empty, so a figure found where none is stated fails too.
"""

from __future__ import annotations

import pytest

from ntm.reports.reading import read_report_text
from ntm.reports.reading.export import reading_json

EMPTY: dict[str, object] = {
    "communes_total": None,
    "recognised": None,
    "bands": None,
    "avg_criteria": None,
    "avg_change": None,
    "criteria": None,
    "funding_total": None,
    "ocop_by_stars": None,
}

CASES: list[tuple[str, dict[str, object]]] = [
    (
        "Toàn huyện có 12 xã. Đến nay có hai xã đạt chuẩn nông thôn mới, 4 xã đạt từ 15-18 "
        "tiêu chí, 6 xã đạt từ 10 - 14 tiêu chí.",
        {"communes_total": 12, "recognised": 2, "bands": {"15-18": 4, "10-14": 6}},
    ),
    (
        "Tỉnh có tổng số 120 xã. Kết quả: 35 xã đạt chuẩn NTM; 40 xã đạt 15 đến 18 tiêu chí; "
        "30 xã đạt từ 10 – 14 tiêu chí; 15 xã đạt từ 5–9 tiêu chí.",
        {"communes_total": 120, "recognised": 35, "bands": {"15-18": 40, "10-14": 30, "5-9": 15}},
    ),
    (
        "Bình quân toàn tỉnh đạt 13,25 tiêu chí/xã, tăng 2,5 tiêu chí so với năm 2020.",
        {"avg_criteria": 13.25, "avg_change": 2.5},
    ),
    (
        "Số tiêu chí bình quân đạt 16,1 tiêu chí trên xã (tăng 1,2 tiêu chí).",
        {"avg_criteria": 16.1, "avg_change": 1.2},
    ),
    (
        "Có 40/52 xã đạt tiêu chí số 2 về giao thông. Tiêu chí số 17 về môi trường: có 21/52 xã "
        "đạt chuẩn. Đã có 52/52 xã hoàn thành các tiêu chí: số 1 về quy hoạch; số 4 về điện.",
        {
            "communes_total": 52,
            "criteria": {
                "1": {"met": 52, "of": 52},
                "2": {"met": 40, "of": 52},
                "4": {"met": 52, "of": 52},
                "17": {"met": 21, "of": 52},
            },
        },
    ),
    (
        "Tổng kinh phí thực hiện là 2.345,5 tỷ đồng, trong đó: ngân sách trung ương 1.200 tỷ "
        "đồng; ngân sách địa phương 845,5 tỷ đồng; nhân dân đóng góp 300.000 triệu đồng.",
        {"funding_total": 2345.5},
    ),
    (
        "Toàn tỉnh có 64 sản phẩm OCOP đạt 3 sao trở lên, gồm 50 sản phẩm 3 sao, 12 sản phẩm "
        "4 sao và 2 sản phẩm 5 sao.",
        {"ocop_by_stars": {"3": 50, "4": 12, "5": 2}},
    ),
    (
        "Đến cuối năm 2023, toàn tỉnh có 98 xã đạt chuẩn nông thôn mới, tăng 10 xã so với năm "
        "2022. Năm 2022 có 88 xã đạt chuẩn nông thôn mới.",
        {"recognised": 98},
    ),
    (
        "Huyện có 15 xã; 03 xã đã đạt 19/19 tiêu chí, 07 xã đạt từ 15 đến 18 tiêu chí, 05 xã "
        "đạt từ 10 đến 14 tiêu chí, không còn xã dưới 10 tiêu chí. Bình quân đạt 15,2 tiêu "
        "chí/xã.",
        {
            "communes_total": 15,
            "recognised": 3,
            "bands": {"19": 3, "15-18": 7, "10-14": 5, "dưới 10": 0},
            "avg_criteria": 15.2,
        },
    ),
    (
        "Tổng nguồn vốn huy động đạt khoảng 512,75 tỷ đồng. Toàn tỉnh có 24 sản phẩm 3 sao. "
        "Có 8/30 xã đạt tiêu chí số 10 về thu nhập.",
        {
            "communes_total": 30,
            "funding_total": 512.75,
            "ocop_by_stars": {"3": 24},
            "criteria": {"10": {"met": 8, "of": 30}},
        },
    ),
]


@pytest.mark.parametrize(("text", "stated"), CASES, ids=[f"bao-cao-{i + 1}" for i in range(10)])
def test_every_figure_a_report_states_is_found_in_any_phrasing(text, stated):
    found = reading_json(read_report_text(text))
    assert {key: found[key] for key in EMPTY} == {**EMPTY, **stated}


def test_a_stated_increase_that_is_not_the_difference_of_the_years_fails():
    text = (
        "Năm 2020 bình quân đạt 11,5 tiêu chí/xã. Đến nay bình quân đạt 13,0 tiêu chí/xã, "
        "tăng 2,0 tiêu chí so với năm 2020."
    )
    checks = [c for c in read_report_text(text).checks if c.rule == "increase_matches_years"]
    assert [c.ok for c in checks] == [False]
    assert checks[0].detail == "13,0 − 11,5 = 1,50; văn bản ghi tăng 2,0"


def test_a_recognised_increase_equal_to_the_difference_passes():
    checks = read_report_text(CASES[7][0]).checks
    assert [(c.rule, c.ok) for c in checks] == [("increase_matches_years", True)]


def test_bands_that_do_not_add_up_fail_and_say_the_sums():
    text = (
        "Tỉnh có 50 xã. Có 10 xã đạt chuẩn nông thôn mới, 20 xã đạt 15-18 tiêu chí, "
        "15 xã đạt 10-14 tiêu chí."
    )
    check = next(c for c in read_report_text(text).checks if c.rule == "bands_add_up")
    assert not check.ok
    assert check.detail == "20 (15-18) + 15 (10-14) + 10 (19) = 45 xã; tổng số xã là 50"


def test_an_average_the_bands_cannot_give_fails():
    text = (
        "Có 40 xã gồm: 10 xã đạt 10-14 tiêu chí, 30 xã đạt 5-9 tiêu chí. "
        "Bình quân đạt 15,0 tiêu chí/xã."
    )
    check = next(c for c in read_report_text(text).checks if c.rule == "average_within_bands")
    assert not check.ok


def test_a_percentage_that_is_not_its_counts_fails():
    text = "Có 30/40 xã đạt chuẩn (đạt 80% so với mục tiêu 40 xã của Nghị quyết)."
    check = next(c for c in read_report_text(text).checks if c.rule == "percentage_matches_counts")
    assert not check.ok and check.detail == "30/40 = 75,00 %; văn bản ghi 80 %"


def test_sources_that_do_not_add_up_to_the_total_fail():
    text = "Tổng nguồn vốn là 100 tỷ đồng, trong đó: ngân sách 60 tỷ đồng; vốn dân 30 tỷ đồng."
    check = next(c for c in read_report_text(text).checks if c.rule == "funds_add_up")
    assert not check.ok


def test_funds_in_million_dong_count_as_billions():
    reading = read_report_text(CASES[5][0])
    assert [s.billion for s in reading.funding_sources] == [1200.0, 845.5, 300.0]
    assert all(c.ok for c in reading.checks if c.rule == "funds_add_up")


HOSTILE = {
    "a sentence that never ends": "Tổng nguồn vốn là 5 tỷ đồng" + " a" * 50000,
    "capitalised words without end": " ".join(["Đăk"] * 20000) + " x",
    "a run of blank lines": "Có 5 xã" + "\n" * 100000 + "x",
    "dashes and numbers": "1" + " - " * 30000 + "1.000," * 30000,
    "district counts repeated": "Sa Thầy (đạt 4/10 xã), " * 5000,
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_text_is_read_without_backtracking_forever(text: str):
    # every pattern repeats a bounded number of times on sentences of at most 4.000 characters:
    # these took minutes before the bounds, and take about a second now
    reading = read_report_text(text)
    assert all(len(c.sentence) <= 4000 for c in reading.checks)
