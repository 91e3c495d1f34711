"""Roll-ups: the counts an office reports for any group of units (district, province, a list)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any, Generic, TypeVar, overload

import numpy as np

from ntm.domain.evaluation import MET, Evaluation
from ntm.domain.units import Unit

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)  # a roll-up's group key: a district code, a group number…


class _lazy(Generic[T]):
    """``functools.cached_property`` without its per-read lock (Python 3.11): a national roll-up
    by district reads thousands of figures. Computed on first read, then a plain attribute."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> _lazy[T]: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> T: ...
    def __get__(self, obj: object | None, owner: type | None = None) -> T | _lazy[T]:
        if obj is None:
            return self
        value = self.func(obj)
        obj.__dict__[self.name] = value
        return value


@dataclass(frozen=True)
class Rollup:
    """Figures for one group of units; ``rows`` index into the evaluation's units.

    Built cheaply: a national roll-up by district makes hundreds of them per year, and a caller
    usually reads a few figures of each. Every figure is computed on first read, for all the
    groups of the same ``rollup_by`` call at once (one array operation, not one per group), and
    kept.
    """

    evaluation: Evaluation
    rows: np.ndarray
    under: int
    _batch: _Batch = field(repr=False, compare=False)
    _group: int = field(repr=False, compare=False)

    @property
    def units_total(self) -> int:
        return len(self.rows)

    @_lazy
    def recognised(self) -> int:
        """Units meeting every criterion."""
        return self._batch.recognised_counts[self._group]

    @_lazy
    def bands(self) -> dict[str, int]:
        return dict(zip(self._batch.band_labels, self._batch.band_counts[self._group], strict=True))

    @_lazy
    def avg_criteria(self) -> float:
        """Unrounded: rounding is for people, at the edge."""
        n = self.units_total
        return self._batch.met_sum[self._group] / n if n else 0.0

    @_lazy
    def criteria_met(self) -> dict[int, int]:
        """Criterion number → units meeting it."""
        return dict(zip(self._batch.numbers, self._batch.per_criterion[self._group], strict=True))

    @_lazy
    def criteria_met_by_all(self) -> list[int]:
        return self._batch.by_all[self._group]

    @_lazy
    def recognised_rows(self) -> list[int]:
        return self._batch.recognised[self._group]

    @_lazy
    def under_rows(self) -> list[int]:
        """Units under ``under`` criteria."""
        return self._batch.under_rows[self._group]

    @_lazy
    def closest(self) -> list[tuple[int, list[int]]]:
        """(row, missing criteria) for units missing 1 or 2, fewest missing first, then by name."""
        return self._batch.closest[self._group]

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


def rollup(
    evaluation: Evaluation, rows: np.ndarray | None = None, *, under: int | None = None
) -> Rollup:
    """Figures for the units at ``rows`` (all units when None). ``under``: N of "units under
    N criteria", by default the set's own line (``CriteriaSet.lagging_line``)."""
    under = evaluation.cset.lagging_line() if under is None else under
    if rows is None:
        rows = np.arange(len(evaluation.units))
    rows = np.asarray(rows, dtype=np.intp).reshape(-1)
    return _rollups(evaluation, rows, [len(rows)], under)[0]


def rollup_by(
    evaluation: Evaluation, key: Callable[[Unit], K | None], *, under: int | None = None
) -> dict[K, Rollup]:
    """One roll-up per group, groups in order of first appearance; units with key None skipped."""
    under = evaluation.cset.lagging_line() if under is None else under
    keys = list(map(key, evaluation.units))
    # Group numbers in order of first appearance, mapped at C speed (dict.fromkeys keeps order).
    group_of = {k: g for g, k in enumerate(k for k in dict.fromkeys(keys) if k is not None)}
    # Built by a comprehension: mypy takes a dict[K, int] for no dict[K | None, int].
    number_of: dict[K | None, int] = {k: g for k, g in group_of.items()}
    number_of[None] = -1
    gids = np.fromiter(map(number_of.__getitem__, keys), dtype=np.intp, count=len(keys))
    kept = np.flatnonzero(gids >= 0)
    # A stable sort keeps each group's rows in row order, as a per-group append would.
    order = kept[np.argsort(gids[kept], kind="stable")]
    sizes = np.bincount(gids[kept], minlength=len(group_of)).tolist()
    return dict(zip(group_of, _rollups(evaluation, order, sizes, under), strict=True))


def _rollups(
    evaluation: Evaluation, order: np.ndarray, sizes: list[int], under: int
) -> list[Rollup]:
    """Roll-ups of consecutive runs of ``order`` (run g has ``sizes[g]`` rows)."""
    batch = _Batch(evaluation, order, sizes, under)
    bounds = batch.bounds
    return [
        Rollup(evaluation, order[bounds[g] : bounds[g + 1]], under, batch, g)
        for g in range(len(sizes))
    ]


