"""Reads for the public pages, computed from the stored data (no login, no scope).

A province is (regime, province code). Its figures come from its latest commune period of the
standard tier, judged by the engine; its targets are measured in the periods of their
baseline year and of the latest year, and their status given by ``ntm.domain.progress``.

The index reads every province at once through the read model (the same handful of queries
for 3 provinces or 63) and both pages are kept per data version (``world_version``), so an
anonymous visitor costs one query while nothing changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db.models import Count

from ntm.domain.groups import GroupFigure, group_breakdown
from ntm.domain.measures import AT_LEAST, AT_MOST, MEASURE_REGISTRY, TargetGoal, default_direction
from ntm.domain.progress import TargetProgress, target_progress
from ntm.domain.rollup import Rollup, rollup, round_half_up, vi_sort_key
from ntm.formatting import number
from ntm.io.targets import MEASURES
from ntm.web.assessments.models import Period
from ntm.web.assessments.selectors import cset_of, period_evaluation
from ntm.web.public.explain import PublicCriterion, band_rows
from ntm.web.public.measures import Place, measure_value
from ntm.web.public.models import PlanTarget
from ntm.web.readmodel.cache import cached, digest
from ntm.web.readmodel.figures import period_figures
from ntm.web.readmodel.versions import world_version
from ntm.web.recognition.models import State, Submission
from ntm.web.units.models import Unit


class Rollups:
    """Roll-ups of whole provinces per period, computed once per request."""

    def __init__(self) -> None:
        self._cache: dict[int, Rollup | None] = {}

    def of(self, period: Period) -> Rollup | None:
        if period.pk not in self._cache:
            # Rural communes (xã) only, as period_communes: wards and towns are not assessed
            # against the commune set, and counting them lowered every public average.
            units = list(
                Unit.objects.filter(
                    regime=period.regime, province_code=period.province_code, level="commune",
                    kind="xã",
                ).order_by("district_code", "code")
            )  # fmt: skip
            evaluation = period_evaluation(period=period, units=units) if units else None
            self._cache[period.pk] = rollup(evaluation) if evaluation else None
        return self._cache[period.pk]


def _commune_periods(regime: str, province_code: str, tier: str) -> list[Period]:
    """The province's periods of commune sets of ``tier``, latest first."""
    periods = Period.objects.filter(regime=regime, province_code=province_code).select_related(
        "criteria_set"
    )
    out = []
    for p in periods.order_by("-year", "pk"):
        cset = cset_of(p.criteria_set)
        if cset.level == "commune" and cset.tier == tier:
            out.append(p)
    return out


@dataclass
class ProvinceFigures:
    regime: str
    province_code: str
    province_name: str
    period: Period
    communes: int
    meeting_all: int  # communes meeting every criterion by today's data
    recognised: int  # communes holding a recognition decision
    avg_criteria: float  # rounded to one decimal, for people
    bands: dict[str, int]
    criteria_total: int
    groups: list[GroupFigure] = field(default_factory=list)  # sets by commune group only
    criteria: list[PublicCriterion] = field(default_factory=list)  # the province page only

    @property
    def band_rows(self) -> list[tuple[str, int]]:
        """The bands as people name them ('Từ 15 đến 18 tiêu chí'), in the reader's language."""
        return band_rows(self.bands)


def province_figures(
    *, regime: str, province_code: str, rollups: Rollups
) -> ProvinceFigures | None:
    periods = _commune_periods(regime, province_code, "standard")
    if not periods:
        return None
    period = periods[0]
    r = rollups.of(period)
    recognised = Submission.objects.filter(
        state=State.RECOGNISED, unit__regime=regime, unit__province_code=province_code
    ).count()
    return ProvinceFigures(
        regime=regime, province_code=province_code, province_name=period.province_name,
        period=period, communes=r.units_total if r else 0,
        meeting_all=r.recognised if r else 0, recognised=recognised,
        avg_criteria=round_half_up(r.avg_criteria, 1) if r else 0.0,
        bands=dict(r.bands) if r else {}, criteria_total=len(cset_of(period.criteria_set).criteria),
        groups=group_breakdown(r.evaluation).rows if r else [],
        criteria=_criteria(period, r),
    )  # fmt: skip


def _criteria(period: Period, r: Rollup | None) -> list[PublicCriterion]:
    """The criteria by name, with the communes meeting each (issue #14.5)."""
    if r is None:
        return []
    met, total = r.criteria_met, r.units_total
    return [
        PublicCriterion(c.number, c.name, met.get(c.number, 0), _share(met.get(c.number, 0), total))
        for c in cset_of(period.criteria_set).criteria
    ]


def _share(part: int, total: int) -> float:
    return round_half_up(part * 100 / total, 1) if total else 0.0


def _index_periods() -> list[Period]:
    """Each province's latest period of a standard commune set (one query for them all)."""
    periods = Period.objects.select_related("criteria_set").defer("criteria_set__data")
    found: dict[tuple[str, str], Period] = {}
    for p in periods.order_by("-year", "pk"):
        key = (p.regime, p.province_code)
        if key not in found:
            cset = cset_of(p.criteria_set)
            if cset.level == "commune" and cset.tier == "standard":
                found[key] = p
    return list(found.values())


