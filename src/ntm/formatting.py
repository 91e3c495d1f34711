"""Numbers and dates for people, in Vietnamese (Babel, vi_VN): ``1.847,561``; ``14,8``; ``163%``.

Percentages of a target show no decimal when the figure is 100 or more or is whole, and one
decimal otherwise, except that a figure that would round to its neighbour keeps two (``96,47%``)
— see ``percent``. This is the rule the provincial reports follow.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = "vi_VN"


def _round(x: float, digits: int) -> Decimal:
    return Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def number(x: float | int, digits: int | None = None) -> str:
    """``1847.561`` → ``1.847,561``; ``digits`` fixes the decimals (rounded half up)."""
    if digits is None:
        value: Decimal | float | int = x
        pattern = "#,##0.###"
    else:
        value = _round(x, digits)
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def decimal1(x: float) -> str:
    """One decimal, as averages are given: ``14,8``; a whole figure keeps its ``,0``."""
    return number(x, 1)


def percent(x: float, digits: int | None = None) -> str:
    """``162.86`` → ``163%``; ``52.94`` → ``53%``; ``96.47`` → ``96,47%``.

    With ``digits`` None: no decimals, except under 100 when rounding to a whole number would
    reach or hide the target line (95 ≤ x < 100): there two decimals show how far it fell short.
    """
    if digits is None:
        digits = 2 if 95 <= x < 100 and not float(x).is_integer() else 0
    return number(x, digits) + "%"


def date(d: dt.date) -> str:
    """``01/6/2021``: day with two digits, month without leading zero, as in official letters."""
    return format_date(d, format="dd/M/yyyy", locale=LOCALE)


def long_date(d: dt.date, place: str | None = None) -> str:
    """``Kon Tum, ngày 01 tháng 6 năm 2021`` — the header line of an official document."""
    text = f"ngày {d.day:02d} tháng {d.month} năm {d.year}"
    return f"{place}, {text}" if place else text


COMPARE_SIGNS = {">=": "≥", "<=": "≤", "=": "="}


def requirement(compare: str, threshold: float | bool | None, kind: str) -> str:
    """A threshold as people read it: ``≥ 90%``, ``≤ 26,5%``, ``Có``; ``chưa rõ`` when unknown."""
    if threshold is None:
        return "chưa rõ"
    if kind == "yes_no":
        return "Có" if threshold else "Không"
    suffix = "%" if kind == "percent" else ""
    return f"{COMPARE_SIGNS.get(compare, compare)} {number(float(threshold))}{suffix}"
