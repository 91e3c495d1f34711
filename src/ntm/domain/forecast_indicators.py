"""When each criterion is reached from its own indicators' trends (issue #15.2).

The method (docs/forecast.md): each numeric indicator a commune has not met is fitted a
least-squares line over the years it has values; the year the line crosses the threshold the
engine applied to that commune in its last year is the indicator's year. The pace toward the
threshold is bounded (``MAX_SHARE``); an indicator that does not move toward its threshold gets
no year; nothing beyond ``HORIZON`` is said. A criterion's year is the latest of the indicators
it still needs; a criterion the indicators cannot date (yes/no or unknown-threshold indicators,
a single value, a status given directly, a set that lacks some of its indicators) takes its year
from the count pace of ``forecast.py``, and the result says so. The standard's year is the
latest criterion's. Pure: no file, no Django.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from ntm.domain.forecast import HORIZON, CommuneForecast, fit_line

# An indicator closes at most half of its scale a year (the larger of its threshold and its
# value): a line steeper than that comes from one odd year, not from a pace a commune keeps.
MAX_SHARE = 0.5
MIN_VALUES = 2  # a line needs two values; with two its scatter is unknown (margin ±2)

Method = Literal["met", "indicators", "count"]
METHOD_VI: dict[str, str] = {
    "met": "đã đạt",
    "indicators": "theo xu hướng chỉ tiêu",
    "count": "theo tốc độ số tiêu chí",
    "mixed": "theo chỉ tiêu và số tiêu chí",  # a commune's, when its criteria mix the two
}


@dataclass(frozen=True)
class IndicatorSeries:
    """One indicator of one commune: its values over the years, and how the engine judged it
    in the commune's last year (threshold for the commune's region or group, status)."""

    code: str
    name: str
    unit: str | None
    kind: str  # yes_no | percent | number | count
    compare: str  # >= | <= | =
    threshold: float | None  # None: unknown ("chưa xác định")
    met: bool | None  # None: unknown
    years: tuple[int, ...]  # ascending, only years with a value
    values: tuple[float, ...]


@dataclass(frozen=True)
class CriterionSeries:
    number: int
    name: str
    met: bool  # the engine's criterion status in the last year
    needed: int  # indicators to be met: all of them, or the rule's ``at_least`` n
    complete: bool  # the set holds every indicator of the criterion
    indicators: tuple[IndicatorSeries, ...]


@dataclass(frozen=True)
class IndicatorHistory:
    code: str
    name: str
    last_year: int
    criteria: tuple[CriterionSeries, ...]


@dataclass(frozen=True)
class IndicatorTrend:
    """An unmet indicator's line: where it stands, where it must go, how fast it goes."""

    code: str
    name: str
    unit: str | None
    kind: str
    compare: str
    value: float  # the last value
    threshold: float
    pace: float  # units a year toward the threshold, bounded; ≤ 0: not moving toward it
    year: int | None  # None: not moving toward it, or beyond HORIZON
    margin: int  # ± years


@dataclass(frozen=True)
class CriterionYear:
    number: int
    name: str
    year: int | None
    method: Method
    note: str  # why the count pace gave the year; "" otherwise
    margin: int
    holding: tuple[IndicatorTrend, ...]  # the unmet indicators, latest first


@dataclass(frozen=True)
class IndicatorForecast:
    code: str
    name: str
    last_year: int
    standard_year: int | None
    margin: int
    criteria: tuple[CriterionYear, ...]
    uncertainty: str
    overall: CommuneForecast  # the count forecast with this method's years (province counts)

    @property
    def missing(self) -> tuple[CriterionYear, ...]:
        return tuple(c for c in self.criteria if c.method != "met")

    @property
    def method(self) -> str:
        """``met``, ``indicators`` or ``count`` when one method dates every missing criterion,
        ``mixed`` otherwise."""
        methods = {c.method for c in self.missing}
        return "met" if not methods else methods.pop() if len(methods) == 1 else "mixed"


def _direction(s: IndicatorSeries) -> int:
    """+1 when the value must rise to the threshold, -1 when it must fall."""
    if s.compare == ">=":
        return 1
    if s.compare == "<=":
        return -1
    return 1 if s.values[-1] < (s.threshold or 0.0) else -1


def indicator_trend(s: IndicatorSeries, last_year: int) -> IndicatorTrend | str:
    """The indicator's line and year, or why it has none (Vietnamese, for people)."""
    if s.kind == "yes_no":
        return f"chỉ tiêu {s.code} là chỉ tiêu có/không"
    if s.threshold is None:
        return f"chỉ tiêu {s.code} chưa xác định ngưỡng"
    if len(s.values) < MIN_VALUES:
        return f"chỉ tiêu {s.code} có dưới {MIN_VALUES} năm số liệu"
    slope, spread = fit_line(s.years, s.values)
    n = len(s.values)
    position = s.values[-1]
    if n >= 3:
        # where the line stands in the last year: one year's wobble moves it little
        position = sum(s.values) / n + slope * (s.years[-1] - sum(s.years) / n)
    sign = _direction(s)
    limit = MAX_SHARE * max(abs(s.threshold), abs(s.values[-1]))
    pace = min(slope * sign, limit)
    year: int | None = None
    margin = 2 if n < 3 else 1
    if pace > 0:
        gap = (s.threshold - position) * sign
        year = last_year + max(1, math.ceil(gap / pace - 1e-9))
        year = year if year <= HORIZON else None
        if n >= 3:
            margin = max(1, math.ceil(spread / pace - 1e-9))
    return IndicatorTrend(
        s.code, s.name, s.unit, s.kind, s.compare, s.values[-1], s.threshold, pace, year, margin
    )


