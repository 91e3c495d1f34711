"""Reads of the provincial reports: each report's reading beside ntm's figures."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ntm.reports.reading.source import ReportUnreadable
from ntm.web.readings.comparison import Comparison, comparison_build, since_years
from ntm.web.readings.files import reading_of
from ntm.web.readings.models import ProvinceReport
from ntm.web.readings.ntm_side import NtmFigures, ntm_figures


@dataclass(frozen=True)
class ReportView:
    report: ProvinceReport
    comparison: Comparison | None
    problem: str = ""  # why the stored file could not be read again (moved, deleted on disk)


_Key = tuple[str, str, int, frozenset[int]]


def report_comparison(
    *, report: ProvinceReport, known: dict[_Key, NtmFigures] | None = None
) -> ReportView:
    """The report read again from its file (kept by hash) and compared with ntm as it is now.
    ``known``: ntm's figures already read for a province and year (the list's reports share
    them: an office uploads drafts of one report, or the centre every province's)."""
    try:
        reading, _kept = reading_of(
            path=Path(report.file.path), sha256=report.sha256, name=report.filename
        )
    except (ReportUnreadable, OSError, ValueError) as exc:
        return ReportView(report, None, str(exc))
    since = frozenset(since_years(reading))
    key = (report.regime, report.province_code, report.year, since)
    known = {} if known is None else known
    if key not in known:
        known[key] = ntm_figures(
            regime=report.regime,
            province_code=report.province_code,
            year=report.year,
            since=since,
        )
    comparison = comparison_build(reading=reading, ntm=known[key], year=report.year)
    return ReportView(report, comparison)


def report_views(reports: Iterable[ProvinceReport]) -> list[ReportView]:
    known: dict[_Key, NtmFigures] = {}
    return [report_comparison(report=r, known=known) for r in reports]
