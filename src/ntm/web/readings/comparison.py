"""A report's figures beside ntm's: one typed row per figure the reader found.

A row says what the report states, what ntm has (None: ntm has no data for it), and the
difference *stated − ntm* at the precision the report wrote (an average of ``14,8`` is compared
with ntm's average rounded half up to one decimal: the report could not say more).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _

from ntm.domain.plans import SOURCES, STATE_BUDGET, STATE_BUDGET_PARTS, STATED, FundingLine
from ntm.domain.rollup import round_half_up
from ntm.formatting import number
from ntm.reports.reading.model import Check, FundSource, ReportReading
from ntm.web.readings.ntm_side import NtmFigures


class State(StrEnum):
    SAME = "same"
    DIFFERS = "differs"
    MISSING = "missing"  # ntm has no data for this figure


@dataclass(frozen=True)
class ComparisonRow:
    kind: str  # communes, recognised, band, average, criterion, funds, ocop (and *_change)
    label: str
    stated: float
    ntm: float | None
    difference: float | None  # stated − ntm, rounded as the report writes the figure
    sentence: str
    unit: str  # the unit for people: xã, tiêu chí, tỷ đồng, sản phẩm
    decimals: int = 0

    @property
    def state(self) -> State:
        if self.difference is None:
            return State.MISSING
        return State.SAME if self.difference == 0 else State.DIFFERS

    @property
    def stated_text(self) -> str:
        return number(self.stated, self.decimals)

    @property
    def ntm_text(self) -> str:
        return "" if self.ntm is None else number(self.ntm, self.decimals)

    @property
    def verdict(self) -> str:
        """The difference in words: never colour alone."""
        if self.difference is None:
            return _("ntm chưa có số liệu")
        if self.difference == 0:
            return _("khớp")
        sign = "+" if self.difference > 0 else ""
        amount = sign + number(self.difference, self.decimals)
        return _("lệch %(amount)s %(unit)s") % {"amount": amount, "unit": self.unit}


@dataclass(frozen=True)
class Comparison:
    rows: tuple[ComparisonRow, ...]
    checks: tuple[Check, ...]
    ntm: NtmFigures

    @property
    def differing(self) -> int:
        return sum(1 for r in self.rows if r.state == State.DIFFERS)

    @property
    def missing(self) -> int:
        return sum(1 for r in self.rows if r.state == State.MISSING)

    @property
    def failed(self) -> int:
        return sum(1 for c in self.checks if not c.ok)


def _row(
    kind: str,
    label: str,
    stated: float,
    ntm: float | None,
    sentence: str,
    unit: str,
    decimals: int = 0,
) -> ComparisonRow:
    difference = None
    if ntm is not None:
        ntm = float(round_half_up(ntm, decimals))
        difference = float(round_half_up(stated - ntm, decimals))
    return ComparisonRow(kind, label, stated, ntm, difference, sentence, unit, decimals)


def _communes(r: ReportReading, ntm: NtmFigures) -> list[ComparisonRow]:
    c, xa = ntm.communes, _("xã")
    rows = []
    if r.communes_total is not None:
        rows.append(
            _row(
                "communes",
                _("Tổng số xã"),
                r.communes_total.value,
                c.communes if c else None,
                r.communes_total.sentence,
                xa,
            )
        )
    if r.recognised is not None:
        rows.append(
            _row(
                "recognised",
                _("Xã đạt chuẩn nông thôn mới"),
                r.recognised.value,
                c.recognised if c else None,
                r.recognised.sentence,
                xa,
            )
        )
    change = r.recognised_change
    if change is not None and change.since is not None:
        then = ntm.earlier.get(change.since)
        moved = c.recognised - then.recognised if c and then else None
        label = _("Xã đạt chuẩn tăng (+) / giảm (−) so với năm %(year)s") % {"year": change.since}
        rows.append(_row("recognised_change", label, change.value, moved, change.sentence, xa))
    for band in r.bands:
        label = _("Xã đạt %(band)s tiêu chí") % {"band": band.label}
        count = c.in_band(band.low, band.high) if c else None
        rows.append(_row("band", label, band.count, count, band.sentence, xa))
    return rows


def _averages(r: ReportReading, ntm: NtmFigures) -> list[ComparisonRow]:
    c, unit = ntm.communes, _("tiêu chí")
    rows = []
    if r.avg_criteria is not None:
        a = r.avg_criteria
        rows.append(
            _row(
                "average",
                _("Bình quân tiêu chí/xã"),
                a.value,
                c.avg if c else None,
                a.sentence,
                unit,
                a.decimals,
            )
        )
    change = r.avg_change
    if change is not None and change.since is not None:
        then, d = ntm.earlier.get(change.since), change.decimals
        # A report subtracts the averages it printed (14,8 − 9,0): so does the comparison.
        moved = (
            float(round_half_up(c.avg, d)) - float(round_half_up(then.avg, d))
            if c and then
            else None
        )
        label = _("Bình quân tiêu chí/xã tăng (+) / giảm (−) so với năm %(year)s") % {
            "year": change.since
        }
        rows.append(_row("average_change", label, change.value, moved, change.sentence, unit, d))
    return rows


def _criteria(r: ReportReading, ntm: NtmFigures) -> list[ComparisonRow]:
    c = ntm.communes
    return [
        _row(
            "criterion",
            _("Tiêu chí số %(n)s: số xã đạt (báo cáo ghi %(met)s/%(of)s)")
            % {"n": k.number, "met": k.met, "of": k.of},
            k.met,
            c.criteria_met.get(k.number) if c else None,
            k.sentence,
            _("xã"),
        )
        for k in r.criteria
    ]


_SPAN = re.compile(r"((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)")


def _span(sentence: str, year: int) -> tuple[int, int]:
    """The years the funds are of: the span the sentence names ("giai đoạn 2016 - 2020"),
    else the report's year alone."""
    m = _SPAN.search(sentence)
    return (int(m[1]), int(m[2])) if m else (year, year)


