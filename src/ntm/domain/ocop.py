"""OCOP ratings (Chương trình Mỗi xã một sản phẩm): scorecard → stars, and how long a rating holds.

The scorecards are data, one YAML file per decision under ``ntm/criteria/ocop/`` (148/QĐ-TTg 2023,
and 1048/QĐ-TTg 2019 for ratings made under it), read by ``ntm.criteria.ocop``: the maxima of parts
A/B/C, the lowest total of each star band, who decides each rating, and the validity in months. A
new decision is a new file. Everything here is plain Python over those records: no files read.
"""

from __future__ import annotations

import calendar
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

PARTS = ("A", "B", "C")
Status = Literal["valid", "expiring", "expired", "rerated"]
STATUS_VI: dict[str, str] = {
    "valid": "Còn hiệu lực",
    "expiring": "Sắp hết hiệu lực",
    "expired": "Hết hiệu lực",
    "rerated": "Đã đánh giá lại",
}
LEVEL_VI = {"province": "UBND cấp tỉnh", "centre": "Trung ương"}
# The "expiring within 6 months": a rating whose validity ends this close is flagged.
EXPIRING_MONTHS = 6


@dataclass(frozen=True)
class Part:
    code: str
    name: str
    maximum: Decimal


@dataclass(frozen=True)
class Scorecard:
    code: str  # '148/2023', as the files write it
    basis: str
    parts: tuple[Part, ...]
    bands: tuple[tuple[int, Decimal], ...]  # (stars, lowest total), highest stars first
    deciding_level: dict[int, str]  # stars → 'province' | 'centre'
    validity_months: int

    def part(self, code: str) -> Part:
        return next(p for p in self.parts if p.code == code)

    def stars(self, total: Decimal) -> int:
        """The band the total falls in; 0 when under every band (no star under 148)."""
        for stars, lowest in self.bands:
            if total >= lowest:
                return stars
        return 0

    def level(self, stars: int) -> str | None:
        return self.deciding_level.get(stars)


def _fold(text: str) -> str:
    raw = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return " ".join("".join(c for c in raw if unicodedata.category(c) != "Mn").split())


def product_group(text: str, groups: tuple[str, ...]) -> str | None:
    """A group as a person typed it (its name, any case or accents, or its number 1–6)."""
    if text.strip().isdigit() and 1 <= int(text) <= len(groups):
        return groups[int(text) - 1]
    wanted = _fold(text)
    return next((g for g in groups if _fold(g) == wanted), None)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the month's last day when it has no such day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def valid_until(card: Scorecard, decided: date) -> date:
    """The last day a rating holds. A period of months counted from an event ends on the same
    day of the last month (Civil Code 2015, art. 147–148), so a decision of 01/3/2023 holds
    through 01/3/2026."""
    return add_months(decided, card.validity_months)


def status(until: date, as_of: date, rerated: bool = False) -> Status:
    if rerated:
        return "rerated"
    if as_of > until:
        return "expired"
    if until <= add_months(as_of, EXPIRING_MONTHS):
        return "expiring"
    return "valid"


@dataclass(frozen=True)
class Rating:
    """One product's rating as judged from its scores and decision."""

    product_code: str
    group: str
    unit_code: str
    scorecard: str
    total: Decimal
    stars: int
    level: str | None
    valid_until: date
    status: Status


def rate(
    *,
    product_code: str,
    group: str,
    unit_code: str,
    card: Scorecard,
    scores: tuple[Decimal, Decimal, Decimal],
    decided: date,
    as_of: date,
    rerated: bool = False,
) -> Rating:
    """Scores are taken as checked against the part maxima (the readers refuse any over)."""
    total = sum(scores, Decimal(0))
    stars = card.stars(total)
    until = valid_until(card, decided)
    return Rating(
        product_code,
        group,
        unit_code,
        card.code,
        total,
        stars,
        card.level(stars),
        until,
        status(until, as_of, rerated),
    )


@dataclass(frozen=True)
class OcopCounts:
    """Counts of rated products: by stars (1–5), by group, and those whose rating still holds."""

    by_stars: dict[int, int]
    by_group: dict[str, int]
    expiring: int
    expired: int

    @property
    def starred(self) -> int:
        return sum(self.by_stars.values())

    def at_least(self, stars: int) -> int:
        return sum(n for s, n in self.by_stars.items() if s >= stars)


def count(ratings: list[Rating], groups: tuple[str, ...]) -> OcopCounts:
    """Every product with its current rating: stars 1–5 counted, groups of all products."""
    by_stars = dict.fromkeys(range(1, 6), 0)
    by_group = dict.fromkeys(groups, 0)
    for rating in ratings:
        if rating.stars:
            by_stars[rating.stars] += 1
        by_group[rating.group] = by_group.get(rating.group, 0) + 1
    return OcopCounts(
        by_stars,
        by_group,
        sum(r.status == "expiring" for r in ratings),
        sum(r.status == "expired" for r in ratings),
    )
