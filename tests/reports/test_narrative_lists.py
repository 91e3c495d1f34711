"""A narrative section's plain text in the report's files: paragraphs separated by a blank line
come out as paragraphs, lines starting with "- " as list paragraphs (the "List Bullet" style of
the Word document, "- " in Markdown, their indexes in report.json), read back with python-docx."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document
from report_helpers import KONTUM, run_report

from ntm.reports.narrative import text_blocks

TEXT = """Năm {{ nam }}, tỉnh tập trung ba nhiệm vụ:
- Giữ vững {{ so_xa_dat_chuan }} xã đạt chuẩn;
- Nâng chất lượng tiêu chí
  giao thông;
- Hỗ trợ các xã còn lại.
Đoạn sau danh sách.

Đoạn thứ ba, viết
trên hai dòng."""
SETTINGS = (
    '''issuer = "ubnd_tinh"
[sections]
nhiem_vu = """'''
    + TEXT
    + '''"""
'''
)


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        ("Một đoạn.", [("Một đoạn.", False)]),
        ("Dòng một\ndòng hai.\n\nĐoạn hai.", [("Dòng một dòng hai.", False), ("Đoạn hai.", False)]),
        ("Mở đầu:\n- a\n- b", [("Mở đầu:", False), ("a", True), ("b", True)]),
        ("- a\n  tiếp\n- b\nSau.", [("a tiếp", True), ("b", True), ("Sau.", False)]),
        ("Đoạn.\n   \n- a", [("Đoạn.", False), ("a", True)]),
        ("- a\nKhông thụt lề.", [("a", True), ("Không thụt lề.", False)]),
        ("-5 độ là số âm.\r\n\r\n-  b", [("-5 độ là số âm.", False), ("b", True)]),
        ("", []),
    ],
)
def test_plain_text_splits_into_paragraphs_and_list_items(
    text: str, blocks: list[tuple[str, bool]]
) -> None:
    assert text_blocks(text) == blocks


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("narrative")
    settings = work / "s.toml"
    settings.write_text(SETTINGS, encoding="utf-8")
    out = work / "out"
    # The options of tests/reports/test_office_report_settings.py, with these settings.
    result = run_report(
        "--year", "2020", "--data", KONTUM / "criteria-2020.csv",
        "--baseline", KONTUM / "criteria-2015.csv", "--units", KONTUM / "communes.csv",
        "--out", out, "--settings", settings,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


def test_items_are_list_paragraphs_and_paragraphs_stay_paragraphs_in_the_docx(
    report: Path,
) -> None:
    document = Document(str(report / "report.docx"))
    texts = [p.text for p in document.paragraphs]
    start = texts.index("Năm 2020, tỉnh tập trung ba nhiệm vụ:")
    shown = [
        (p.text, p.style.name if p.style else "") for p in document.paragraphs[start : start + 6]
    ]
    body = shown[0][1]
    assert body != "List Bullet"
    assert shown == [
        ("Năm 2020, tỉnh tập trung ba nhiệm vụ:", body),
        ("Giữ vững 28 xã đạt chuẩn;", "List Bullet"),
        ("Nâng chất lượng tiêu chí giao thông;", "List Bullet"),
        ("Hỗ trợ các xã còn lại.", "List Bullet"),
        ("Đoạn sau danh sách.", body),
        ("Đoạn thứ ba, viết trên hai dòng.", body),
    ]
    # The items are a real list: their style is numbered by a bullet (its own indent too) and
    # they carry no indent of the body paragraph they were copied from.
    item = document.paragraphs[start + 1]
    num_id = item.style.element.pPr.numPr.numId.val
    numbering = document.part.numbering_part.element
    (abstract,) = [n.abstractNumId.val for n in numbering.num_lst if n.numId == num_id]
    level = f'./w:abstractNum[@w:abstractNumId="{abstract}"]/w:lvl[@w:ilvl="0"]'
    assert numbering.xpath(level + "/w:numFmt/@w:val") == ["bullet"]
    assert numbering.xpath(level + "/w:pPr/w:ind")
    assert not item._p.xpath("./w:pPr/w:numPr")  # the style's bullet, not a copied number
    # The bullet where a body paragraph's first line starts, the text after it.
    indent = document.paragraphs[start].paragraph_format.first_line_indent
    assert indent and indent > 0
    hanging = -item.paragraph_format.first_line_indent
    assert hanging > 0 and item.paragraph_format.left_indent == indent + hanging


def test_items_are_a_markdown_list_and_are_marked_in_the_json(report: Path) -> None:
    markdown = (report / "report.md").read_text(encoding="utf-8")
    assert (
        "Năm 2020, tỉnh tập trung ba nhiệm vụ:\n\n- Giữ vững 28 xã đạt chuẩn;\n"
        "- Nâng chất lượng tiêu chí giao thông;\n- Hỗ trợ các xã còn lại.\n\n"
        "Đoạn sau danh sách.\n\nĐoạn thứ ba, viết trên hai dòng."
    ) in markdown
    (section,) = json.loads((report / "report.json").read_text(encoding="utf-8"))["narrative"]
    assert section["key"] == "nhiem_vu" and section["bullets"] == [1, 2, 3]
    assert section["paragraphs"][1] == "Giữ vững 28 xã đạt chuẩn;"
