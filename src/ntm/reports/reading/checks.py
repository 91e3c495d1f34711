"""The arithmetic a report's own figures must satisfy; each check says what it compared."""

from __future__ import annotations

from collections import defaultdict

from ntm.formatting import number
from ntm.reports.reading.model import Band, Check, ReportReading, StatedPercent


def _tolerance(decimals: int) -> float:
    """Half a unit of the last digit written, plus a hair for binary fractions."""
    return 0.5 * 10.0**-decimals + 1e-9


def _with_recognised(reading: ReportReading) -> list[Band]:
    bands = list(reading.bands)
    if reading.recognised and not any(b.label == "19" for b in bands):
        r = reading.recognised
        bands.append(Band("19", 19, 19, int(r.value), r.sentence))
    return bands


def bands_add_up(reading: ReportReading) -> list[Check]:
    if not reading.bands or reading.communes_total is None:
        return []
    bands = _with_recognised(reading)
    counted = sum(b.count for b in bands)
    total = int(reading.communes_total.value)
    parts = " + ".join(f"{number(b.count)} ({b.label})" for b in bands)
    detail = f"{parts} = {number(counted)} xã; tổng số xã là {number(total)}"
    return [Check("bands_add_up", counted == total, detail, reading.bands[0].sentence)]


def average_within_bands(reading: ReportReading) -> list[Check]:
    avg = reading.avg_criteria
    if avg is None or avg.year is not None or not reading.bands:
        return []
    bands = _with_recognised(reading)
    n = sum(b.count for b in bands)
    if n == 0:
        return []
    low = sum(b.count * b.low for b in bands) / n
    high = sum(b.count * b.high for b in bands) / n
    ok = low - _tolerance(avg.decimals) <= avg.value <= high + _tolerance(avg.decimals)
    detail = (
        f"bình quân {number(avg.value, avg.decimals)} tiêu chí/xã; các nhóm cho phép từ "
        f"{number(low, 2)} đến {number(high, 2)}"
    )
    return [Check("average_within_bands", ok, detail, avg.sentence)]


def _percent_check(p: StatedPercent) -> Check:
    low, high = 100 * p.low / p.of, 100 * p.high / p.of
    tol = _tolerance(p.decimals)
    ok = low - tol <= p.percent <= high + tol
    counts = f"{number(p.low)}" if p.low == p.high else f"{number(p.low)}-{number(p.high)}"
    detail = (
        f"{counts}/{number(p.of)} = {number(low, 2)} %; văn bản ghi "
        f"{number(p.percent, p.decimals)} %"
    )
    return Check("percentage_matches_counts", ok, detail, p.sentence)


def percentages_match(reading: ReportReading) -> list[Check]:
    return [_percent_check(p) for p in reading.percentages if p.of > 0]


def increases_match(reading: ReportReading) -> list[Check]:
    """A stated increase against the figure the report states for that year."""
    out: list[Check] = []
    avg, change = reading.avg_criteria, reading.avg_change
    if avg and change and change.since:
        for past in (a for a in reading.averages if a.year == change.since):
            diff = avg.value - past.value
            ok = abs(diff - change.value) <= _tolerance(
                max(change.decimals, past.decimals, avg.decimals)
            )
            detail = (
                f"{number(avg.value, avg.decimals)} − {number(past.value, past.decimals)} = "
                f"{number(diff, 2)}; văn bản ghi tăng {number(change.value, change.decimals)}"
            )
            out.append(Check("increase_matches_years", ok, detail, change.sentence))
    rec, rchange = reading.recognised, reading.recognised_change
    if rec and rchange and rchange.since:
        for past in (r for r in reading.recognised_by_year if r.year == rchange.since):
            diff = rec.value - past.value
            detail = (
                f"{number(rec.value)} − {number(past.value)} = {number(diff)} xã; văn bản ghi "
                f"tăng {number(rchange.value)}"
            )
            out.append(
                Check("increase_matches_years", diff == rchange.value, detail, rchange.sentence)
            )
    return out


def funds_add_up(reading: ReportReading) -> list[Check]:
    total = reading.funding_total
    if total is None or not reading.funding_sources:
        return []
    out: list[Check] = []
    top = [s for s in reading.funding_sources if s.parent is None]
    summed = sum(s.billion for s in top)
    ok = abs(summed - total.value) <= 0.0005 * len(top) + _tolerance(total.decimals)
    detail = (
        f"tổng các nguồn {number(summed, 3)} tỷ đồng; tổng ghi {number(total.value, 3)} tỷ đồng"
    )
    out.append(Check("funds_add_up", ok, detail, total.sentence))
    children: dict[str, list[float]] = defaultdict(list)
    for s in reading.funding_sources:
        if s.parent is not None:
            children[s.parent].append(s.billion)
    for parent in top:
        if parent.name in children:
            parts = sum(children[parent.name])
            ok = abs(parts - parent.billion) <= 0.0005 * len(children[parent.name]) + 1e-9
            detail = (
                f"{parent.name}: các khoản {number(parts, 3)} tỷ đồng; ghi "
                f"{number(parent.billion, 3)} tỷ đồng"
            )
            out.append(Check("funds_add_up", ok, detail, parent.sentence))
    return out


def ocop_adds_up(reading: ReportReading) -> list[Check]:
    exact = dict(reading.ocop_by_stars)
    out: list[Check] = []
    for stars, figure in reading.ocop_at_least:
        parts = {k: v for k, v in exact.items() if k >= stars}
        if not parts:
            continue
        summed = sum(v.value for v in parts.values())
        detail = (
            f"{' + '.join(f'{number(v.value)} ({k} sao)' for k, v in sorted(parts.items()))} = "
            f"{number(summed)}; văn bản ghi {number(figure.value)} sản phẩm từ {stars} sao"
        )
        out.append(Check("ocop_adds_up", summed == figure.value, detail, figure.sentence))
    return out


def communes_agree(reading: ReportReading) -> list[Check]:
    """Every province count out of the communes uses one total; a district's, one total too."""
    out: list[Check] = []
    total = reading.communes_total
    if total is not None:
        for district, met, of, sentence in reading.fractions:
            if not district and of != int(total.value) and met <= of:
                detail = (
                    f"{number(met)}/{number(of)} xã, trong khi tổng số xã là {number(total.value)}"
                )
                out.append(Check("communes_total_agrees", False, detail, sentence))
    first: dict[str, int] = {}
    told: set[tuple[str, int]] = set()
    for district, _, of, sentence in reading.fractions:
        if not district:
            continue
        before = first.setdefault(district, of)
        if before != of and (district, of) not in told:
            told.add((district, of))
            detail = f"{district}: {number(of)} xã ở câu này, {number(before)} xã ở câu trước"
            out.append(Check("district_total_agrees", False, detail, sentence))
    return out


def all_checks(reading: ReportReading) -> tuple[Check, ...]:
    rules = (bands_add_up, average_within_bands, percentages_match, increases_match)
    more = (funds_add_up, ocop_adds_up, communes_agree)
    return tuple(check for rule in (*rules, *more) for check in rule(reading))
