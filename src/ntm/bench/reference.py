"""The same judgement as ``ntm.domain.evaluation``, one unit and one indicator at a time.

This is how the evaluation would be written without NumPy: loops over units × indicators with a
dictionary of thresholds. The benchmark times it against the engine, and checks that both give
the same statuses, so the speed-up is measured on the same work.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ntm.domain.criteria import CriteriaSet
from ntm.domain.evaluation import MET, NOT_MET, UNKNOWN
from ntm.domain.units import Unit


@dataclass
class PerRowResult:
    indicator_rows: list[list[int]]  # per unit, per indicator
    criterion_rows: list[list[int]]  # per unit, per criterion
    n_indicators: int
    n_criteria: int

    @property
    def indicator_status(self) -> np.ndarray:
        shape = (len(self.indicator_rows), self.n_indicators)
        return np.array(self.indicator_rows, dtype=np.int8).reshape(shape)

    @property
    def criterion_status(self) -> np.ndarray:
        shape = (len(self.criterion_rows), self.n_criteria)
        return np.array(self.criterion_rows, dtype=np.int8).reshape(shape)


def unit_variant(cset: CriteriaSet, unit: Unit) -> str | None:
    """The variant whose levels apply to ``unit``; None when it has none of the set's variants."""
    declared = cset.variants.values
    if cset.variants.by == "none" or not declared:
        return (declared or ["*"])[0]
    variant = unit.variant(cset.variants.by, cset.variants.by_flag)
    return variant if variant in declared else None


def evaluate_per_row(
    cset: CriteriaSet, units: list[Unit], year: int, values: np.ndarray
) -> PerRowResult:
    indicators = cset.indicators
    variants = cset.variants.values or ["*"]
    levels: dict[tuple[str, str], float | bool | None] = {
        (ind.code, v): ind.threshold_for(v, year) for ind in indicators for v in variants
    }
    rows = values.tolist()
    ind_out: list[list[int]] = []
    crit_out: list[list[int]] = []
    for unit, row in zip(units, rows, strict=True):
        variant = unit_variant(cset, unit)
        statuses: list[int] = []
        for ind, value in zip(indicators, row, strict=True):
            level = levels[(ind.code, variant)] if variant is not None else None
            if level is None or value != value:  # NaN: no value
                statuses.append(UNKNOWN)
            elif ind.compare == ">=":
                statuses.append(MET if value >= level else NOT_MET)
            elif ind.compare == "<=":
                statuses.append(MET if value <= level else NOT_MET)
            else:
                statuses.append(MET if value == level else NOT_MET)
        ind_out.append(statuses)
        crit_out.append(_criteria(cset, statuses))
    return PerRowResult(ind_out, crit_out, len(indicators), len(cset.criteria))


def _criteria(cset: CriteriaSet, statuses: list[int]) -> list[int]:
    out = []
    col = 0
    for crit in cset.criteria:
        own = statuses[col : col + len(crit.indicators)]
        col += len(crit.indicators)
        size = len(own)
        met = own.count(MET)
        unknown = own.count(UNKNOWN)
        need = crit.rule.n if crit.rule.kind == "at_least" and crit.rule.n else size
        if size == 0:
            out.append(UNKNOWN)
        elif not crit.indicators_complete:
            failed = size - met - unknown
            out.append(NOT_MET if crit.rule.kind == "all" and failed > 0 else UNKNOWN)
        elif met >= need:
            out.append(MET)
        elif met + unknown < need:
            out.append(NOT_MET)
        else:
            out.append(UNKNOWN)
    return out


@dataclass
class PerRowRollup:
    units_total: int
    recognised: int
    bands: dict[str, int]
    criteria_met: dict[int, int]
    met_sum: int


def rollup_per_row(cset: CriteriaSet, criterion_status: list[list[int]]) -> PerRowRollup:
    """The roll-up figures a report needs, counted unit by unit."""
    numbers = cset.criterion_numbers
    bands = cset.effective_bands()
    out = PerRowRollup(
        units_total=0,
        recognised=0,
        bands={b.label: 0 for b in bands},
        criteria_met=dict.fromkeys(numbers, 0),
        met_sum=0,
    )
    for statuses in criterion_status:
        met = 0
        for number, status in zip(numbers, statuses, strict=True):
            if status == MET:
                met += 1
                out.criteria_met[number] += 1
        out.units_total += 1
        out.met_sum += met
        out.recognised += met == len(numbers)
        for band in bands:
            if band.min <= met <= band.max:
                out.bands[band.label] += 1
    return out


def rollup_per_row_by(
    cset: CriteriaSet, units: list[Unit], criterion_status: list[list[int]]
) -> dict[str | None, PerRowRollup]:
    groups: dict[str | None, list[list[int]]] = {}
    for unit, statuses in zip(units, criterion_status, strict=True):
        if unit.district_code is not None:
            groups.setdefault(unit.district_code, []).append(statuses)
    return {k: rollup_per_row(cset, rows) for k, rows in groups.items()}
