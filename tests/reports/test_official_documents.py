"""The official documents as their addressees receive them (issue #14.4).

The Word report of a province and of a district carries no consistency check and no technical
note (those go to ``kiem-tra.md`` beside it); its sections are true to its level and year; its
recipients, metadata and charts follow Decree 30/2020/NĐ-CP and the accessibility rules; the
appendix keeps the report's number as written, its shares add up, its pages are numbered.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from report_helpers import docx_text, kontum_args, read_json, run_report

# What belongs to the office's checks, never to the official body.
TECHNICAL = ("KIỂM TRA SỐ LIỆU", "Ghi chú:", "Không phát hiện sai lệch", "ngoài giai đoạn")


@pytest.fixture(scope="module")
def district_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Huyện Tu Mơ Rông 2020: 0 of its 11 communes at standard; a government issuer."""
    out = tmp_path_factory.mktemp("tu-mo-rong") / "bao-cao"
    args = [*kontum_args(out), "--level", "district", "--unit", "617"]
    args += ["--issuer-type", "government", "--number", "12/BC-UBND"]
    result = run_report(*args)
    assert result.exit_code == 0, result.output
    return out


def test_the_province_report_carries_no_check_and_no_technical_note(kontum_report: Path) -> None:
    text = docx_text(kontum_report / "report.docx")
    assert [t for t in TECHNICAL if t in text] == []
    checks = (kontum_report / "kiem-tra.md").read_text(encoding="utf-8")
    assert "# KIỂM TRA SỐ LIỆU" in checks and "Không phát hiện sai lệch." in checks
    assert read_json(kontum_report)["notes"][0] in checks


def test_the_district_report_carries_no_check_and_no_technical_note(
    district_report: Path,
) -> None:
    text = docx_text(district_report / "report.docx")
    assert [t for t in TECHNICAL if t in text] == []
    assert (district_report / "kiem-tra.md").exists()


def test_a_2020_report_never_says_the_districts_are_gone(district_report: Path) -> None:
    assert "01/7/2025" not in docx_text(district_report / "report.docx")
    assert "01/7/2025" not in (district_report / "report.md").read_text(encoding="utf-8")


def test_a_district_with_no_commune_at_standard_states_it_as_a_shortcoming(
    district_report: Path,
) -> None:
    text = docx_text(district_report / "report.docx")
    section = text.split("TỒN TẠI, HẠN CHẾ", 1)[1]
    assert "Chưa có xã nào đạt chuẩn 19/19 tiêu chí (0/11 xã)." in section
    assert "Không có." not in section


def test_the_issuer_breaks_before_its_place_and_the_recipients_follow_decree_30(
    district_report: Path,
) -> None:
    doc = Document(str(district_report / "report.docx"))
    left = [p.text for p in doc.tables[0].cell(0, 0).paragraphs if p.text]
    assert left[:2] == ["ỦY BAN NHÂN DÂN", "HUYỆN TU MƠ RÔNG"]
    text = docx_text(district_report / "report.docx")
    recipients = text.split("Nơi nhận:", 1)[1].split("\nTM.", 1)[0].strip().splitlines()
    assert recipients[-1] == "- Lưu: VT."
    assert all(line.startswith("- ") and line.endswith(";") for line in recipients[:-1])
    assert len(recipients) >= 3


def test_the_header_tables_have_a_fixed_layout_whose_grid_matches_the_cells(
    kontum_report: Path,
) -> None:
    doc = Document(str(kontum_report / "report.docx"))
    for table in doc.tables:
        xml = table._tbl.xml
        assert '<w:tblLayout w:type="fixed"/>' in xml
        grid = [c.w for c in table._tbl.tblGrid.gridCol_lst]
        cells = [cell.width for cell in table.rows[0].cells]
        assert [round(g / 635) for g in grid] == [round(c / 635) for c in cells]


def test_the_docx_says_who_issued_it_in_vietnamese_and_describes_its_charts(
    kontum_report: Path,
) -> None:
    props = Document(str(kontum_report / "report.docx")).core_properties
    assert props.author == "Tỉnh ủy Kon Tum" and props.language == "vi-VN"
    assert props.title.startswith("BÁO CÁO Kết quả thực hiện Chương trình")
    assert props.created == dt.datetime(2021, 6, 1, tzinfo=props.created.tzinfo)
    with zipfile.ZipFile(kontum_report / "report.docx") as archive:
        body = archive.read("word/document.xml").decode("utf-8")
        styles = archive.read("word/styles.xml").decode("utf-8")
    assert body.count('descr="Biểu đồ') == 2
    assert 'w:lang w:val="vi-VN"' in styles


def test_the_appendix_keeps_the_number_numbers_its_pages_and_adds_up(
    kontum_report: Path,
) -> None:
    book = load_workbook(kontum_report / "phu-luc.xlsx")
    for ws in book.worksheets:
        assert "75-BC/TU" in str(ws["A3"].value), ws.title
        assert ws.oddFooter.center.text == "Trang &P/&N"
    funds = {
        str(r[0]): r[3] for r in book["Phụ lục 02"].iter_rows(values_only=True) if r[0] and r[3]
    }
    # Ngân sách Nhà nước 61,4 % = Trung ương + địa phương + giai đoạn trước.
    assert round(funds["1.1"] + funds["1.2"] + funds["1.3"], 1) == funds["1"] == 61.4
    tops = [v for k, v in funds.items() if k.isdigit()]
    assert round(sum(tops), 1) == 100.0
    fig = read_json(kontum_report)
    words = docx_text(kontum_report / "report.docx")
    assert f"chiếm {str(funds['1']).replace('.', ',')}%" in words
    assert fig["funding_2016_2020_billion_vnd"]["total"] == 1847.561
