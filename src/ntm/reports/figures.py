"""Every figure a report can state, as typed records: the report's vocabulary in one place.

``ntm.reports.content.report_figures`` fills a ``ReportFigures``; the sentences (``text``), the
Word context (``document``), the appendices (``xlsx``) and the charts read its attributes.
``figures_json`` turns it into the mapping of ``report.json``, which is also the ``figures``
variable of a DOCX template (docs/report-template.md): the names there are the JSON names, and
this module is the only place that spells them.

Criterion numbers are ints here and strings in JSON (JSON object keys are strings).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ntm.domain.carryover import ProvinceBaseline
from ntm.domain.groups import GroupBreakdown, GroupFigure

__all__ = ["GroupBreakdown", "GroupFigure", "ProvinceBaseline"]  # figures of issue #11, typed

Number = int | float  # a target value: an int when the file writes a whole number


@dataclass(frozen=True)
class Check:
    """One inconsistency in the inputs, with the place an office corrects it."""

    kind: str
    place: str
    message: str
    # Only a funding sum that does not add up carries the two amounts compared.
    stated: float | None = None
    computed: float | None = None


@dataclass(frozen=True)
class Lagging:
    """A district whose share meeting a criterion is below the scope's (a commune not meeting it,
    in a district report: met 0 of 1)."""

    code: str
    name: str
    met: int
    total: int


@dataclass(frozen=True)
class CriterionTarget:
    """The plan's target for the number of communes meeting a criterion, and how far it is met."""

    value: Number
    year: int
    plan: str
    pct_of_target: float  # two decimals, ties to even (JSON)
    pct_of_target_exact: float  # the exact ratio, which the sentences format
    meets_target: bool


@dataclass(frozen=True)
class CriterionFigures:
    name: str
    met: int
    total: int
    target: CriterionTarget | None
    lagging: list[Lagging]


@dataclass(frozen=True)
class BaselineFigures:
    """The same scope in the baseline year, and the changes since."""

    year: int
    criteria_set: str
    communes_total: int
    recognised: int
    recognised_change: int
    bands: dict[str, int]
    avg_criteria: float
    avg_change: float  # the difference of the two averages as printed
    under5: int
    under5_change: int
    criteria: dict[int, int]  # communes meeting each criterion


@dataclass(frozen=True)
class DistrictFigures:
    code: str
    name: str
    communes: int
    recognised: int
    avg_criteria: float
    bands: dict[str, int]
    criteria: dict[int, int]
    recognised_communes: list[str]


@dataclass(frozen=True)
class ForecastFigures:
    """The expected count of communes at the standard (issue #15.2, ``ntm.domain.forecast``)."""

    last_year: int  # the last year of data the forecast starts from
    communes: int
    until: int
    expected: int  # at ``until``
    low: int
    high: int
    verdicts: tuple[str, ...]  # one sentence per plan target


@dataclass(frozen=True)
class CommuneFigures:
    """A commune as the lists of the report name it."""

    code: str
    name: str
    district_code: str | None
    district_name: str | None
    criteria_met: int


@dataclass(frozen=True)
class CommuneRow(CommuneFigures):
    """A commune in the matrix of Phụ lục 01: which criteria it meets, which are unknown."""

    recognised: bool = False
    met_criteria: list[int] = field(default_factory=list)
    unknown_criteria: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class RecognisedGroup:
    """The recognised communes of one district (district None when units have no district)."""

    district_code: str | None
    district_name: str | None
    communes: list[str]


@dataclass(frozen=True)
class ClosestCommune:
    """A commune that misses few criteria, with the numbers it misses."""

    code: str
    name: str
    district_name: str | None
    missing: list[int]


@dataclass(frozen=True)
class TargetFigures:
    """A plan target with the actual figure; actual None when the data cannot tell."""

    measure: str
    criterion: int | None
    plan: str
    year: int
    value: Number
    actual: Number | None
    pct_of_target: float | None
    met: bool | None


@dataclass(frozen=True)
class FundingItem:
    """One source of funds in a period's tree; ``parts`` names the sources under it."""

    source: str
    name: str
    name_in_sentence: str
    amount: float
    decimals: int | None
    share: float | None
    level: int
    parent: str | None
    parts: list[str]


