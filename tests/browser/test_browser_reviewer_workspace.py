"""The reviewer's workspace, in a real chromium against ``ntm serve --demo``: the Kon Tum officer
``xa`` completes Xã Đắk Cấm's 2015 data (four criteria given as met, a value, an evidence file)
and submits the dossier; ``thamdinhkt`` (every criterion of Kon Tum before 2025) opens it, sees
the value and the evidence beside the criteria, confirms 18 criteria and marks one "cần bổ sung"
with a comment, in one form and one click; the officer's home page then lists the returned
dossier. The 2015 period is open and holds no dossier in the demo (2020's are decided)."""

from __future__ import annotations

import re

import pytest
from browser_support import Site
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

COMMUNE = "Xã Đắk Cấm"
NOT_MET_IN_2015 = (2, 3, 11, 19)
RETURNED = 19
COMMENT = "Tiêu chí 19: thiếu biên bản kiểm tra của Ban Chỉ huy quân sự huyện, đề nghị bổ sung."
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _commune_page(officer: Page) -> str:
    """Home → Kon Tum 2015 → the commune's data page; its URL."""
    row = officer.locator("tr", has_text="2015").filter(has_text="Tỉnh Kon Tum")
    row.get_by_role("link", name="Tỉnh Kon Tum").click()
    officer.get_by_role("link", name=COMMUNE, exact=True).click()
    expect(officer.get_by_role("heading", level=1)).to_contain_text(COMMUNE)
    return officer.url


def _complete_the_data(officer: Page) -> None:
    for n in NOT_MET_IN_2015:
        officer.locator(f"select[name='tc-{n}']").select_option("1")
    officer.locator("input[name='ind-2.1']").fill("100")
    officer.locator("input[name='cmt-2.1']").fill("Đã bê tông hóa toàn bộ đường xã.")
    officer.get_by_role("button", name="Lưu", exact=True).click()
    expect(officer.locator("ul.messages")).to_contain_text("Đã lưu")
    form = officer.locator("form[enctype='multipart/form-data']")
    form.locator("input[name='indicator']").fill("2.1")
    form.locator("input[type='file']").set_input_files(
        {"name": "bien-ban-nghiem-thu-duong.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    form.get_by_role("button", name="Tải lên").click()
    expect(officer.locator("ul.messages")).to_contain_text("Đã tải lên minh chứng.")


def _submit(officer: Page, data_url: str) -> str:
    period, unit = re.search(r"/ky/(\d+)/xa/(\d+)/", data_url).groups()  # type: ignore[union-attr]
    officer.goto(data_url.split("/ky/")[0] + f"/cong-nhan/ky/{period}/xa/{unit}/")
    officer.get_by_label("Tỷ lệ người dân hài lòng (%)").fill("91")
    officer.get_by_label("Cách lấy ý kiến người dân").fill("Phiếu khảo sát 250 hộ dân.")
    officer.get_by_label("Không còn nợ đọng xây dựng cơ bản").select_option(label="Có")
    officer.get_by_label("Xã có tình hình an ninh, trật tự phức tạp").select_option(label="Không")
    officer.get_by_role("button", name="Gửi hồ sơ").click()
    expect(officer.locator("ul.messages")).to_have_text("Đã gửi hồ sơ.")
    return officer.url


def test_a_reviewer_decides_every_criterion_in_one_pass_and_the_commune_sees_it_returned(
    site: Site,
) -> None:
    officer = site.login("xa")
    data_url = _commune_page(officer)
    _complete_the_data(officer)
    _submit(officer, data_url)

    reviewer = site.login("thamdinhkt")
    reviewer.get_by_role("link", name="Thẩm tra hồ sơ").click()
    row = reviewer.locator("tr", has_text=COMMUNE).filter(has_text="2015")
    expect(row).to_contain_text("1, 2, 3")
    row.get_by_role("link", name=COMMUNE, exact=True).click()
    expect(reviewer.locator("#criteria")).to_contain_text("Trạng thái hồ sơ: Đã gửi hồ sơ")
    # The workspace: the value, its note and the evidence file beside criterion 2.
    values = reviewer.locator("#tc-2 + tr.indicators")
    expect(values.locator("tr", has_text="2.1")).to_contain_text("100")
    expect(values).to_contain_text("Đã bê tông hóa toàn bộ đường xã.")
    evidence = reviewer.locator("#tc-2 ~ tr.evidence").first
    link = evidence.get_by_role("link", name="bien-ban-nghiem-thu-duong.pdf")
    expect(link).to_have_attribute("href", re.compile(r"/minh-chung/\d+/\?xem=1$"))
    expect(link).to_have_attribute("target", "_blank")
    expect(reviewer.get_by_role("link", name="Mở trang số liệu của xã")).to_be_visible()

    for n in range(1, 20):
        value = "returned" if n == RETURNED else "confirmed"
        reviewer.locator(f"input[name='decision-{n}'][value='{value}']").check()
    reviewer.locator(f"input[name='comment-{RETURNED}']").fill(COMMENT)
    site.shot(reviewer, "tham-tra-mot-lan", at="#criteria")
    reviewer.get_by_role("button", name="Ghi kết quả thẩm tra").click()
    expect(reviewer.locator("ul.messages")).to_have_text("Đã ghi kết quả thẩm tra.")
    expect(reviewer.locator("#criteria")).to_contain_text("Trạng thái hồ sơ: Trả lại để bổ sung")
    for n in range(1, 20):
        expected = "Cần bổ sung" if n == RETURNED else "Xác nhận đạt"
        expect(reviewer.locator(f"#tc-{n} td").nth(2)).to_contain_text(expected)
    expect(reviewer.locator(f"#tc-{RETURNED}")).to_contain_text(COMMENT)

    officer.goto(data_url.split("/ky/")[0] + "/")
    todo = officer.locator("#todo")
    expect(todo).to_contain_text(
        f"Hồ sơ {COMMUNE} (2015) bị trả lại: cần bổ sung tiêu chí {RETURNED}."
    )
    todo.get_by_role("link", name=re.compile(COMMUNE)).click()
    expect(officer.locator(f"#tc-{RETURNED}")).to_contain_text(COMMENT)
