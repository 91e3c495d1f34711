"""The 2026–2030 regime on day one, in a real chromium against ``ntm serve --demo`` (issue #11):
the Tuyên Quang office starts its variant of ``xa-ntm-2026-2030``, pastes 12 indicator rows
copied from a table (tab-separated, Vietnamese decimals, "≥ 90%"), sets the groups of all its
communes from an xlsx with a decision number, attaches the variant to 2026, turns pilot
evaluation on, and the dashboard shows the bands by group under the pilot banner; the report says
the same. Every step through the pages, as the office does it.

Runs after the other browser tests of the session (it changes the demo's 2026 set).
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from browser_support import Site
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

PROVINCE = "Tỉnh Tuyên Quang"
VARIANT = "xa-ntm-2026-2030-tinh-08"
PILOT = "Đánh giá thí điểm theo các chỉ tiêu đã nhập"
DECISION = "15/QĐ-UBND"
pytestmark = pytest.mark.browser

# Test rows in the decision's layout; the levels are test data, not the decision's.
ROWS = "\n".join(
    f"{n}\t\t{n}.{k}\tChỉ tiêu thử {n}.{k}\t%\ttỷ lệ %\t\t≥ 9{k},5%\t≥ 8{k}%\t≥ 7{k}%\t"
    f"QĐ 12/QĐ-UBND ngày 15/01/2026, Phụ lục I, trang {n}\t"
    for n in range(1, 5)
    for k in range(1, 4)
)


def _period_url(site: Site, office: Page) -> str:
    office.get_by_role("link", name=PROVINCE, exact=True).first.click()
    office.wait_for_url(f"{site.url}/ky/*/")
    return office.url


def _variant_with_rows(office: Page, period: str) -> None:
    office.goto(f"{period}bo-tieu-chi/bien-the/")
    office.get_by_label("Bộ tiêu chí quốc gia").select_option("xa-ntm-2026-2030")
    office.get_by_role("button", name="Tạo bộ tiêu chí của tỉnh").click()
    office.wait_for_url(f"{period}bo-tieu-chi/soan/")
    office.locator("textarea[name='rows']").fill(ROWS)
    office.get_by_role("button", name="Ghi các dòng").click()
    expect(office.locator("ul.messages")).to_contain_text("Đã ghi phiên bản 2 (12 dòng).")
    expect(office.locator("#known")).to_contain_text("Đã nhập 12/47 chỉ tiêu.")
    expect(office.locator("#indicators tr")).to_have_count(13)


def _groups_from_xlsx(office: Page, period: str, tmp: Path) -> int:
    template = office.request.get(f"{period}nhom-xa/mau/")
    book = load_workbook(io.BytesIO(template.body()))
    sheet = book.active
    rows = list(sheet.iter_rows(min_row=2))
    for i, row in enumerate(rows):
        row[2].value = str(i % 3 + 1)
    path = tmp / "nhom-xa-tuyen-quang.xlsx"
    book.save(path)
    office.goto(f"{period}nhom-xa/nhap/")
    office.get_by_label("Số quyết định").fill(DECISION)
    office.get_by_label("Ngày quyết định").fill("15/01/2026")
    office.get_by_label("Áp dụng từ năm").fill("2026")
    office.locator("input[type='file']").set_input_files(str(path))
    office.locator("#groups-import-form button").click()
    expect(office.locator("ul.messages")).to_contain_text(f"Đã nhập {len(rows)} dòng")
    return len(rows)


def _attach_and_pilot(office: Page, period: str) -> None:
    office.goto(f"{period}bo-tieu-chi/gan/")
    row = office.locator("#attach-versions tr", has_text=VARIANT).filter(has_text="dán 12 dòng")
    row.get_by_role("button", name="Gắn vào kỳ").click()
    expect(office.locator("#current-set")).to_contain_text(VARIANT)
    office.goto(f"{period}bo-tieu-chi/thi-diem/")
    office.get_by_role("button", name="Bật đánh giá thí điểm").click()
    expect(office.locator("#pilot-banner")).to_contain_text(PILOT)


def test_the_office_completes_its_set_in_the_web_and_evaluates_a_pilot_by_group(
    site: Site, tmp_path: Path
) -> None:
    office = site.login("tinh")
    period = _period_url(site, office)
    _variant_with_rows(office, period)
    assert _groups_from_xlsx(office, period, tmp_path) == 117
    _attach_and_pilot(office, period)

    period_id = period.rstrip("/").rsplit("/", 1)[-1]
    office.goto(f"{site.url}/tong-hop/?period={period_id}")
    expect(office.locator("#pilot-banner")).to_contain_text(PILOT)
    expect(office.locator("#pilot-footnote")).to_be_visible()
    expect(office.locator("[data-figure='recognised']")).to_contain_text("chưa xác định")
    groups = office.locator("table[data-table='groups']")
    for g in ("1", "2", "3"):
        expect(groups.locator(f"tr[data-group='{g}'] td[data-band]").first).to_be_visible()
    expect(office.locator("#ungrouped")).to_have_count(0)

    report = office.request.get(f"{site.url}/tong-hop/bao-cao/?period={period_id}&format=docx")
    assert report.ok
    document = docx.Document(io.BytesIO(report.body()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert PILOT in text
    assert "Nhóm 1" in text and "Nhóm 3" in text
