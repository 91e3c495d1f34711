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

from ntm.reports.charts import bands_chart, criteria_chart
from ntm.reports.document import DocumentContext
from ntm.reports.docx import write_docx
from ntm.reports.figures import ReportFigures, figures_json
from ntm.reports.markdown import render_checks, render_markdown
from ntm.reports.xlsx import write_xlsx

OUTPUTS = ("report.docx", "phu-luc.xlsx", "report.json", "report.md", "kiem-tra.md")
CHARTS = {"chart_criteria": "bieu-do-tieu-chi.png", "chart_bands": "bieu-do-nhom-tieu-chi.png"}


def write_report(
    fig: ReportFigures,
    context: DocumentContext,
    out_dir: Path,
    *,
    template: Path | None = None,
) -> list[Path]:
    out_dir = Path(out_dir)
    parent = out_dir.parent if out_dir.parent.exists() else Path(tempfile.gettempdir())
    work = Path(tempfile.mkdtemp(prefix=".ntm-report-", dir=parent))
    try:
        charts = {
            "chart_criteria": criteria_chart(fig, work / CHARTS["chart_criteria"]),
            "chart_bands": bands_chart(fig, work / CHARTS["chart_bands"]),
        }
        write_docx(context, work / "report.docx", template=template, charts=charts)
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
        out_dir.mkdir(parents=True, exist_ok=True)
        written = []
        for name in (*OUTPUTS, *CHARTS.values()):
            os.replace(work / name, out_dir / name)
            written.append(out_dir / name)
        return written
    finally:
        shutil.rmtree(work, ignore_errors=True)
