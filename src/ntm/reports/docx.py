"""The Word report: the context rendered through a docxtpl template (the shipped one or an
office's own, ``--template``)."""

from __future__ import annotations

from pathlib import Path

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from ntm.reports.document import DocumentContext
from ntm.reports.template_build import TEMPLATE

CHART_WIDTH = Mm(150)


def write_docx(
    context: DocumentContext,
    path: Path,
    *,
    template: Path | None = None,
    charts: dict[str, Path] | None = None,
) -> Path:
    tpl = DocxTemplate(str(template or TEMPLATE))
    ctx = context.template_variables()
    for key, chart in (charts or {}).items():
        ctx[key] = InlineImage(tpl, str(chart), width=CHART_WIDTH)
    # Names with '&' or '<' must stay text, never break the document's XML.
    tpl.render(ctx, autoescape=True)
    tpl.save(str(path))
    return path
