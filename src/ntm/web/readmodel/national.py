"""Every province of a year side by side (the national view).

One query for the periods the user may read, one for their data versions, one for the plan
targets; each province-period's figures are kept per its own version (``figures``), so after a
save only that province is judged again (its communes and rows: three more queries). The same
count for 3 provinces or 63. The whole view is kept per ``versions.world_version`` and scope.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.apps import apps

from ntm.domain.rollup import vi_sort_key
from ntm.domain.units import REGIONS
from ntm.units.regions import region_for_province
from ntm.web.accounts.scope import Scope
from ntm.web.assessments.models import Period
from ntm.web.readmodel.cache import cached, digest
from ntm.web.readmodel.figures import PeriodFigures, period_figures
from ntm.web.readmodel.province_level import Counted, ProvinceVerdict, province_verdicts
from ntm.web.readmodel.scopes import readable_periods
from ntm.web.readmodel.sets import cset_of
from ntm.web.readmodel.versions import world_version

TARGET_MEASURE = "communes_recognised"
NO_REGION = "—"


@dataclass(frozen=True)
class ProvinceLine:
    regime: str
    province_code: str
    province_name: str
    region: str  # a code of REGIONS, or NO_REGION
    period_id: int
    communes: int
    recognised: int  # communes meeting every criterion
    avg: float  # criteria met per commune, unrounded
    under: int
    bands: dict[str, int]
    previous_recognised: int | None  # the same province a year before (same regime)
    previous_avg: float | None
    target: float | None  # the plan's communes recognised, for the nearest target year
    target_year: int | None
    # From 2026: the province on the province-level set (MET, NOT_MET, UNKNOWN; None: no set
    # covers the year) and the set it was judged on (``province_level``).
    annex_status: int | None = None
    annex_set: str = ""
    annex_period: int | None = None  # the province-level period, for a link to its page

    @property
    def recognised_change(self) -> int | None:
        before = self.previous_recognised
        return None if before is None else self.recognised - before

    @property
    def avg_change(self) -> float | None:
        return None if self.previous_avg is None else self.avg - self.previous_avg

    @property
    def share(self) -> float:
        """Communes meeting every criterion, in percent of the communes."""
        return 100 * self.recognised / self.communes if self.communes else 0.0

    @property
    def pct_of_target(self) -> float | None:
        return 100 * self.recognised / self.target if self.target else None


@dataclass(frozen=True)
class RegionLine:
    code: str
    name: str
    provinces: int
    communes: int
    recognised: int
    avg: float  # weighted by communes


@dataclass(frozen=True)
class GroupLine:
    """One commune group over the provinces shown (sets by group only)."""

    group: str
    name: str
    provinces: int
    communes: int
    recognised: int
    avg: float  # weighted by communes


@dataclass
class NationalView:
    year: int | None
    years: list[int]
    lines: list[ProvinceLine] = field(default_factory=list)
    regions: list[RegionLine] = field(default_factory=list)
    groups: list[GroupLine] = field(default_factory=list)
    band_labels: list[str] = field(default_factory=list)
    lagging: int = 10  # N of "communes under N criteria": the set's own line
    # From 2026: each province on the province-level set (Annex III, tinh-ntm-2026-2030 or the
    # province's variant), from its communes' figures and its own indicators.
    completion: list[ProvinceVerdict] = field(default_factory=list)

    @property
    def communes(self) -> int:
        return sum(line.communes for line in self.lines)

    @property
    def recognised(self) -> int:
        return sum(line.recognised for line in self.lines)

    @property
    def avg(self) -> float:
        total = self.communes
        return sum(line.avg * line.communes for line in self.lines) / total if total else 0.0


def _standard(periods: list[Period]) -> list[Period]:
    """Periods judged against a commune set of the standard tier (not advanced, not model)."""
    out = []
    for p in periods:
        cset = cset_of(p.criteria_set)
        if cset.level == "commune" and cset.tier == "standard":
            out.append(p)
    return out


def _targets(keys: set[tuple[str, str]], year: int) -> dict[tuple[str, str], tuple[float, int]]:
    """(regime, province) → (communes recognised the plan expects, its year): the nearest
    target year from ``year`` on."""
    if not apps.is_installed("ntm.web.public") or not keys:
        return {}
    rows = (
        apps.get_model("public", "PlanTarget")
        .objects.filter(
            measure=TARGET_MEASURE, year__gte=year, province_code__in={c for _r, c in keys}
        )
        .order_by("-year", "-pk")
        .values_list("regime", "province_code", "value", "year")
    )
    return {(r, c): (v, y) for r, c, v, y in rows if (r, c) in keys}


def _region(name: str) -> str:
    return region_for_province(name) or NO_REGION


def _regions(lines: list[ProvinceLine]) -> list[RegionLine]:
    by: dict[str, list[ProvinceLine]] = defaultdict(list)
    for line in lines:
        by[line.region].append(line)
    out = []
    for code in [*REGIONS, NO_REGION]:
        members = by.get(code)
        if members:
            communes = sum(m.communes for m in members)
            avg = sum(m.avg * m.communes for m in members) / communes if communes else 0.0
            out.append(RegionLine(code, REGIONS.get(code, NO_REGION), len(members), communes,
                                  sum(m.recognised for m in members), avg))  # fmt: skip
    return out


def _group_lines(shown: list[PeriodFigures]) -> list[GroupLine]:
    """The provinces' groups summed: communes, recognised, the average weighted by communes."""
    by: dict[str, list[tuple[str, str, int, int, float]]] = defaultdict(list)
    for figures in shown:
        for row in figures.groups:
            by[row[0]].append(row)
    out = []
    for key in sorted(by, key=lambda k: (k == "", k)):  # «Chưa có nhóm» last
        rows = by[key]
        communes = sum(r[2] for r in rows)
        avg = sum(r[4] * r[2] for r in rows) / communes if communes else 0.0
        out.append(GroupLine(key, rows[0][1], len(rows), communes, sum(r[3] for r in rows), avg))
    return out


