"""The report's sentences for every count: none, one, many (issue #14.4).

A table of figures and the sentence each must give, then every combination of 0, 1 and many
communes per band checked for the phrases a count of zero used to produce ("có không có xã").
"""

from __future__ import annotations

import itertools

import pytest

from ntm.reports import text
from ntm.reports.figures import ReportFigures

BANDS = ("19", "15-18", "10-14", "5-9", "<5")


def figures(bands: tuple[int, ...], *, level: str = "province", year: int = 2020) -> ReportFigures:
    """Figures of a scope whose communes fall in ``bands`` (19, 15-18, 10-14, 5-9, under 5)."""
    total = sum(bands)
    # Fields side by side as a table, as ReportFigures lists them (``fmt: skip`` keeps them so).
    return ReportFigures(
        source="test", level=level, scope_code="62", scope_name="Tỉnh Kon Tum",
        province_code="62", province_name="Kon Tum", criteria_set="xa-ntm-2016-2020",
        criteria_set_title="Bộ tiêu chí", criteria_count=19, year=year,
        communes_total=total, recognised=bands[0], bands=dict(zip(BANDS, bands, strict=True)),
        band_names={}, avg_criteria=15.0, under5=bands[-1], criteria_met_by_all=[],
        unknown_statuses=0, baseline=None, criteria={}, districts=[],
        districts_without_recognised_commune=[], lagging_below=5, communes_under=[],
        communes_lagging_detail=[], recognised_communes=[], communes=[],
        recognised_by_district=[], closest_to_standard=[], targets=[], funding=[], notes=[],
    )  # fmt: skip


# Bands (19, 15-18, 10-14, 5-9, <5) → the summary's words after "toàn tỉnh".
SUMMARIES = [
    (
        (0, 0, 0, 0, 0),
        "chưa có xã đạt chuẩn 19/19 tiêu chí; không có xã đạt từ 15 đến 18 tiêu chí; "
        "không có xã đạt từ 10 đến 14 tiêu chí; không có xã đạt từ 5 đến 9 tiêu chí; "
        "không còn xã đạt dưới 05 tiêu chí.",
    ),
    (
        (1, 1, 1, 1, 1),
        "có 01 xã đạt chuẩn 19/19 tiêu chí; có 01 xã đạt từ 15 đến 18 tiêu chí, "
        "01 xã đạt từ 10 đến 14 tiêu chí, 01 xã đạt từ 5 đến 9 tiêu chí, "
        "01 xã đạt dưới 05 tiêu chí.",
    ),
    (
        (28, 0, 46, 2, 0),
        "có 28 xã đạt chuẩn 19/19 tiêu chí; không có xã đạt từ 15 đến 18 tiêu chí; "
        "có 46 xã đạt từ 10 đến 14 tiêu chí, 02 xã đạt từ 5 đến 9 tiêu chí; "
        "không còn xã đạt dưới 05 tiêu chí.",
    ),
    (
        (0, 12, 0, 0, 3),
        "chưa có xã đạt chuẩn 19/19 tiêu chí; có 12 xã đạt từ 15 đến 18 tiêu chí; "
        "không có xã đạt từ 10 đến 14 tiêu chí; không có xã đạt từ 5 đến 9 tiêu chí; "
        "có 03 xã đạt dưới 05 tiêu chí.",
    ),
]


@pytest.mark.parametrize(("bands", "words"), SUMMARIES)
def test_the_summary_says_each_band_in_words_fit_for_its_count(
    bands: tuple[int, ...], words: str
) -> None:
    sentence = text.summary(figures(bands))
    assert sentence.startswith(f"Đến năm 2020, toàn tỉnh {words} Bình quân"), sentence


@pytest.mark.parametrize("bands", list(itertools.product((0, 1, 12), repeat=5)))
def test_no_count_of_any_band_gives_a_broken_phrase(bands: tuple[int, ...]) -> None:
    fig = figures(bands)
    sentences = [text.summary(fig), *text.shortcomings(fig)]
    for sentence in sentences:
        for broken in ("có không", "có chưa", "có 0 ", " 00 ", "Còn 0 ", "Còn 00", " 0 xã đạt"):
            assert broken not in sentence, sentence


# Communes at standard out of the scope's → the shortcoming stated (none when all are).
SHORTCOMINGS = [
    ((0, 11, 0, 0, 0), "Chưa có xã nào đạt chuẩn 19/19 tiêu chí (0/11 xã)."),
    ((1, 10, 0, 0, 0), "Còn 10/11 xã chưa đạt chuẩn 19/19 tiêu chí."),
    ((10, 1, 0, 0, 0), "Còn 01/11 xã chưa đạt chuẩn 19/19 tiêu chí."),
]


@pytest.mark.parametrize(("bands", "line"), SHORTCOMINGS)
@pytest.mark.parametrize("level", ["province", "district"])
def test_communes_short_of_the_standard_are_a_shortcoming_at_every_level(
    bands: tuple[int, ...], line: str, level: str
) -> None:
    assert text.shortcomings(figures(bands, level=level))[0] == line


def test_a_scope_whose_communes_all_meet_the_standard_states_no_such_shortcoming() -> None:
    assert text.shortcomings(figures((11, 0, 0, 0, 0))) == []
