"""The dashboard's forecast block (issue #15.2) over the demonstration data (Kon Tum 2015 and
2020): its figures are the domain's forecast from the fixture's files, read independently of
the web (``ntm forecast``'s reader), and the chart's data is on the page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from ntm.cli.forecast import histories_from_files
from ntm.domain.forecast import province_by_year, target_verdict
from ntm.domain.forecast_history import forecast_communes
from ntm.web.assessments.models import Period
from ntm.web.demo import demo_load

KONTUM = Path(__file__).resolve().parents[3] / "fixtures" / "kontum-2020"


@pytest.fixture
def page(db: None, client) -> str:
    assert demo_load(say=lambda _text: None)
    period = Period.objects.get(regime="old", province_code="62", year=2020)
    client.force_login(User.objects.get(username="kontum"))
    return client.get(f"/tong-hop/?period={period.pk}").content.decode()


def _histories():
    files = [KONTUM / "criteria-2015.csv", KONTUM / "criteria-2020.csv"]
    return histories_from_files(files, None, None, None)


def _domain():
    return [f.overall for f in forecast_communes(_histories())]


def _recognised(year: int) -> int:
    histories = _histories()
    total = len(histories.numbers)
    return sum(1 for h in histories.counts if len(h.met[h.years.index(year)]) == total)


def _cell(page: str, year: int, attr: str) -> str:
    row = re.search(rf'<tr data-year="{year}" data-kind="[a-z]+">(.*?)</tr>', page, re.S)
    assert row, year
    found = re.search(rf"<td {attr}[^>]*>([^<]*)</td>", row.group(1))
    assert found, (year, attr)
    return found.group(1)


def test_the_forecast_block_shows_the_domains_forecast_for_kontum(page):
    forecasts = _domain()
    assert 'data-block="forecast"' in page
    assert _cell(page, 2015, "data-actual") == str(_recognised(2015))
    assert _cell(page, 2020, "data-actual") == str(_recognised(2020)) == "28"
    for p in province_by_year(forecasts, 2030)[1:]:
        assert _cell(page, p.year, "data-expected") == str(p.expected), p.year
        band = re.search(rf'data-band-low="{p.low}" data-band-high="{p.high}"', page)
        assert band, p
    verdict = target_verdict(forecasts, 2025, 60)  # Resolution 01-NQ/TU: 60 communes by 2025
    assert verdict.sentence in page
    assert verdict.sentence.startswith("Theo tốc độ hiện nay, đạt mục tiêu năm 2025")


def test_the_forecast_chart_has_its_data(page):
    forecasts = _domain()
    assert 'id="chart-forecast"' in page
    found = re.search(r'<script id="dash-forecast" type="application/json">(.*?)</script>', page)
    assert found
    data = json.loads(found.group(1))
    assert data["labels"] == ["2015", *(str(y) for y in range(2020, 2031))]
    actual, expected, low, high = (d["values"] for d in data["datasets"])
    assert actual == [_recognised(2015), 28] + [0] * 10
    by_year = province_by_year(forecasts, 2030)[1:]  # after 2020: the lines start at the actual
    assert expected == [_recognised(2015), 28, *(p.expected for p in by_year)]
    assert low[2:] == [p.low for p in by_year] and high[2:] == [p.high for p in by_year]
    assert low[:2] == high[:2] == actual[:2]
    assert data["yMarkers"] == [{"label": "Mục tiêu 2025: 60 xã", "value": 60}]


def test_a_share_target_is_counted_over_the_provinces_communes(db, client):
    from ntm.web.public.models import PlanTarget

    assert demo_load(say=lambda _text: None)
    PlanTarget.objects.create(regime="old", province_code="62", plan="Nghị quyết 257/2025/QH15",
                              year=2030, measure="communes_recognised_share", value=65,
                              baseline_year=2015)  # fmt: skip
    period = Period.objects.get(regime="old", province_code="62", year=2020)
    client.force_login(User.objects.get(username="kontum"))
    page = client.get(f"/tong-hop/?period={period.pk}").content.decode()
    verdict = target_verdict(_domain(), 2030, 56)  # 65 % of 85 communes, rounded up
    assert verdict.sentence in page


def test_the_dashboards_report_has_the_forecast_paragraph(db, client):
    import io

    from docx import Document

    assert demo_load(say=lambda _text: None)
    period = Period.objects.get(regime="old", province_code="62", year=2020)
    client.force_login(User.objects.get(username="kontum"))
    docx = client.get(f"/tong-hop/bao-cao/?period={period.pk}&format=docx")
    text = [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
    found = [t for t in text if t.startswith("Dự báo theo tốc độ hiện nay")]
    assert len(found) == 1, text
    end = province_by_year(_domain(), 2030)[-1]
    assert f"đến năm 2030 dự kiến {end.expected} xã đạt chuẩn" in found[0]
    assert f"(khoảng {end.low}–{end.high} xã)" in found[0]
    assert target_verdict(_domain(), 2025, 60).sentence in found[0]
