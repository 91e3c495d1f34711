"""The evaluation engine: every unit × every indicator of a set in one vectorised pass.

Statuses are small integers in NumPy arrays so that a national dataset (≈10.600 communes ×
57 indicators) is judged with a handful of array operations, never a Python loop per value:
``MET`` 1, ``NOT_MET`` 0, ``UNKNOWN`` -1. A criterion status given directly (the criterion-level
files offices keep, tc1 … tcN) overrides what indicators would say; ``NOT_GIVEN`` marks its absence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from ntm.domain.criteria import CriteriaSet
from ntm.domain.units import Unit

MET, NOT_MET, UNKNOWN, NOT_GIVEN = 1, 0, -1, -2
STATUS_NAMES = {MET: "met", NOT_MET: "not_met", UNKNOWN: "unknown"}
STATUS_VI = {MET: "Đạt", NOT_MET: "Chưa đạt", UNKNOWN: "Chưa xác định"}

_GE, _LE, _EQ = 0, 1, 2
_COMPARE_CODES = {">=": _GE, "<=": _LE, "=": _EQ}


@dataclass(frozen=True)
class SetLayout:
    """What the engine needs of a set for one year, computed once and reusable across calls."""

    cset: CriteriaSet
    year: int
    indicator_codes: list[str]
    criterion_numbers: list[int]
    membership: np.ndarray  # (n_indicators, n_criteria) float32, 1 where the indicator belongs
    compare: np.ndarray  # (n_indicators,) int8
    threshold_table: np.ndarray  # (n_indicators, n_variants + 1) float64; last column all NaN
    variant_index: dict[str, int]
    rule_at_least: np.ndarray  # (n_criteria,) int: indicators needed to be met
    complete: np.ndarray  # (n_criteria,) bool
    # Derived in __post_init__ so that a layout built by hand stays valid.
    rule_all: np.ndarray | None = None  # (n_criteria,) bool: rule 'all' (not 'at_least')
    _thresholds_by_variant: np.ndarray = field(init=False, repr=False)
    _sizes: np.ndarray = field(init=False, repr=False)
    _ge_only: bool = field(init=False, repr=False)
    _not_ge: np.ndarray = field(init=False, repr=False)  # True where '>=' is not the test
    _not_le: np.ndarray = field(init=False, repr=False)  # True where '<=' is not the test
    _blocks: list[tuple[int, int, int]] | None = field(init=False, repr=False)
    _bars: tuple[np.ndarray, np.ndarray] = field(init=False, repr=False)
    _bars_small: tuple[np.ndarray, np.ndarray] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Rows per variant, C-ordered: taking rows for units is cheaper than a transposed gather.
        object.__setattr__(
            self, "_thresholds_by_variant", np.ascontiguousarray(self.threshold_table.T)
        )
        object.__setattr__(self, "_sizes", self.membership.sum(axis=0))
        if self.rule_all is None:
            object.__setattr__(self, "rule_all", self.rule_at_least >= self._sizes)
        object.__setattr__(self, "_ge_only", bool((self.compare == _GE).all()))
        object.__setattr__(self, "_not_ge", self.compare == _LE)
        object.__setattr__(self, "_not_le", self.compare == _GE)
        object.__setattr__(self, "_blocks", _contiguous_blocks(self.membership))
        bars = self._criterion_bars()
        object.__setattr__(self, "_bars", bars)
        object.__setattr__(
            self, "_bars_small", tuple(np.minimum(b, 255).astype(np.uint8) for b in bars)
        )

    def _criterion_bars(self) -> tuple[np.ndarray, np.ndarray]:
        """(met when n_met ≥ first, not met when n_met + n_unknown < second), per criterion.

        A criterion without indicators is neither. An incomplete one is never met from its
        indicators, and not met only under 'all' with a known failure: under 'at least n' the
        indicators missing from the file could make up the count.
        """
        need = self.rule_at_least.astype(np.int32)
        sizes = self._sizes.astype(np.int32)
        has = sizes > 0
        never = np.int32(1 << 20)
        bar_met = np.where(has & self.complete, need, never).astype(np.int32)
        bar_not = np.where(self.complete, need, np.where(self.rule_all, sizes, 0))
        bar_not = np.where(has, bar_not, 0).astype(np.int32)
        return bar_met, bar_not

    @classmethod
    def build(cls, cset: CriteriaSet, year: int) -> SetLayout:
        indicators = cset.indicators
        variants = list(cset.variants.values) or ["*"]
        table = np.full((len(indicators), len(variants) + 1), np.nan)
        for i, ind in enumerate(indicators):
            # The rule in force is found once per indicator, not once per variant: the same
            # result as ind.threshold_for (the last rule covering the year wins, even unknown).
            rule = ind.rule_for(year)
            if rule is None:
                continue
            for v, variant in enumerate(variants):
                level = rule.value_for(variant)
                if level is not None:
                    table[i, v] = float(level)
        membership = np.zeros((len(indicators), len(cset.criteria)), dtype=np.float32)
        col = 0
        for c, crit in enumerate(cset.criteria):
            membership[col : col + len(crit.indicators), c] = 1.0
            col += len(crit.indicators)
        sizes = membership.sum(axis=0).astype(int)
        at_least = np.array(
            [
                (c.rule.n if c.rule.kind == "at_least" else size)
                for c, size in zip(cset.criteria, sizes, strict=True)
            ],
            dtype=int,
        )
        return cls(
            cset=cset,
            year=year,
            indicator_codes=[i.code for i in indicators],
            criterion_numbers=cset.criterion_numbers,
            membership=membership,
            compare=np.array([_COMPARE_CODES[i.compare] for i in indicators], dtype=np.int8),
            threshold_table=table,
            variant_index={v: k for k, v in enumerate(variants)},
            rule_at_least=at_least,
            complete=np.array([c.indicators_complete for c in cset.criteria], dtype=bool),
            rule_all=np.array([c.rule.kind == "all" for c in cset.criteria], dtype=bool),
        )

    def unit_variants(self, units: Sequence[Unit]) -> np.ndarray:
        """Column of ``threshold_table`` for each unit; units with no variant get the NaN column.

        A set that declares no variants has one level for everyone: every unit takes it.
        """
        return _unit_variants(self.cset, units, self.variant_index, self.threshold_table.shape[1])


# The last units list judged and its variant columns: spares the per-unit loop when the same
# communes are judged year after year. A hit needs an equal list of frozen units (identity is
# checked first: a pointer scan), so it cannot go stale.
_variant_cache: tuple[tuple[Any, ...], list[Unit], np.ndarray] | None = None


def _unit_variants(
    cset: CriteriaSet, units: Sequence[Unit], variant_index: dict[str, int], n_columns: int
) -> np.ndarray:
    global _variant_cache
    dim, by_flag = cset.variants.by, cset.variants.by_flag
    if dim == "none" or not cset.variants.values:
        return np.zeros(len(units), dtype=np.intp)
    key = (dim, tuple(by_flag.items()), tuple(variant_index.items()), n_columns)
    cached = _variant_cache
    if cached is not None and cached[0] == key and cached[1] == units:
        return cached[2]
    missing = n_columns - 1
    # Communes share a handful of (region, group, flags) combinations: judge each once.
    seen: dict[tuple[Any, ...], int] = {}
    cols = np.empty(len(units), dtype=np.intp)
    for i, u in enumerate(units):
        combo = (u.region, u.group, u.flags)
        col = seen.get(combo)
        if col is None:
            col = seen[combo] = variant_index.get(u.variant(dim, by_flag) or "", missing)
        cols[i] = col
    cols.flags.writeable = False
    _variant_cache = (key, list(units), cols)
    return cols


def _contiguous_blocks(membership: np.ndarray) -> list[tuple[int, int, int]] | None:
    """(criterion, first row, end row) when each criterion owns a run of < 16 indicators."""
    blocks = []
    row = 0
    for k in range(membership.shape[1]):
        rows = np.flatnonzero(membership[:, k])
        if rows.size == 0:
            continue
        if rows.size >= 16 or rows[0] != row or rows[-1] != row + rows.size - 1:
            return None
        blocks.append((k, row, row + int(rows.size)))
        row += int(rows.size)
    return blocks if row == membership.shape[0] and (membership.sum(axis=1) == 1).all() else None


def empty_values(n_units: int, cset: CriteriaSet) -> np.ndarray:
    return np.full((n_units, len(cset.indicators)), np.nan)


def empty_statuses(n_units: int, cset: CriteriaSet) -> np.ndarray:
    return np.full((n_units, len(cset.criteria)), NOT_GIVEN, dtype=np.int8)


def judge(
    layout: SetLayout,
    variant_cols: np.ndarray,
    values: np.ndarray,
    statuses: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The vectorised core: thresholds, indicator statuses, criterion statuses."""
    thresholds = layout._thresholds_by_variant.take(variant_cols, axis=0)
    with np.errstate(invalid="ignore"):
        met = values >= thresholds
        if not layout._ge_only:
            # '=' is '>=' and '<=': two full comparisons and masks beat column gathers.
            le = values <= thresholds
            met |= layout._not_ge
            le |= layout._not_le
            met &= le
    unknown = np.isnan(values) | np.isnan(thresholds)
    # A comparison with NaN is False, so an unknown cell has met == 0 and 0 - 1 gives UNKNOWN.
    ind_status = met.view(np.int8) - unknown.view(np.int8)

    n_met, n_unknown = _count_per_criterion(layout, met, unknown)
    # Per-criterion bars folded in at build time (see _bars): one comparison each.
    bar_met, bar_not = layout._bars_small if n_met.dtype == np.uint8 else layout._bars
    crit_met = n_met >= bar_met
    crit_not = (n_met + n_unknown) < bar_not
    # MET 1, NOT_MET 0, UNKNOWN -1: met and not met are exclusive by construction of the bars.
    crit_status = crit_met.view(np.int8) - (~(crit_met | crit_not)).view(np.int8)
    if statuses is not None:
        given = statuses != NOT_GIVEN
        crit_status = np.where(given, statuses, crit_status).astype(np.int8)
    return thresholds, ind_status, crit_status


