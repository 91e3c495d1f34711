"""Build the default report template (``templates/report.docx``) with python-docx.

Run ``python -m ntm.reports.template_build`` after changing this file; the .docx is committed so
that an office can open it in Word, change the fixed wording, fonts or headings, keep the
``{{ … }}`` placeholders it wants, and pass its copy with ``ntm report --template``.

Layout of Decree 30/2020/NĐ-CP: A4, margins top 20 mm, bottom 20 mm, left 30 mm, right 15 mm;
Times New Roman 14 pt; the issuing body with number/symbol on the left and the motto with place
and date on the right; page numbers centred at the top from the second page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

TEMPLATE = Path(__file__).parent / "templates" / "report.docx"
FONT = "Times New Roman"


class _Container(Protocol):
    """The document's body or a table cell: what paragraphs are added to."""

    def add_paragraph(self) -> Paragraph: ...


def _font(style_or_run: object, size: float | None = None) -> None:
    # A paragraph style or a run: python-docx types them apart, both have a font and an element.
    font = style_or_run.font  # type: ignore[attr-defined]  # see above
    font.name = FONT
    if size:
        font.size = Pt(size)
    rpr = style_or_run.element.get_or_add_rPr()  # type: ignore[attr-defined]  # see above
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _para(
    container: _Container,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    align: int | None = WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: bool = True,
    before: float = 0,
    after: float = 6,
) -> Paragraph:
    p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = Mm(10) if indent else Mm(0)
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if text:
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
    return p


def _tag(container: _Container, tag: str) -> None:
    """A paragraph that holds only a docxtpl block tag: removed when the template renders."""
    _para(container, tag, indent=False, after=0)


def _short_line(container: _Container, width_mm: float, cell_mm: float) -> None:
    """A short centred rule under a header block, drawn as a bottom border of an empty line."""
    p = _para(container, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=2)
    side = Mm((cell_mm - width_mm) / 2)
    p.paragraph_format.left_indent = side
    p.paragraph_format.right_indent = side
    p.paragraph_format.line_spacing = Pt(2)
    ppr = p._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(key), value)
    border.append(bottom)
    ppr.append(border)


def _fixed(table: Table, widths_mm: list[float]) -> None:
    """A fixed layout whose grid says the cells' widths: Word and LibreOffice then lay the
    header blocks out alike (with an auto layout, or a grid of other widths, LibreOffice wrapped
    the motto and split the issuer's place in two)."""
    table.autofit = False  # python-docx writes this as <w:tblLayout w:type="fixed"/>
    tbl = table._tbl
    width = tbl.tblPr.find(qn("w:tblW"))  # python-docx's default table has one, "auto"
    if width is not None:
        width.set(qn("w:w"), str(sum(round(Mm(w).twips) for w in widths_mm)))
        width.set(qn("w:type"), "dxa")
    for col, w in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths_mm, strict=True):
        col.set(qn("w:w"), str(round(Mm(w).twips)))


def _language(doc: DocumentObject) -> None:
    """Vietnamese as the language of every run (spelling, hyphenation, the docx's metadata)."""
    styles = doc.styles.element
    rpr = styles.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    if rpr is None:
        return
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), "vi-VN")


def _cell(cell: _Cell, width_mm: float) -> _Cell:
    cell.width = Mm(width_mm)
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    return cell


def _centre(
    cell: _Cell, text: str, *, bold: bool = False, italic: bool = False, size: float = 13
) -> None:
    _para(
        cell,
        text,
        bold=bold,
        italic=italic,
        size=size,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
        after=0,
    )


