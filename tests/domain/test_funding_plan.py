"""Issue #15.3: the optimiser's plan is the brute-force best; caps, tranches and uncosted gaps."""

from __future__ import annotations

import itertools
import random

import pytest

from ntm.domain.funding_plan import Gap, gaps_from_statuses, next_tranche, plan_funding


def _score(gaps: list[Gap], chosen: set[int], budget: float, cap: float | None):
    """(communes recognised, criteria gained), or None when the choice breaks a limit."""
    spent: dict[str, float] = {}
    for i in chosen:
        spent[gaps[i].commune] = spent.get(gaps[i].commune, 0.0) + (gaps[i].cost or 0.0)
    if sum(spent.values()) > budget + 1e-9:
        return None
    if cap is not None and any(v > cap + 1e-9 for v in spent.values()):
        return None
    communes = {g.commune for g in gaps}
    whole = sum(
        1 for code in communes if all(i in chosen for i, g in enumerate(gaps) if g.commune == code)
    )
    return whole, len(chosen)


def _brute_force(gaps: list[Gap], budget: float, cap: float | None):
    fundable = [i for i, g in enumerate(gaps) if g.cost is not None]
    best = (0, 0)
    for k in range(len(fundable) + 1):
        for chosen in itertools.combinations(fundable, k):
            score = _score(gaps, set(chosen), budget, cap)
            if score is not None and score > best:
                best = score
    return best


def _small_case(seed: int) -> list[Gap]:
    rng = random.Random(seed)
    gaps = []
    for commune in range(5):
        for criterion in rng.sample(range(1, 20), rng.randint(1, 3)):
            gaps.append(Gap(f"X{commune}", criterion, float(rng.randint(1, 9))))
    return gaps[:13]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("cap", [None, 8.0])
def test_the_plan_equals_the_brute_force_best_on_a_small_case(seed: int, cap: float | None):
    gaps = _small_case(seed)
    budget = sum(g.cost or 0 for g in gaps) * 0.45
    plan = plan_funding(gaps, budget, cap)
    assert plan.optimal
    assert (len(plan.recognised), plan.criteria_gained) == _brute_force(gaps, budget, cap)
    assert plan.cost <= budget + 1e-9


def test_one_more_commune_outweighs_any_number_of_criteria():
    # B's four criteria cost 6 (over the budget): three of them fit, but recognise nobody
    gaps = [Gap("A", 1, 5.0), *[Gap("B", n, 1.5) for n in (1, 2, 3, 4)]]
    plan = plan_funding(gaps, budget=5.0)
    assert plan.recognised == ("A",) and plan.criteria_gained == 1


def test_a_commune_with_an_uncosted_gap_is_never_counted_recognised():
    gaps = gaps_from_statuses({"A": [2, 5], "B": [2]}, {2: 1.0})
    plan = plan_funding(gaps, budget=10.0)
    assert plan.recognised == ("B",)
    assert {(g.commune, g.criterion) for g in plan.funded} == {("A", 2), ("B", 2)}


def test_the_next_tranche_says_what_more_money_adds():
    gaps = [Gap("A", 1, 3.0), Gap("B", 1, 4.0), Gap("C", 1, 6.0)]
    plan = plan_funding(gaps, budget=7.0)
    tranche = next_tranche(gaps, plan, extra=6.0)
    assert len(plan.recognised) == 2 and tranche.more_communes == 1
