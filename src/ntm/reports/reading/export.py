"""The JSON shape issue #15 fixes, and the lines a person reads."""

from __future__ import annotations

from ntm.formatting import number
from ntm.reports.reading.model import Figure, ReportReading


def _value(figure: Figure | None) -> float | int | None:
    if figure is None:
        return None
    return int(figure.value) if figure.value.is_integer() and not figure.decimals else figure.value


def reading_json(r: ReportReading) -> dict[str, object]:
    """Absent figures are null; funds in tỷ đồng. ``funding_by_source`` and ``targets`` go
    beyond the issue's keys: the figures the issue lists that its shape has no room for."""
    return {
        "communes_total": _value(r.communes_total),
        "recognised": _value(r.recognised),
        "bands": {b.label: b.count for b in r.bands} or None,
        "avg_criteria": _value(r.avg_criteria),
        "avg_change": None if r.avg_change is None else r.avg_change.value,
        "criteria": {str(c.number): {"met": c.met, "of": c.of} for c in r.criteria} or None,
        "funding_total": _value(r.funding_total),
        "ocop_by_stars": {str(k): _value(v) for k, v in r.ocop_by_stars} or None,
        "funding_by_source": [
            {"name": s.name, "billion_vnd": s.billion, "within": s.parent}
            for s in r.funding_sources
        ],
        "targets": [
            {"level": t.level, "year": t.year, "count": t.count, "of": t.of, "percent": t.percent}
            for t in r.targets
        ],
        "checks": [
            {"rule": c.rule, "ok": c.ok, "detail": c.detail, "sentence": c.sentence}
            for c in r.checks
        ],
    }


def _line(label: str, figure: Figure | None, unit: str = "") -> str | None:
    if figure is None:
        return None
    year = f" (năm {figure.year})" if figure.year else ""
    return f"{label}: {number(figure.value, figure.decimals)}{unit}{year}"


def reading_lines(r: ReportReading) -> list[str]:
    lines = [
        _line("Tổng số xã", r.communes_total),
        _line("Xã đạt chuẩn", r.recognised),
        _line("Bình quân tiêu chí/xã", r.avg_criteria),
        _line("Tổng vốn", r.funding_total, " tỷ đồng"),
    ]
    out = [line for line in lines if line]
    if r.bands:
        out.append("Nhóm xã: " + "; ".join(f"{b.label}: {number(b.count)}" for b in r.bands))
    for c in r.criteria:
        out.append(f"Tiêu chí số {c.number}: {number(c.met)}/{number(c.of)} xã")
    for stars, figure in r.ocop_by_stars:
        out.append(f"OCOP {stars} sao: {number(figure.value)} sản phẩm")
    for t in r.targets:
        amount = (
            f"{number(t.count)} xã" if t.count is not None else f"{number(t.percent or 0)} % số xã"
        )
        out.append(f"Mục tiêu {t.level} năm {t.year or '?'}: {amount}")
    if not out:
        out.append("Không tìm thấy số liệu chuẩn nào trong báo cáo.")
    out += [f"[{'đúng' if check.ok else 'SAI'}] {check.detail}" for check in r.checks]
    return out
