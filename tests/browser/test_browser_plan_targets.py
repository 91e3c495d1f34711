"""A plan target entered as the office does it, in a real chromium against ``ntm serve --demo``
(issue #12.3): Resolution 257/2025/QH15's "65 % of communes by 2030" on Kon Tum's page of plan
targets, shown with its progress status."""

from __future__ import annotations

import pytest
from browser_support import Site
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_office_enters_resolution_257s_share_target_and_sees_its_status(site: Site) -> None:
    office = site.login("kontum")
    row = office.locator("tr", has_text="Tỉnh Kon Tum").filter(has_text="2020").first
    row.get_by_role("link", name="Tỉnh Kon Tum").click()
    office.wait_for_url(f"{site.url}/ky/*/")
    office.goto(f"{office.url}chi-tieu-ke-hoach/")

    office.get_by_label("Chỉ tiêu đo").select_option("communes_recognised_share")
    office.get_by_label("Giá trị mục tiêu (hoặc cận dưới)").fill("65")
    office.get_by_label("Năm mục tiêu:", exact=True).fill("2030")
    office.get_by_label("Năm gốc:", exact=True).fill("2015")
    office.get_by_label("Văn bản giao chỉ tiêu (số nghị quyết)").fill("Nghị quyết 257/2025/QH15")
    office.get_by_role("button", name="Thêm", exact=True).click()

    expect(office.locator("ul.messages")).to_contain_text("Đã thêm chỉ tiêu kế hoạch.")
    target = office.locator("#targets tr", has_text="Nghị quyết 257/2025/QH15")
    expect(target).to_contain_text("Tỷ lệ xã đạt chuẩn nông thôn mới")
    expect(target).to_contain_text("≥ 65 (2030)")
    # 9 of 85 communes in 2015, 32 in 2025 (the demonstration's latest year): on track.
    expect(target.locator("td.status strong")).to_have_text("Đúng tiến độ")
    site.shot(office, "chi-tieu-ke-hoach")
