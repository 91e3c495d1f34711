"""OCOP rules from the scorecard files: stars by band for both decisions, who decides, the end of
the 36 months, and the status around --as-of."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ntm.criteria.ocop import product_group, scorecards
from ntm.domain.ocop import add_months, status, valid_until

BANDS = [
    # (scorecard, total, stars)
    ("148/2023", "0", 0),
    ("148/2023", "49.99", 0),
    ("148/2023", "50", 3),
    ("148/2023", "69.99", 3),
    ("148/2023", "70", 4),
    ("148/2023", "89.99", 4),
    ("148/2023", "90", 5),
    ("148/2023", "100", 5),
    ("1048/2019", "0", 1),
    ("1048/2019", "29.99", 1),
    ("1048/2019", "30", 2),
    ("1048/2019", "49.99", 2),
    ("1048/2019", "50", 3),
    ("1048/2019", "90", 5),
]


@pytest.mark.parametrize(("card", "total", "stars"), BANDS)
def test_a_total_earns_the_stars_of_its_band(card: str, total: str, stars: int) -> None:
    assert scorecards()[card].stars(Decimal(total)) == stars


def test_the_parts_add_up_to_100_with_the_maxima_of_each_decision() -> None:
    maxima = {c: tuple(int(p.maximum) for p in s.parts) for c, s in scorecards().items()}
    assert maxima == {"148/2023": (40, 25, 35), "1048/2019": (35, 25, 40)}


def test_the_province_decides_three_and_four_stars_and_the_centre_five() -> None:
    card = scorecards()["148/2023"]
    assert [card.level(s) for s in (3, 4, 5)] == ["province", "province", "centre"]
    assert card.level(0) is None


@pytest.mark.parametrize(
    ("decided", "until"),
    [
        (date(2023, 3, 1), date(2026, 3, 1)),
        (date(2023, 8, 31), date(2026, 8, 31)),
        (date(2021, 2, 28), date(2024, 2, 28)),
        (date(2020, 2, 29), date(2023, 2, 28)),  # no 29 February in 2023: the month's last day
    ],
)
def test_a_rating_holds_thirty_six_months_to_the_same_day(decided: date, until: date) -> None:
    assert valid_until(scorecards()["148/2023"], decided) == until


@pytest.mark.parametrize(
    ("until", "expected"),
    [
        (date(2026, 6, 29), "expired"),
        (date(2026, 6, 30), "expiring"),
        (date(2026, 12, 30), "expiring"),
        (date(2026, 12, 31), "valid"),
    ],
)
def test_the_status_on_a_day(until: date, expected: str) -> None:
    assert status(until, date(2026, 6, 30)) == expected


def test_a_later_rating_makes_the_earlier_one_rerated() -> None:
    assert status(date(2030, 1, 1), date(2026, 6, 30), rerated=True) == "rerated"


@pytest.mark.parametrize(
    ("text", "group"),
    [("thuc pham", "Thực phẩm"), ("  ĐỒ UỐNG ", "Đồ uống"), ("5", "Sinh vật cảnh"), ("7", None)],
)
def test_a_group_is_found_by_its_name_or_number(text: str, group: str | None) -> None:
    assert product_group(text) == group


def test_add_months_crosses_the_year() -> None:
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)
