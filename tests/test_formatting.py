"""Numbers and thresholds for people, in Vietnamese."""

from __future__ import annotations

import datetime as dt

import pytest

from ntm import formatting


@pytest.mark.parametrize(
    ("value", "text"),
    [(1847.561, "1.847,561"), (920.7, "920,7"), (85, "85"), (0.5, "0,5")],
)
def test_numbers_use_the_dot_for_thousands_and_the_comma_for_decimals(value, text):
    assert formatting.number(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(162.86, "163%"), (52.94, "53%"), (96.47, "96,47%"), (100.0, "100%"), (119.05, "119%")],
)
def test_percent_of_target_keeps_two_decimals_only_just_below_the_line(value, text):
    assert formatting.percent(value) == text


def test_averages_have_one_decimal_rounded_half_up():
    assert formatting.decimal1(14.75) == "14,8"
    assert formatting.decimal1(9) == "9,0"


def test_dates_read_as_in_official_letters():
    assert formatting.date(dt.date(2021, 6, 1)) == "01/6/2021"
    assert (
        formatting.long_date(dt.date(2021, 6, 1), "Kon Tum") == "Kon Tum, ngày 01 tháng 6 năm 2021"
    )


@pytest.mark.parametrize(
    ("compare", "threshold", "kind", "text"),
    [
        (">=", 90, "percent", "≥ 90%"),
        ("<=", 26.5, "percent", "≤ 26,5%"),
        (">=", 41, "number", "≥ 41"),
        (">=", True, "yes_no", "Có"),
        ("=", None, "number", "chưa rõ"),
    ],
)
def test_a_threshold_reads_with_its_sign_and_unit(compare, threshold, kind, text):
    assert formatting.requirement(compare, threshold, kind) == text
