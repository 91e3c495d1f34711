"""The national view over the demonstration data: every province's figures equal its own
dashboard's, the regions add up, the spreadsheet holds the same rows, and only users whose scope
spans provinces may open it."""

from __future__ import annotations

import io
import re

import pytest
from dashboard_samples import figure
from django.contrib.auth.models import User
from openpyxl import load_workbook

from ntm.web.assessments.models import Period
from ntm.web.demo import demo_load


@pytest.fixture
def demo(db: None) -> list[Period]:
    assert demo_load(say=lambda _text: None)
    return list(Period.objects.order_by("year", "pk"))


def _as(client, username: str):
    client.force_login(User.objects.get(username=username))
    return client


def _national_row(page: str, period: Period) -> dict[str, str]:
    row = re.search(rf'<tr data-province="{period.regime}-{period.province_code}">(.*?)</tr>',
                    page, re.S).group(1)  # fmt: skip
    cells = dict(re.findall(r'data-col="(\w+)">([^<]*)<', row))
    assert f"?period={period.pk}" in row  # the drill-down to the province's dashboard
    return cells


def test_each_provinces_national_figures_equal_its_own_dashboard(client, demo):
    _as(client, "trunguong")
    for period in demo:
        national = client.get(f"/tong-hop/ca-nuoc/?year={period.year}").content.decode()
        board = client.get(f"/tong-hop/?period={period.pk}").content.decode()
        cells = _national_row(national, period)
        assert cells["communes"] == figure(board, "total"), period
        assert cells["recognised"] == figure(board, "recognised"), period
        assert cells["avg"] == figure(board, "avg"), period
        if sum(p.year == period.year for p in demo) == 1:  # 2026: Tuyên Quang and Quảng Ngãi
            assert figure(national, "total") == figure(board, "total")


def test_the_change_is_against_the_same_province_a_year_before_when_there_is_one(client, demo):
    page = _as(client, "trunguong").get("/tong-hop/ca-nuoc/?year=2020").content.decode()
    kontum = next(p for p in demo if p.year == 2020)
    assert _national_row(page, kontum)["change"].startswith("—")  # 2015 is five years before
    assert 'data-region="TN"' in page  # Kon Tum is in the Central Highlands


def test_the_spreadsheet_holds_the_rows_of_the_page(client, demo):
    response = _as(client, "trunguong").get("/tong-hop/ca-nuoc/?year=2020&export=xlsx")
    assert response["Content-Disposition"].endswith('tong-hop-ca-nuoc-2020.xlsx"')
    ws = load_workbook(io.BytesIO(response.content)).active
    headers = [c.value for c in ws[4]]
    row = {h: c.value for h, c in zip(headers, ws[5], strict=True)}
    assert (row["Tỉnh"], row["Số xã"], row["Đạt đủ tiêu chí"]) == ("Tỉnh Kon Tum", 85, 28)
    assert row["Bình quân tiêu chí/xã"] == 14.8


def test_a_provincial_office_may_not_open_it_and_does_not_see_the_link(client, demo):
    _as(client, "kontum")
    assert client.get("/tong-hop/ca-nuoc/").status_code == 403
    assert 'id="nav-national"' not in client.get("/tong-hop/").content.decode()


def test_the_central_office_sees_the_link_and_a_second_look_is_kept(client, demo):
    _as(client, "trunguong")
    assert 'id="nav-national"' in client.get("/tong-hop/").content.decode()
    assert client.get("/tong-hop/ca-nuoc/")["X-Dashboard-Figures"] == "judged"
    assert client.get("/tong-hop/ca-nuoc/")["X-Dashboard-Figures"] == "cached"