@dataclass(frozen=True)
class FundingPeriod:
    period: tuple[int, int]
    total: float
    total_stated: float | None
    items: list[FundingItem]


@dataclass(frozen=True)
class MonitoringFigure:
    """A monitoring indicator rolled up over the scope (``ntm.domain.monitoring``), with the
    baseline year's value when the data has one."""

    code: str
    name: str
    unit: str
    group: str  # the group's Vietnamese name
    value: float
    years: tuple[int, int]  # a flow is summed over these years; a rate is the last year's
    decimals: int | None
    baseline: float | None = None
    baseline_year: int | None = None


@dataclass(frozen=True)
class OcopFigures:
    """OCOP products of the scope at the end of the year, from the registry (issue #13): each
    product at its latest rating, by stars (1–5) and group, against the plan's target of
    products rated 3 stars or more when one is stored."""

    year: int
    by_stars: dict[int, int]
    by_group: dict[str, int]
    expiring: int  # ratings whose 36 months end within 6 months
    target: float | None = None
    target_plan: str = ""

    @property
    def three_stars_or_more(self) -> int:
        return sum(n for stars, n in self.by_stars.items() if stars >= 3)

    @property
    def pct_of_target(self) -> float | None:
        if not self.target:
            return None
        return self.three_stars_or_more / self.target * 100


@dataclass(frozen=True)
class ReportFigures:
    """Everything a report states about one scope and year."""

    source: str
    level: str  # "province" | "district"
    scope_code: str
    scope_name: str
    province_code: str
    province_name: str
    criteria_set: str
    criteria_set_title: str
    criteria_count: int
    year: int
    communes_total: int
    recognised: int
    bands: dict[str, int]  # label → communes, in the set's order
    band_names: dict[str, str]
    avg_criteria: float
    under5: int
    criteria_met_by_all: list[int]
    unknown_statuses: int
    baseline: BaselineFigures | None
    criteria: dict[int, CriterionFigures]
    districts: list[DistrictFigures]
    districts_without_recognised_commune: list[str]
    lagging_below: int  # the set's line: communes "under N criteria"
    communes_under: list[str]  # communes under ``lagging_below`` criteria, for people
    communes_lagging_detail: list[CommuneFigures]
    recognised_communes: list[str]
    communes: list[CommuneRow]
    recognised_by_district: list[RecognisedGroup]
    closest_to_standard: list[ClosestCommune]
    targets: list[TargetFigures]
    funding: list[FundingPeriod]
    notes: list[str]
    # Funding sums that do not add up (found while the trees are built), then every check.
    funding_checks: list[Check] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    # Monitoring indicators (section II.1 of an office's report), filled by the caller.
    monitoring: list[MonitoringFigure] = field(default_factory=list)
    # OCOP products from the registry (ntm.web.registries), filled by the caller.
    ocop: OcopFigures | None = None
    # By commune group (sets by group), and the 2025 baseline derived through the 2025 lineage
    # (a 2026 period in the new units), filled by the caller (issue #11).
    groups: GroupBreakdown | None = None
    carryover: ProvinceBaseline | None = None
    # The province's forecast at its communes' own pace (issue #15.2), filled by the caller.
    forecast: ForecastFigures | None = None

    @property
    def criteria_with_target(self) -> int:
        return sum(1 for c in self.criteria.values() if c.target is not None)

    @property
    def criteria_meeting_target(self) -> int:
        return sum(1 for c in self.criteria.values() if c.target and c.target.meets_target)

    @property
    def criteria_below_target(self) -> list[int]:
        """Criteria with a target they do not meet, in the set's order."""
        return [n for n, c in self.criteria.items() if c.target and not c.target.meets_target]

    @property
    def has_districts(self) -> bool:
        return bool(self.districts)

    @property
    def baseline_year(self) -> int | None:
        return self.baseline.year if self.baseline else None