def _line(period: Period, now: PeriodFigures, before: PeriodFigures | None,
          target: tuple[float, int] | None) -> ProvinceLine:  # fmt: skip
    return ProvinceLine(
        regime=period.regime, province_code=period.province_code,
        province_name=period.province_name, region=_region(period.province_name),
        period_id=period.pk, communes=now.communes, recognised=now.recognised, avg=now.avg,
        under=now.under, bands=dict(now.bands),
        previous_recognised=before.recognised if before and before.communes else None,
        previous_avg=before.avg if before and before.communes else None,
        target=target[0] if target else None, target_year=target[1] if target else None,
    )  # fmt: skip


def _build(scope: Scope, year: int | None) -> NationalView:
    every = list(readable_periods(scope=scope))
    periods = _standard(every)
    years = sorted({p.year for p in periods}, reverse=True)
    year = year if year in years else (years[0] if years else None)
    view = NationalView(year=year, years=years)
    if year is None:
        return view
    latest: dict[tuple[str, str, int], Period] = {}
    for p in sorted(periods, key=lambda p: -p.pk):  # the newest period of a province-year
        if p.year in (year, year - 1):
            latest.setdefault((p.regime, p.province_code, p.year), p)
    now = {(r, c): p for (r, c, y), p in latest.items() if y == year}
    before = {(r, c): p for (r, c, y), p in latest.items() if y == year - 1 and (r, c) in now}
    figures = period_figures([*now.values(), *before.values()], units_q=scope.units_q(),
                             scope_key=repr(scope))  # fmt: skip
    targets = _targets(set(now), year)
    for key, period in now.items():
        if figures[period.pk].communes:
            earlier = before.get(key)
            view.lines.append(_line(period, figures[period.pk],
                                    figures[earlier.pk] if earlier else None,
                                    targets.get(key)))  # fmt: skip
    view.lines.sort(key=lambda line: vi_sort_key(line.province_name))
    if now:
        view.lagging = figures[next(iter(now.values())).pk].lagging
    view.regions = _regions(view.lines)
    view.groups = _group_lines([figures[p.pk] for p in now.values()])
    _judge_provinces(view, every, year)
    for line in view.lines:
        view.band_labels += [b for b in line.bands if b not in view.band_labels]
    return view


def _judge_provinces(view: NationalView, periods: list[Period], year: int) -> None:
    """Each line's verdict on the province-level set (from 2026), as a column and a table."""
    counted = [Counted(line.regime, line.province_code, line.province_name, line.recognised,
                       line.communes) for line in view.lines]  # fmt: skip
    verdicts = province_verdicts(counted, periods, year) if counted else {}
    view.lines = [
        replace(line, annex_status=v.status, annex_set=v.set_code,
                annex_period=v.level_period_id)
        if (v := verdicts.get((line.regime, line.province_code))) else line
        for line in view.lines
    ]  # fmt: skip
    view.completion = [verdicts[(line.regime, line.province_code)] for line in view.lines
                       if (line.regime, line.province_code) in verdicts]  # fmt: skip


def national_view(*, scope: Scope, year: int | None) -> tuple[NationalView, bool]:
    """The view for the user's scope and ``year`` (the latest year when None or unknown), and
    whether it was kept. One query when kept."""
    key = "ntm:national:" + digest((repr(scope), year, world_version()))
    return cached(key, lambda: _build(scope, year))
