"""Editing and deleting registry records as the office does it, in a real chromium against
``ntm serve --demo``: an OCOP product's score edited gives new stars, two officers editing the
same product do not overwrite each other, a deletion asks first. The demonstration's products
are put back as they were (the server is shared by the session's browser tests)."""

from __future__ import annotations

import pytest
from browser_support import Site
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def _edit(page: Page, site: Site, code: str) -> None:
    page.goto(f"{site.url}/so-theo-doi/ocop/")
    page.locator(f'tr.product[data-code="{code}"]').get_by_role("link", name="Sửa").click()
    page.wait_for_url(f"{site.url}/so-theo-doi/ocop/*/sua/")


def test_the_office_edits_a_score_and_the_stars_follow(site: Site) -> None:
    office = site.login("kontum")
    _edit(office, site, "KT-004")  # 24 + 15 + 22 = 61 points: 3 stars
    expect(office.get_by_label("Tên sản phẩm")).to_have_value("Gùi mây tre đan")
    expect(office.get_by_label("Ngày quyết định")).to_have_value("2023-10-20")
    office.get_by_label("Điểm phần A").fill("34")
    office.get_by_role("button", name="Ghi").click()
    expect(office.locator("ul.messages")).to_contain_text("Đã sửa sản phẩm KT-004.")
    row = office.locator('tr.product[data-code="KT-004"]')
    expect(row).to_have_attribute("data-stars", "4")  # 71 points by the 148/2023 scorecard
    _edit(office, site, "KT-004")
    office.get_by_label("Điểm phần A").fill("24")
    office.get_by_role("button", name="Ghi").click()
    expect(row).to_have_attribute("data-stars", "3")


def test_a_second_officer_editing_the_same_product_is_told_and_overwrites_nothing(
    site: Site,
) -> None:
    first, second = site.login("kontum"), site.login("kontum")
    _edit(first, site, "KT-005")
    _edit(second, site, "KT-005")
    name = first.get_by_label("Tên sản phẩm").input_value()
    first.get_by_label("Chủ thể").fill("Hợp tác xã Kon Kơ Tu")
    first.get_by_role("button", name="Ghi").click()
    expect(first.locator("ul.messages")).to_contain_text("Đã sửa sản phẩm KT-005.")
    second.get_by_label("Chủ thể").fill("Hộ kinh doanh")
    second.get_by_role("button", name="Ghi").click()
    expect(second.locator("ul.errorlist")).to_contain_text("vừa được người khác sửa")
    _edit(second, site, "KT-005")
    expect(second.get_by_label("Chủ thể")).to_have_value("Hợp tác xã Kon Kơ Tu")
    second.get_by_label("Chủ thể").fill("Hợp tác xã")  # as the demonstration had it
    second.get_by_role("button", name="Ghi").click()
    expect(second.locator("ul.messages")).to_contain_text("Đã sửa sản phẩm KT-005.")
    assert name == "Du lịch cộng đồng làng Kon Kơ Tu"


def test_a_deletion_asks_first_then_removes_the_product(site: Site) -> None:
    office = site.login("kontum")
    office.goto(f"{site.url}/so-theo-doi/ocop/them/")
    office.get_by_label("Xã").select_option(index=1)
    office.get_by_label("Mã sản phẩm").fill("KT-XOA")
    office.get_by_label("Tên sản phẩm").fill("Sản phẩm nhập nhầm")
    office.get_by_label("Nhóm sản phẩm").select_option("Thực phẩm")
    office.get_by_label("Chủ thể").fill("Hộ kinh doanh")
    office.get_by_label("Phiếu chấm").select_option("148/2023")
    for part, score in (("A", "30"), ("B", "20"), ("C", "25")):
        office.get_by_label(f"Điểm phần {part}").fill(score)
    office.get_by_label("Số quyết định").fill("99/QĐ")
    office.get_by_label("Ngày quyết định").fill("2025-05-01")
    office.get_by_role("button", name="Ghi").click()
    row = office.locator('tr.product[data-code="KT-XOA"]')
    expect(row).to_have_attribute("data-stars", "4")
    row.get_by_role("link", name="Xóa").click()
    expect(office.locator("#delete-what")).to_contain_text("KT-XOA Sản phẩm nhập nhầm")
    expect(office.get_by_text("sản phẩm cũng bị xóa khỏi sổ")).to_be_visible()
    office.get_by_role("button", name="Xóa").click()
    expect(office.locator("ul.messages")).to_contain_text("Đã xóa.")
    expect(row).to_have_count(0)
