"""Roll-ups: the counts an office reports for any group of units (district, province, a list)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
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
    rows = np.asarray(rows, dtype=np.intp).reshape(-1)
    return _rollups(evaluation, rows, [len(rows)], under)[0]


def rollup_by(
    evaluation: Evaluation, key: Callable[[Any], Hashable | None], *, under: int = 10
) -> dict[Hashable, Rollup]:
    """One roll-up per group, groups in order of first appearance; units with key None skipped."""
    keys = [key(unit) for unit in evaluation.units]
    # Group numbers in order of first appearance, mapped at C speed (dict.fromkeys keeps order).
    group_of = {k: g for g, k in enumerate(k for k in dict.fromkeys(keys) if k is not None)}
    number_of = {**group_of, None: -1}
    gids = np.array(list(map(number_of.__getitem__, keys)), dtype=np.intp)
    kept = np.flatnonzero(gids >= 0)
    # A stable sort keeps each group's rows in row order, as a per-group append would.
    order = kept[np.argsort(gids[kept], kind="stable")]
    sizes = np.bincount(gids[kept], minlength=len(group_of)).tolist()
    return dict(zip(group_of, _rollups(evaluation, order, sizes, under), strict=True))


def _rollups(
    evaluation: Evaluation, order: np.ndarray, sizes: list[int], under: int
) -> list[Rollup]:
    """Roll-ups of consecutive runs of ``order`` (run g has ``sizes[g]`` rows), all at once.

    Every count is one array operation over all groups; the Python loop only slices lists and
    builds each group's dicts, so a national roll-up by district stays a few milliseconds.
    """
    numbers = evaluation.cset.criterion_numbers
    n_criteria = len(numbers)
    bands = evaluation.cset.effective_bands()
    n_groups = len(sizes)
    gid = np.repeat(np.arange(n_groups), sizes)
    bounds = np.concatenate(([0], np.cumsum(sizes, dtype=np.intp))).tolist()

    met_per_unit = evaluation.criteria_met[order]
    all_met = evaluation.all_met[order]
    met_flags = (evaluation.criterion_status[order] == MET).astype(np.int64)
    per_criterion = np.zeros((n_groups, n_criteria), dtype=np.int64)
    nonempty = np.flatnonzero(np.asarray(sizes, dtype=np.intp) > 0)
    if nonempty.size:
        starts = np.asarray(bounds[:-1], dtype=np.intp)[nonempty]
        per_criterion[nonempty] = np.add.reduceat(met_flags, starts, axis=0)
    per_criterion_list = per_criterion.tolist()
    labels = [b.label for b in bands]
    band_counts = np.zeros((n_groups, len(bands)), dtype=np.int64)
    for j, b in enumerate(bands):
        in_band = (met_per_unit >= b.min) & (met_per_unit <= b.max)
        band_counts[:, j] = np.bincount(gid[in_band], minlength=n_groups)
    band_counts_list = band_counts.tolist()
    sizes_array = np.asarray(sizes, dtype=np.int64)
    by_all_g, by_all_c = np.nonzero(
        (per_criterion == sizes_array[:, None]) & (sizes_array > 0)[:, None]
    )
    by_all: list[list[int]] = [[] for _ in range(n_groups)]
    for g, c in zip(by_all_g.tolist(), by_all_c.tolist(), strict=True):
        by_all[g].append(numbers[c])
    met_sum = np.bincount(gid, weights=met_per_unit, minlength=n_groups).tolist()

    def split(mask: np.ndarray) -> list[list[int]]:
        chosen = order[mask].tolist()
        ends = np.concatenate(([0], np.cumsum(np.bincount(gid[mask], minlength=n_groups))))
        ends = ends.tolist()
        return [chosen[ends[g] : ends[g + 1]] for g in range(n_groups)]

    recognised = split(all_met)
    under_rows = split(met_per_unit < under)
    closest = _closest(evaluation, order, gid, met_per_unit, n_groups)

    out = []
    for g in range(n_groups):
        n = sizes[g]
        counts = per_criterion_list[g]
        out.append(
            Rollup(
                evaluation=evaluation,
                rows=order[bounds[g] : bounds[g + 1]],
                units_total=n,
                recognised=len(recognised[g]),
                bands=dict(zip(labels, band_counts_list[g], strict=True)),
                avg_criteria=met_sum[g] / n if n else 0.0,
                criteria_met=dict(zip(numbers, counts, strict=True)),
                criteria_met_by_all=by_all[g],
                recognised_rows=recognised[g],
                under_rows=under_rows[g],
                closest=closest[g],
                under=under,
            )
        )
    return out


def _closest(
    evaluation: Evaluation,
    order: np.ndarray,
    gid: np.ndarray,
    met_per_unit: np.ndarray,
    n_groups: int,
) -> list[list[tuple[int, list[int]]]]:
    """Per group: units missing 1 or 2 criteria, fewest missing first, then by Vietnamese name."""
    numbers = evaluation.cset.criterion_numbers
    missing_count = len(numbers) - met_per_unit
    positions = np.flatnonzero((missing_count >= 1) & (missing_count <= 2))
    out: list[list[tuple[int, list[int]]]] = [[] for _ in range(n_groups)]
    if not positions.size:
        return out
    rows = order[positions]
    # The missing criteria of every close unit from one nonzero() over their status rows.
    r_idx, c_idx = np.nonzero(evaluation.criterion_status[rows] != MET)
    missing: list[list[int]] = [[] for _ in range(len(rows))]
    for r, c in zip(r_idx.tolist(), c_idx.tolist(), strict=True):
        missing[r].append(numbers[c])
    units = evaluation.units
    keyed = sorted(
        zip(
            gid[positions].tolist(),
            missing_count[positions].tolist(),
            range(len(rows)),
            strict=True,
        ),
        key=lambda t: (t[0], t[1], vi_sort_key(units[int(rows[t[2]])].name)),
    )
    rows_list = rows.tolist()
    for g, _count, i in keyed:
        out[g].append((rows_list[i], missing[i]))
    return out


def round_half_up(x: float, digits: int = 0) -> float:
    """Rounding as people do it (14,75 → 14,8), not banker's rounding."""
    q = Decimal(1).scaleb(-digits)
    # float() first: repr of a NumPy scalar is "np.float64(…)", which Decimal cannot read.
    return float(Decimal(repr(float(x))).quantize(q, rounding=ROUND_HALF_UP))