def _count_per_criterion(
    layout: SetLayout, met: np.ndarray, unknown: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Indicators met and unknown per unit and criterion, as (n_units, n_criteria) arrays."""
    if layout._blocks is None:
        n_met = (met.astype(np.float32) @ layout.membership).astype(np.int32)
        n_unknown = (unknown.astype(np.float32) @ layout.membership).astype(np.int32)
        return n_met, n_unknown
    # Each criterion owns a run of < 16 indicators: sum its rows of the transposed matrix, both
    # counts in one byte (met + 16·unknown). A float32 product is erratic on 2 cores (OpenBLAS
    # threads: 0,5 to 4 ms for a national year).
    packed = unknown.view(np.uint8) << np.uint8(4)
    packed |= met.view(np.uint8)
    by_indicator = np.ascontiguousarray(packed.T)
    counts = np.zeros((len(layout.criterion_numbers), met.shape[0]), dtype=np.uint8)
    for k, start, stop in layout._blocks:
        np.add.reduce(by_indicator[start:stop], axis=0, out=counts[k])
    counts = counts.T
    return counts & np.uint8(15), counts >> np.uint8(4)


@dataclass
class Evaluation:
    """The result for a list of units in one year against one set."""

    cset: CriteriaSet
    year: int
    units: list[Unit]
    values: np.ndarray  # (n_units, n_indicators), NaN = no value
    thresholds: np.ndarray  # (n_units, n_indicators), NaN = unknown
    indicator_status: np.ndarray  # int8
    criterion_status: np.ndarray  # int8 (n_units, n_criteria)
    required: dict[str, Evaluation] = field(default_factory=dict)

    @cached_property
    def criteria_met(self) -> np.ndarray:
        return (self.criterion_status == MET).sum(axis=1)

    @cached_property
    def all_met(self) -> np.ndarray:
        return (self.criterion_status == MET).all(axis=1)

    @cached_property
    def eligibility(self) -> np.ndarray:
        """Tier eligibility per unit: MET when every criterion and every required set is met."""
        status = np.where(
            self.all_met,
            MET,
            np.where((self.criterion_status == NOT_MET).any(axis=1), NOT_MET, UNKNOWN),
        ).astype(np.int8)
        for code in self.cset.tier_rule.requires:
            other = self.required.get(code)
            # Without the required set's result the tier can be ruled out, never confirmed.
            other_status = self._aligned(other.eligibility, other) if other is not None else UNKNOWN
            status = status_and(status, other_status)
        return status

    def _aligned(self, other_status: np.ndarray, other: Evaluation) -> np.ndarray:
        """``other_status`` row for row with this evaluation's units; UNKNOWN where absent."""
        if [u.code for u in other.units] == [u.code for u in self.units]:
            return other_status
        out = np.full(len(self.units), UNKNOWN, dtype=np.int8)
        for row, unit in enumerate(self.units):
            found = other.index.get(unit.code)
            if found is not None:
                out[row] = other_status[found]
        return out

    @cached_property
    def index(self) -> dict[str, int]:
        return {u.code: i for i, u in enumerate(self.units)}

    def missing_criteria(self, row: int) -> list[int]:
        numbers = self.cset.criterion_numbers
        return [numbers[c] for c in np.flatnonzero(self.criterion_status[row] != MET)]

    def unit_result(self, row: int) -> dict[str, Any]:
        """One unit's result as plain data (the shape of ``ntm evaluate --format json``)."""
        unit = self.units[row]
        indicators = {}
        for col, ind in enumerate(self.cset.indicators):
            value = self.values[row, col]
            threshold = self.thresholds[row, col]
            indicators[ind.code] = {
                "value": _plain(value, ind.kind),
                "threshold": _plain(threshold, ind.kind),
                "compare": ind.compare,
                "status": STATUS_NAMES[int(self.indicator_status[row, col])],
            }
        return {
            "commune_code": unit.code,
            "commune_name": unit.name,
            "district_name": unit.district_name,
            "criteria_met": int(self.criteria_met[row]),
            "criteria": {
                str(n): STATUS_NAMES[int(s)]
                for n, s in zip(
                    self.cset.criterion_numbers, self.criterion_status[row], strict=True
                )
            },
            "criteria_missing": self.missing_criteria(row),
            "eligible": STATUS_NAMES[int(self.eligibility[row])],
            "indicators": indicators,
        }


def status_and(a: np.ndarray | int, b: np.ndarray | int) -> np.ndarray:
    """Three-valued AND: not met if either is, unknown if either is, met otherwise."""
    a, b = np.asarray(a), np.asarray(b)
    either_not = (a == NOT_MET) | (b == NOT_MET)
    both_met = (a == MET) & (b == MET)
    return np.where(either_not, NOT_MET, np.where(both_met, MET, UNKNOWN)).astype(np.int8)


def _plain(x: float, kind: str) -> float | bool | None:
    if np.isnan(x):
        return None
    if kind == "yes_no":
        return bool(x)
    return int(x) if float(x).is_integer() else float(x)


def evaluate(
    cset: CriteriaSet,
    units: Sequence[Unit],
    year: int,
    *,
    values: np.ndarray | None = None,
    statuses: np.ndarray | None = None,
    layout: SetLayout | None = None,
    required: Mapping[str, Evaluation] | None = None,
) -> Evaluation:
    """Judge ``units`` in ``year``.

    ``values``: (n_units, n_indicators) in the order of ``cset.indicators``, NaN where absent;
    yes/no as 1.0/0.0. ``statuses``: (n_units, n_criteria) criterion statuses given directly,
    ``NOT_GIVEN`` where absent. ``layout`` may be passed to reuse the per-year threshold table.
    """
    units = list(units)
    layout = layout if layout is not None else SetLayout.build(cset, year)
    if values is None:
        values = empty_values(len(units), cset)
    if values.shape != (len(units), len(layout.indicator_codes)):
        raise ValueError(f"values: cần ma trận {len(units)}×{len(layout.indicator_codes)}")
    if statuses is not None and statuses.shape != (len(units), len(layout.criterion_numbers)):
        raise ValueError(f"statuses: cần ma trận {len(units)}×{len(layout.criterion_numbers)}")
    thresholds, ind_status, crit_status = judge(
        layout, layout.unit_variants(units), values, statuses
    )
    return Evaluation(
        cset=cset,
        year=year,
        units=units,
        values=values,
        thresholds=thresholds,
        indicator_status=ind_status,
        criterion_status=crit_status,
        required=dict(required or {}),
    )


def values_from_long(
    cset: CriteriaSet,
    units: Sequence[Unit],
    rows: Sequence[tuple[str, str, float]],
) -> np.ndarray:
    """Build the value matrix from long rows ``(unit_code, indicator_code, value)``.

    Unknown unit or indicator codes raise KeyError: readers validate before they get here.
    """
    unit_idx = {u.code: i for i, u in enumerate(units)}
    ind_idx = {ind.code: j for j, ind in enumerate(cset.indicators)}
    matrix = empty_values(len(units), cset)
    if rows:
        r = np.fromiter((unit_idx[u] for u, _, _ in rows), dtype=np.intp, count=len(rows))
        c = np.fromiter((ind_idx[i] for _, i, _ in rows), dtype=np.intp, count=len(rows))
        v = np.fromiter((float(x) for _, _, x in rows), dtype=np.float64, count=len(rows))
        matrix[r, c] = v
    return matrix
