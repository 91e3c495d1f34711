"""Small wording helpers shared by the recognition modules."""

from __future__ import annotations

from collections.abc import Iterable

from ntm.domain.rollup import round_half_up
from ntm.formatting import number


def numbers_text(numbers: Iterable[int]) -> str:
    return ", ".join(str(n) for n in numbers)


def pct(x: float) -> str:
    """``15,8%``; a share that is whole at one decimal shows none: ``30%``, ``50%``."""
    return number(x, 0 if round_half_up(x, 1).is_integer() else 1) + "%"


def share(k: int, n: int, what: str = "tiêu chí") -> str:
    """``3/19 tiêu chí (15,8%)``."""
    return f"{k}/{n} {what} ({pct(100 * k / n)})"
