"""A commune is recognised, in a real chromium against ``ntm serve --demo``: data entry with live
statuses, the dossier, a criterion returned and fixed, the reviews, the province's appraisal and
decision, then the dashboard and the public pages. Every assertion is on what a person sees.

The demonstration has Tuyên Quang 2026 (the 2026–2030 set with demonstration thresholds, 10
criteria of two indicators each) and Xã Ngọc Đường (00700, group 1: "x.1" needs at least 90 %)
for the commune officer ``xa``; ``thamdinh`` reviews criteria 1 and 2, ``thamdinh2`` criteria
3–10; the province requires 80 % satisfaction (a demonstration level, labelled as such). All of
it comes with the demo: nothing is set up in the admin first.

The second test opens every main page at phone width: nothing may scroll sideways.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from browser_support import PHONE, Site, page_width
from playwright.sync_api import Page, expect

PROVINCE = "Tỉnh Tuyên Quang"
COMMUNE = "Xã Ngọc Đường"
COMMUNE_CODE = "00700"
CRITERIA = range(1, 11)
OTHER_REVIEWER = "thamdinh2"
DECISION_NUMBER = "125/QĐ-UBND"
SIGNER = "Chủ tịch UBND tỉnh Tuyên Quang"
pytestmark = pytest.mark.browser

RETURN_COMMENT = "Tiêu chí 1: chưa có quy hoạch chung xã được phê duyệt, đề nghị bổ sung."


@pytest.fixture(scope="module")
def visited() -> dict[str, str]:
    """The pages the flow opened, by name, for the phone-width test that follows it."""
    return {}


def _keep_marker(page: Page) -> None:
    page.evaluate("window.__ntmNoReload = true")


def _not_reloaded(page: Page) -> bool:
    return bool(page.evaluate("window.__ntmNoReload === true"))


def _message(page: Page) -> str:
    return page.locator("ul.messages").inner_text()


def _enter_values(site: Site, officer: Page, visited: dict[str, str]) -> None:
    officer.get_by_role("link", name=PROVINCE, exact=True).click()
    officer.get_by_role("link", name=COMMUNE, exact=True).click()
    expect(officer.get_by_role("heading", level=1)).to_have_text(f"{COMMUNE} ({COMMUNE_CODE})")
    visited["data-entry"] = officer.url
    expect(officer.locator(".demo-note").first).to_contain_text("ngưỡng minh họa")
    expect(officer.locator("h1 + p")).to_contain_text(f"{PROVINCE} · Vùng: TDMNPB · Nhóm: 1 · ")
    statuses = {n: officer.locator(f"#st-tc-{n}").inner_text() for n in CRITERIA}
    missing = [n for n, text in statuses.items() if text == "Chưa đạt"]
    met = len(CRITERIA) - len(missing)
    assert missing, "the demonstration commune should start short of some criteria"
    expect(officer.locator("#summary")).to_have_text(f"Đạt {met}/10 tiêu chí")

    _keep_marker(officer)
    first = missing[0]
    percent = officer.locator(f"input[name='ind-{first}.1']")
    # Below the threshold: the indicator says so as she types, nothing is saved yet.
    percent.fill("85")
    expect(officer.locator(f"#st-ind-{first}_1")).to_have_text("Chưa đạt")
    changed = 0
    for n in missing:
        for code, good in ((f"{n}.1", "95"), (f"{n}.2", "Có")):
            status = officer.locator(f"#st-ind-{code.replace('.', '_')}")
            if status.inner_text() == "Đạt":
                continue
            field = officer.locator(f"[name='ind-{code}']")
            if code.endswith(".2"):  # yes/no: a choice of Có / Không
                field.select_option(label=good)
            else:
                field.fill(good)
            expect(status).to_have_text("Đạt")
            changed += 1
        expect(officer.locator(f"#st-tc-{n}")).to_have_text("Đạt")
        met += 1
        expect(officer.locator("#summary")).to_have_text(f"Đạt {met}/10 tiêu chí")
    assert _not_reloaded(officer), "the statuses must change without reloading the page"
    site.shot(officer, "nhap-lieu-xa")

    officer.get_by_role("button", name="Lưu", exact=True).click()
    expect(officer.locator("ul.messages")).to_have_text(f"Đã lưu {changed} thay đổi.")
    expect(officer.locator("#summary")).to_have_text("Đạt 10/10 tiêu chí")
    expect(officer.locator(f"input[name='ind-{first}.1']")).to_have_value("95")
    # A stored yes reads Có, and the page saves back as it is.
    yes_no = officer.locator(f"select[name='ind-{first}.2']")
    expect(yes_no.locator("option:checked")).to_have_text("Có")
    officer.get_by_role("button", name="Lưu", exact=True).click()
    expect(officer.locator("ul.messages")).to_have_text(
        "Không có thay đổi nào: không có gì được ghi."
    )


def _submit_dossier(site: Site, officer: Page, visited: dict[str, str]) -> None:
    officer.get_by_role("link", name=f"Hồ sơ công nhận {COMMUNE}").click()
    visited["dossier"] = officer.url
    expect(officer.get_by_role("heading", level=1)).to_have_text(
        f"Hồ sơ đề nghị công nhận: {COMMUNE}"
    )
    expect(officer.locator("main")).to_contain_text("Chưa lập hồ sơ.")
    check = officer.locator("#check")
    all_criteria = check.locator("tr", has_text="Đạt đầy đủ các tiêu chí")
    expect(all_criteria.locator("td.st-met")).to_have_count(1)
    expect(check).to_contain_text("Chưa có kết quả lấy ý kiến sự hài lòng của người dân")
    expect(officer.locator("main")).to_contain_text(
        "Mức yêu cầu của tỉnh: 80% (Mức minh họa, không phải mức chính thức"
    )
    officer.get_by_label("Tỷ lệ người dân hài lòng (%)").fill("92,5")
    officer.get_by_label("Cách lấy ý kiến người dân").fill(
        "Phiếu khảo sát 320 hộ dân, tháng 10/2026."
    )
    officer.get_by_label("Không còn nợ đọng xây dựng cơ bản").select_option(label="Có")
    officer.get_by_label("Xã có tình hình an ninh, trật tự phức tạp").select_option(label="Không")
    site.shot(officer, "ho-so-cong-nhan", at="#check")
    officer.get_by_role("button", name="Gửi hồ sơ").click()
    expect(officer.locator("ul.messages")).to_have_text("Đã gửi hồ sơ.")
    expect(officer.locator("main > p").first).to_contain_text("Trạng thái: Đã gửi hồ sơ")
    expect(check).to_contain_text("Đủ điều kiện công nhận xã đạt chuẩn nông thôn mới")
    expect(check.locator("tr", has_text="Mức độ hài lòng").locator("td.st-met")).to_have_count(1)


def _review_line(page: Page, number: int) -> Any:
    return page.locator(f"#tc-{number}")


def _decide(page: Page, numbers: list[int], returned: dict[int, str] | None = None) -> None:
    """The workspace's one form: "Xác nhận đạt" for ``numbers``, "Cần bổ sung" with its comment
    for ``returned``, one click."""
    returned = returned or {}
    for n in numbers:
        page.locator(f"input[name='decision-{n}'][value='confirmed']").check()
    for n, comment in returned.items():
        page.locator(f"input[name='decision-{n}'][value='returned']").check()
        page.locator(f"input[name='comment-{n}']").fill(comment)
    page.get_by_role("button", name="Ghi kết quả thẩm tra").click()
    expect(page.locator("ul.messages")).to_have_text("Đã ghi kết quả thẩm tra.")
    for n in numbers:
        expect(_review_line(page, n).locator("td").nth(2)).to_contain_text("Xác nhận đạt")
    for n in returned:
        expect(_review_line(page, n).locator("td").nth(2)).to_contain_text("Cần bổ sung")


def _open_from_queue(reviewer: Page, pending: str) -> None:
    reviewer.get_by_role("link", name="Thẩm tra hồ sơ").click()
    expect(reviewer.get_by_role("heading", level=1)).to_have_text("Hồ sơ chờ thẩm tra")
    row = reviewer.locator("tr", has_text=COMMUNE)
    expect(row).to_contain_text(pending)


def test_a_commune_is_recognised_from_data_entry_to_the_public_list(
    site: Site, visited: dict[str, str]
) -> None:
    anonymous = site.page()
    anonymous.goto(f"{site.url}/dang-nhap/")
    site.shot(anonymous, "dang-nhap")
    anonymous.goto(f"{site.url}/public/")
    tq_row = anonymous.locator("tr", has=anonymous.get_by_role("link", name=PROVINCE, exact=True))
    expect(tq_row.locator("td").nth(4)).to_have_text("0")  # no decision yet

    # The commune officer enters her commune's values and submits the dossier.
    officer = site.login("xa")
    expect(officer.get_by_role("heading", level=1)).to_have_text("Các kỳ đánh giá")
    site.shot(officer, "trang-chu")
    _enter_values(site, officer, visited)
    _submit_dossier(site, officer, visited)

    # A reviewer marks criterion 1 "cần bổ sung" with a comment and confirms criterion 2; the
    # dossier goes back only once every criterion has a word (criteria 3–10: thamdinh2).
    reviewer = site.login("thamdinh")
    _open_from_queue(reviewer, "1, 2")
    visited["queue"] = reviewer.url
    site.shot(reviewer, "hang-cho-tham-tra")
    reviewer.locator("tr", has_text=COMMUNE).get_by_role("link", name=COMMUNE, exact=True).click()
    visited["submission"] = reviewer.url
    expect(reviewer.locator("#criteria")).to_contain_text("Trạng thái hồ sơ: Đã gửi hồ sơ")
    # Criteria 3–10 are another department's: no choice for this reviewer there.
    expect(_review_line(reviewer, 3).locator("input")).to_have_count(0)
    _decide(reviewer, [2], {1: RETURN_COMMENT})
    expect(reviewer.locator("#criteria")).to_contain_text("Trạng thái hồ sơ: Đang thẩm tra")
    expect(_review_line(reviewer, 1)).to_contain_text(RETURN_COMMENT)
    site.shot(reviewer, "tham-tra-ho-so", at="#criteria")
    second = site.login(OTHER_REVIEWER)
    _open_from_queue(second, "3, 4, 5, 6, 7, 8, 9, 10")
    second.locator("tr", has_text=COMMUNE).get_by_role("link", name=COMMUNE, exact=True).click()
    _decide(second, list(range(3, 11)))
    expect(second.locator("#criteria")).to_contain_text("Trạng thái hồ sơ: Trả lại để bổ sung")

    # The officer sees the comment, fixes the data and resubmits.
    officer.reload()
    expect(officer.locator("main > p").first).to_contain_text("Trạng thái: Trả lại để bổ sung")
    expect(_review_line(officer, 1)).to_contain_text(RETURN_COMMENT)
    expect(_review_line(officer, 1)).to_contain_text("Cần bổ sung")
    officer.goto(visited["data-entry"])
    officer.locator("input[name='ind-1.1']").fill("100")
    officer.locator("input[name='cmt-1.1']").fill("Quy hoạch chung xã đã được phê duyệt.")
    officer.get_by_role("button", name="Lưu", exact=True).click()
    expect(officer.locator("ul.messages")).to_have_text(re.compile(r"Đã lưu \d+ thay đổi\."))
    officer.goto(visited["dossier"])
    officer.get_by_role("button", name="Gửi lại hồ sơ").click()
    expect(officer.locator("ul.messages")).to_have_text("Đã gửi hồ sơ.")
    expect(officer.locator("main > p").first).to_contain_text("Trạng thái: Đang thẩm tra")

    # Only criterion 1 waits for a new word (the others stay confirmed): its confirmation
    # completes the review.
    reviewer.reload()
    expect(reviewer.locator("#criteria")).to_contain_text("Trạng thái hồ sơ: Đang thẩm tra")
    _decide(reviewer, [1])
    expect(reviewer.locator("#criteria")).to_contain_text(
        "Trạng thái hồ sơ: Đã thẩm tra đủ tiêu chí"
    )

    # The provincial office appraises and records the chairman's decision.
    office = site.login("tinh")
    office.get_by_role("link", name="Thẩm định, công nhận").click()
    visited["office"] = office.url
    expect(office.locator("tr", has_text=COMMUNE)).to_contain_text("Đã thẩm tra đủ tiêu chí")
    site.shot(office, "van-phong-tinh")
    office.locator("tr", has_text=COMMUNE).get_by_role("link", name=COMMUNE, exact=True).click()
    office.get_by_label("Ý kiến thẩm định").fill("Hồ sơ đầy đủ, đủ điều kiện công nhận.")
    office.get_by_role("button", name="Thẩm định đạt").click()
    expect(office.locator("ul.messages")).to_have_text("Đã thẩm định hồ sơ.")
    expect(office.locator("#criteria")).to_contain_text("Trạng thái hồ sơ: Đã thẩm định")
    today = datetime.date.today().strftime("%d/%m/%Y")
    office.get_by_label("Số quyết định").fill(DECISION_NUMBER)
    office.get_by_label("Ngày quyết định").fill(today)
    office.get_by_label("Người ký").fill(SIGNER)
    site.shot(office, "tham-dinh-quyet-dinh", at="h2:has-text('Quyết định công nhận')")
    office.get_by_role("button", name="Ghi quyết định").click()
    expect(office.locator("ul.messages")).to_have_text("Đã ghi quyết định công nhận.")
    expect(office.locator("#criteria")).to_contain_text("Trạng thái hồ sơ: Đã công nhận")
    expect(office.locator("main")).to_contain_text(
        f"Quyết định công nhận số {DECISION_NUMBER} ngày {today}, người ký: {SIGNER}."
    )
    history = office.locator("main table").last  # the steps taken, latest last
    expect(history.locator("tr").last).to_contain_text("Quyết định công nhận")
    expect(history.locator("tr").last).to_contain_text("Đã công nhận")
    returned = history.locator("tr", has_text="Cần bổ sung tiêu chí 1")
    expect(returned).to_contain_text(f"Cần bổ sung: {RETURN_COMMENT}")
    expect(history.locator("tr", has_text="Xác nhận tiêu chí 3")).to_contain_text("Xác nhận đạt")
    expect(history).not_to_contain_text("criterion_")

    # The dashboard: the commune meets every criterion; its page shows the decision.
    office.get_by_role("link", name="Bảng tổng hợp").click()
    visited["dashboard"] = office.url
    row = office.locator(f"table[data-table=communes] tr[data-commune='{COMMUNE_CODE}']")
    expect(row).to_contain_text("đạt đủ tiêu chí")
    expect(row.locator("td.met")).to_have_text("10")
    communes = office.locator("td[data-figure=total]").inner_text()
    # The charts' axes read like the tables: Vietnamese numbers (6,25), never English (6.25).
    axis = office.locator("#chart-avg .y.axis text")
    expect(axis.first).to_have_attribute("data-vn", re.compile(r"^[\d.]+(,\d+)?$"))
    labels = [t.strip() for t in axis.all_text_contents()]
    assert labels and all(re.fullmatch(r"\d{1,3}(\.\d{3})*(,\d+)?", t) for t in labels), labels
    assert any("," in t for t in labels), labels  # the average's axis has decimals
    site.shot(office, "tong-hop-tinh")
    row.get_by_role("link", name=COMMUNE, exact=True).click()
    visited["history"] = office.url
    recognition = office.locator("table[data-table=recognition]")
    expect(recognition).to_contain_text("Đã công nhận")
    expect(recognition).to_contain_text(f"{DECISION_NUMBER}, {today}")
    site.shot(office, "lich-su-xa")
    office.goto(f"{site.url}/tong-hop/ban-do/tai-len/")
    visited["map-upload"] = office.url
    expect(office.get_by_role("heading", level=1)).to_contain_text("Tải lên bản đồ các xã")
    site.shot(office, "ban-do-tai-len")

    # The public pages, without logging in.
    anonymous.goto(f"{site.url}/public/")
    expect(tq_row.locator("td").nth(4)).to_have_text("1")
    expect(tq_row.locator("td").nth(2)).to_have_text(communes)  # the dashboard's communes
    site.shot(anonymous, "cong-khai")
    anonymous.get_by_role("link", name="Danh sách xã đã được công nhận").click()
    listed = anonymous.locator("tr", has_text=COMMUNE)
    expect(listed).to_contain_text(PROVINCE)
    expect(listed).to_contain_text(f"Số {DECISION_NUMBER} ngày {today}")
    site.shot(anonymous, "cong-khai-xa-dat-chuan")
    anonymous.goto(f"{site.url}/public/")
    tq_row.get_by_role("link", name=PROVINCE, exact=True).click()
    expect(anonymous.locator("#recognised")).to_have_text("1")
    expect(anonymous.locator("main")).to_contain_text(COMMUNE)
    site.shot(anonymous, "cong-khai-tinh")

    # Someone outside the office: the Vietnamese 403 page, not an error.
    response = officer.goto(f"{site.url}/cong-nhan/van-phong/")
    assert response is not None and response.status == 403
    expect(officer.get_by_role("heading", level=1)).to_have_text("Không có quyền truy cập")
    site.shot(officer, "loi-403")


MAIN_PAGES = [
    # (who, page: a path, or a name the flow recorded)
    (None, "/dang-nhap/"),
    (None, "/public/"),
    (None, "/public/xa-dat-chuan/"),
    (None, "/public/tinh/new/08/"),
    ("xa", "/"),
    ("xa", "data-entry"),
    ("xa", "dossier"),
    ("xa", "/cong-nhan/van-phong/"),  # the 403 page
    ("thamdinh", "queue"),
    ("thamdinh", "submission"),
    ("tinh", "office"),
    ("tinh", "submission"),
    ("tinh", "dashboard"),
    ("tinh", "history"),
    ("tinh", "map-upload"),
]


def test_every_main_page_fits_a_phone_screen_without_sideways_scrolling(
    site: Site, visited: dict[str, str]
) -> None:
    assert {p for _u, p in MAIN_PAGES if not p.startswith("/")} <= set(visited), (
        "the recognition flow above records the pages it opened"
    )
    pages: dict[str | None, Page] = {}
    too_wide = []
    for user, where in MAIN_PAGES:
        if user not in pages:
            pages[user] = site.login(user, viewport=PHONE) if user else site.page(viewport=PHONE)
        page = pages[user]
        page.goto(f"{site.url}{where}" if where.startswith("/") else visited[where])
        expect(page.locator("h1")).to_be_visible()
        width = page_width(page)
        if width > PHONE["width"]:
            too_wide.append(f"{user or 'khách'} {where}: {width}px")
    assert too_wide == []
