"""The central office uploads a province's report in a real chromium against ``ntm serve --demo``
(issue #15.1): Kon Tum's report (seed 004) with its recognised count changed to 30, read and
set beside the demonstration's data; the difference highlighted and said in words."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import PHONE, ROOT, Site, page_width
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
SEED = ROOT / "tests" / "reports" / "reading" / "seeds" / "004_3f63d3089639c371.txt"


def test_the_central_office_uploads_a_report_and_sees_the_difference(
    site: Site, tmp_path: Path
) -> None:
    said = "toàn tỉnh có 28 xã đạt chuẩn 19/19 tiêu chí"
    text = SEED.read_text(encoding="utf-8")
    assert said in text
    report = tmp_path / "bao-cao-kon-tum-2020.txt"
    report.write_text(text.replace(said, said.replace("28", "30")), encoding="utf-8")

    central = site.login("trunguong")
    central.get_by_role("link", name="Báo cáo của tỉnh").click()
    central.wait_for_url(f"{site.url}/bao-cao-tinh/")
    form = central.locator("#upload-form")
    form.get_by_label("Tỉnh").select_option(label="Tỉnh Kon Tum (Trước 1/7/2025)")
    form.get_by_label("Tệp báo cáo (.txt, .docx, .pdf)").set_input_files(str(report))
    form.get_by_role("button", name="Tải lên và đọc").click()

    central.wait_for_url(f"{site.url}/bao-cao-tinh/*/")
    expect(central.locator("h1")).to_have_text("Báo cáo của Tỉnh Kon Tum năm 2020")
    recognised = central.locator("#comparison tr", has_text="Xã đạt chuẩn nông thôn mới")
    expect(recognised).to_have_class("cmp-differs")
    expect(recognised.locator("td.stated")).to_have_text("30 xã")
    expect(recognised.locator("td.ntm")).to_have_text("28 xã")
    expect(recognised.locator("td.verdict")).to_have_text("lệch +2 xã")
    total = central.locator("#comparison tr", has_text="Tổng số xã")
    expect(total.locator("td.verdict")).to_have_text("khớp")
    recognised.locator("summary").click()
    expect(recognised.locator("details p")).to_contain_text("toàn tỉnh có 30 xã đạt chuẩn")
    expect(central.locator("#checks")).to_contain_text("SAI")
    site.shot(central, "doi-chieu-bao-cao", at="h1")

    central.set_viewport_size(PHONE)
    central.wait_for_timeout(300)
    assert page_width(central) <= PHONE["width"]  # the table scrolls inside itself, not the page
