"""The office's narrative sections placed in the report's files (issue #12.4).

The report package writes its four files from the figures alone (``write_report``); the sections
an office writes (``ReportSettings.sections``, fields filled by ``ntm.reports.fields``) and the
plan targets' progress are then placed in them: section I after the opening paragraph, the others
before the closing one, in the Word document and the Markdown report, and listed under
``narrative`` in report.json. An office's own template without those paragraphs gets the
sections at the end of its body. All the files are written, or none.

A section's text is plain: paragraphs are separated by a blank line (the lines of one paragraph
are joined), and a line starting with "- " is an item of a bulleted list — a list paragraph of
the document's "List Bullet" style in Word, "- " in Markdown, its index under ``bullets`` in
report.json. An indented line continues the item above it; any other line after an item starts
a new paragraph.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docx import Document
from docx.shared import Cm, Emu
from docx.text.paragraph import Paragraph

from ntm.reports.document import DocumentContext
from ntm.reports.fields import fill
from ntm.reports.figures import ReportFigures
from ntm.reports.settings import SECTIONS
from ntm.reports.writer import write_report

if TYPE_CHECKING:  # the worker's module imports multiprocessing: only ntm report needs it
    from ntm.reports.chart_worker import ChartWorker

FIRST = ("trien_khai",)  # placed after the opening paragraph; every other before the closing
CLOSING = "Trên đây là báo cáo"
TARGETS_KEY, TARGETS_HEADING = "chi_tieu", "Tiến độ thực hiện các chỉ tiêu kế hoạch"


BULLET = "- "
BULLET_STYLE = "List Bullet"
HANGING = Cm(0.63)  # the room for a bullet, as Word's own lists leave


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    paragraphs: list[str]
    bullets: tuple[int, ...] = ()  # the paragraphs that are items of a bulleted list

    def blocks(self) -> list[tuple[str, bool]]:
        """(text, is a list item) in order."""
        return [(p, i in self.bullets) for i, p in enumerate(self.paragraphs)]


def text_blocks(text: str) -> list[tuple[str, bool]]:
    """A section's plain text as (paragraph, is a list item): blank lines end a paragraph, a
    line starting with "- " is an item, the lines of a paragraph or an item are joined."""
    out: list[tuple[str, bool]] = []
    for block in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n")):
        lines: list[str] = []
        bullet = False
        for raw in block.split("\n"):
            line = raw.strip()
            starts_item = line.startswith(BULLET)
            # An indented line continues the item above it; any other line ends the item.
            continues = bullet and raw[:1].isspace() and not starts_item
            if lines and (starts_item or bullet) and not continues:
                out.append((" ".join(" ".join(lines).split()), bullet))
                lines = []
            if line:
                lines.append(line.removeprefix(BULLET) if starts_item else line)
                bullet = starts_item or continues
        if lines:
            out.append((" ".join(" ".join(lines).split()), bullet))
    return out


def render_sections(
    texts: Mapping[str, str], fields: Mapping[str, str], *, targets: Sequence[str] = ()
) -> list[Section]:
    """The office's sections with their fields filled (FieldError names an unknown one), and
    the plan targets' lines; a paragraph is text between blank lines."""
    out = []
    for key, heading in SECTIONS.items():
        text = texts.get(key, "").strip()
        if not text:
            continue
        blocks = text_blocks(text)
        filled = [fill(b, fields, where=f"mục «{heading}»") for b, _item in blocks]
        bullets = tuple(i for i, (_b, item) in enumerate(blocks) if item)
        out.append(Section(key, heading, filled, bullets))
    if targets:
        at = len([s for s in out if s.key in FIRST])
        out.insert(at, Section(TARGETS_KEY, TARGETS_HEADING, list(targets)))
    return out


def write_office_report(
    fig: ReportFigures,
    context: DocumentContext,
    out_dir: Path,
    sections: Sequence[Section],
    *,
    template: Path | None = None,
    chart_worker: ChartWorker | None = None,
) -> list[Path]:
    """``write_report`` with the sections placed; every file or none reaches ``out_dir``."""
    out_dir = Path(out_dir)
    parent = out_dir.parent if out_dir.parent.exists() else Path(tempfile.gettempdir())
    work = Path(tempfile.mkdtemp(prefix=".ntm-office-report-", dir=parent))
    try:
        written = write_report(
            fig, context, work / "out", template=template, chart_worker=chart_worker
        )
        if sections:
            anchors = (context.body.intro[:60], CLOSING)
            _docx(work / "out" / "report.docx", sections, anchors)
            _markdown(work / "out" / "report.md", sections, anchors)
            _json(work / "out" / "report.json", sections)
        out_dir.mkdir(parents=True, exist_ok=True)
        for path in written:
            os.replace(path, out_dir / path.name)
        return [out_dir / path.name for path in written]
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _split(sections: Sequence[Section]) -> tuple[list[Section], list[Section]]:
    return [s for s in sections if s.key in FIRST], [s for s in sections if s.key not in FIRST]


