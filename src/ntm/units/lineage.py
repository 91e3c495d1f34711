"""Where each commune went on 1 July 2025, and where each new commune came from.

Read from the vendored ``lineage-2025.csv`` built by ``ntm.units.build``. Public API::

    lineage(code: str, regime: Regime | None = None) -> Lineage
        # an old commune → the new commune(s) it went into (more than one when it was split);
        # a new commune → the old communes it came from; provinces likewise, through their
        # communes. regime None: the old unit when the code exists before 2025, else the new.
    mapping_report() -> MappingReport
        # old communes, matched, rate, unmatched with reasons, new units with no old commune
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Any

from ntm.domain.units import Unit
from ntm.units.registry import (
    DATA,
    Regime,
    UnknownCode,
    lineage_rows,
    new_units,
    old_units,
    unit,
)

META_FILE = DATA / "lineage-2025.json"

MATCH_NAMES: dict[str, str] = {
    "name": "khớp tên tỉnh, huyện, xã",
    "province": "khớp tên tỉnh và xã (tên huyện khác)",
    "ambiguous": "tên trùng",
    "none": "không khớp",
}


@dataclass(frozen=True)
class Lineage:
    """A unit of one regime and its counterparts in the other."""

    unit: Unit
    regime: Regime
    counterparts: tuple[Unit, ...]  # new units for an old one, old units for a new one
    note: str = ""  # why an old commune has no counterpart

    @property
    def other_regime(self) -> Regime:
        return "new" if self.regime == "old" else "old"


@dataclass(frozen=True)
class Unmatched:
    """An old commune the mapping could not place, and why (in Vietnamese)."""

    unit: Unit
    match: str  # "none" or "ambiguous"
    reason: str


@dataclass(frozen=True)
class MappingReport:
    old_communes: int
    matched: int
    unmatched: tuple[Unmatched, ...]
    split: int  # old communes divided between several new ones
    new_communes: int
    new_without_old: tuple[Unit, ...]  # new units no old commune went into (island districts …)
    converter_rows: int  # rows of the converter's table
    converter_rows_unjoined: tuple[dict[str, str], ...]
    built: str
    sources: dict[str, str]

    @property
    def rate(self) -> float:
        """Percentage of old communes placed in the new units, 0–100."""
        return 100 * self.matched / self.old_communes if self.old_communes else 0.0


@dataclass(frozen=True)
class _Links:
    old_to_new: dict[str, tuple[str, ...]]
    new_to_old: dict[str, tuple[str, ...]]
    notes: dict[str, tuple[str, str]]  # old code → (match, note) for the unmatched


@cache
def _links() -> _Links:
    old_to_new: dict[str, list[str]] = defaultdict(list)
    new_to_old: dict[str, list[str]] = defaultdict(list)
    notes: dict[str, tuple[str, str]] = {}
    for row in lineage_rows():
        old, new = row["old_commune_code"], row["new_commune_code"]
        if new:
            old_to_new[old].append(new)
            new_to_old[new].append(old)
        else:
            notes[old] = (row["match"], row["note"])
    return _Links(
        {k: tuple(v) for k, v in old_to_new.items()},
        {k: tuple(v) for k, v in new_to_old.items()},
        notes,
    )


def _province_counterparts(code: str, regime: Regime) -> tuple[Unit, ...]:
    links = _links()
    if regime == "old":
        found = {
            new_units().by_code[("commune", n)].province_code
            for c in old_units().children.get(code, ())
            for n in links.old_to_new.get(c.code, ())
        }
        target = new_units()
    else:
        found = {
            old_units().by_code[("commune", o)].province_code
            for c in new_units().children.get(code, ())
            for o in links.new_to_old.get(c.code, ())
        }
        target = old_units()
    return tuple(p for p in target.provinces if p.code in found)


def lineage(code: str, regime: Regime | None = None) -> Lineage:
    """The counterparts of a commune or province across 1 July 2025 (see the module doc)."""
    code = code.strip()
    if regime is None:
        try:
            unit(code, "old")
            regime = "old"
        except UnknownCode:
            regime = "new"
    u = unit(code, regime)
    if u.level == "province":
        return Lineage(u, regime, _province_counterparts(u.code, regime))
    if u.level == "district":
        communes = old_units().children.get(u.code, ())
        new_codes = {n for c in communes for n in _links().old_to_new.get(c.code, ())}
        found = tuple(c for c in new_units().communes if c.code in new_codes)
        return Lineage(u, regime, found)
    links = _links()
    if regime == "old":
        targets = new_units()
        codes = links.old_to_new.get(u.code, ())
        note = links.notes.get(u.code, ("", ""))[1]
    else:
        targets = old_units()
        codes = links.new_to_old.get(u.code, ())
        note = "" if codes else "không có xã cũ nào trong dữ liệu chuyển đổi"
    return Lineage(u, regime, tuple(targets.by_code[("commune", c)] for c in codes), note)


def _meta() -> dict[str, Any]:
    meta: dict[str, Any] = json.loads(META_FILE.read_text(encoding="utf-8"))
    return meta


def mapping_report() -> MappingReport:
    """How completely the old communes map to the new ones, and what does not."""
    links = _links()
    old = old_units()
    unmatched = tuple(
        Unmatched(old.by_code[("commune", code)], match, note)
        for code, (match, note) in links.notes.items()
    )
    new_without_old = tuple(c for c in new_units().communes if c.code not in links.new_to_old)
    meta = _meta()
    return MappingReport(
        old_communes=len(old.communes),
        matched=len(links.old_to_new),
        unmatched=unmatched,
        split=sum(1 for v in links.old_to_new.values() if len(v) > 1),
        new_communes=len(new_units().communes),
        new_without_old=new_without_old,
        converter_rows=meta["converter_rows"],
        converter_rows_unjoined=tuple(meta["converter_rows_unjoined"]),
        built=meta["built"],
        sources=meta["sources"],
    )
