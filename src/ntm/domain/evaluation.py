"""The evaluation engine: every unit × every indicator of a set in one vectorised pass.

Statuses are small integers in NumPy arrays so that a national dataset (≈10.600 communes ×
57 indicators) is judged with a handful of array operations, never a Python loop per value:
``MET`` 1, ``NOT_MET`` 0, ``UNKNOWN`` -1. A criterion status given directly (the criterion-level
files offices keep, tc1 … tcN) overrides what indicators would say; ``NOT_GIVEN`` marks its absence.

Pilot evaluation ("theo các chỉ tiêu đã nhập"): with ``pilot=True`` a criterion whose indicators
are incomplete in the set is judged on the indicators the set has, as if they were all of them.
The criteria met and the bands are then pilot figures; recognition (``eligibility``) is never
confirmed from them while the set is incomplete — it stays unknown — so official figures and
pilot figures cannot be mixed silently (``Evaluation.pilot`` says which one a result is).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from ntm.domain._layout import (
    Structure,
    criterion_tests,
    plan_for,
    scratch,
    scratch_state,
    structure,
    threshold_table,
    tiled,
    unit_variants,
)
from ntm.domain._layout import clear_caches as clear_caches
from ntm.domain.criteria import CriteriaSet
from ntm.domain.units import Unit

MET, NOT_MET, UNKNOWN, NOT_GIVEN = 1, 0, -1, -2
STATUS_NAMES = {MET: "met", NOT_MET: "not_met", UNKNOWN: "unknown"}
STATUS_VI = {MET: "Đạt", NOT_MET: "Chưa đạt", UNKNOWN: "Chưa xác định"}


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
    # Derived in __post_init__ when not given, so that a layout built by hand stays valid.
    rule_all: np.ndarray | None = None  # (n_criteria,) bool: rule 'all' (not 'at_least')
    pilot: bool = False  # incomplete criteria judged on the indicators the set has
    _structure: Structure | None = field(default=None, repr=False, compare=False)
    _thresholds_by_variant: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Rows per variant, C-ordered: taking rows for units is cheaper than a transposed gather.
        object.__setattr__(
            self, "_thresholds_by_variant", np.ascontiguousarray(self.threshold_table.T)
        )
        rule_all = self.rule_all
        if rule_all is None:
            rule_all = self.rule_at_least >= self.membership.sum(axis=0)
            object.__setattr__(self, "rule_all", rule_all)
        if self._structure is None:
            built = structure(
                self.membership, self.compare, self.rule_at_least, self.complete, rule_all
            )
            object.__setattr__(self, "_structure", built)

    @classmethod
    def build(cls, cset: CriteriaSet, year: int, *, pilot: bool = False) -> SetLayout:
        # The set's structure is planned once per set object; a year adds only its levels.
        plan = plan_for(cset)
        if pilot:
            # Every criterion counts as complete: the same tests over the indicators it has.
            complete = np.ones_like(plan.complete)
            return cls(
                cset=cset,
                year=year,
                indicator_codes=[i.code for i in cset.indicators],
                criterion_numbers=cset.criterion_numbers,
                membership=plan.membership,
                compare=plan.compare,
                threshold_table=threshold_table(plan, year),
                variant_index={v: k for k, v in enumerate(plan.variants)},
                rule_at_least=plan.rule_at_least,
                complete=complete,
                rule_all=plan.rule_all,
                pilot=True,
            )
        return cls(
            cset=cset,
            year=year,
            indicator_codes=[i.code for i in cset.indicators],
            criterion_numbers=cset.criterion_numbers,
            membership=plan.membership,
            compare=plan.compare,
            threshold_table=threshold_table(plan, year),
            variant_index={v: k for k, v in enumerate(plan.variants)},
            rule_at_least=plan.rule_at_least,
            complete=plan.complete,
            rule_all=plan.rule_all,
            _structure=plan.structure,
        )

    def unit_variants(self, units: Sequence[Unit]) -> np.ndarray:
        """Column of ``threshold_table`` for each unit; units with no variant get the NaN column.

        A set that declares no variants has one level for everyone: every unit takes it.
        """
        return unit_variants(self.cset, units, self.variant_index, self.threshold_table.shape[1])

    def thresholds_for(self, variant_cols: np.ndarray) -> np.ndarray:
        """(n_units, n_indicators) levels for units at these variant columns; NaN = unknown."""
        return self._thresholds_by_variant.take(variant_cols, axis=0)


def empty_values(n_units: int, cset: CriteriaSet) -> np.ndarray:
    return np.full((n_units, len(cset.indicators)), np.nan)


def empty_statuses(n_units: int, cset: CriteriaSet) -> np.ndarray:
    return np.full((n_units, len(cset.criteria)), NOT_GIVEN, dtype=np.int8)


def _judge(
    layout: SetLayout,
    variant_cols: np.ndarray,
    values: np.ndarray,
    statuses: np.ndarray | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Indicator statuses, criterion statuses, and criteria met per unit (None if overridden).

    Two comparisons decide everything: ``ge = v >= t`` and ``le = v <= t``. A NaN value or level
    makes both False, so ``known = ge | le``; met is ``ge``, ``le`` or both by the indicator's
    test. Intermediates live in per-thread scratch; only the results are fresh arrays.
    """
    s = layout._structure
    assert s is not None
    n_units, n_ind = values.shape
    thresholds = _gathered_thresholds(layout, variant_cols, n_units, n_ind)
    # ge and le side by side: they end up as met and failed, the two planes counted per criterion.
    planes = scratch("planes", (2, n_units, n_ind), np.bool_)
    ge, le = planes
    known = scratch("known", (n_units, n_ind), np.bool_)
    with np.errstate(invalid="ignore"):
        np.greater_equal(values, thresholds, out=ge)
        np.less_equal(values, thresholds, out=le)
    np.bitwise_or(ge, le, out=known)
    if not s.ge_only:
        # '=' is '>=' and '<='; a '<=' column ignores ge, a '>=' column ignores le.
        ge |= tiled("not_ge", s.not_ge, n_units)
        le |= tiled("not_le", s.not_le, n_units)
        ge &= le
    met = ge
    # MET 1, NOT_MET 0, UNKNOWN -1: met + known − 1 (a met indicator is known).
    ind_status = np.add(met.view(np.int8), known.view(np.int8))
    ind_status -= np.int8(1)
    np.bitwise_xor(known, met, out=le)  # failed: known and not met

    crit_met, crit_not = criterion_tests(s, planes)  # (n_criteria, n_units)
    # Met and not met are exclusive: 2·met + not_met − 1 gives MET 1, NOT_MET 0, UNKNOWN -1.
    by_criterion = scratch("criterion_status", crit_met.shape, np.int8)
    np.add(crit_met.view(np.int8), crit_met.view(np.int8), out=by_criterion)
    by_criterion += crit_not.view(np.int8)
    by_criterion -= np.int8(1)
    crit_status = np.ascontiguousarray(by_criterion.T)
    if statuses is not None:
        given = statuses != NOT_GIVEN
        return ind_status, np.where(given, statuses, crit_status).astype(np.int8), None
    # A byte holds the count for any real set (19 criteria); wider sums are much slower here.
    small = crit_met.shape[0] < 256
    criteria_met = np.add.reduce(
        crit_met.view(np.uint8), axis=0, dtype=np.uint8 if small else np.int64
    )
    return ind_status, crit_status, criteria_met.astype(np.int64)