HEADING, PARAGRAPH, ITEM = "heading", "paragraph", "item"


def _lines(sections: Sequence[Section]) -> list[tuple[str, str]]:
    """(text, HEADING, PARAGRAPH or ITEM) in document order."""
    out: list[tuple[str, str]] = []
    for s in sections:
        out += [(s.heading, HEADING), *((p, ITEM if b else PARAGRAPH) for p, b in s.blocks())]
    return out


def _docx(path: Path, sections: Sequence[Section], anchors: tuple[str, str]) -> None:
    document = Document(str(path))
    paragraphs = document.paragraphs
    intro = next((p for p in paragraphs if anchors[0] and p.text.startswith(anchors[0])), None)
    closing = next((p for p in paragraphs if p.text.startswith(anchors[1])), None)
    first, rest = _split(sections)
    bullet = _bullet_style(document)
    if intro is None or closing is None:
        for text, kind in _lines([*first, *rest]):
            paragraph = document.add_paragraph()
            _fill(paragraph, text, kind, bullet)
        document.save(str(path))
        return
    cursor = intro
    for text, kind in _lines(first):
        new = _like(intro, text, kind, bullet)
        cursor._p.addnext(new._p)
        cursor = new
    for text, kind in _lines(rest):
        closing._p.addprevious(_like(closing, text, kind, bullet)._p)
    document.save(str(path))


def _bullet_style(document: Any) -> Any:
    """The document's bulleted-list style; None in a template without one (an office's own)."""
    try:
        return document.styles[BULLET_STYLE]
    except KeyError:
        return None


def _fill(paragraph: Paragraph, text: str, kind: str, bullet: Any) -> None:
    """The paragraph's text; a list item takes the list style (its bullet and indent), or keeps
    a "- " before its text where the template has no such style."""
    if kind == ITEM and bullet is not None:
        body_indent = paragraph.paragraph_format.first_line_indent or 0
        paragraph.style = bullet
        ppr = paragraph._p.pPr
        if ppr is not None:  # the list's own numbering, not the body paragraph's
            for child in list(ppr):
                if child.tag.endswith(("}ind", "}numPr")):
                    ppr.remove(child)
        # The bullet where the body's paragraphs start their first line, the text after it.
        paragraph.paragraph_format.left_indent = Emu(max(body_indent, 0) + HANGING)
        paragraph.paragraph_format.first_line_indent = Emu(-HANGING)
    elif kind == ITEM:
        text = BULLET + text
    paragraph.add_run(text).bold = kind == HEADING


def _like(anchor: Paragraph, text: str, kind: str, bullet: Any) -> Paragraph:
    """A new paragraph formatted as ``anchor`` (its paragraph properties, not its runs)."""
    element = copy.deepcopy(anchor._p)
    for child in list(element):
        if not child.tag.endswith("}pPr"):
            element.remove(child)
    paragraph = Paragraph(element, anchor._parent)
    _fill(paragraph, text, kind, bullet)
    return paragraph


def _markdown(path: Path, sections: Sequence[Section], anchors: tuple[str, str]) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    first, rest = _split(sections)

    def block(items: Sequence[Section]) -> list[str]:
        out: list[str] = []
        for s in items:
            out += ["", f"### {s.heading}"]
            previous_item = False
            for text, item in s.blocks():
                if not (item and previous_item):  # a list's items follow one another
                    out.append("")
                out.append(BULLET + text if item else text)
                previous_item = item
        return out

    closing = next((i for i, ln in enumerate(lines) if ln.startswith(anchors[1])), len(lines))
    lines[closing:closing] = [*block(rest), ""]
    intro = next((i for i, ln in enumerate(lines) if anchors[0] and anchors[0] in ln), None)
    if intro is not None:
        lines[intro + 1 : intro + 1] = block(first)
    else:
        lines[closing:closing] = block(first)
    path.write_text("\n".join(lines), encoding="utf-8")


def _json(path: Path, sections: Sequence[Section]) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    data["narrative"] = [asdict(s) for s in sections]
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
