"""The province's forecast on the dashboard (issue #15.2), in a real chromium against
``ntm serve --demo``: Kon Tum's recognised communes per year, the expected count to 2030 with
its band and the plan's target, drawn by the chart library, with the verdict beside it; then the
communes closest to the standard (Kon Tum's files are criterion-level: the count pace dates
them, and the page says so)."""

from __future__ import annotations

import re

import pytest
from browser_support import Site
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_kontum_dashboard_draws_the_forecast_chart(site: Site) -> None:
    office = site.login("kontum")
    office.get_by_role("link", name="Bảng tổng hợp").click()
    block = office.locator("#du-bao")
    expect(block.get_by_role("heading", level=2)).to_have_text(
        "Dự báo số xã đạt chuẩn theo tốc độ hiện nay"
    )
    expect(block.locator(".dash-verdict").first).to_contain_text(
        re.compile(r"^Theo tốc độ hiện nay, (đạt mục tiêu năm|thiếu khoảng)")
    )
    chart = block.locator("#chart-forecast svg").first
    expect(chart).to_be_visible()
    expect(block.locator("#chart-forecast .dataset-line").first).to_be_visible()
    expect(block.locator("table[data-table=forecast] tr[data-year='2030']")).to_be_visible()
    site.shot(office, "tong-hop-du-bao", at="#du-bao")
    closest = block.locator("table[data-table=forecast-closest]")
    expect(block.locator("#gan-dat-chuan")).to_have_text("Các xã gần đạt chuẩn nhất")
    expect(closest.locator("tr[data-commune]")).to_have_count(10)
    first = closest.locator("tr[data-commune]").first
    expect(first.locator("td[data-year]")).to_have_text(re.compile(r"^20\d\d$"))
    expect(first).to_contain_text("theo tốc độ số tiêu chí")
    site.shot(office, "tong-hop-du-bao-gan-dat", at="#gan-dat-chuan")
