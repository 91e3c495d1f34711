"""The dashboard over the demonstration data (Kon Tum 2015 and 2020, as ``ntm serve --demo``
loads them) shows the figures of the province's own report (fixtures/kontum-2020/expected.json)."""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from dashboard_samples import band, commune_rows, criterion_met, figure, table
from django.contrib.auth.models import User
from docx import Document
from openpyxl import load_workbook

from ntm.domain.rollup import rollup
from ntm.formatting import percent
from ntm.io.bundle import load_inputs
from ntm.web.assessments.models import Period
from ntm.web.demo import demo_load

KONTUM = Path(__file__).resolve().parents[3] / "fixtures" / "kontum-2020"
EXPECTED = json.loads((KONTUM / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture
def demo(db: None) -> Period:
    assert demo_load(say=lambda _text: None)
    return Period.objects.get(regime="old", province_code="62", year=2020)


def _office(client):
    client.force_login(User.objects.get(username="kontum"))
    return client


def test_the_kontum_2020_dashboard_shows_the_figures_of_the_provinces_report(client, demo):
    page = _office(client).get(f"/tong-hop/?period={demo.pk}").content.decode()
    assert figure(page, "total") == "85"
    assert figure(page, "recognised") == "28"
    assert figure(page, "avg") == "14,8"
    for label, count in EXPECTED["bands"].items():
        assert band(page, label, 2020) == str(count), label
    assert band(page, "<5", 2015) == str(EXPECTED["under5_baseline"])
    for number, c in EXPECTED["criteria"].items():
        assert criterion_met(page, int(number)) == str(c["met"]), number
    under = commune_rows(page, "under")
    assert [name for _code, name, _met, _missing in under] == EXPECTED["communes_under_10_criteria"]
    for number, c in EXPECTED["criteria"].items():
        row = re.search(rf'<tr data-criterion="{number}">(.*?)</tr>', page, re.S).group(1)
        cells = [html.unescape(x) for x in re.findall(r"<td[^>]*>([^<]*)</td>", row)]
        assert cells[4:] == [str(c["target"]), percent(c["pct_of_target"])], number
    assert "Chưa có chỉ tiêu kế hoạch" not in page


def test_the_closest_communes_are_those_the_engine_finds_in_the_fixture_files(client, demo):
    inputs = load_inputs([KONTUM / "criteria-2020.csv"], year=2020)
    summary = rollup(inputs.evaluate())
    expected = [(inputs.units[r].code, missing) for r, missing in summary.closest]
    page = _office(client).get(f"/tong-hop/?period={demo.pk}").content.decode()
    shown = commune_rows(page, "closest")
    assert [code for code, *_ in shown] == [code for code, _ in expected] == ["23398"]
    assert shown[0][1:] == ("Xã Sa Loong", "18", "2. Giao thông")
    assert "Huyện Tu Mơ Rông" in table(page, "districts")
    # Before the merger every commune belongs to a district, shown beside it.
    assert re.findall(r"<th>([^<]*)</th>", table(page, "communes"))[2] == "Huyện"
    assert "<td>Huyện Ngọc Hồi</td>" in table(page, "closest")  # Xã Sa Loong


def test_the_xlsx_export_has_the_rows_of_the_table_with_the_same_filters(client, demo):
    district = "610"  # Huyện Đắk Glei
    query = f"?period={demo.pk}&district={district}&sort=met"
    page = _office(client).get("/tong-hop/" + query).content.decode()
    rows = commune_rows(page, "communes")
    assert len(rows) == 11 and rows[0][1] in {"Xã Mường Hoong", "Xã Ngọc Linh"}
    response = client.get("/tong-hop/" + query + "&export=xlsx&table=communes")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert "Huyện Đắk Glei" in sheet["A2"].value
    cells = [[c.value for c in r] for r in sheet.iter_rows(min_row=5)]
    assert [(r[0], r[1], str(r[4]), r[8] or "") for r in cells] == [
        (code, name, met, missing) for code, name, met, missing in rows
    ]


def test_the_report_of_ntm_report_downloads_from_the_dashboard(client, demo):
    office = _office(client)
    docx = office.get(f"/tong-hop/bao-cao/?period={demo.pk}&format=docx")
    assert docx.status_code == 200 and docx["Content-Disposition"].endswith('report.docx"')
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "14,8" in text and "28" in text
    xlsx = office.get(f"/tong-hop/bao-cao/?period={demo.pk}&format=xlsx")
    assert xlsx["Content-Disposition"].endswith('phu-luc.xlsx"')
    assert len(load_workbook(io.BytesIO(xlsx.content)).sheetnames) >= 2


def test_every_link_of_an_earlier_years_page_keeps_that_year_and_its_filters(client, demo):
    """Links are resolved as a browser resolves them: a stray second "?" would drop the period."""
    earlier = Period.objects.get(regime="old", province_code="62", year=2015)
    base = f"http://testserver/tong-hop/?period={earlier.pk}&district=610&sort=name"
    page = _office(client).get(base).content.decode()
    hrefs = [html.unescape(h) for h in re.findall(r'href="(\?[^"]*)"', page)]
    assert len(hrefs) >= 8
    for href in hrefs:
        query = parse_qs(urlsplit(urljoin(base, href)).query, keep_blank_values=True)
        assert set(query) <= {"period", "district", "sort", "export", "table"}, href
        assert query["period"] == [str(earlier.pk)] and query["district"] == ["610"], href
    exports = [h for h in hrefs if "export=xlsx" in h]
    assert {parse_qs(h[1:])["table"][0] for h in exports} >= {"years", "criteria", "communes"}
    workbook = client.get(urljoin(base, next(h for h in exports if "table=communes" in h)))
    title = " ".join(
        str(c.value or "") for c in load_workbook(io.BytesIO(workbook.content)).active["A"][:3]
    )
    assert "2015" in title and "Huyện Đắk Glei" in title
    # From 2020, the year table links to 2015 with the same filters.
    page = client.get(f"/tong-hop/?period={demo.pk}&district=610").content.decode()
    years = re.findall(r'<tr data-year="2015"><td><a href="([^"]+)"', page)
    assert [parse_qs(urlsplit(html.unescape(h)).query) for h in years] == [
        {"period": [str(earlier.pk)], "district": ["610"]}
    ]