def _gathered_thresholds(
    layout: SetLayout, variant_cols: np.ndarray, n_units: int, n_ind: int
) -> np.ndarray:
    """Each unit's levels, in per-thread scratch; gathered again only when they change.

    Year after year the same communes usually face the same levels (a programme's levels hold
    for five years): the same table and the same variant columns give the same matrix.
    """
    table = layout._thresholds_by_variant
    out = scratch("thresholds", (n_units, n_ind), table.dtype)
    store = scratch_state()
    kept = store.get("thresholds")
    same = (
        kept is not None
        and kept[2] is out
        and (kept[1] is variant_cols or np.array_equal(kept[1], variant_cols))
        and np.array_equal(kept[0], table, equal_nan=True)
    )
    if not same:
        table.take(variant_cols, axis=0, out=out, mode="clip")
        store["thresholds"] = (table.copy(), variant_cols.copy(), out)
    return out


class Evaluation:
    """The result for a list of units in one year against one set.

    ``thresholds`` (a float per unit and indicator, as large as ``values``) is gathered on first
    read: judging does not need to keep it, and most callers never look at it.
    """

    def __init__(
        self,
        cset: CriteriaSet,
        year: int,
        units: list[Unit],
        values: np.ndarray,  # (n_units, n_indicators), NaN = no value
        thresholds: np.ndarray | None = None,  # (n_units, n_indicators), NaN = unknown
        indicator_status: np.ndarray | None = None,  # int8
        criterion_status: np.ndarray | None = None,  # int8 (n_units, n_criteria)
        required: dict[str, Evaluation] | None = None,
        *,
        layout: SetLayout | None = None,
        variant_cols: np.ndarray | None = None,
    ) -> None:
        if indicator_status is None or criterion_status is None:
            raise TypeError("Evaluation cần indicator_status và criterion_status")
        if thresholds is None and (layout is None or variant_cols is None):
            raise TypeError("Evaluation cần thresholds, hoặc layout và variant_cols")
        self.cset = cset
        self.year = year
        self.units = units
        self.values = values
        self.indicator_status = indicator_status
        self.criterion_status = criterion_status
        self.required: dict[str, Evaluation] = dict(required or {})
        self._layout = layout
        self._variant_cols = variant_cols
        if thresholds is not None:
            self.__dict__["thresholds"] = thresholds

    @property
    def pilot(self) -> bool:
        """Judged "theo các chỉ tiêu đã nhập" (see the module's docstring)."""
        return self._layout is not None and self._layout.pilot

    @cached_property
    def set_complete(self) -> bool:
        """Every criterion of the set has all its indicators: official figures are possible."""
        return all(c.indicators_complete for c in self.cset.criteria)

    def __repr__(self) -> str:
        return f"Evaluation({self.cset.code!r}, {self.year}, {len(self.units)} đơn vị)"

    @cached_property
    def thresholds(self) -> np.ndarray:
        assert self._layout is not None and self._variant_cols is not None
        return self._layout.thresholds_for(self._variant_cols)

    @cached_property
    def criteria_met(self) -> np.ndarray:
        met: np.ndarray = (self.criterion_status == MET).sum(axis=1)
        return met

    @cached_property
    def all_met(self) -> np.ndarray:
        every: np.ndarray = self.criteria_met == self.criterion_status.shape[1]
        return every

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
        if self.pilot and not self.set_complete:
            # A pilot "met" is not a recognition: official figures wait for the complete set.
            status = np.where(status == MET, UNKNOWN, status).astype(np.int8)
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
    pilot: bool = False,
) -> Evaluation:
    """Judge ``units`` in ``year``.

    ``values``: (n_units, n_indicators) in the order of ``cset.indicators``, NaN where absent;
    yes/no as 1.0/0.0. ``statuses``: (n_units, n_criteria) criterion statuses given directly,
    ``NOT_GIVEN`` where absent. ``layout`` may be passed to reuse the per-year threshold table.
    ``pilot``: judge incomplete criteria on the indicators the set has (module docstring).
    """
    units = list(units)
    layout = layout if layout is not None else SetLayout.build(cset, year, pilot=pilot)
    if layout.pilot != pilot:
        raise ValueError("layout: chế độ thí điểm của bảng ngưỡng khác với yêu cầu đánh giá")
    if values is None:
        values = empty_values(len(units), cset)
    if values.shape != (len(units), len(layout.indicator_codes)):
        raise ValueError(f"values: cần ma trận {len(units)}×{len(layout.indicator_codes)}")
    if statuses is not None and statuses.shape != (len(units), len(layout.criterion_numbers)):
        raise ValueError(f"statuses: cần ma trận {len(units)}×{len(layout.criterion_numbers)}")
    variant_cols = layout.unit_variants(units)
    ind_status, crit_status, criteria_met = _judge(layout, variant_cols, values, statuses)
    ev = Evaluation(
        cset=cset,
        year=year,
        units=units,
        values=values,
        indicator_status=ind_status,
        criterion_status=crit_status,
        required=dict(required or {}),
        layout=layout,
        variant_cols=variant_cols,
    )
    if criteria_met is not None:
        ev.__dict__["criteria_met"] = criteria_met  # counted while judging
    return ev


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