def figures_json(fig: ReportFigures) -> dict[str, Any]:
    """The content of ``report.json`` (and the ``figures`` template variable), keys in order."""
    out: dict[str, Any] = {
        **_headline_json(fig),
        **_baseline_json(fig.baseline),
        "criteria": {str(n): _criterion_json(c) for n, c in fig.criteria.items()},
        "criteria_with_target": fig.criteria_with_target,
        "criteria_meeting_target": fig.criteria_meeting_target,
        "criteria_below_target": fig.criteria_below_target,
        "has_districts": fig.has_districts,
        "districts": [_district_json(d) for d in fig.districts],
        "districts_without_recognised_commune": fig.districts_without_recognised_commune,
        "lagging_below": fig.lagging_below,
        f"communes_under_{fig.lagging_below}_criteria": fig.communes_under,
        "communes_lagging_detail": [_commune_json(c) for c in fig.communes_lagging_detail],
        "recognised_communes": fig.recognised_communes,
        "communes": [_commune_json(c) for c in fig.communes],
        "recognised_by_district": [
            {
                "district_code": g.district_code,
                "district_name": g.district_name,
                "communes": g.communes,
            }
            for g in fig.recognised_by_district
        ],
        "closest_to_standard": [
            {
                "commune_code": c.code,
                "commune_name": c.name,
                "district_name": c.district_name,
                "missing": c.missing,
            }
            for c in fig.closest_to_standard
        ],
        "targets": [_target_json(t) for t in fig.targets],
        "funding": [_funding_json(p) for p in fig.funding],
    }
    for period in fig.funding:
        # One flat mapping per period, for a template that wants one amount by its source.
        a, b = period.period
        flat = {"total": period.total, **{item.source: item.amount for item in period.items}}
        out[f"funding_{a}_{b}_billion_vnd"] = flat
    if fig.monitoring:  # absent from a report without monitoring values, as before them
        out["monitoring"] = [_monitoring_json(m) for m in fig.monitoring]
    if fig.ocop is not None:  # absent from a report without the OCOP registry
        out["ocop"] = _ocop_json(fig.ocop)
    out |= _issue11_json(fig)
    out["notes"] = fig.notes
    out["checks"] = [check_json(c) for c in fig.checks]
    return out


def _headline_json(fig: ReportFigures) -> dict[str, Any]:
    return {
        "source": fig.source,
        "level": fig.level,
        "scope_code": fig.scope_code,
        "scope_name": fig.scope_name,
        "province_code": fig.province_code,
        "province_name": fig.province_name,
        "criteria_set": fig.criteria_set,
        "criteria_set_title": fig.criteria_set_title,
        "criteria_count": fig.criteria_count,
        "year": fig.year,
        "communes_total": fig.communes_total,
        "recognised": fig.recognised,
        "bands": fig.bands,
        "band_names": fig.band_names,
        "avg_criteria": fig.avg_criteria,
        "under5": fig.under5,
        "criteria_met_by_all": fig.criteria_met_by_all,
        "unknown_statuses": fig.unknown_statuses,
    }


def _baseline_json(base: BaselineFigures | None) -> dict[str, Any]:
    if base is None:
        return {"baseline_year": None}
    return {
        "baseline_year": base.year,
        "baseline_criteria_set": base.criteria_set,
        "communes_total_baseline": base.communes_total,
        "recognised_baseline": base.recognised,
        "recognised_change_vs_baseline": base.recognised_change,
        "bands_baseline": base.bands,
        "avg_criteria_baseline": base.avg_criteria,
        "avg_change_vs_baseline": base.avg_change,
        "under5_baseline": base.under5,
        "under5_change_vs_baseline": base.under5_change,
        "criteria_baseline": {str(n): m for n, m in base.criteria.items()},
    }


def _criterion_json(c: CriterionFigures) -> dict[str, Any]:
    out: dict[str, Any] = {"name": c.name, "met": c.met, "total": c.total}
    if c.target is not None:
        t = c.target
        out.update(
            target=t.value,
            target_year=t.year,
            plan=t.plan,
            pct_of_target=t.pct_of_target,
            pct_of_target_exact=t.pct_of_target_exact,
            meets_target=t.meets_target,
        )
    out["lagging"] = [
        {"code": d.code, "name": d.name, "met": d.met, "total": d.total} for d in c.lagging
    ]
    return out


