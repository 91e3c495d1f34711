"""What the funds page and the dashboard block show: amounts by source and period, a stacked
chart's series (one bar per period, one segment per source), and people's contributions in kind
(labour days, land, materials: monitoring indicators of the group «nguồn lực»)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ntm.domain.monitoring import rollup
from ntm.domain.plans import SOURCES, STATE_BUDGET_PARTS
from ntm.web.assessments.models import Period
from ntm.web.monitoring.models import FundAmount
from ntm.web.monitoring.selectors import catalogue_of, value_table
from ntm.web.units.models import Unit


@dataclass(frozen=True)
class FundRow:
    unit_name: str
    span: str
    source: str
    name: str
    plan: float | None
    allocated: float | None
    disbursed: float | None


@dataclass(frozen=True)
class Segment:
    source: str
    name: str
    amount: float
    share: float  # % of the bar, for its width


@dataclass(frozen=True)
class Bar:
    span: str
    total: float
    segments: list[Segment]


@dataclass(frozen=True)
class Contribution:
    name: str
    unit: str
    value: float


def _span(start: int, end: int) -> str:
    return str(start) if start == end else f"{start}–{end}"


def _name(row: FundAmount) -> str:
    return row.source_name or (SOURCES[row.source][0] if row.source in SOURCES else row.source)


def fund_rows(*, period: Period, communes: Sequence[Unit]) -> list[FundRow]:
    names = {period.province_code: period.province_name, **{u.code: u.name for u in communes}}
    rows = FundAmount.objects.filter(
        regime=period.regime, province_code=period.province_code, unit_code__in=list(names)
    ).order_by("period_start", "period_end", "unit_code", "pk")
    return [
        FundRow(
            names[r.unit_code],
            _span(r.period_start, r.period_end),
            r.source,
            _name(r),
            r.plan,
            r.allocated,
            r.disbursed,
        )
        for r in rows
    ]


def stacked_bars(rows: Sequence[FundRow]) -> list[Bar]:
    """One bar per period, the disbursed amount of each source stacked, national order first."""
    order = {code: i for i, code in enumerate(SOURCES)}
    by_span: dict[str, dict[str, tuple[str, float]]] = {}
    for r in rows:
        if r.disbursed is None:
            continue
        seg = by_span.setdefault(r.span, {})
        name, amount = seg.get(r.source, (r.name, 0.0))
        seg[r.source] = (name, amount + r.disbursed)
    bars = []
    for span, segs in by_span.items():
        total = sum(a for _, a in segs.values())
        ordered = sorted(segs.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))
        bars.append(
            Bar(
                span,
                total,
                [Segment(s, n, a, a * 100 / total if total else 0.0) for s, (n, a) in ordered],
            )
        )
    return bars


def contributions(*, period: Period, communes: Sequence[Unit]) -> list[Contribution]:
    catalogue = catalogue_of(period)
    codes = [u.code for u in communes]
    table = value_table(period=period, unit_codes=codes)
    years = (catalogue.period[0], period.year)
    out = []
    for ind in catalogue.indicators:
        if ind.group != "nguon_luc":
            continue
        result = rollup(
            catalogue,
            table,
            ind.code,
            communes=codes,
            province_code=period.province_code,
            years=years,
        )
        if result.value is not None:
            out.append(Contribution(ind.name, ind.unit, result.value))
    return out


def funds_context(*, period: Period, communes: Sequence[Unit]) -> dict[str, object]:
    rows = fund_rows(period=period, communes=communes)
    return {
        "period": period,
        "rows": rows,
        "bars": stacked_bars(rows),
        "contributions": contributions(period=period, communes=communes),
        "state_parts": STATE_BUDGET_PARTS,
    }
