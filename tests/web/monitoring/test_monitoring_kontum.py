"""Issue #12 acceptance on Kon Tum (the demonstration data, as ``ntm serve --demo`` loads it):
the II.1 figures of seed 004 imported through the web are stated by the report the web gives,
and funds imported through the web give the same Phụ lục 02 and sentence as ``ntm report
--funding`` on the same file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from docx import Document
from kontum_monitoring import STATED, write_csv
from openpyxl import load_workbook
from typer.testing import CliRunner

from ntm.cli import app
from ntm.web.assessments.models import Period
from ntm.web.audit.models import AuditEntry
from ntm.web.demo import demo_load
from ntm.web.monitoring.models import FundAmount, MonitoringValue

KONTUM = Path(__file__).resolve().parents[3] / "fixtures" / "kontum-2020"
FUNDING = KONTUM / "funding-2016-2020.csv"
SENTENCE = "Tổng nguồn vốn huy động giai đoạn 2016 - 2020 là 1.847,561 tỷ đồng"


@pytest.fixture
def demo(db: None) -> Period:
    assert demo_load(say=lambda _text: None)
    return Period.objects.get(regime="old", province_code="62", year=2020)


def _office(client):
    client.force_login(User.objects.get(username="kontum"))
    return client


def _upload(client, url: str, path: Path):
    with path.open("rb") as f:
        return client.post(url, {"file": f})


def _docx_text(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def _web_report(client, period: Period, kind: str) -> bytes:
    answer = client.get(f"/tong-hop/bao-cao/?period={period.pk}&format={kind}")
    assert answer.status_code == 200
    return b"".join(answer.streaming_content) if answer.streaming else answer.content


def test_the_ii1_figures_imported_through_the_web_are_stated_by_the_report(client, demo, tmp_path):
    MonitoringValue.objects.all().delete()  # the demonstration's own values out of the way
    answer = _upload(
        _office(client), f"/ky/{demo.pk}/theo-doi/nhap/", write_csv(tmp_path / "ii1.csv")
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    text = _docx_text(_web_report(client, demo, "docx"))
    section = text.split("6. Kết quả thực hiện các chỉ tiêu theo dõi", 1)[1]
    for figure in STATED:
        assert figure in section, figure
    assert "tỷ lệ hộ nghèo 33,89% năm 2015 → 14,35% năm 2020" in section
    cli = _cli_report(tmp_path / "cli", "--monitoring", str(tmp_path / "ii1.csv"))
    cli_text = _docx_text((cli / "report.docx").read_bytes())
    cli_section = cli_text.split("6. Kết quả thực hiện các chỉ tiêu theo dõi", 1)[1]
    assert _section(cli_section) == _section(section)
    assert AuditEntry.objects.filter(target="m:roads_concreted_km", channel="import").count() == 85


def test_a_bad_monitoring_file_writes_nothing_and_names_the_cell(client, demo, tmp_path):
    before = MonitoringValue.objects.count()
    bad = tmp_path / "bad.csv"
    bad.write_text("unit_code,year,indicator,value\n23311,2020,labour_days,5\n23311,2020,x,1\n")
    answer = _upload(_office(client), f"/ky/{demo.pk}/theo-doi/nhap/", bad)
    page = answer.content.decode()
    assert answer.status_code == 400
    assert "không có trong danh mục" in page and "C (indicator)" in page
    assert MonitoringValue.objects.count() == before


def _section(text: str) -> list[str]:
    """The lines of section 6, up to the next heading. The dashboard's report closes section I
    with the province's forecast, which ``ntm report`` on one year's file has no history for."""
    lines = text.split("II. TỒN TẠI", 1)[0].strip().splitlines()
    return [line for line in lines if not line.startswith("Dự báo theo tốc độ hiện nay")]


def _cli_report(out: Path, *extra: str) -> Path:
    args = [
        "report",
        "--data",
        str(KONTUM / "criteria-2020.csv"),
        "--units",
        str(KONTUM / "communes.csv"),
        "--baseline",
        str(KONTUM / "criteria-2015.csv"),
        "--targets",
        str(KONTUM / "targets.csv"),
        "--funding",
        str(FUNDING),
        "--out",
        str(out),
        *extra,
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return out


def _sheet_rows(content: bytes, title: str) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(content))[title]
    return [row for row in sheet.iter_rows(values_only=True) if any(c is not None for c in row)]


def test_funds_imported_through_the_web_give_the_clis_annex_02_and_sentence(client, demo, tmp_path):
    FundAmount.objects.all().delete()
    answer = _upload(_office(client), f"/ky/{demo.pk}/nguon-von/nhap/", FUNDING)
    assert answer.status_code == 302, answer.content.decode()[:2000]
    cli = _cli_report(tmp_path / "cli")
    web_docx = _docx_text(_web_report(client, demo, "docx"))
    cli_docx = _docx_text((cli / "report.docx").read_bytes())
    web_sentence = next(p for p in web_docx.splitlines() if p.startswith(SENTENCE))
    cli_sentence = next(p for p in cli_docx.splitlines() if p.startswith(SENTENCE))
    assert web_sentence == cli_sentence
    assert "Chưa có số liệu nguồn vốn" not in web_docx
    web_annex = _sheet_rows(_web_report(client, demo, "xlsx"), "Phụ lục 02")
    cli_annex = _sheet_rows((cli / "phu-luc.xlsx").read_bytes(), "Phụ lục 02")
    # The line under the title names the report it is attached to (number and date differ:
    # the web report is dated as the office set it, the year's end by default).
    assert web_annex[0] == cli_annex[0] and web_annex[3:] == cli_annex[3:]
    assert web_annex[2][0].startswith("(Kèm theo Báo cáo số")
    assert any(1847.561 in row for row in web_annex)


def test_funds_page_shows_the_stacked_sources_and_the_form_saves_with_audit(client, demo):
    FundAmount.objects.all().delete()
    _upload(_office(client), f"/ky/{demo.pk}/nguon-von/nhap/", FUNDING)
    page = client.get(f"/ky/{demo.pk}/nguon-von/").content.decode()
    assert 'data-span="2016–2020"' in page and 'data-source="central_budget"' in page
    answer = client.post(f"/ky/{demo.pk}/nguon-von/", {
        "unit_code": "62", "period_start": "2020", "period_end": "2020", "source": "_other",
        "source_code": "tinh_kon_tum", "source_name": "Quỹ riêng của tỉnh", "plan": "12,5",
        "allocated": "10", "disbursed": "9,75",
    })  # fmt: skip
    assert answer.status_code == 302
    row = FundAmount.objects.get(source="tinh_kon_tum")
    assert (row.plan, row.allocated, row.disbursed) == (12.5, 10.0, 9.75)
    assert AuditEntry.objects.filter(target="v:tinh_kon_tum", channel="form").exists()


def test_the_dashboard_shows_the_funds_stacked_by_source(client, demo):
    FundAmount.objects.all().delete()
    _upload(_office(client), f"/ky/{demo.pk}/nguon-von/nhap/", FUNDING)
    page = client.get(f"/tong-hop/?period={demo.pk}").content.decode()
    block = page.split('id="funds-chart"', 1)[1]
    assert 'data-span="2016–2020"' in block and "1.847,561" in block
    assert block.index('data-source="central_budget"') < block.index('data-source="community"')
