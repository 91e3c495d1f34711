"""The office's narrative sections placed in the report's files (issue #12.4).

The report package writes its four files from the figures alone (``write_report``); the sections
an office writes (``ReportSettings.sections``, fields filled by ``ntm.reports.fields``) and the
plan targets' progress are then placed in them: section I after the opening paragraph, the others
before the closing one, in the Word document and the Markdown report, and listed under
``narrative`` in report.json. An office's own template without those paragraphs gets the
sections at the end of its body. All the files are written, or none.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from docx import Document
from docx.text.paragraph import Paragraph

from ntm.reports.document import DocumentContext
from ntm.reports.fields import fill
from ntm.reports.figures import ReportFigures
from ntm.reports.settings import SECTIONS
from ntm.reports.writer import write_report

FIRST = ("trien_khai",)  # placed after the opening paragraph; every other before the closing
CLOSING = "Trên đây là báo cáo"
TARGETS_KEY, TARGETS_HEADING = "chi_tieu", "Tiến độ thực hiện các chỉ tiêu kế hoạch"


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    paragraphs: list[str]


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
        blocks = [" ".join(b.split()) for b in text.replace("\r\n", "\n").split("\n\n")]
        filled = [fill(b, fields, where=f"mục «{heading}»") for b in blocks if b]
        out.append(Section(key, heading, filled))
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
) -> list[Path]:
    """``write_report`` with the sections placed; every file or none reaches ``out_dir``."""
    out_dir = Path(out_dir)
    parent = out_dir.parent if out_dir.parent.exists() else Path(tempfile.gettempdir())
    work = Path(tempfile.mkdtemp(prefix=".ntm-office-report-", dir=parent))
    try:
        written = write_report(fig, context, work / "out", template=template)
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


def _lines(sections: Sequence[Section]) -> list[tuple[str, bool]]:
    """(text, is heading) in document order."""
    out: list[tuple[str, bool]] = []
    for s in sections:
        out += [(s.heading, True), *((p, False) for p in s.paragraphs)]
    return out


def _docx(path: Path, sections: Sequence[Section], anchors: tuple[str, str]) -> None:
    document = Document(str(path))
    paragraphs = document.paragraphs
    intro = next((p for p in paragraphs if anchors[0] and p.text.startswith(anchors[0])), None)
    closing = next((p for p in paragraphs if p.text.startswith(anchors[1])), None)
    first, rest = _split(sections)
    if intro is None or closing is None:
        for text, heading in _lines([*first, *rest]):
            document.add_paragraph().add_run(text).bold = heading
        document.save(str(path))
        return
    cursor = intro
    for text, heading in _lines(first):
        new = _like(intro, text, heading)
        cursor._p.addnext(new._p)
        cursor = new
    for text, heading in _lines(rest):
        closing._p.addprevious(_like(closing, text, heading)._p)
    document.save(str(path))


def _like(anchor: Paragraph, text: str, heading: bool) -> Paragraph:
    """A new paragraph formatted as ``anchor`` (its paragraph properties, not its runs)."""
    element = copy.deepcopy(anchor._p)
    for child in list(element):
        if not child.tag.endswith("}pPr"):
            element.remove(child)
    paragraph = Paragraph(element, anchor._parent)
    paragraph.add_run(text).bold = heading
    return paragraph


def _markdown(path: Path, sections: Sequence[Section], anchors: tuple[str, str]) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    first, rest = _split(sections)

    def block(items: Sequence[Section]) -> list[str]:
        out: list[str] = []
        for s in items:
            out += ["", f"### {s.heading}", "", *"\n\n".join(s.paragraphs).split("\n")]
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
