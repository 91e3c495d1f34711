"""The funding what-if as the office uses it (issue #15.3), in a real chromium against
``ntm serve --demo``: Kon Tum's office enters a unit cost per criterion and a budget, and sees
the plan (its cost within the budget, the communes it recognises, the next tranche), then the
plan's address keeps the inputs (a shared link gives the same plan)."""

from __future__ import annotations

import re

import pytest
from browser_support import PHONE, Site, page_width
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _amount(text: str) -> float:
    """A Vietnamese amount as the page writes it (1.250,5) as a number."""
    return float(text.replace(".", "").replace(",", "."))


def test_the_office_enters_costs_and_a_budget_and_sees_the_plan(site: Site) -> None:
    office = site.login("kontum")
    row = office.locator("tr", has_text="Tỉnh Kon Tum").filter(has_text="2020").first
    row.get_by_role("link", name="Tỉnh Kon Tum").click()
    office.wait_for_url(f"{site.url}/ky/*/")
    office.locator("#funding-plan-link").click()
    office.wait_for_url(re.compile(r".*/phuong-an-von/$"))

    # 2,5 tỷ per criterion closed (the demonstration's 2020 holds criterion statuses).
    criteria = office.locator('#costs-form input[name^="c-"]')
    for i in range(criteria.count()):
        criteria.nth(i).fill("2,5")
    office.get_by_role("button", name="Lưu đơn giá").click()
    expect(office.locator("ul.messages")).to_contain_text("thay đổi đơn giá")
    expect(office.locator('input[name="c-2"]')).to_have_value("2,5")

    office.get_by_label("Ngân sách (tỷ đồng)").fill("300")
    office.get_by_label("Đợt vốn tiếp theo (tỷ đồng)").fill("50")
    office.get_by_role("button", name="Lập phương án").click()
    office.wait_for_url(re.compile(r".*budget=300.*tranche=50"))

    summary = office.locator("#plan-summary")
    expect(summary).to_contain_text("Ngân sách 300 tỷ đồng; phương án dùng")
    found = re.search(r"dùng ([\d.,]+) tỷ đồng: (\d+) xã đạt chuẩn thêm", summary.inner_text())
    assert found, summary.inner_text()
    assert _amount(found.group(1)) <= 300 and int(found.group(2)) > 0
    expect(office.locator("#recognised tr[data-commune]")).to_have_count(int(found.group(2)))
    tranche = re.search(r"Thêm 50 tỷ đồng: thêm (\d+) xã", office.locator("#tranche").inner_text())
    assert tranche and int(tranche.group(1)) > 0  # 892,5 tỷ would close every costed gap
    expect(office.locator("#plan-xlsx")).to_have_text("Tải phương án (xlsx)")

    shared = site.page()  # the same address in a fresh tab, as a colleague opens a shared link
    shared.context.add_cookies(office.context.cookies())
    shared.goto(office.url)
    expect(shared.locator("#plan-summary")).to_have_text(summary.inner_text())
    site.shot(office, "phuong-an-von", at="#plan-form")

    office.set_viewport_size(PHONE)
    assert page_width(office) <= PHONE["width"]  # wide tables scroll inside themselves
