"""The dashboard's fast number texts are exactly those of ``ntm.formatting``."""

from __future__ import annotations

import random

import pytest

from ntm import formatting
from ntm.web.dashboards.templatetags.dashboard_tags import decimal1_text as vn_decimal1
from ntm.web.dashboards.templatetags.dashboard_tags import int_text as vn_int
from ntm.web.dashboards.templatetags.dashboard_tags import vn_avg, vn_percent


@pytest.mark.parametrize(("n", "text"), [(0, "0"), (85, "85"), (1847, "1.847"), (10600, "10.600")])
def test_a_count_has_dots_between_thousands(n, text):
    assert vn_int(n) == formatting.number(n) == text


@pytest.mark.parametrize(
    ("x", "average", "percent"),
    [(14.75, "14,8", "15%"), (9.0, "9,0", "9%"), (162.857, "162,9", "163%"),
     (96.4706, "96,5", "96,47%"), (90.625, "90,6", "91%"), (100.0, "100,0", "100%")],
)  # fmt: skip
def test_averages_and_percentages_read_as_in_the_provinces_reports(x, average, percent):
    assert vn_avg(x) == vn_decimal1(x) == formatting.decimal1(x) == average
    assert vn_percent(x) == formatting.percent(x) == percent


def test_two_thousand_random_figures_read_the_same_as_through_babel():
    rng = random.Random(2020)
    for _ in range(2000):
        x = rng.uniform(0, 20000)
        assert vn_decimal1(x) == formatting.decimal1(x), x
        assert vn_percent(x) == formatting.percent(x), x