# Vietnamese alphabetical order: a ă â b c d đ e ê … ; tones sort after the base letter.
_VI_ORDER = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"  # f j w z: foreign names
_LETTER_MARKS = "\u0306\u0302\u031b"  # breve, circumflex, horn: part of the letter (ă â ê ô ơ ư)


@lru_cache(maxsize=65536)
def vi_sort_key(text: str) -> tuple:
    """Sort key for Vietnamese: letters first (a < ă < â < b … d < đ), then tones, then case.

    Tone marks only break ties between otherwise equal words ("Ba Tơ" vs "Bà Rịa" is decided
    by "t" against "r", not by the grave on "à"). Spaces, digits and punctuation come before
    letters, so "Đăk Hà" sorts before "Đăkbla". Cached: the same commune names recur across
    years and groups.
    """
    letters = []
    tones = []
    for ch in text.lower():
        if ch == "đ":
            letter, marks = "đ", ""
        else:
            decomposed = unicodedata.normalize("NFD", ch)
            base, marks = decomposed[0], decomposed[1:]
            letter = unicodedata.normalize(
                "NFC", base + "".join(m for m in marks if m in _LETTER_MARKS)
            )
        pos = _VI_ORDER.find(letter) if len(letter) == 1 else -1
        if pos >= 0:
            letters.append((1, pos))
        else:
            # Spaces, digits and punctuation before letters; anything else after, by code point.
            letters.append((2 if letter.isalpha() else 0, ord(letter[0])))
        tones.append("".join(m for m in marks if m not in _LETTER_MARKS))
    return (tuple(letters), tuple(tones), text)
