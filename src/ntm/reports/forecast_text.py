"""The indicator forecast as people read it (issue #15.2): an unmet indicator's value, the
threshold it must reach and its pace a year, in Vietnamese number format. ``ntm forecast`` and
the dashboard print these same strings."""

from __future__ import annotations

from ntm.domain.forecast_indicators import METHOD_VI, CriterionYear, IndicatorTrend
from ntm.formatting import number, requirement


def _amount(x: float, kind: str) -> str:
    return number(round(x, 2)) + ("%" if kind == "percent" else "")


def value_text(t: IndicatorTrend) -> str:
    return _amount(t.value, t.kind)


def threshold_text(t: IndicatorTrend) -> str:
    return requirement(t.compare, t.threshold, t.kind)


def pace_text(t: IndicatorTrend) -> str:
    """The change a year in the indicator's own direction: ``+3/năm``, ``−4/năm``; a
    percentage moves in points (``+2,5 điểm %/năm``)."""
    falling = t.compare == "<=" or (t.compare == "=" and t.value > t.threshold)
    change = -t.pace if falling else t.pace
    sign = "+" if change > 0 else "−" if change < 0 else ""
    unit = " điểm %" if t.kind == "percent" else ""
    return f"{sign}{number(round(abs(change), 2))}{unit}/năm"


def trend_text(t: IndicatorTrend) -> str:
    """``10.1: 36 (cần ≥ 55), +3/năm`` — one indicator holding a criterion back."""
    return f"{t.code}: {value_text(t)} (cần {threshold_text(t)}), {pace_text(t)}"


def criterion_text(c: CriterionYear) -> str:
    """How the criterion's year was found, and why the count pace when it was."""
    method = METHOD_VI[c.method]
    return f"{method} ({c.note})" if c.note else method