def _index_build() -> list[ProvinceFigures]:
    periods = _index_periods()
    figures = period_figures(periods)
    recognised = {
        (r["unit__regime"], r["unit__province_code"]): r["n"]
        for r in Submission.objects.filter(state=State.RECOGNISED)
        .values("unit__regime", "unit__province_code").annotate(n=Count("id"))
    }  # fmt: skip
    out = []
    for p in periods:
        f = figures[p.pk]
        out.append(ProvinceFigures(
            regime=p.regime, province_code=p.province_code, province_name=p.province_name,
            period=p, communes=f.communes, meeting_all=f.recognised,
            recognised=recognised.get((p.regime, p.province_code), 0),
            avg_criteria=round_half_up(f.avg, 1), bands=dict(f.bands),
            criteria_total=f.criteria_total,
        ))  # fmt: skip
    return sorted(out, key=lambda f: (f.regime, vi_sort_key(f.province_name)))


def index_key() -> str:
    """The public index's data version, as a key (one query)."""
    return digest(world_version())


def public_index(key: str | None = None) -> list[ProvinceFigures]:
    """Every province's figures, kept per data version: one query while nothing changed."""
    figures, _kept = cached("ntm:public:index:" + (key or index_key()), _index_build)
    return figures


def public_province(*, regime: str, province_code: str) -> dict[str, Any] | None:
    """The province page's figures, targets and recognised communes, kept per data version."""

    def build() -> dict[str, Any]:
        rollups = Rollups()
        figures = province_figures(regime=regime, province_code=province_code, rollups=rollups)
        if figures is None:
            return {"f": None}
        return {
            "f": figures,
            "targets": target_rows(regime=regime, province_code=province_code, rollups=rollups),
            "recognised": recognised_communes(province_code=province_code),
        }

    # Targets on an indicator or a fund total move with the monitoring data (issue #12.3).
    key = "ntm:public:province:" + digest(
        (regime, province_code, world_version(), _monitoring_version())
    )
    context, _kept = cached(key, build)
    return context if context["f"] is not None else None


def _monitoring_version() -> int:
    if not apps.is_installed("ntm.web.monitoring"):
        return 0
    from ntm.web.monitoring.triggers import monitoring_version

    return monitoring_version()


def recognised_communes(*, province_code: str | None = None) -> list[dict[str, Any]]:
    """Communes holding a recognition, by province then district, with their decision."""
    rows = Submission.objects.filter(state=State.RECOGNISED).select_related("unit", "decision")
    if province_code:
        rows = rows.filter(unit__province_code=province_code)
    out = [
        {"unit": s.unit, "tier": s.get_tier_display(), "number": s.decision.number,
         "date": s.decision.date}
        for s in rows
    ]  # fmt: skip
    return sorted(
        out,
        key=lambda r: (vi_sort_key(r["unit"].province_name), vi_sort_key(r["unit"].district_name),
                       vi_sort_key(r["unit"].name)),
    )  # fmt: skip


@dataclass
class TargetRow:
    target: PlanTarget
    name: str
    baseline: float | None
    current: float | None
    current_year: int | None
    progress: TargetProgress
    goal: str = ""  # the target as people read it: "≥ 65", "3–5", "≤ 10", "2,5–3 lần năm gốc"


def _place(regime: str, province_code: str) -> Place:
    tiers = {"standard", *(m.tier for m in MEASURE_REGISTRY.values())}
    return Place(
        regime, province_code, {t: _commune_periods(regime, province_code, t) for t in tiers}
    )


def target_name(t: PlanTarget) -> str:
    """The target's measure as a table names it, with its parameter."""
    m = MEASURE_REGISTRY.get(t.measure)
    name = m.name if m else MEASURES.get(t.measure, t.measure)
    parameter = t.parameter or ("" if t.criterion is None else str(t.criterion))
    if t.measure == "indicator" and apps.is_installed("ntm.web.monitoring"):
        from ntm.monitoring import catalogue_for_year

        ind = catalogue_for_year(t.baseline_year).get(parameter)
        return ind.name if ind else f"{name} {parameter}"
    if not parameter:
        return name
    return name.replace(" N ", f" {parameter} ") if " N " in name else f"{name} {parameter}"


def target_row(t: PlanTarget, place: Place, rollups: Rollups) -> TargetRow:
    """A target measured at its baseline year and at the latest data, with its status."""
    parameter = t.parameter or ("" if t.criterion is None else str(t.criterion))
    measured = t.baseline_value
    current, year = None, None
    if t.measure in MEASURE_REGISTRY:
        if measured is None:
            measured, _y = measure_value(
                code=t.measure,
                parameter=parameter,
                place=place,
                year=t.baseline_year,
                rollups=rollups,
            )
        current, year = measure_value(
            code=t.measure, parameter=parameter, place=place, year=None, rollups=rollups
        )
    direction = t.direction or (
        default_direction(t.measure, parameter) if t.measure in MEASURE_REGISTRY else AT_LEAST
    )
    goal = TargetGoal(t.value, t.value_high, direction, t.relative)
    progress = target_progress(
        baseline_value=measured,
        baseline_year=t.baseline_year,
        current_value=current,
        current_year=year or t.baseline_year,
        target_value=goal.threshold(measured),
        target_year=t.year,
        higher_is_better=direction == AT_LEAST,
    )
    return TargetRow(t, target_name(t), measured, current, year, progress, goal_text(goal))


def goal_text(goal: TargetGoal) -> str:
    shown = number(goal.low) + ("" if goal.high is None else "–" + number(goal.high))
    if goal.relative:
        return f"{shown} lần năm gốc"
    sign = "≤ " if goal.direction == AT_MOST else ("≥ " if goal.high is None else "")
    return sign + shown


def target_rows(*, regime: str, province_code: str, rollups: Rollups) -> list[TargetRow]:
    place = _place(regime, province_code)
    targets = PlanTarget.objects.filter(regime=regime, province_code=province_code)
    return [target_row(t, place, rollups) for t in targets]
