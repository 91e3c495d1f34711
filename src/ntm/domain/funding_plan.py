"""Which commune × criterion gaps to fund to recognise the most communes (issue #15.3).

A mixed-integer programme solved by scipy's ``milp`` (HiGHS): a binary ``x`` per gap (funded or
not) and a binary ``y`` per commune whose every gap can be costed (recognised when all its gaps
are funded: ``y ≤ x`` for each). Maximise ``W·Σy + Σx`` with ``W`` larger than the number of
gaps, so one more commune recognised always outweighs any number of criteria gained (the
second objective). Within the budget and each commune's cap. Pure: no file, no Django.

The first objective alone is a cardinality knapsack over whole communes (a commune is
recognised only with all its gaps funded, so it costs their sum, which must fit its cap): the
cheapest communes first reach the largest count. That count is then fixed (``Σy = k``), and
HiGHS is left to prove the second objective only, which it does quickly.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # scipy is imported where a plan is solved: ≈ 1 s at every `ntm` start else
    from scipy.optimize import LinearConstraint


@dataclass(frozen=True)
class Gap:
    """One unmet criterion of one commune, with what closing it costs (tỷ đồng)."""

    commune: str
    criterion: int
    cost: float | None  # None: no unit cost given, so it cannot be funded


@dataclass(frozen=True)
class Plan:
    budget: float
    funded: tuple[Gap, ...]
    cost: float
    recognised: tuple[str, ...]  # communes meeting the standard once the plan is done
    criteria_gained: int
    optimal: bool


@dataclass(frozen=True)
class Tranche:
    extra: float
    plan: Plan
    more_communes: int
    more_criteria: int


def _by_commune(gaps: Sequence[Gap]) -> dict[str, list[int]]:
    rows: dict[str, list[int]] = defaultdict(list)
    for i, gap in enumerate(gaps):
        rows[gap.commune].append(i)
    return rows


def _constraints(
    gaps: Sequence[Gap],
    communes: list[str],
    rows: dict[str, list[int]],
    budget: float,
    cap: float | None,
) -> list[LinearConstraint]:
    from scipy.optimize import LinearConstraint
    from scipy.sparse import coo_array

    n, m = len(gaps), len(communes)
    costs = np.array([g.cost or 0.0 for g in gaps])
    out = [LinearConstraint(np.concatenate([costs, np.zeros(m)])[None, :], -np.inf, budget)]
    r, c, v = [], [], []
    line = 0
    for j, code in enumerate(communes):  # y_j − x_i ≤ 0 for every gap i of commune j
        for i in rows[code]:
            r += [line, line]
            c += [n + j, i]
            v += [1.0, -1.0]
            line += 1
    if line:
        link = coo_array((v, (r, c)), shape=(line, n + m))
        out.append(LinearConstraint(link, -np.inf, 0.0))
    if cap is not None:
        r, c, v = [], [], []
        for j, code in enumerate(rows):
            for i in rows[code]:
                r.append(j)
                c.append(i)
                v.append(costs[i])
        spend = coo_array((v, (r, c)), shape=(len(rows), n + m))
        out.append(LinearConstraint(spend, -np.inf, cap))
    return out


def most_communes(gaps: Sequence[Gap], budget: float, cap: float | None) -> int:
    """The largest number of communes whose gaps can all be funded: cheapest first."""
    rows = _by_commune(gaps)
    totals = sorted(
        sum(gaps[i].cost or 0.0 for i in idx)
        for idx in rows.values()
        if all(gaps[i].cost is not None for i in idx)
    )
    count, spent = 0, 0.0
    for total in totals:
        if cap is not None and total > cap + 1e-9:
            continue  # this commune cannot be recognised under its cap, whatever the budget
        if spent + total > budget + 1e-9:
            break
        spent += total
        count += 1
    return count


def plan_funding(
    gaps: Sequence[Gap], budget: float, cap: float | None = None, time_limit: float = 30.0
) -> Plan:
    """The best plan within ``budget`` (and ``cap`` per commune); gaps without a cost stay
    unfunded and their communes cannot be recognised by this plan."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    rows = _by_commune(gaps)
    communes = [code for code, idx in rows.items() if all(gaps[i].cost is not None for i in idx)]
    n, m = len(gaps), len(communes)
    if n == 0:
        return Plan(budget, (), 0.0, (), 0, True)
    weight = n + 1.0
    objective = -np.concatenate([np.ones(n), np.full(m, weight)])
    upper = np.concatenate([[0.0 if g.cost is None else 1.0 for g in gaps], np.ones(m)])
    constraints = _constraints(gaps, communes, rows, budget, cap)
    if m:
        k = most_communes(gaps, budget, cap)
        constraints.append(
            LinearConstraint(np.concatenate([np.zeros(n), np.ones(m)])[None, :], k, k)
        )
    result = milp(
        objective,
        constraints=constraints,
        integrality=np.ones(n + m),
        bounds=Bounds(np.zeros(n + m), upper),
        options={"time_limit": time_limit},
    )
    if result.x is None:
        return Plan(budget, (), 0.0, (), 0, False)
    chosen = result.x[:n] > 0.5
    funded = tuple(g for g, take in zip(gaps, chosen, strict=True) if take)
    done = {code for code in communes if all(chosen[i] for i in rows[code])}
    return Plan(
        budget=budget,
        funded=funded,
        cost=float(sum(g.cost or 0.0 for g in funded)),
        recognised=tuple(code for code in communes if code in done),
        criteria_gained=len(funded),
        optimal=bool(result.status == 0),
    )


def next_tranche(
    gaps: Sequence[Gap],
    plan: Plan,
    extra: float,
    cap: float | None = None,
    time_limit: float = 30.0,
) -> Tranche:
    """What ``extra`` more money would add to the plan: a new optimum at the larger budget."""
    bigger = plan_funding(gaps, plan.budget + extra, cap, time_limit)
    return Tranche(
        extra=extra,
        plan=bigger,
        more_communes=len(bigger.recognised) - len(plan.recognised),
        more_criteria=bigger.criteria_gained - plan.criteria_gained,
    )


def gaps_from_statuses(
    missing: Mapping[str, Sequence[int]], unit_costs: Mapping[int, float]
) -> list[Gap]:
    """Each commune's unmet criteria, costed at the criterion's unit cost (None if unknown)."""
    return [
        Gap(code, number, unit_costs.get(number))
        for code, numbers in missing.items()
        for number in numbers
    ]
