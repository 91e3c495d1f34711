"""The Kon Tum 2020 report from the fixture files states every figure of Báo cáo 75-BC/TU."""

from __future__ import annotations

import json
from pathlib import Path

from docx import Document
from docx.shared import Mm
from openpyxl import load_workbook
from report_helpers import KONTUM, OUTPUTS, docx_text, read_json, total_row


def test_it_writes_the_four_outputs(kontum_report: Path) -> None:
    for name in OUTPUTS:
        assert (kontum_report / name).stat().st_size > 0, name


def test_the_json_states_every_figure_of_the_expected_file(kontum_report: Path) -> None:
    expected = json.loads((KONTUM / "expected.json").read_text(encoding="utf-8"))
    got = read_json(kontum_report)
    # 'source' names the published report the fixture was taken from; ours names its inputs.
    keys = [k for k in expected if k != "source"]
    assert len(keys) == len(expected) - 1
    for key in keys:
        if key == "criteria":
            for number, want in expected["criteria"].items():
                have = {k: got["criteria"][number][k] for k in want}
                assert have == want, number
        else:
            assert got[key] == expected[key], key


def test_the_json_has_lagging_districts_and_checks(kontum_report: Path) -> None:
    got = read_json(kontum_report)
    lag = got["criteria"]["10"]["lagging"]
    assert [d["name"] for d in lag][:2] == ["Huyện Ia H' Drai", "Huyện Tu Mơ Rông"]
    assert lag[1] == {"code": "617", "name": "Huyện Tu Mơ Rông", "met": 0, "total": 11}
    assert got["criteria"]["1"]["lagging"] == []
    assert got["checks"] == []
    assert len(got["districts"]) == 10
    assert sum(d["recognised"] for d in got["districts"]) == 28


def test_the_word_report_states_the_figures_in_vietnamese_format(kontum_report: Path) -> None:
    text = docx_text(kontum_report / "report.docx")
    for phrase in (
        "28 xã",
        "14,8",
        "tăng 5,8",
        "57/85 xã",
        "163%",
        "96,47%",
        "12/19 tiêu chí",
        "1.847,561 tỷ đồng",
        "1.135,11 tỷ đồng",
        "920,700 tỷ đồng",
        "giảm 41 xã so với năm 2015",
        "Mường Hoong",
        "Ngọc Linh",
        "Sa Thầy (đạt 4/10 xã)",
        "Có 85/85 xã đã hoàn thành các tiêu chí: Số 1 về quy hoạch; số 3 về thủy lợi",
        "TỈNH ỦY KON TUM",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Số 75-BC/TU",
        "Kon Tum, ngày 01 tháng 6 năm 2021",
        "Nơi nhận:",
        "Nguyễn Văn Hòa",
    ):
        assert phrase in text, phrase
    assert "{{" not in text and "{%" not in text


def test_the_word_report_has_the_decree_30_page_and_font(kontum_report: Path) -> None:
    doc = Document(str(kontum_report / "report.docx"))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm) <= 25
    assert 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35
    assert 15 <= round(section.right_margin.mm) <= 20
    normal = doc.styles["Normal"].font
    assert normal.name == "Times New Roman"
    assert 13 <= normal.size.pt <= 14
    body_fonts = {r.font.name for p in doc.paragraphs for r in p.runs if r.font.name}
    assert body_fonts <= {"Times New Roman"}
    # Two charts embedded.
    assert len(doc.inline_shapes) == 2
    assert doc.inline_shapes[0].width <= Mm(165)


def test_the_appendix_totals_equal_the_json(kontum_report: Path) -> None:
    got = read_json(kontum_report)
    total = total_row(kontum_report)
    for number, crit in got["criteria"].items():
        assert total[f"TC {number}"] == crit["met"], number
    assert total["Số tiêu chí đạt"] == got["avg_criteria"] == 14.8
    assert total["Đạt chuẩn NTM"] == got["recognised"] == 28
    assert total["Mã xã"] == "85 xã"


def test_the_appendices_are_styled_for_printing(kontum_report: Path) -> None:
    book = load_workbook(kontum_report / "phu-luc.xlsx")
    assert book.sheetnames == ["Phụ lục 01", "Phụ lục 02", "Phụ lục 03", "Phụ lục 04"]
    ws = book["Phụ lục 01"]
    assert ws.freeze_panes is not None
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1
    assert ws["A1"].font.name == "Times New Roman"
    funds = {r[1].strip(): r[2] for r in book["Phụ lục 02"].iter_rows(values_only=True) if r[1]}
    assert funds["Tổng cộng giai đoạn 2016 - 2020"] == 1847.561
    assert funds["Ngân sách Nhà nước hỗ trợ trực tiếp"] == 1135.11
    assert funds["Vốn tín dụng"] == 167.801
    recognised = [
        r for r in book["Phụ lục 04"].iter_rows(values_only=True) if isinstance(r[0], int)
    ]
    assert len(recognised) == 28
    per_district = {r[1]: r for r in book["Phụ lục 03"].iter_rows(values_only=True) if r[0] == 2}
    assert per_district  # criterion 2 row
    row2 = next(r for r in book["Phụ lục 03"].iter_rows(values_only=True) if r[0] == 2)
    # 162,86 % shown as the Word text says it: 163 %.
    assert row2[-3:] == (57, 35, 163)


def test_the_markdown_report_says_the_same(kontum_report: Path) -> None:
    md = (kontum_report / "report.md").read_text(encoding="utf-8")
    for phrase in ("28 xã đạt chuẩn 19/19 tiêu chí", "14,8", "57/85 xã", "163%", "1.847,561"):
        assert phrase in md, phrase