class _Batch:
    """The figures of every group of one roll-up call, each computed for all groups on first use.

    Every count is one array operation over all groups; Python loops only slice lists.
    """

    def __init__(
        self, evaluation: Evaluation, order: np.ndarray, sizes: list[int], under: int
    ) -> None:
        self.evaluation = evaluation
        self.order = order
        self.sizes = sizes
        self.under = under
        self.n_groups = len(sizes)
        self.numbers = evaluation.cset.criterion_numbers
        self.bounds: list[int] = np.concatenate(([0], np.cumsum(sizes, dtype=np.intp))).tolist()

    @_lazy
    def gid(self) -> np.ndarray:
        return np.repeat(np.arange(self.n_groups), self.sizes)

    @_lazy
    def met_per_unit(self) -> np.ndarray:
        met: np.ndarray = self.evaluation.criteria_met[self.order]
        return met

    @_lazy
    def _per_criterion(self) -> np.ndarray:
        ev = self.evaluation
        met_flags = (ev.criterion_status[self.order] == MET).astype(np.int64)
        out = np.zeros((self.n_groups, len(self.numbers)), dtype=np.int64)
        nonempty = np.flatnonzero(np.asarray(self.sizes, dtype=np.intp) > 0)
        if nonempty.size:
            starts = np.asarray(self.bounds[:-1], dtype=np.intp)[nonempty]
            out[nonempty] = np.add.reduceat(met_flags, starts, axis=0)
        return out

    @_lazy
    def per_criterion(self) -> list[list[int]]:
        counts: list[list[int]] = self._per_criterion.tolist()
        return counts

    @_lazy
    def band_labels(self) -> list[str]:
        return [b.label for b in self.evaluation.cset.effective_bands()]

    @_lazy
    def band_counts(self) -> list[list[int]]:
        bands = self.evaluation.cset.effective_bands()
        met = self.met_per_unit
        counts = np.zeros((self.n_groups, len(bands)), dtype=np.int64)
        for j, b in enumerate(bands):
            in_band = (met >= b.min) & (met <= b.max)
            counts[:, j] = np.bincount(self.gid[in_band], minlength=self.n_groups)
        return counts.tolist()

    @_lazy
    def met_sum(self) -> list[float]:
        sums = np.bincount(self.gid, weights=self.met_per_unit, minlength=self.n_groups)
        return [float(x) for x in sums]

    @_lazy
    def by_all(self) -> list[list[int]]:
        numbers = self.numbers
        sizes = np.asarray(self.sizes, dtype=np.int64)
        g_idx, c_idx = np.nonzero((self._per_criterion == sizes[:, None]) & (sizes > 0)[:, None])
        out: list[list[int]] = [[] for _ in range(self.n_groups)]
        for g, c in zip(g_idx.tolist(), c_idx.tolist(), strict=True):
            out[g].append(numbers[c])
        return out

    def _split(self, mask: np.ndarray) -> list[list[int]]:
        chosen = self.order[mask].tolist()
        ends = np.bincount(self.gid[mask], minlength=self.n_groups)
        ends = np.concatenate(([0], np.cumsum(ends))).tolist()
        return [chosen[ends[g] : ends[g + 1]] for g in range(self.n_groups)]

    @_lazy
    def all_met(self) -> np.ndarray:
        every: np.ndarray = self.evaluation.all_met[self.order]
        return every

    @_lazy
    def recognised_counts(self) -> list[int]:
        return [int(x) for x in np.bincount(self.gid[self.all_met], minlength=self.n_groups)]

    @_lazy
    def recognised(self) -> list[list[int]]:
        return self._split(self.all_met)

    @_lazy
    def under_rows(self) -> list[list[int]]:
        return self._split(self.met_per_unit < self.under)

    @_lazy
    def closest(self) -> list[list[tuple[int, list[int]]]]:
        return _closest(self.evaluation, self.order, self.gid, self.met_per_unit, self.n_groups)


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
def vi_sort_key(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[str, ...], str]:
    """Sort key for Vietnamese: letters first (a < ă < â < b … d < đ), then tones, then case.

    Tone marks only break ties between otherwise equal words ("Ba Tơ" vs "Bà Rịa" is decided
    by "t" against "r", not by the grave on "à"). Spaces, digits and punctuation come before
    letters, so "Đăk Hà" sorts before "Đăkbla". Cached: the same commune names recur across
    years and groups.
    """
    letters: list[tuple[int, int]] = []
    tones: list[str] = []
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
