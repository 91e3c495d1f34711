"""Roll-ups: the counts an office reports for any group of units (district, province, a list)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ntm.domain.evaluation import MET, Evaluation


@dataclass(frozen=True)
class Rollup:
    """Figures for one group of units; ``rows`` index into the evaluation's units."""

    evaluation: Evaluation
    rows: np.ndarray
    units_total: int
    recognised: int  # units meeting every criterion
    bands: dict[str, int]
    avg_criteria: float  # unrounded: rounding is for people, at the edge
    criteria_met: dict[int, int]  # criterion number → units meeting it
    criteria_met_by_all: list[int]
    recognised_rows: list[int]
    under_rows: list[int]  # units under ``under`` criteria
    closest: list[tuple[int, list[int]]]  # (row, missing criteria) for units missing 1 or 2
    under: int

    def names(self, rows: list[int], *, for_people: bool = False) -> list[str]:
        """Unit names sorted: by code point for machines (stable JSON), Vietnamese for people."""
        names = [self.evaluation.units[r].name for r in rows]
        return sorted(names, key=vi_sort_key) if for_people else sorted(names)

    def band_of_row(self, row: int) -> str:
        met = int(self.evaluation.criteria_met[row])
        for band in self.evaluation.cset.effective_bands():
            if band.min <= met <= band.max:
                return band.label
        return "?"

    def as_dict(self) -> dict[str, Any]:
        ev = self.evaluation
        return {
            "communes_total": self.units_total,
            "recognised": self.recognised,
            "bands": self.bands,
            "avg_criteria": round_half_up(self.avg_criteria, 1),
            "criteria": {str(n): {"met": m} for n, m in self.criteria_met.items()},
            "criteria_met_by_all": self.criteria_met_by_all,
            "recognised_communes": self.names(self.recognised_rows),
            f"communes_under_{self.under}_criteria": self.names(self.under_rows),
            "closest_to_standard": [
                {
                    "commune_code": ev.units[r].code,
                    "commune_name": ev.units[r].name,
                    "district_name": ev.units[r].district_name,
                    "missing": missing,
                }
                for r, missing in self.closest
            ],
        }


def rollup(evaluation: Evaluation, rows: np.ndarray | None = None, *, under: int = 10) -> Rollup:
    """Figures for the units at ``rows`` (all units when None)."""
    if rows is None:
        rows = np.arange(len(evaluation.units))
    rows = np.asarray(rows, dtype=np.intp)
    status = evaluation.criterion_status[rows]
    met_per_unit = evaluation.criteria_met[rows]
    all_met = evaluation.all_met[rows]
    per_criterion = (status == MET).sum(axis=0)
    numbers = evaluation.cset.criterion_numbers
    n = len(rows)

    bands = {}
    for band in evaluation.cset.effective_bands():
        bands[band.label] = int(((met_per_unit >= band.min) & (met_per_unit <= band.max)).sum())

    n_criteria = len(numbers)
    missing_count = n_criteria - met_per_unit
    close = rows[(missing_count >= 1) & (missing_count <= 2)]
    close_sorted = sorted(
        close.tolist(),
        key=lambda r: (n_criteria - int(evaluation.criteria_met[r]), vi_sort_key(
            evaluation.units[r].name)),
    )
    return Rollup(
        evaluation=evaluation,
        rows=rows,
        units_total=n,
        recognised=int(all_met.sum()),
        bands=bands,
        avg_criteria=float(met_per_unit.mean()) if n else 0.0,
        criteria_met={num: int(c) for num, c in zip(numbers, per_criterion, strict=True)},
        criteria_met_by_all=[
            num for num, c in zip(numbers, per_criterion, strict=True) if n and c == n
        ],
        recognised_rows=rows[all_met].tolist(),
        under_rows=rows[met_per_unit < under].tolist(),
        closest=[(r, evaluation.missing_criteria(r)) for r in close_sorted],
        under=under,
    )


def rollup_by(
    evaluation: Evaluation, key: Callable[[Any], Hashable | None], *, under: int = 10
) -> dict[Hashable, Rollup]:
    """One roll-up per group, groups in order of first appearance; units with key None skipped."""
    groups: dict[Hashable, list[int]] = {}
    for row, unit in enumerate(evaluation.units):
        k = key(unit)
        if k is not None:
            groups.setdefault(k, []).append(row)
    return {k: rollup(evaluation, np.array(r), under=under) for k, r in groups.items()}


def round_half_up(x: float, digits: int = 0) -> float:
    """Rounding as people do it (14,75 → 14,8), not banker's rounding."""
    from decimal import ROUND_HALF_UP, Decimal

    q = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(x)).quantize(q, rounding=ROUND_HALF_UP))


# Vietnamese alphabetical order: a ă â b c d đ e ê … ; tones sort after the base letter.
_VI_ORDER = "aăâbcdđeêghiklmnoôơpqrstuưvxy"


def vi_sort_key(text: str) -> tuple:
    import unicodedata

    key = []
    for ch in text.lower():
        decomposed = unicodedata.normalize("NFD", ch)
        base = decomposed[0]
        marks = decomposed[1:]
        # ă, â, ê, ô, ơ, ư, đ are letters of their own; tone marks only break ties.
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in "\u0306\u0302\u031b"))
        if ch == "đ":
            letter = "đ"
        tone = "".join(m for m in marks if m not in "\u0306\u0302\u031b")
        pos = _VI_ORDER.find(letter)
        key.append((pos if pos >= 0 else 100 + ord(letter[0]), tone))
    return tuple(key)