def _district_json(d: DistrictFigures) -> dict[str, Any]:
    return {
        "district_code": d.code,
        "district_name": d.name,
        "communes": d.communes,
        "recognised": d.recognised,
        "avg_criteria": d.avg_criteria,
        "bands": d.bands,
        "criteria": {str(n): m for n, m in d.criteria.items()},
        "recognised_communes": d.recognised_communes,
    }


def _commune_json(c: CommuneFigures) -> dict[str, Any]:
    out: dict[str, Any] = {
        "commune_code": c.code,
        "commune_name": c.name,
        "district_code": c.district_code,
        "district_name": c.district_name,
        "criteria_met": c.criteria_met,
    }
    if isinstance(c, CommuneRow):
        out.update(
            recognised=c.recognised,
            met_criteria=c.met_criteria,
            unknown_criteria=c.unknown_criteria,
        )
    return out


def _target_json(t: TargetFigures) -> dict[str, Any]:
    return {
        "measure": t.measure,
        "criterion": t.criterion,
        "plan": t.plan,
        "year": t.year,
        "value": t.value,
        "actual": t.actual,
        "pct_of_target": t.pct_of_target,
        "met": t.met,
    }


def _funding_json(p: FundingPeriod) -> dict[str, Any]:
    return {
        "period": list(p.period),
        "total": p.total,
        "total_stated": p.total_stated,
        "items": [
            {
                "source": i.source,
                "name": i.name,
                "name_in_sentence": i.name_in_sentence,
                "amount": i.amount,
                "decimals": i.decimals,
                "share": i.share,
                "level": i.level,
                "parent": i.parent,
                "parts": i.parts,
            }
            for i in p.items
        ],
    }


def _monitoring_json(m: MonitoringFigure) -> dict[str, Any]:
    return {
        "code": m.code,
        "name": m.name,
        "unit": m.unit,
        "group": m.group,
        "value": m.value,
        "years": list(m.years),
        "baseline": m.baseline,
        "baseline_year": m.baseline_year,
    }


def check_json(c: Check) -> dict[str, Any]:
    if c.stated is None:
        return {"kind": c.kind, "place": c.place, "message": c.message}
    return {
        "kind": c.kind,
        "place": c.place,
        "stated": c.stated,
        "computed": c.computed,
        "message": c.message,
    }


def _ocop_json(o: OcopFigures) -> dict[str, Any]:
    return {
        "year": o.year,
        "by_stars": {str(s): n for s, n in o.by_stars.items()},
        "by_group": o.by_group,
        "three_stars_or_more": o.three_stars_or_more,
        "expiring": o.expiring,
        "target": o.target,
        "target_plan": o.target_plan,
        "pct_of_target": o.pct_of_target,
    }


def _issue11_json(fig: ReportFigures) -> dict[str, Any]:
    """By group and the derived 2025 baseline: absent when the caller gave none, as before."""
    out: dict[str, Any] = {}
    if fig.groups is not None and fig.groups.applies:
        out["groups"] = [
            {
                "group": g.group,
                "name": g.name,
                "communes": g.communes,
                "recognised": g.recognised,
                "avg_criteria": g.avg,
                "under": g.under,
                "bands": g.bands,
            }
            for g in fig.groups.rows
        ]
        out["communes_without_group"] = fig.groups.ungrouped
    c = fig.carryover
    if c is not None:
        out["baseline_derived"] = {
            "year": c.year,
            "derived": True,
            "communes": c.communes,
            "communes_with_baseline": c.derived,
            "recognised": c.recognised,
            "old_communes": c.old_communes,
            "old_recognised": c.old_recognised,
            "communes_without_baseline": c.without_baseline,
            "rows": [
                {
                    "commune_code": r.code,
                    "commune_name": r.name,
                    "recognised": r.recognised,
                    "criteria_met": r.criteria_met,
                    "note": r.note,
                    "predecessors": [p.code for p in r.predecessors],
                }
                for r in c.rows
            ],
        }
    return out
