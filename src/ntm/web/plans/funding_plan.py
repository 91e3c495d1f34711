"""The what-if plan of a period (issue #15.3): the period's evaluation from the read model, each
commune's gaps costed with the province's unit costs (``ntm.domain.funding_costs``, as the CLI),
the optimiser's plan within the budget (``ntm.domain.funding_plan``) and what the next tranche
adds; laid out for the page and the xlsx, which show the same rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ntm.domain.evaluation import Evaluation
from ntm.domain.funding_costs import CostedGap, UnitCosts, costed_gaps
from ntm.domain.funding_plan import Plan, Tranche, next_tranche, plan_funding
from ntm.reports.funding_plan_xlsx import PlanNames, plan_xlsx, unpriced_reason
from ntm.web.assessments.models import Period
from ntm.web.assessments.selectors import period_evaluation
from ntm.web.units.models import Unit

# Seconds HiGHS may take on a plan: a province of 500 communes is solved in well under one
# (``python -m ntm.bench funding_plan``); a page should never hang on a pathological case.
TIME_LIMIT = 10.0


@dataclass(frozen=True)
class PlanInputs:
    budget: float
    cap: float | None = None
    tranche: float | None = None


@dataclass(frozen=True)
class FundedGap:
    criterion: int
    label: str
    cost: float


@dataclass(frozen=True)
class CommunePlan:
    """A commune funded by the plan: its gaps funded, their cost, and whether it is recognised."""

    code: str
    name: str
    cost: float
    recognised: bool
    gaps: tuple[FundedGap, ...]


@dataclass(frozen=True)
class UnpricedGap:
    code: str
    name: str
    label: str
    reason: str


@dataclass(frozen=True)
class FundingPlan:
    inputs: PlanInputs
    plan: Plan
    tranche: Tranche | None
    communes: tuple[CommunePlan, ...]  # funded communes, in the plan's order
    unpriced: tuple[UnpricedGap, ...]
    gaps_total: int  # every unmet criterion of every commune
    communes_short: int  # communes with at least one unmet criterion
    names: PlanNames
    costed: tuple[CostedGap, ...]

    @property
    def recognised(self) -> tuple[CommunePlan, ...]:
        return tuple(c for c in self.communes if c.recognised)

    def xlsx(self) -> bytes:
        unpriced = [c for c in self.costed if c.gap.cost is None]
        return plan_xlsx(self.plan, self.tranche, self.names, unpriced)


def _communes(plan: Plan, names: PlanNames) -> tuple[CommunePlan, ...]:
    done = set(plan.recognised)
    grouped: dict[str, list[FundedGap]] = {}
    for gap in plan.funded:
        funded = FundedGap(gap.criterion, names.criterion(gap.criterion), gap.cost or 0.0)
        grouped.setdefault(gap.commune, []).append(funded)
    return tuple(
        CommunePlan(
            code, names.communes.get(code, ""), sum(g.cost for g in gaps), code in done, tuple(gaps)
        )
        for code, gaps in grouped.items()
    )


def funding_plan_build(ev: Evaluation, costs: UnitCosts, inputs: PlanInputs) -> FundingPlan:
    """The plan on an evaluation (the page's, or any other: the tests compare with the domain)."""
    names = PlanNames(
        {u.code: u.name for u in ev.units}, {c.number: c.name for c in ev.cset.criteria}
    )
    costed = tuple(costed_gaps(ev, costs))
    gaps = [c.gap for c in costed]
    plan = plan_funding(gaps, inputs.budget, inputs.cap, time_limit=TIME_LIMIT)
    tranche = None
    if inputs.tranche:
        tranche = next_tranche(gaps, plan, inputs.tranche, inputs.cap, time_limit=TIME_LIMIT)
    unpriced = tuple(
        UnpricedGap(
            c.gap.commune,
            names.communes.get(c.gap.commune, ""),
            names.criterion(c.gap.criterion),
            unpriced_reason(c),
        )
        for c in costed
        if c.gap.cost is None
    )
    return FundingPlan(
        inputs=inputs,
        plan=plan,
        tranche=tranche,
        communes=_communes(plan, names),
        unpriced=unpriced,
        gaps_total=len(gaps),
        communes_short=len({g.commune for g in gaps}),
        names=names,
        costed=costed,
    )


def period_funding_plan(
    *, period: Period, units: Sequence[Unit], costs: UnitCosts, inputs: PlanInputs
) -> FundingPlan:
    """The plan over ``units`` of ``period`` as the database holds them now."""
    return funding_plan_build(period_evaluation(period=period, units=list(units)), costs, inputs)
