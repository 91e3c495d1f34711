"""Write the four outputs of ``ntm report`` into a directory: all of them, or none.

Everything is written into a temporary directory beside the target first and moved into place
only when every file has been produced, so a failure never leaves half a report behind.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ntm.reports.charts import CHARTS, charts_draw
from ntm.reports.document import DocumentContext
from ntm.reports.docx import write_docx
from ntm.reports.figures import ReportFigures, figures_json
from ntm.reports.markdown import render_checks, render_markdown
from ntm.reports.xlsx import write_xlsx

OUTPUTS = ("report.docx", "phu-luc.xlsx", "report.json", "report.md", "kiem-tra.md")
__all__ = ["CHARTS", "OUTPUTS", "write_report"]

if TYPE_CHECKING:  # the worker's module imports multiprocessing: only ntm report needs it
    from ntm.reports.chart_worker import ChartWorker


def write_report(
    fig: ReportFigures,
    context: DocumentContext,
    out_dir: Path,
    *,
    template: Path | None = None,
    chart_worker: ChartWorker | None = None,
) -> list[Path]:
    """The files into ``out_dir``. With a ``chart_worker`` (``ntm report``) the charts are
    drawn by that second process while this one writes the appendix, the JSON and the Markdown;
    the Word file, which holds the charts, comes last either way."""
    out_dir = Path(out_dir)
    parent = out_dir.parent if out_dir.parent.exists() else Path(tempfile.gettempdir())
    work = Path(tempfile.mkdtemp(prefix=".ntm-report-", dir=parent))
    try:
        pending = chart_worker.charts_draw(fig, work) if chart_worker else None
        charts = charts_draw(fig, work) if pending is None else None
        _write_files(fig, context, work)
        charts = pending.result() if pending is not None else charts
        write_docx(context, work / "report.docx", template=template, charts=charts)
        out_dir.mkdir(parents=True, exist_ok=True)
        written = []
        for name in (*OUTPUTS, *CHARTS.values()):
            os.replace(work / name, out_dir / name)
            written.append(out_dir / name)
        return written
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _write_files(fig: ReportFigures, context: DocumentContext, work: Path) -> None:
    """The appendix, the JSON and the Markdown files (all but the Word file and the charts)."""
    head = context.header
    day = head.place_date.split(", ", 1)[-1]
    # "số 75-BC/TU": only the word is lower-cased, the number keeps its capitals.
    number = head.number_line[:1].lower() + head.number_line[1:]
    attached = f"Báo cáo {number} {day} của {head.issuer_name}"
    write_xlsx(fig, work / "phu-luc.xlsx", attached_to=attached)
    (work / "report.json").write_text(
        json.dumps(figures_json(fig), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    (work / "report.md").write_text(render_markdown(context, dict(CHARTS)), encoding="utf-8")
    (work / "kiem-tra.md").write_text(render_checks(context), encoding="utf-8")
