"""Reports: figures computed from evaluation results, written as DOCX, XLSX, JSON and Markdown.

``build_figures`` gives the content (pure, a ``ntm.reports.figures.ReportFigures``);
``ntm.reports.writer.write_report`` writes the four files, all or none.
"""

from __future__ import annotations

from dataclasses import replace

from ntm.reports.checks import collect_checks
from ntm.reports.content import ReportData, Scope, report_figures
from ntm.reports.figures import ReportFigures

__all__ = ["ReportData", "ReportFigures", "Scope", "build_figures"]


def build_figures(data: ReportData) -> ReportFigures:
    """The figures with every check of the inputs (``checks``) filled in."""
    fig = report_figures(data)
    return replace(fig, checks=collect_checks(data, fig))
