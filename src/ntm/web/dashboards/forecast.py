"""The province's forecast on the dashboard (issue #15.2): communes recognised each year so far,
the count expected each year to 2030 with its band, the plan's targets and the verdict, and the
communes closest to the standard with the indicators still holding them back.

Each commune's year is the indicator method's (``ntm.domain.forecast_indicators``: each unmet
indicator's trend toward its threshold), the count pace where its indicators cannot say (a
criterion-level file, yes/no indicators, unknown thresholds): docs/forecast.md.

The histories are the province's readable periods (one per year, same regime) judged by the
read model; the block is kept like the other blocks, keyed by those periods' data versions,
the units' version, the communes shown and the targets, so it is never served for data that
changed. Shown only when the province has at least two years of data."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.utils import translation
from django.utils.translation import gettext as _

from ntm.domain.evaluation import MET
from ntm.domain.forecast import ProvinceYear, TargetVerdict, province_by_year, target_verdict
from ntm.domain.forecast_history import Memo, forecast_communes, histories_from_evaluations
from ntm.domain.forecast_indicators import IndicatorForecast
from ntm.formatting import number
from ntm.reports.figures import ForecastFigures
from ntm.reports.forecast_text import criterion_text, trend_text
from ntm.web.accounts.scope import Scope
from ntm.web.assessments.models import Period
from ntm.web.dashboards.selectors import earlier_periods, scope_units
from ntm.web.dashboards.targets import PUBLIC_APP
from ntm.web.readmodel.blocks import versioned_block
from ntm.web.readmodel.inputs import periods_evaluate
from ntm.web.readmodel.triggers import UNITS_VERSION_ID
from ntm.web.units.models import Unit

UNTIL = 2030  # the programme's horizon (Resolution 257/2025)
CLOSEST = 10  # communes listed as closest to the standard
RECOGNISED = "communes_recognised"
RECOGNISED_SHARE = "communes_recognised_share"


@dataclass(frozen=True)
class MissingCriterion:
    number: int
    name: str
    year: int | None
    method: str  # in words, with why the count pace when it gave the year
    gaps: tuple[str, ...]  # each unmet indicator: value, threshold, pace (Vietnamese format)


@dataclass(frozen=True)
class CloseCommune:
    """A commune not yet at the standard, among the soonest expected to reach it."""

    unit_id: int
    code: str
    name: str
    year: int | None
    uncertainty: str
    missing: tuple[MissingCriterion, ...]


@dataclass(frozen=True)
class ProvinceForecast:
    actual: tuple[tuple[int, int], ...]  # (year, communes recognised) per year of data
    years: tuple[ProvinceYear, ...]  # expected, low, high from the last year to UNTIL
    verdicts: tuple[TargetVerdict, ...]
    communes: int
    closest: tuple[CloseCommune, ...] = ()

    @property
    def last_year(self) -> int:
        return self.actual[-1][0]


def recognised_targets(*, period: Period, after: int, communes: int) -> list[tuple[int, int]]:
    """(year, communes) of the plan's targets for recognised communes from ``after`` on; a
    share (Resolution 257/2025: 65 % by 2030) counted over ``communes``, rounded up."""
    if not apps.is_installed(PUBLIC_APP):
        return []
    rows = (
        apps.get_model("public", "PlanTarget")
        .objects.filter(regime=period.regime, province_code=period.province_code,
                        measure__in=(RECOGNISED, RECOGNISED_SHARE), year__gte=after,
                        relative=False, value_high__isnull=True)
        .order_by("year", "pk")
        .values_list("year", "measure", "value")
    )  # fmt: skip
    found: dict[int, int] = {}
    for year, measure, value in rows:
        count = math.ceil(value * communes / 100 - 1e-9) if measure == RECOGNISED_SHARE else value
        found[year] = max(found.get(year, 0), round(count))  # the higher of two targets
    return sorted(found.items())


def _close(f: IndicatorForecast, unit_id: int) -> CloseCommune:
    missing = tuple(
        MissingCriterion(c.number, c.name, c.year, criterion_text(c),
                         tuple(trend_text(t) for t in c.holding))
        for c in f.missing
    )  # fmt: skip
    return CloseCommune(unit_id, f.code, f.name, f.standard_year, f.uncertainty, missing)


def closest_communes(forecasts: list[IndicatorForecast], units: list[Unit]) -> list[CloseCommune]:
    """The communes not at the standard, soonest first (then fewest criteria missing); a
    commune with no year comes last."""
    ids = {u.code: u.pk for u in units}
    waiting = [f for f in forecasts if f.missing]
    waiting.sort(key=lambda f: (f.standard_year is None, f.standard_year or 0, len(f.missing),
                                f.code))  # fmt: skip
    return [_close(f, ids[f.code]) for f in waiting[:CLOSEST]]


# Each commune's histories and forecast, kept by this process between the forecasts it judges:
# a save moves the province's data version, so the block is judged again, but only the saved
# commune's rows changed — the others are found here under the same key (their rows' digest,
# ``forecast_history._commune_key``), exactly as they would be computed again.
_MEMO: Memo = {}
MEMO_ENTRIES = 40_000


def _compute(shown: list[Period], units: list[Unit], targets: list[tuple[int, int]]) -> Any:
    evaluations = periods_evaluate(periods=shown, units=units)
    if len(_MEMO) > MEMO_ENTRIES:  # a bound on what saves leave behind (two entries a commune)
        _MEMO.clear()
    histories = histories_from_evaluations([evaluations[p.pk] for p in shown], _MEMO)
    if not histories.counts:
        return None
    actual = tuple(
        (p.year, int((evaluations[p.pk].criterion_status == MET).all(axis=1).sum())) for p in shown
    )
    forecasts = forecast_communes(histories, _MEMO)
    overall = [f.overall for f in forecasts]
    return ProvinceForecast(
        actual=actual,
        years=tuple(province_by_year(overall, max(UNTIL, shown[-1].year))),
        verdicts=tuple(target_verdict(overall, y, n) for y, n in targets),
        communes=len(histories.counts),
        closest=tuple(closest_communes(forecasts, units)),
    )


def province_forecast(
    *, period: Period, scope: Scope, periods: list[Period] | None = None,
    units: ScopeUnits | None = None,
) -> ProvinceForecast | None:  # fmt: skip
    """The forecast from the province's years up to ``period``'s; None with fewer than two.
    ``units``: the readable communes' ids and how to build them, when the caller has read them
    (the dashboard's figures): a kept forecast then builds no unit."""
    shown = [*earlier_periods(period=period, scope=scope, periods=periods), period]
    if len(shown) < 2:
        return None
    if units is None:
        read = scope_units(period=period, scope=scope)
        units = ScopeUnits([u.pk for u in read], lambda: read)
    targets = recognised_targets(period=period, after=period.year, communes=len(units.ids))
    parts = (
        translation.get_language(),
        [(p.pk, p.year, p.criteria_set_id, p.criteria_set.content_hash) for p in shown],
        units.ids,
        targets,
    )
    ids = [*(p.pk for p in shown), UNITS_VERSION_ID]
    build = units.build
    found: ProvinceForecast | None = versioned_block(
        # named anew with the indicator method: a block kept in the old shape is not read
        "forecast-indicators",
        ids,
        parts,
        lambda: _compute(shown, build(), targets),
    )
    return found


@dataclass(frozen=True)
class ScopeUnits:
    """The communes a forecast is made for: their ids (in the key) and, on a miss, the units."""

    ids: list[int]
    build: Callable[[], list[Unit]]


def chart_data(f: ProvinceForecast, labels: dict[str, str]) -> dict[str, Any]:
    """For a mixed chart: bars for the actual counts, lines for the expected count and its band
    (the actual count up to the last year of data), each target a horizontal marker."""
    actual = dict(f.actual)
    years = sorted(set(actual) | {p.year for p in f.years})
    by_year = {p.year: (p.expected, p.low, p.high) for p in f.years if p.year > f.last_year}
    line = {y: by_year.get(y) or (actual.get(y, 0),) * 3 for y in years}
    datasets = [
        {"name": labels["actual"], "chartType": "bar", "values": [actual.get(y, 0) for y in years]},
        {"name": labels["expected"], "chartType": "line", "values": [line[y][0] for y in years]},
        {"name": labels["low"], "chartType": "line", "values": [line[y][1] for y in years]},
        {"name": labels["high"], "chartType": "line", "values": [line[y][2] for y in years]},
    ]
    markers = [
        {"label": labels["target"] % {"year": v.year, "n": number(v.target)}, "value": v.target}
        for v in f.verdicts
    ]
    return {"labels": [str(y) for y in years], "datasets": datasets, "yMarkers": markers}


def forecast_context(
    *, period: Period, scope: Scope, periods: list[Period], units: ScopeUnits | None = None
) -> dict[str, Any]:
    """``forecast`` and its chart's data for the dashboard's template (empty without one)."""
    found = province_forecast(period=period, scope=scope, periods=periods, units=units)
    if found is None:
        return {}
    labels = {"actual": _("Thực tế"), "expected": _("Dự báo"), "low": _("Cận dưới"),
              "high": _("Cận trên"), "target": _("Mục tiêu %(year)s: %(n)s xã")}  # fmt: skip
    return {"forecast": found, "forecast_chart": chart_data(found, labels)}


def report_forecast(*, period: Period, scope: Scope) -> ForecastFigures | None:
    """The report's paragraph's figures (issue #15.2): the same forecast as the dashboard's."""
    found = province_forecast(period=period, scope=scope)
    if found is None:
        return None
    end = found.years[-1]
    return ForecastFigures(
        last_year=found.last_year, communes=found.communes, until=end.year,
        expected=end.expected, low=end.low, high=end.high,
        verdicts=tuple(v.sentence for v in found.verdicts),
    )  # fmt: skip
