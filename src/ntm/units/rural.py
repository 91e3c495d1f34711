"""Which units a commune set judges: rural communes (xã) and special zones (đặc khu), never
wards (phường) or townships (thị trấn), which are urban and judged by other programmes.

Every output that leaves units out says how many and why (``left_out_note``), so nothing is
excluded silently; ``--include-wards`` in the CLI keeps them all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ntm.domain.units import Unit

# Special zones (đặc khu, island districts made communes in 2025) are rural communes for the
# programme: they are kept; a set that should not judge them lists them out itself.
RURAL_KINDS = frozenset({"xã", "đặc khu"})


@dataclass(frozen=True)
class RuralSplit:
    kept: list[Unit]
    left_out: list[Unit]

    def note(self) -> str:
        """'7 phường không đưa vào: …' or '' when nothing was left out."""
        return left_out_note(self.left_out)


def split_rural(units: Sequence[Unit], *, include_wards: bool = False) -> RuralSplit:
    """The units a commune set judges, and those left out (wards and townships)."""
    if include_wards:
        return RuralSplit(list(units), [])
    kept = [u for u in units if u.kind in RURAL_KINDS]
    return RuralSplit(kept, [u for u in units if u.kind not in RURAL_KINDS])


def left_out_note(left_out: Sequence[Unit]) -> str:
    if not left_out:
        return ""
    kinds = Counter(u.kind for u in left_out)
    counted = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
    return (
        f"{counted} không đưa vào: bộ tiêu chí xã chỉ xét các xã (và đặc khu); "
        "phường, thị trấn là đơn vị đô thị (thêm --include-wards để đưa vào)"
    )
