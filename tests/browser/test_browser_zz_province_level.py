"""The province level of 2026–2030 (Annex III of Decision 51/2025) in a real chromium against
``ntm serve --demo``: the central office creates Tuyên Quang's province-level period of 2026 on
/ky/tao/ (a second run creates none and says so), opens it from the national view's Annex III
column, and the Tuyên Quang office gives the condition's result on the province's page; the
verdict follows there and in the national view.

Named to run last: it adds a second Tuyên Quang 2026 period, which the other tests' links to
"Tỉnh Tuyên Quang" would then find twice.
"""

from __future__ import annotations

import pytest
from browser_support import PHONE, Site, page_width
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

PROVINCE = "Tỉnh Tuyên Quang"


def _create(central: Page) -> None:
    central.get_by_label("Cấp").select_option("province")
    central.get_by_label("Năm").fill("2026")
    central.get_by_label("Bộ tiêu chí").select_option("s:tinh-ntm-2026-2030")
    central.locator("input[value='new:08']").check()
    central.get_by_role("button", name="Tạo kỳ").click()


def _annex_cell(page: Page) -> object:
    row = page.locator("#national-provinces tr", has_text=PROVINCE)
    return row.locator('td[data-col="annex"]')


def test_the_centre_creates_the_province_period_and_the_office_gives_its_result(
    site: Site,
) -> None:
    central = site.login("trunguong")
    central.goto(f"{site.url}/bo-tieu-chi/")
    central.get_by_role("link", name="Tạo kỳ đánh giá").click()
    _create(central)
    expect(central.locator("ul.messages")).to_contain_text("Đã tạo 1 kỳ đánh giá.")
    _create(central)
    expect(central.locator("ul.messages")).to_contain_text("Không tạo kỳ nào")
    expect(central.locator("ul.messages")).to_contain_text(f"{PROVINCE} 2026")

    central.goto(f"{site.url}/tong-hop/ca-nuoc/?year=2026")
    cell = _annex_cell(central)
    expect(cell).to_contain_text("Chưa xác định")  # the shipped set: the level is unknown
    cell.get_by_role("link", name="chỉ tiêu cấp tỉnh").click()
    expect(central.locator("h1")).to_have_text(f"Chỉ tiêu cấp tỉnh — {PROVINCE} 2026")
    expect(central.locator("#province-source")).to_contain_text("xã đạt chuẩn")
    expect(central.locator('tr[data-indicator="1.1"]')).to_contain_text("chưa xác định")
    expect(central.get_by_role("button", name="Lưu")).to_have_count(0)  # the centre reads
    page_url = central.url

    office = site.login("tinh")
    office.goto(page_url)
    expect(office.locator("#province-verdict")).to_contain_text("Chưa xác định")
    office.locator("select[name='tc-1']").select_option("0")
    expect(office.locator("#province-verdict")).to_contain_text("Chưa đạt")  # previewed, unsaved
    office.get_by_role("button", name="Lưu").click()
    expect(office.locator("ul.messages")).to_contain_text("Đã lưu 1 thay đổi.")
    expect(office.locator("#province-verdict")).to_contain_text("Chưa đạt")
    site.shot(office, "chi-tieu-cap-tinh")
    office.set_viewport_size(PHONE)
    assert page_width(office) <= PHONE["width"]  # the table scrolls inside itself

    central.goto(f"{site.url}/tong-hop/ca-nuoc/?year=2026")
    expect(_annex_cell(central)).to_contain_text("Chưa đạt")
