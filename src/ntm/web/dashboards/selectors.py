"""Reads for the province dashboard: every figure judged live by the engine from stored values.

``figures`` keeps the rendered result under a key that every write changes (see there), so a
value saved a moment ago is in the next page. The year shown is judged through the read model
(``readmodel.inputs.periods_evaluate``: its rows kept per data version); the earlier years'
figures are the read model's roll-ups, each kept per its own version (``readmodel.figures``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from ntm.domain.carryover import ProvinceBaseline
from ntm.domain.evaluation import Evaluation
from ntm.domain.groups import GroupBreakdown, group_breakdown
from ntm.domain.rollup import Rollup, rollup, rollup_by, vi_sort_key
from ntm.web.accounts.scope import Scope
from ntm.web.assessments.models import Period
from ntm.web.assessments.selectors import period_communes
from ntm.web.dashboards.carryover import period_carryover
from ntm.web.dashboards.targets import period_targets
from ntm.web.readmodel.figures import period_figures
from ntm.web.readmodel.inputs import periods_evaluate, unit_group, year_groups
from ntm.web.readmodel.scopes import readable_periods
from ntm.web.readmodel.triggers import UNITS_VERSION_ID
from ntm.web.readmodel.versions import period_versions
from ntm.web.units.models import Regime, Unit

SORTS = ("-met", "met", "name", "code")
Groups = Mapping[int, str] | None  # unit id → group in force in a year; None: Unit.group


@dataclass(frozen=True)
class DashboardFilter:
    district: str = ""
    group: str = ""
    sort: str = "-met"


@dataclass
class CommuneRow:
    unit: Unit
    met: int
    band: str
    recognised: bool
    missing: list[tuple[int, str]]  # (criterion number, name) of every criterion not met
    group: str = ""  # the group in force in the year shown (as judged), not today's

    @property
    def missing_numbers(self) -> list[int]:
        return [n for n, _ in self.missing]

    @property
    def missing_text(self) -> str:
        return "; ".join(f"{n}. {name}" for n, name in self.missing)


@dataclass
class CriterionCount:
    number: int
    name: str
    met: int
    total: int
    target: int | None  # communes the plan expects to meet it; None when no plan is stored

    @property
    def share(self) -> float:
        return 100 * self.met / self.total if self.total else 0.0

    @property
    def pct_of_target(self) -> float | None:
        return 100 * self.met / self.target if self.target else None


@dataclass
class YearFigures:
    period: Period
    total: int
    recognised: int
    avg: float
    under: int
    bands: dict[str, int]
    current: bool = False


@dataclass
class DistrictFigures:
    code: str
    name: str
    total: int
    recognised: int
    avg: float
    under: int


@dataclass
class Dashboard:
    period: Period
    filter: DashboardFilter
    criteria_total: int
    summary: Rollup | None
    rows: list[CommuneRow]
    closest: list[CommuneRow]
    under: list[CommuneRow]
    criteria: list[CriterionCount]
    years: list[YearFigures]
    districts: list[DistrictFigures]
    band_labels: list[str]
    targets_known: bool
    district_choices: list[tuple[str, str]] = field(default_factory=list)
    group_choices: list[str] = field(default_factory=list)
    # N of "communes under N criteria": the set's own line (10 of 19; 5 of 10 in 2026–2030).
    lagging: int = 10
    # By commune group (sets by group only) and the communes with no group, named.
    groups: GroupBreakdown = field(default_factory=lambda: GroupBreakdown([], []))
    # 2026 in the new units: the 2025 baseline derived through the lineage (labelled so).
    carryover: ProvinceBaseline | None = None
    # Judged "theo các chỉ tiêu đã nhập" (the period's pilot switch): a banner and a footnote.
    pilot: bool = False

    @property
    def total(self) -> int:
        return self.summary.units_total if self.summary else 0


def dashboard_periods(*, scope: Scope) -> list[Period]:
    """The user's readable periods, newest first, filtered in SQL, with their sets' names but not
    their content (a set's data is read once per content hash by ``cset_of``, never per page)."""
    return list(readable_periods(scope=scope))


def scope_units(*, period: Period, scope: Scope) -> list[Unit]:
    """The communes of the period's province the user may read (one query)."""
    return list(period_communes(period=period, scope=scope))


def period_groups(
    *, period: Period, units: Sequence[Unit], units_version: int | None = None
) -> Groups:
    """Unit id → its group in force in the period's year (None: no group decision stored, each
    ``Unit.group`` holds): the groups the engine judges that year by, so the filter counts a
    commune in the group of the year shown, not in its latest."""
    if units_version is None:
        units_version = dict(period_versions([UNITS_VERSION_ID]))[UNITS_VERSION_ID]
    found = year_groups({period.year: units}, units_version)
    return None if found is None else found[period.year]


def filter_units(units: list[Unit], flt: DashboardFilter, groups: Groups = None) -> list[Unit]:
    """``groups``: ``period_groups`` (None: each ``Unit.group``)."""
    return [
        u
        for u in units
        if (not flt.district or u.district_code == flt.district)
        and (not flt.group or unit_group(groups, u) == flt.group)
    ]


def dashboard_units(*, period: Period, scope: Scope, flt: DashboardFilter) -> list[Unit]:
    units = scope_units(period=period, scope=scope)
    return filter_units(
        units, flt, period_groups(period=period, units=units) if flt.group else None
    )


def filter_choices(
    units: list[Unit], regime: str, groups: Groups = None
) -> tuple[list[tuple[str, str]], list[str]]:
    """Districts (before 2025 only) and commune groups (of the year, ``period_groups``) among
    the communes the user may read."""
    districts: list[tuple[str, str]] = []
    if regime == Regime.OLD:
        districts = sorted({(u.district_code, u.district_name) for u in units if u.district_code})
    return districts, sorted({g for u in units if (g := unit_group(groups, u))})


def commune_rows(evaluation: Evaluation, units: list[Unit]) -> list[CommuneRow]:
    cset = evaluation.cset
    names = {c.number: c.name for c in cset.criteria}
    bands = cset.effective_bands()
    met = evaluation.criteria_met.tolist()
    all_met = evaluation.all_met.tolist()
    rows = []
    for i, unit in enumerate(units):
        band = next((b.label for b in bands if b.min <= met[i] <= b.max), "?")
        missing = [(n, names[n]) for n in evaluation.missing_criteria(i)]
        group = evaluation.units[i].group or ""
        rows.append(CommuneRow(unit, int(met[i]), band, bool(all_met[i]), missing, group))
    return rows


def sort_rows(rows: list[CommuneRow], sort: str) -> list[CommuneRow]:
    by_name = sorted(rows, key=lambda r: vi_sort_key(r.unit.name))
    if sort == "name":
        return by_name
    if sort == "code":
        return sorted(rows, key=lambda r: r.unit.code)
    if sort == "met":
        return sorted(by_name, key=lambda r: r.met)
    return sorted(by_name, key=lambda r: -r.met)


def _year_figures(period: Period, summary: Rollup, current: bool) -> YearFigures:
    return YearFigures(
        period=period, total=summary.units_total, recognised=summary.recognised,
        avg=summary.avg_criteria, under=len(summary.under_rows), bands=dict(summary.bands),
        current=current,
    )  # fmt: skip


def _earlier_years(earlier: list[Period], scope: Scope, flt: DashboardFilter) -> list[YearFigures]:
    """The earlier years' figures over the same communes, each kept by the read model per its
    own data version: a save this year judges this year again, not the nine before it."""
    q = scope.units_q()
    if flt.district:
        q &= Q(district_code=flt.district)
    # The group of each earlier year, not today's (``period_figures`` filters per year).
    kept = period_figures(earlier, units_q=q, scope_key=repr((scope, flt.district)),
                          group=flt.group)  # fmt: skip
    return [
        YearFigures(period=p, total=f.communes, recognised=f.recognised, avg=f.avg,
                    under=f.under, bands=dict(f.bands))
        for p in earlier
        if (f := kept[p.pk]).communes
    ]  # fmt: skip


def earlier_periods(
    *, period: Period, scope: Scope, periods: list[Period] | None = None
) -> list[Period]:
    """The province's readable periods of earlier years in the same regime, one per year.

    ``periods``: the user's readable periods when the caller has them already (no query).
    """
    readable = periods if periods is not None else dashboard_periods(scope=scope)
    found: dict[int, Period] = {}
    for p in sorted(readable, key=lambda p: (p.year, -p.pk)):
        same = p.regime == period.regime and p.province_code == period.province_code
        if same and p.year < period.year and p.year not in found:
            found[p.year] = p
    return [found[y] for y in sorted(found)]


def district_figures(evaluation: Evaluation, units: list[Unit]) -> list[DistrictFigures]:
    by = rollup_by(evaluation, lambda u: u.district_code)
    names = {u.district_code: u.district_name for u in units}
    return [
        DistrictFigures(
            code=code,
            name=names.get(code, "") or code,
            total=r.units_total,
            recognised=r.recognised,
            avg=r.avg_criteria,
            under=len(r.under_rows),
        )
        for code, r in sorted(by.items(), key=lambda kv: str(kv[0]))
        if code
    ]


_READ = object()  # "read the plan targets here" (None means: no plan stored)


def province_dashboard(
    *, period: Period, scope: Scope, flt: DashboardFilter, periods: list[Period] | None = None,
    all_units: list[Unit] | None = None, targets: Any = _READ, groups: Any = _READ,
) -> Dashboard:  # fmt: skip
    """Every figure of the dashboard: one query for the communes, one for every year's values,
    one for every year's given statuses, then the engine once per year.

    ``all_units`` (the readable communes, unfiltered), ``targets`` and ``groups``
    (``period_groups``) are read here unless the caller has them already (``figures`` reads
    them for its cache key).
    """
    if all_units is None:
        all_units = scope_units(period=period, scope=scope)
    if groups is _READ:
        groups = period_groups(period=period, units=all_units)
    units = filter_units(all_units, flt, groups)
    earlier = earlier_periods(period=period, scope=scope, periods=periods)
    evaluation = periods_evaluate(periods=[period], units=units)[period.pk]
    cset = evaluation.cset
    districts, choices = filter_choices(all_units, period.regime, groups)
    if targets is _READ:
        targets = period_targets(period=period) if not (flt.district or flt.group) else None
    board = Dashboard(
        period=period, filter=flt, criteria_total=len(cset.criteria), summary=None, rows=[],
        closest=[], under=[], criteria=[], years=[], districts=[],
        band_labels=[b.label for b in cset.effective_bands()], targets_known=targets is not None,
        district_choices=districts, group_choices=choices, pilot=evaluation.pilot,
    )  # fmt: skip
    if not units:
        return board
    summary = rollup(evaluation)
    board.years = [*_earlier_years(earlier, scope, flt), _year_figures(period, summary, True)]
    for y in board.years:
        board.band_labels += [label for label in y.bands if label not in board.band_labels]
    rows = commune_rows(evaluation, units)
    board.summary = summary
    board.lagging = summary.under
    board.rows = sort_rows(rows, flt.sort)
    board.closest = [rows[r] for r, _missing in summary.closest]
    under = (rows[r] for r in summary.under_rows)
    board.under = sorted(under, key=lambda r: vi_sort_key(r.unit.name))
    plan = targets or {}
    board.criteria = [
        CriterionCount(c.number, c.name, summary.criteria_met[c.number], summary.units_total,
                       plan.get(c.number))
        for c in cset.criteria
    ]  # fmt: skip
    if period.regime == Regime.OLD and not flt.district:
        board.districts = district_figures(evaluation, units)
    board.groups = group_breakdown(evaluation)
    if not (flt.district or flt.group):
        board.carryover = period_carryover(period=period, units=units)
    return board
