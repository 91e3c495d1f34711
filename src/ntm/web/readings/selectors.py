"""Reads of the provincial reports: each report's reading beside ntm's figures."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ntm.reports.reading.source import ReportUnreadable
from ntm.web.readings.comparison import Comparison, comparison_build, since_years
from ntm.web.readings.files import reading_of
from ntm.web.readings.models import ProvinceReport
from ntm.web.readings.ntm_side import ntm_figures


@dataclass(frozen=True)
class ReportView:
    report: ProvinceReport
    comparison: Comparison | None
    problem: str = ""  # why the stored file could not be read again (moved, deleted on disk)


def report_comparison(*, report: ProvinceReport) -> ReportView:
    """The report read again from its file (kept by hash) and compared with ntm as it is now."""
    try:
        reading, _kept = reading_of(
            path=Path(report.file.path), sha256=report.sha256, name=report.filename
        )
    except (ReportUnreadable, OSError, ValueError) as exc:
        return ReportView(report, None, str(exc))
    ntm = ntm_figures(
        regime=report.regime,
        province_code=report.province_code,
        year=report.year,
        since=since_years(reading),
    )
    return ReportView(report, comparison_build(reading=reading, ntm=ntm, year=report.year))
