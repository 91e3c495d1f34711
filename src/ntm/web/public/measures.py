"""The value of any plan-target measure (``ntm.domain.measures``) for a province and a year.

Assessment measures read the roll-up of the province's period of the measure's tier for that
year; indicators and funds read the monitoring app (``indicator_rollup``, ``fund_total``); the
registries' counts read ``registry_measure``. A measure with nothing to read is None, which the
progress status shows as not computable, never as zero.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Protocol

from django.apps import apps

from ntm.domain.measures import measure_of
from ntm.domain.rollup import Rollup, round_half_up
from ntm.web.assessments.models import Period
from ntm.web.units.models import Unit


class RollupSource(Protocol):
    """What ``measure_value`` needs of the selectors' per-request roll-up cache."""

    def of(self, period: Period) -> Rollup | None: ...


@dataclass(frozen=True)
class Place:
    """Where a target is measured: a province of a regime, and the periods it has by tier."""

    regime: str
    province_code: str
    periods: dict[str, list[Period]]  # tier → periods, latest first

    def period(self, tier: str, year: int | None) -> Period | None:
        found = self.periods.get(tier, [])
        if year is None:
            return found[0] if found else None
        return next((p for p in found if p.year == year), None)

    def years(self) -> list[int]:
        """The years of the province's periods, newest first."""
        return sorted({p.year for ps in self.periods.values() for p in ps}, reverse=True)

    def any_period(self) -> Period | None:
        latest = [ps[0] for ps in self.periods.values() if ps]
        return max(latest, key=lambda p: (p.year, p.pk)) if latest else None


def _assessment(code: str, parameter: str, r: Rollup) -> float | None:
    m = measure_of(code)
    if code == "communes_meeting_criterion":
        met = r.criteria_met.get(int(parameter or 0))
        return None if met is None else float(met)
    if code == "communes_in_band":
        return float(r.bands[parameter]) if parameter in r.bands else None
    if code == "avg_criteria":
        return float(r.avg_criteria)
    if code == "max_communes_under":
        return float((r.evaluation.criteria_met < int(parameter or 0)).sum())
    if code == "districts_complete":
        return float(_districts_complete(r))
    if m.share:
        # Rounded as people read a share (one decimal): the status is judged on what is shown.
        return round_half_up(100.0 * r.recognised / r.units_total, 1) if r.units_total else None
    return float(r.recognised)


def _districts_complete(r: Rollup) -> int:
    """Districts every commune of which meets every criterion (a district with no district
    code, after 2025, is not one)."""
    recognised = set(r.recognised_rows)
    complete: dict[str, bool] = defaultdict(lambda: True)
    for row in r.rows:
        code = r.evaluation.units[int(row)].district_code
        if code:
            complete[code] = complete[code] and int(row) in recognised
    return sum(complete.values())


def _communes(place: Place) -> list[str]:
    return list(
        Unit.objects.filter(
            regime=place.regime, province_code=place.province_code, level="commune"
        ).values_list("code", flat=True)
    )


def _other(code: str, parameter: str, place: Place, year: int) -> float | None:
    """Indicators, funds and registries: read from their apps when installed."""
    source = measure_of(code).source
    period = place.any_period()
    if source == "registry" and apps.is_installed("ntm.web.registries"):
        from ntm.web.registries.selectors import registry_measure

        return float(
            registry_measure(
                measure=code, province_code=place.province_code, year=year, regime=place.regime
            )
        )
    if period is None or not apps.is_installed("ntm.web.monitoring"):
        return None
    from ntm.web.monitoring.selectors import fund_total, indicator_rollup

    if source == "fund":
        total = fund_total(
            period=period,
            scope_code=place.province_code,
            communes=_communes(place),
            years=(0, year),
            source=parameter or None,
        )
        return total or None
    try:
        result = indicator_rollup(
            period=period, code=parameter, communes=_communes(place), years=(year, year)
        )
    except KeyError:
        return None
    return result.value


def measure_value(
    *, code: str, parameter: str, place: Place, year: int | None, rollups: RollupSource
) -> tuple[float | None, int | None]:
    """(value, year measured) of a measure; ``year`` None means the latest data."""
    m = measure_of(code)
    if m.source == "assessment":
        period = place.period(m.tier, year)
        if period is None:
            return None, year
        r = rollups.of(period)
        return (None if r is None else _assessment(code, parameter, r)), period.year
    if year is not None:
        return _other(code, parameter, place, year), year
    # The latest data: the newest year of the province's periods that has a value (monitoring
    # figures are often entered for fewer years than the criteria are assessed).
    for when in place.years():
        value = _other(code, parameter, place, when)
        if value is not None:
            return value, when
    return None, None