def _page_number_header(section: Section) -> None:
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def build(path: Path = TEMPLATE) -> Path:
    doc = Document()
    _page_setup(doc)
    _header_blocks(doc)
    _title(doc)
    _results(doc)
    _charts(doc)
    _other_results(doc)
    _problems(doc)
    _signature(doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def _page_setup(doc: DocumentObject) -> None:
    """A4 portrait, the decree's margins, Times New Roman 14 pt, page numbers at the top."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = section.footer_distance = Mm(10)
    _font(doc.styles["Normal"], 14)
    _language(doc)
    doc.styles["Normal"].paragraph_format.line_spacing = 1.1
    _page_number_header(section)


def _header_blocks(doc: DocumentObject) -> None:
    """Header blocks: issuing body left, motto with place and date right."""
    # The motto in 13 pt bold is 88 mm wide: 100 mm holds it with the cell's margins.
    left_w, right_w = 65.0, 100.0
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _fixed(table, [left_w, right_w])
    left, right = _cell(table.cell(0, 0), left_w), _cell(table.cell(0, 1), right_w)
    _tag(left, "{%p if issuer_parent %}")
    _centre(left, "{{ issuer_parent }}")
    _tag(left, "{%p endif %}")
    _tag(left, "{%p for line in issuer_lines %}")
    _centre(left, "{{ line }}", bold=True)
    _tag(left, "{%p endfor %}")
    _tag(left, "{%p if is_party %}")
    _centre(left, "*")
    _tag(left, "{%p else %}")
    _short_line(left, 25, left_w)
    _tag(left, "{%p endif %}")
    _centre(left, "{{ number_line }}")
    _centre(right, "{{ motto_1 }}", bold=True, size=13)
    _tag(right, "{%p if motto_2 %}")
    _centre(right, "{{ motto_2 }}", bold=True, size=14)
    _tag(right, "{%p endif %}")
    _short_line(right, 60, right_w)
    _centre(right, "{{ place_date }}", italic=True, size=14)


def _title(doc: DocumentObject) -> None:
    """Document type, subtitle under a short rule, and the introduction."""
    centre = WD_ALIGN_PARAGRAPH.CENTER
    _para(doc, "", after=6)
    _para(doc, "{{ document_type }}", bold=True, align=centre, indent=False, before=12, after=0)
    _para(doc, "{{ subtitle }}", bold=True, align=centre, indent=False, after=0)
    _short_line(doc, 40, 165)
    _para(doc, "", after=0)
    _para(doc, "{{ intro }}")


def _items(container: _Container, items: str, line: str = "- {{ item }}") -> None:
    """One paragraph per element of the list variable ``items``."""
    _tag(container, f"{{%p for item in {items} %}}")
    _para(container, line)
    _tag(container, "{%p endfor %}")


def _results(doc: DocumentObject) -> None:
    """Section I.1 and I.2: the summary, then criterion by criterion."""
    _para(doc, "I. KẾT QUẢ THỰC HIỆN", bold=True, before=6)
    _para(doc, "1. Kết quả chung", bold=True)
    _para(doc, "{{ summary }}")
    _para(doc, "2. Kết quả cụ thể", bold=True)
    _tag(doc, "{%p if all_met %}")
    _para(doc, "2.1. {{ all_met }}")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if criteria_items %}")
    _para(doc, "2.2. Các tiêu chí chưa hoàn thành 100% số xã gồm:")
    _items(doc, "criteria_items")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if targets_summary %}")
    _para(doc, "* {{ targets_summary }}")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if no_districts_note %}")
    _para(doc, "{{ no_districts_note }}", italic=True)
    _tag(doc, "{%p endif %}")
    _para(
        doc,
        "(Chi tiết tại các Phụ lục 01, 03 và 04 kèm theo)",
        italic=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
    )


def _charts(doc: DocumentObject) -> None:
    """The two charts with their captions, each only when the report has it."""
    for variable, caption in (
        ("chart_criteria", "Biểu đồ 1. Số xã đạt từng tiêu chí so với mục tiêu"),
        ("chart_bands", "Biểu đồ 2. Số xã theo nhóm số tiêu chí đạt"),
    ):
        centre = WD_ALIGN_PARAGRAPH.CENTER
        _tag(doc, f"{{%p if {variable} %}}")
        _para(doc, f"{{{{ {variable} }}}}", align=centre, indent=False, after=0)
        _para(doc, caption, italic=True, size=12, align=centre, indent=False)
        _tag(doc, "{%p endif %}")


def _other_results(doc: DocumentObject) -> None:
    """Sections I.3 to I.5: other targets, recognised communes, funds."""
    _tag(doc, "{%p if target_items %}")
    _para(doc, "3. Kết quả thực hiện các chỉ tiêu khác", bold=True)
    _items(doc, "target_items")
    _tag(doc, "{%p endif %}")
    _para(doc, "4. Các xã đạt chuẩn nông thôn mới", bold=True)
    _para(doc, "{{ recognised_intro }}")
    _items(doc, "recognised_items")
    _para(doc, "5. Huy động nguồn lực", bold=True)
    _items(doc, "funding_paragraphs", "{{ item }}")
    _tag(doc, "{%p if not funding_paragraphs %}")
    _para(doc, "Chưa có số liệu nguồn vốn.")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if monitoring_items %}")
    _para(doc, "6. Kết quả thực hiện các chỉ tiêu theo dõi", bold=True)
    _items(doc, "monitoring_items")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if ocop_paragraph %}")
    _para(doc, "Chương trình OCOP", bold=True)
    _para(doc, "{{ ocop_paragraph }}")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if carryover_paragraph %}")
    _para(doc, "{{ carryover_paragraph }}")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if forecast_paragraph %}")
    _para(doc, "{{ forecast_paragraph }}")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if group_items %}")
    _para(doc, "Kết quả theo nhóm xã", bold=True)
    _items(doc, "group_items")
    _tag(doc, "{%p endif %}")


def _problems(doc: DocumentObject) -> None:
    """Section II and the closing sentence. The consistency checks and the notes on reading the
    figures are for the office, not the addressees: they go to kiem-tra.md beside the report."""
    _para(doc, "II. TỒN TẠI, HẠN CHẾ", bold=True, before=6)
    _items(doc, "shortcomings")
    _para(doc, "{{ closing }}")


def _signature(doc: DocumentObject) -> None:
    """ "Nơi nhận" left, signature right."""
    sign = doc.add_table(rows=1, cols=2)
    sign.autofit = False
    _fixed(sign, [80, 85])
    left, right = _cell(sign.cell(0, 0), 80), _cell(sign.cell(0, 1), 85)
    start = WD_ALIGN_PARAGRAPH.LEFT
    _para(left, "Nơi nhận:", bold=True, italic=True, size=12, align=start, indent=False, after=0)
    _tag(left, "{%p for r in recipients %}")
    _para(left, "- {{ r }}", size=11, align=start, indent=False, after=0)
    _tag(left, "{%p endfor %}")
    _centre(right, "{{ signer_authority }}", bold=True, size=14)
    _centre(right, "{{ signer_title }}", bold=True, size=14)
    for _ in range(4):
        _centre(right, "")
    _centre(right, "{{ signer }}", bold=True, size=14)


if __name__ == "__main__":
    print(build())