def _plain(name: str) -> str:
    return " ".join(name.lower().split())


def _source_amount(source: FundSource, lines: list[FundingLine]) -> float | None:
    """ntm's amount of the source the text names: a national source by either of its names
    (or the end of its long name, as the reader may cut it at a comma), the state budget as
    the sum of its parts, a province's own source by its own name."""
    said = _plain(source.name)
    if said in {_plain(n) for n in STATED[STATE_BUDGET]}:
        parts = [ln.amount for ln in lines if ln.source in STATE_BUDGET_PARTS]
        return sum(parts) if parts else None
    for code, names in SOURCES.items():
        plain = {_plain(n) for n in names}
        if said in plain or any(len(said) >= 8 and p.endswith(said) for p in plain):
            found = [ln.amount for ln in lines if ln.source == code]
            return sum(found) if found else None
    own = [ln.amount for ln in lines if _plain(ln.name) == said]
    return sum(own) if own else None


def _funds(r: ReportReading, ntm: NtmFigures, year: int) -> list[ComparisonRow]:
    if r.funding_total is None:
        return []
    total = r.funding_total
    span = _span(total.sentence, year)
    lines = [ln for ln in ntm.funds if ln.period == span]
    ntm_total = sum(ln.amount for ln in lines if ln.parent is None) if lines else None
    years = str(span[0]) if span[0] == span[1] else f"{span[0]}–{span[1]}"
    unit, d = _("tỷ đồng"), max(total.decimals, 3)
    rows = [
        _row(
            "funds",
            _("Tổng nguồn vốn %(years)s") % {"years": years},
            total.value,
            ntm_total,
            total.sentence,
            unit,
            d,
        )
    ]
    for source in r.funding_sources:
        label = (_("— trong đó: %(name)s") if source.parent else _("Nguồn vốn: %(name)s")) % {
            "name": source.name
        }
        rows.append(
            _row(
                "fund_source",
                label,
                source.billion,
                _source_amount(source, lines),
                source.sentence,
                unit,
                d,
            )
        )
    return rows


def _ocop(r: ReportReading, ntm: NtmFigures) -> list[ComparisonRow]:
    o, unit = ntm.ocop, _("sản phẩm")
    rows = [
        _row(
            "ocop",
            _("Sản phẩm OCOP %(n)s sao") % {"n": stars},
            f.value,
            o.by_stars.get(stars, 0) if o else None,
            f.sentence,
            unit,
        )
        for stars, f in r.ocop_by_stars
    ]
    rows += [
        _row(
            "ocop",
            _("Sản phẩm OCOP từ %(n)s sao trở lên") % {"n": stars},
            f.value,
            o.at_least(stars) if o else None,
            f.sentence,
            unit,
        )
        for stars, f in r.ocop_at_least
    ]
    return rows


def comparison_build(*, reading: ReportReading, ntm: NtmFigures, year: int) -> Comparison:
    rows = [
        *_communes(reading, ntm),
        *_averages(reading, ntm),
        *_criteria(reading, ntm),
        *_funds(reading, ntm, year),
        *_ocop(reading, ntm),
    ]
    return Comparison(rows=tuple(rows), checks=reading.checks, ntm=ntm)


def since_years(reading: ReportReading) -> set[int]:
    """The years the report compares with: ntm reads their figures too."""
    changes = (reading.recognised_change, reading.avg_change)
    return {c.since for c in changes if c is not None and c.since is not None}
