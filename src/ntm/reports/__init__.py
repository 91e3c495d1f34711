"""Reports: figures computed from evaluation results, written as DOCX, XLSX, JSON and Markdown.

``build_figures`` gives the content (pure); ``ntm.reports.writer.write_report`` writes the four
files, all or none.
"""

from __future__ import annotations

from typing import Any

from ntm.reports.checks import collect_checks
from ntm.reports.content import ReportData, Scope, report_figures

__all__ = ["ReportData", "Scope", "build_figures"]


def build_figures(data: ReportData) -> dict[str, Any]:
    fig = report_figures(data)
    fig["checks"] = collect_checks(data, fig)
    del fig["funding_checks"]
    return fig