def _by_count(c: CriterionSeries, count: CommuneForecast, note: str) -> CriterionYear:
    year = dict(count.criterion_years).get(c.number)
    return CriterionYear(c.number, c.name, year, "count", note, count.margin, ())


def _criterion_year(c: CriterionSeries, count: CommuneForecast, last_year: int) -> CriterionYear:
    if c.met:
        return CriterionYear(
            c.number, c.name, dict(count.criterion_years).get(c.number), "met", "", 0, ()
        )
    if not any(s.values for s in c.indicators):  # a criterion-level file (tc1 … tcN)
        return _by_count(c, count, "chưa có số liệu các chỉ tiêu của tiêu chí này")
    if not c.complete:
        return _by_count(c, count, "bộ tiêu chí chưa có đủ các chỉ tiêu của tiêu chí này")
    still = c.needed - sum(1 for s in c.indicators if s.met)
    waiting = [s for s in c.indicators if not s.met]
    if still <= 0 or not waiting:
        return _by_count(c, count, "tình trạng tiêu chí được ghi trực tiếp, không từ chỉ tiêu")
    trends: list[IndicatorTrend] = []
    for s in waiting:
        found = indicator_trend(s, last_year)
        if isinstance(found, str):
            if c.needed >= len(c.indicators):  # rule "all": every unmet indicator must be dated
                return _by_count(c, count, found)
            continue
        trends.append(found)
    if len(trends) < still:
        return _by_count(c, count, "không đủ chỉ tiêu có số liệu để dự báo")
    # latest first; an indicator with no year holds the criterion indefinitely
    trends.sort(key=lambda t: (t.year is not None, -(t.year or 0)))
    # the criterion waits for the ``still``-th earliest of its unmet indicators
    deciding = trends[len(trends) - still]
    return CriterionYear(
        c.number, c.name, deciding.year, "indicators", "", deciding.margin, tuple(trends)
    )


def _words(f: IndicatorForecast, count: CommuneForecast, observed: int) -> str:
    if not f.missing:
        return "đã đạt chuẩn"
    if f.method == "count":
        return count.uncertainty
    stalled = [t.code for c in f.missing for t in c.holding if t.pace <= 0]
    if f.standard_year is None and stalled:
        codes = ", ".join(stalled)
        return f"chỉ tiêu {codes} không tiến về ngưỡng: chưa dự báo được năm đạt chuẩn"
    if f.standard_year is None:
        return f"chưa dự báo được năm đạt chuẩn đến năm {HORIZON}"
    if observed < 3:
        return f"chưa chắc chắn, sai số khoảng ±{f.margin} năm: chỉ có {observed} năm số liệu"
    if f.margin <= 1:
        return "khá chắc chắn, sai số khoảng ±1 năm"
    return f"chưa chắc chắn, sai số khoảng ±{f.margin} năm: giá trị chỉ tiêu các năm qua không đều"


def _standard(criteria: Sequence[CriterionYear], count: CommuneForecast) -> tuple[int | None, int]:
    """The latest criterion's year and margin; None when one has no year."""
    missing = [c for c in criteria if c.method != "met"]
    if not missing:
        return count.standard_year, 0
    if all(c.method == "count" for c in missing):
        return count.standard_year, count.margin
    if any(c.year is None for c in missing):
        return None, max(c.margin for c in missing)
    latest = max(c.year or 0 for c in missing)
    return latest, max(c.margin for c in missing if c.year == latest)


def forecast_commune_indicators(h: IndicatorHistory, count: CommuneForecast) -> IndicatorForecast:
    """``count``: the same commune's count-pace forecast (``forecast.forecast_commune``), which
    dates the criteria the indicators cannot."""
    criteria = tuple(_criterion_year(c, count, h.last_year) for c in h.criteria)
    year, margin = _standard(criteria, count)
    draft = IndicatorForecast(h.code, h.name, h.last_year, year, margin, criteria, "", count)
    observed = max((len(s.years) for c in h.criteria for s in c.indicators), default=0)
    words = _words(draft, count, observed)
    overall = replace(
        count,
        standard_year=year,
        margin=max(1, margin) if draft.missing else count.margin,
        criterion_years=tuple((c.number, c.year) for c in criteria),
        uncertainty=words,
    )
    return replace(draft, uncertainty=words, overall=overall)
