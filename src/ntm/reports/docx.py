"""The Word report: the context rendered through a docxtpl template (the shipped one or an
office's own, ``--template``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from ntm.reports.document import DocumentContext
from ntm.reports.template_build import TEMPLATE

CHART_WIDTH = Mm(150)
# Alt text of each chart (read aloud by a screen reader, shown when the image is missing).
CHART_ALT = {
    "chart_criteria": "Biểu đồ 1. Số xã đạt từng tiêu chí so với mục tiêu",
    "chart_bands": "Biểu đồ 2. Số xã theo nhóm số tiêu chí đạt",
}


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
    # The rendered document (get_docx() would load the template again).
    document: DocumentObject = tpl.docx
    _alt_texts(document, [key for key in CHART_ALT if key in (charts or {})])
    _properties(document, context)
    tpl.save(str(path))
    return path


def _alt_texts(document: DocumentObject, keys: list[str]) -> None:
    """The charts appear in the template's order: each image gets its caption as alt text."""
    frames = document.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
    )
    for frame, key in zip(frames, keys, strict=False):
        frame.set("descr", CHART_ALT[key])
        frame.set("title", CHART_ALT[key])


def _properties(document: DocumentObject, context: DocumentContext) -> None:
    """Title, author (the issuer, never "python-docx"), Vietnamese, dated the report's date."""
    head = context.header
    props = document.core_properties
    props.title = f"{head.document_type} {head.subtitle}"
    props.author = props.last_modified_by = head.issuer_name
    props.subject = head.subtitle
    props.language = "vi-VN"
    props.keywords = "nông thôn mới"
    props.comments = ""
    when = _report_date(head.date)
    props.created = props.modified = when
    props.revision = 1


def _report_date(text: str) -> dt.datetime:
    """dd/mm/yyyy of the header ('' when the report has no date: today)."""
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y")
    except ValueError:
        return dt.datetime.now().replace(microsecond=0)
