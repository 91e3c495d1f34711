"""When each commune reaches each criterion and the standard, at its own pace (issue #15.2).

The method (docs/forecast.md): a commune's pace is the least-squares slope of its count of
criteria met over the years observed, bounded to [0, MAX_PACE]; the years it still needs are
its gap divided by that pace, rounded up. Its unmet criteria come in the order the province
finds them easiest (the share of communes meeting each in the last year). The uncertainty is
the fit's scatter turned into years, said in words. Pure: no file, no Django.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

MAX_PACE = 6.0  # criteria a year: more has never been seen; a fit above it is noise
MIN_PACE = 0.1  # below this the commune is not moving: no year is forecast
HORIZON = 2040  # no year beyond this is said; "sau năm 2040" instead


@dataclass(frozen=True)
class CommuneHistory:
    code: str
    name: str
    years: tuple[int, ...]  # ascending
    met: tuple[frozenset[int], ...]  # the criteria met in each year


@dataclass(frozen=True)
class CommuneForecast:
    code: str
    name: str
    last_year: int
    met_now: int
    pace: float | None  # criteria a year; None with a single year of data
    standard_year: int | None  # None: not moving, or beyond HORIZON
    margin: int  # ± years
    criterion_years: tuple[tuple[int, int | None], ...]
    uncertainty: str  # in words, for people


@dataclass(frozen=True)
class ProvinceYear:
    year: int
    expected: int
    low: int
    high: int


@dataclass(frozen=True)
class TargetVerdict:
    year: int
    target: int
    expected: int
    reached: bool
    sentence: str


@dataclass(frozen=True)
class Backtest:
    hidden_years: int
    compared: int
    within_one: int
    mean_abs_error: float

    @property
    def share_within_one(self) -> float:
        return self.within_one / self.compared if self.compared else 0.0


def fit_line(years: Sequence[int], counts: Sequence[float]) -> tuple[float, float]:
    """Least-squares slope and the residuals' standard deviation."""
    n = len(years)
    mean_x, mean_y = sum(years) / n, sum(counts) / n
    sxx = sum((x - mean_x) ** 2 for x in years)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(years, counts, strict=True)) / sxx
    residuals = [y - (mean_y + slope * (x - mean_x)) for x, y in zip(years, counts, strict=True)]
    spread = math.sqrt(sum(r * r for r in residuals) / max(1, n - 2))
    return slope, spread


def _words(observed: int, pace: float | None, margin: int, reached: bool) -> str:
    if reached:
        return "đã đạt chuẩn"
    if pace is None:
        return "chỉ có số liệu một năm: chưa tính được tốc độ"
    if pace < MIN_PACE:
        return "số tiêu chí đạt không tăng trong các năm qua: chưa dự báo được năm đạt chuẩn"
    if observed < 3:
        return f"chưa chắc chắn, sai số khoảng ±{margin} năm: chỉ có {observed} năm số liệu"
    if margin <= 1:
        return "khá chắc chắn, sai số khoảng ±1 năm"
    return f"chưa chắc chắn, sai số khoảng ±{margin} năm: tiến độ các năm qua không đều"


def _criterion_years(
    h: CommuneHistory, order: Sequence[int], pace: float | None, position: float
) -> tuple[tuple[int, int | None], ...]:
    now = h.met[-1]
    out: dict[int, int | None] = {}
    for number in now:
        first = h.years[-1]
        for year, met in zip(reversed(h.years), reversed(h.met), strict=True):
            if number not in met:
                break
            first = year
        out[number] = first
    waiting = [n for n in order if n not in now]
    # the k-th waiting criterion is reached where the line passes met_now + k − ½ (as the
    # standard's year is found): the last one's year is the standard's year
    ahead = position - len(now)
    for k, number in enumerate(waiting, start=1):
        if pace is None or pace < MIN_PACE:
            out[number] = None
        else:
            year = h.years[-1] + max(1, math.ceil((k - ahead - 0.5) / pace - 1e-9))
            out[number] = year if year <= HORIZON else None
    return tuple(sorted(out.items()))


