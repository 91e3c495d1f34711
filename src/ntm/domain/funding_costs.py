"""What each commune's gap costs (issue #15.3): unit costs per criterion closed, or per unit of
an indicator's shortfall (per km of road, per percentage point, per school), applied to an
Evaluation. Shared by ``ntm plan-funding`` (files) and the web's what-if page (the database),
so that both cost a gap the same way. Pure: no file, no Django."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ntm.domain.evaluation import MET, Evaluation
from ntm.domain.funding_plan import Gap


@dataclass(frozen=True)
class UnitCosts:
    criterion: dict[int, float] = field(default_factory=dict)  # tỷ đồng per criterion closed
    indicator: dict[str, float] = field(default_factory=dict)  # tỷ đồng per unit short

    def __bool__(self) -> bool:
        return bool(self.criterion or self.indicator)


@dataclass(frozen=True)
class CostedGap:
    """A gap with why it could not be costed: the priced indicators whose value (or threshold)
    is unknown; empty with ``gap.cost`` None means no unit cost names the criterion."""

    gap: Gap
    unknown: tuple[str, ...] = ()


def shortfall(value: float, threshold: float, compare: str) -> float | None:
    """How far a value is from its threshold, in the indicator's unit; None if unknown."""
    if math.isnan(value) or math.isnan(threshold):
        return None
    if compare in (">=", ">"):
        return max(0.0, threshold - value)
    if compare in ("<=", "<"):
        return max(0.0, value - threshold)
    return 0.0 if value == threshold else 1.0  # "=": one unit (a school, a cultural house)


def _criterion_cost(
    ev: Evaluation, row: int, k: int, costs: UnitCosts, columns: dict[str, int]
) -> CostedGap:
    criterion = ev.cset.criteria[k]
    flat = costs.criterion.get(criterion.number)
    total, priced, unknown = flat, False, []
    for indicator in criterion.indicators:
        price = costs.indicator.get(indicator.code)
        if price is None:
            continue
        col = columns[indicator.code]
        short = shortfall(
            float(ev.values[row, col]), float(ev.thresholds[row, col]), indicator.compare
        )
        if short is None:
            unknown.append(indicator.code)
            continue
        total = (total or 0.0) + short * price
        priced = True
    if unknown:  # a shortfall unknown: only the criterion's own cost can price the gap
        return CostedGap(Gap(ev.units[row].code, criterion.number, flat), tuple(unknown))
    cost = total if (priced or total is not None) else None
    return CostedGap(Gap(ev.units[row].code, criterion.number, cost))


def costed_gaps(ev: Evaluation, costs: UnitCosts) -> list[CostedGap]:
    """Every unmet criterion of every commune, priced (None when nothing prices it)."""
    columns = {ind.code: j for j, ind in enumerate(ev.cset.indicators)}
    return [
        _criterion_cost(ev, row, int(k), costs, columns)
        for row in range(len(ev.units))
        for k in np.flatnonzero(ev.criterion_status[row] != MET)
    ]


def commune_gaps(ev: Evaluation, costs: UnitCosts) -> list[Gap]:
    return [c.gap for c in costed_gaps(ev, costs)]
