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

    @classmethod
    def build(cls, cset: CriteriaSet, year: int) -> SetLayout:
        indicators = cset.indicators
        variants = list(cset.variants.values) or ["*"]
        table = np.full((len(indicators), len(variants) + 1), np.nan)
        for i, ind in enumerate(indicators):
            for v, variant in enumerate(variants):
                level = ind.threshold_for(variant, year)
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
        )

    def unit_variants(self, units: Sequence[Unit]) -> np.ndarray:
        """Column of ``threshold_table`` for each unit; units with no variant get the NaN column."""
        dim, by_flag = self.cset.variants.by, self.cset.variants.by_flag
        missing = self.threshold_table.shape[1] - 1
        if dim == "none":
            return np.zeros(len(units), dtype=np.intp)
        lookup = self.variant_index
        return np.fromiter(
            (lookup.get(u.variant(dim, by_flag) or "", missing) for u in units),
            dtype=np.intp,
            count=len(units),
        )


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
    thresholds = layout.threshold_table[:, variant_cols].T
    with np.errstate(invalid="ignore"):
        met = np.where(
            layout.compare == _GE,
            values >= thresholds,
            np.where(layout.compare == _LE, values <= thresholds, values == thresholds),
        )
    unknown = np.isnan(values) | np.isnan(thresholds)
    ind_status = np.where(unknown, UNKNOWN, met).astype(np.int8)

    n_met = (ind_status == MET).astype(np.float32) @ layout.membership
    n_unknown = unknown.astype(np.float32) @ layout.membership
    need = layout.rule_at_least
    sizes = layout.membership.sum(axis=0)
    crit_met = (n_met >= need) & (sizes > 0) & layout.complete
    crit_not = ((n_met + n_unknown) < need) & (sizes > 0)
    # An incomplete criterion can still fail: its known indicators are each required under 'all'.
    crit_not |= ~layout.complete & ((sizes - n_met - n_unknown) > 0) & (need >= sizes)
    crit_status = np.where(crit_met, MET, np.where(crit_not, NOT_MET, UNKNOWN)).astype(np.int8)
    if statuses is not None:
        given = statuses != NOT_GIVEN
        crit_status = np.where(given, statuses, crit_status).astype(np.int8)
    return thresholds, ind_status, crit_status


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
            other_status = other.eligibility if other is not None else UNKNOWN
            status = status_and(status, other_status)
        return status

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
                for n, s in zip(self.cset.criterion_numbers, self.criterion_status[row], strict=True)
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
