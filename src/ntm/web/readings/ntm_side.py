"""What ntm holds for a province and a year, in the shape a report's figures are compared with.

Everything comes through the read model and the apps' own selectors, as the dashboard reads it:
the year's communes judged by ``readmodel.inputs.period_evaluation`` (the communes of
``readmodel.figures``: rural communes, ``xã``, of the province), the years a report compares
with by ``readmodel.figures.period_figures``, funds by ``monitoring.selectors.funding_file``
and OCOP stars by ``registries.selectors.ocop_counts``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ntm.domain.ocop import OcopCounts
from ntm.domain.plans import FundingLine
from ntm.domain.rollup import rollup
from ntm.web.assessments.models import Period
from ntm.web.monitoring.selectors import funding_file
from ntm.web.readmodel.figures import PeriodFigures, period_figures
from ntm.web.readmodel.inputs import period_evaluation
from ntm.web.registries.models import OcopProduct
from ntm.web.registries.selectors import ocop_counts
from ntm.web.units.models import Unit


@dataclass(frozen=True)
class CommuneFigures:
    """The year's communes judged: the figures a report's section on communes states."""

    communes: int
    recognised: int
    avg: float  # criteria met per commune, unrounded
    met: tuple[int, ...]  # criteria met by each commune: any band a text states is counted
    criteria_met: dict[int, int]  # criterion number → communes meeting it

    def in_band(self, low: int, high: int) -> int:
        return sum(1 for m in self.met if low <= m <= high)


@dataclass(frozen=True)
class NtmFigures:
    period: Period | None  # the province's period of the year (None: no assessment that year)
    communes: CommuneFigures | None
    earlier: dict[int, PeriodFigures] = field(default_factory=dict)  # year → its figures
    funds: tuple[FundingLine, ...] = ()  # every span's lines, as the funds page has them
    ocop: OcopCounts | None = None  # None: no OCOP product registered in the province


def year_period(*, regime: str, province_code: str, year: int) -> Period | None:
    """The province's period of ``year``; with several sets that year (a province's variant,
    an advanced tier), the one stored first, which is the standard set in every import."""
    periods = Period.objects.filter(regime=regime, province_code=province_code, year=year)
    return periods.select_related("criteria_set").order_by("pk").first()


def _communes(period: Period) -> CommuneFigures | None:
    units = list(
        Unit.objects.filter(
            level="commune", kind="xã", regime=period.regime, province_code=period.province_code
        ).order_by("district_code", "code")
    )
    if not units:
        return None
    evaluation = period_evaluation(period=period, units=units)
    summary = rollup(evaluation)
    return CommuneFigures(
        communes=summary.units_total,
        recognised=summary.recognised,
        avg=summary.avg_criteria,
        met=tuple(int(m) for m in evaluation.criteria_met.tolist()),
        criteria_met=dict(summary.criteria_met),
    )


def _earlier(regime: str, province_code: str, years: Iterable[int]) -> dict[int, PeriodFigures]:
    found = [
        p
        for year in sorted(set(years))
        if (p := year_period(regime=regime, province_code=province_code, year=year)) is not None
    ]
    kept = period_figures(found)
    return {p.year: kept[p.pk] for p in found if kept[p.pk].communes}


def _funds(regime: str, province_code: str) -> tuple[FundingLine, ...]:
    # ``funding_file`` reads a period's regime and province only: the funds of a province are
    # kept by span of years, with or without an assessment period that year.
    where = Period(regime=regime, province_code=province_code)
    codes = Unit.objects.filter(regime=regime, province_code=province_code, level="commune")
    funding = funding_file(
        period=where, scope_code=province_code, communes=list(codes.values_list("code", flat=True))
    )
    return tuple(funding.lines)


def _ocop(regime: str, province_code: str, year: int) -> OcopCounts | None:
    registered = OcopProduct.objects.filter(unit__regime=regime, unit__province_code=province_code)
    if not registered.exists():
        return None
    return ocop_counts(province_code=province_code, year=year, regime=regime)


def ntm_figures(
    *, regime: str, province_code: str, year: int, since: Iterable[int] = ()
) -> NtmFigures:
    """ntm's figures of the province in ``year``, and of the years in ``since`` (those a report
    compares with: "tăng 5,8 tiêu chí so với năm 2015")."""
    period = year_period(regime=regime, province_code=province_code, year=year)
    return NtmFigures(
        period=period,
        communes=_communes(period) if period is not None else None,
        earlier=_earlier(regime, province_code, since),
        funds=_funds(regime, province_code),
        ocop=_ocop(regime, province_code, year),
    )