def forecast_commune(h: CommuneHistory, order: Sequence[int]) -> CommuneForecast:
    """``order``: every criterion number, easiest first (see ``easiest_first``)."""
    total = len(order)
    counts = [len(m) for m in h.met]
    met_now = counts[-1]
    pace: float | None = None
    margin = 1
    position = float(met_now)
    if len(h.years) >= 2:
        slope, spread = fit_line(h.years, counts)
        pace = min(MAX_PACE, max(0.0, slope))
        margin = max(1, math.ceil(spread / pace)) if pace >= MIN_PACE else 1
        if len(h.years) < 3:
            margin = 2  # two points always fit a line: no scatter to judge the pace by
        if len(h.years) >= 3:
            # where the line stands in the last year: one year's wobble moves it little
            position = sum(counts) / len(counts) + slope * (
                h.years[-1] - sum(h.years) / len(h.years)
            )
    reached = met_now >= total
    year: int | None = h.years[-1] if reached else None
    if not reached and pace is not None and pace >= MIN_PACE:
        # counts are whole criteria: a commune counted at 14 is on average half-way to 15
        year = h.years[-1] + max(1, math.ceil((total - position - 0.5) / pace - 1e-9))
        year = year if year <= HORIZON else None
    return CommuneForecast(
        code=h.code,
        name=h.name,
        last_year=h.years[-1],
        met_now=met_now,
        pace=pace,
        standard_year=year,
        margin=margin,
        criterion_years=_criterion_years(h, order, pace, position),
        uncertainty=_words(len(h.years), pace, margin, reached),
    )


def easiest_first(histories: Sequence[CommuneHistory], numbers: Sequence[int]) -> list[int]:
    """Criteria by the share of communes meeting them in their last year, most met first."""
    share = {n: sum(1 for h in histories if n in h.met[-1]) for n in numbers}
    return sorted(numbers, key=lambda n: (-share[n], n))


def forecast_all(
    histories: Sequence[CommuneHistory], numbers: Sequence[int]
) -> list[CommuneForecast]:
    order = easiest_first(histories, numbers)
    return [forecast_commune(h, order) for h in histories]


def province_by_year(forecasts: Sequence[CommuneForecast], until: int) -> list[ProvinceYear]:
    """Communes expected at the standard by each year, with the band the margins allow."""
    start = min((f.last_year for f in forecasts), default=until)
    out = []
    for year in range(start, until + 1):
        dated = [f for f in forecasts if f.standard_year is not None]
        expected = sum(1 for f in dated if f.standard_year is not None and f.standard_year <= year)
        low = sum(1 for f in dated if (f.standard_year or 0) + _margin_of(f) <= year)
        high = sum(1 for f in dated if (f.standard_year or 0) - _margin_of(f) <= year)
        out.append(ProvinceYear(year, expected, low, high))
    return out


def _margin_of(f: CommuneForecast) -> int:
    """A commune already at the standard has no margin; the others their own."""
    return 0 if f.met_now == len(f.criterion_years) else f.margin


def target_verdict(forecasts: Sequence[CommuneForecast], year: int, target: int) -> TargetVerdict:
    expected = sum(1 for f in forecasts if f.standard_year is not None and f.standard_year <= year)
    if expected >= target:
        sentence = (
            f"Theo tốc độ hiện nay, đạt mục tiêu năm {year}: dự kiến {expected} xã đạt chuẩn "
            f"(mục tiêu {target} xã)."
        )
    else:
        sentence = (
            f"Theo tốc độ hiện nay, thiếu khoảng {target - expected} xã so với mục tiêu năm "
            f"{year}: dự kiến {expected} xã đạt chuẩn (mục tiêu {target} xã)."
        )
    return TargetVerdict(year, target, expected, expected >= target, sentence)


def _first_reached(h: CommuneHistory, total: int) -> int | None:
    return next((y for y, m in zip(h.years, h.met, strict=True) if len(m) >= total), None)


def backtest(histories: Sequence[CommuneHistory], numbers: Sequence[int], hidden: int) -> Backtest:
    """Hide each commune's last ``hidden`` years, forecast from the rest, and compare the
    year of the standard with the year the hidden data shows (communes not yet at the
    standard in the visible years and reaching it in the hidden ones are compared)."""
    total = len(numbers)
    visible = [
        CommuneHistory(h.code, h.name, h.years[:-hidden], h.met[:-hidden])
        for h in histories
        if len(h.years) > hidden + 1
    ]
    actual = {h.code: _first_reached(h, total) for h in histories}
    errors: list[int] = []
    for f in forecast_all(visible, numbers):
        truth = actual[f.code]
        if f.met_now >= total or truth is None:
            continue
        guess = f.standard_year if f.standard_year is not None else HORIZON + 1
        errors.append(abs(guess - truth))
    within = sum(1 for e in errors if e <= 1)
    mean = sum(errors) / len(errors) if errors else 0.0
    return Backtest(hidden, len(errors), within, mean)
