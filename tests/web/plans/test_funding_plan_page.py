"""The funding what-if page (issue #15.3) on the web test world: unit costs entered through the
form (and the CLI's CSV), a plan for a budget given in the address, its figures equal to the
domain's plan on the same evaluation, its xlsx equal to the page, refusals and the audit."""

from __future__ import annotations

import io
import re
from html import unescape

import pytest
from openpyxl import load_workbook

from ntm.domain.funding_costs import costed_gaps
from ntm.domain.funding_plan import next_tranche, plan_funding
from ntm.formatting import number
from ntm.reports.funding_plan_xlsx import PLAN_HEADER
from ntm.web.accounts.scope import scope_for
from ntm.web.assessments.selectors import period_communes, period_evaluation
from ntm.web.assessments.services import assessment_get_or_create, assessment_save
from ntm.web.audit.models import AuditEntry
from ntm.web.plans.models import UnitCost
from ntm.web.plans.unit_costs import unit_costs_get

# Xã A (group 1): 2.1 at 60 % of 70 → criterion 2 short by 10 points. Xã B (group 2): no plan
# (1.1), 2.2 one bridge short, 3.1 unknown → criteria 1, 2 and 3 unmet, 3 not costable.
VALUES = {
    "xa_a": {"1.1": 1.0, "2.1": 60.0, "2.2": 1.0, "3.1": 45.0},
    "xa_b": {"1.1": 0.0, "2.1": 85.0, "2.2": 0.0},
}
COSTS = {"c-1": "2,5", "i-2.1": "0,3", "i-2.2": "4", "i-3.1": "0,1"}


def _values(world) -> None:
    office = world.users["office"]
    for name, values in VALUES.items():
        assessment = assessment_get_or_create(unit=getattr(world, name), period=world.period)
        assessment_save(user=office, scope=scope_for(office), assessment=assessment,
                        version=None, values=values, channel="form")  # fmt: skip


def _url(world, query: str = "") -> str:
    return f"/ky/{world.period.pk}/phuong-an-von/" + (f"?{query}" if query else "")


def _form(client, world, costs: dict[str, str]):
    return client.post(_url(world), costs, follow=True)


def _expected(world, budget: float, extra: float | None = None):
    """The domain's plan on the read model's evaluation, with the stored costs."""
    units = list(period_communes(period=world.period, scope=scope_for(world.users["office"])))
    ev = period_evaluation(period=world.period, units=units)
    costed = costed_gaps(ev, unit_costs_get(period=world.period))
    gaps = [c.gap for c in costed]
    plan = plan_funding(gaps, budget)
    return plan, (next_tranche(gaps, plan, extra) if extra else None), costed


def _text(html: str, element_id: str) -> str:
    found = re.search(rf'id="{element_id}"[^>]*>(.*?)</(p|table)>', html, re.S)
    assert found, element_id
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", found.group(1))).split())


def _gap_rows(html: str) -> list[tuple[str, str, str, str]]:
    rows = re.findall(r'<tr class="gap"[^>]*>(.*?)</tr>', html, re.S)
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", r, re.S) for r in rows]
    return [tuple(unescape(c).strip() for c in row[:4]) for row in cells]  # type: ignore[misc]


def test_costs_entered_in_the_form_give_the_domains_plan(client, world):
    _values(world)
    world.login(client, "office")
    response = _form(client, world, COSTS)
    assert "Đã lưu 4 thay đổi đơn giá." in response.content.decode()
    stored = unit_costs_get(period=world.period)
    assert stored.criterion == {1: 2.5} and stored.indicator == {"2.1": 0.3, "2.2": 4.0, "3.1": 0.1}

    html = client.get(_url(world, "budget=5&tranche=5")).content.decode()
    plan, tranche, costed = _expected(world, 5.0, 5.0)
    assert plan.recognised == ("91001",) and tranche is not None
    summary = _text(html, "plan-summary")
    assert summary == (
        f"Ngân sách 5 tỷ đồng; phương án dùng {number(plan.cost)} tỷ đồng: "
        f"{len(plan.recognised)} xã đạt chuẩn thêm, {plan.criteria_gained} tiêu chí đạt thêm."
    )
    assert _text(html, "tranche") == (
        f"Thêm 5 tỷ đồng: thêm {tranche.more_communes} xã đạt chuẩn, "
        f"{tranche.more_criteria} tiêu chí."
    )
    recognised = _text(html, "recognised")
    assert "91001 Xã A " + number(plan.cost) in recognised and "Xã B" not in recognised
    funded = [(g.commune, g.criterion, number(g.cost or 0)) for g in plan.funded]
    assert [(c, crit.split(".")[0], cost) for c, _n, crit, cost in _gap_rows(html)] == [
        (c, str(n), cost) for c, n, cost in funded
    ]
    unpriced = _text(html, "unpriced")
    assert [c.gap for c in costed if c.gap.cost is None] == [type(costed[0].gap)("91002", 3, None)]
    assert "91002 Xã B 3. Thu nhập chưa biết giá trị chỉ tiêu 3.1" in unpriced


def test_a_larger_budget_funds_every_costable_gap(client, world):
    _values(world)
    world.login(client, "office")
    _form(client, world, COSTS)
    html = client.get(_url(world, "budget=1.250,5")).content.decode()
    plan, _t, _c = _expected(world, 1250.5)
    assert {(g.commune, g.criterion) for g in plan.funded} == {
        ("91001", 2), ("91002", 1), ("91002", 2),
    }  # fmt: skip
    assert f"Ngân sách 1.250,5 tỷ đồng; phương án dùng {number(plan.cost)} tỷ đồng" in html
    assert len(_gap_rows(html)) == len(plan.funded)


def test_the_xlsx_rows_equal_the_pages(client, world):
    _values(world)
    world.login(client, "office")
    _form(client, world, COSTS)
    query = "budget=10&cap=8&tranche=2"
    page_rows = _gap_rows(client.get(_url(world, query)).content.decode())
    response = client.get(_url(world, query + "&export=xlsx"))
    assert response["Content-Disposition"].endswith('.xlsx"')
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Phương án", "Tổng hợp", "Chưa tính được chi phí"]
    sheet = list(book["Phương án"].iter_rows(values_only=True))
    assert sheet[0] == PLAN_HEADER
    assert [(c, n, crit, number(cost)) for c, n, crit, cost, _r in sheet[1:]] == page_rows
    plan, _t, _c = _expected(world, 10.0)
    assert len(plan.funded) == len(page_rows)
    summary = {row[0]: row[1] for row in book["Tổng hợp"].iter_rows(values_only=True)}
    assert summary["Ngân sách (tỷ đồng)"] == 10
    assert summary["Số tiêu chí đạt thêm"] == len(page_rows)
    missing = list(book["Chưa tính được chi phí"].iter_rows(values_only=True))
    assert missing[1] == ("91002", "Xã B", "3. Thu nhập", "chưa biết giá trị chỉ tiêu 3.1")


def test_a_cap_per_commune_is_kept(client, world):
    _values(world)
    world.login(client, "office")
    _form(client, world, COSTS)
    html = client.get(_url(world, "budget=100&cap=5")).content.decode()
    # Xã B's two costable gaps (2,5 + 4) pass its cap of 5: only one of them is funded.
    rows = _gap_rows(html)
    spent = sum(float(cost.replace(".", "").replace(",", ".")) for c, _n, _l, cost in rows
                if c == "91002")  # fmt: skip
    assert 0 < spent <= 5


def test_bad_costs_name_the_row_and_column_and_save_nothing(client, world):
    world.login(client, "office")
    _form(client, world, {"c-1": "2,5"})
    response = client.post(_url(world), {"c-1": "3", "i-2.1": "nhiều", "c-2": "-1"})
    assert response.status_code == 400
    html = unescape(response.content.decode())
    assert "Dòng «Chỉ tiêu 2.1. Tỷ lệ đường xã được nhựa hóa», cột Đơn giá (tỷ đồng/%)" in html
    assert "«nhiều»: cần số tỷ đồng ≥ 0, ví dụ 1.250,5." in html
    assert "Dòng «Tiêu chí 2. Giao thông», cột Đơn giá (tỷ đồng/tiêu chí)" in html
    assert unit_costs_get(period=world.period).criterion == {1: 2.5}


def test_a_bad_budget_is_a_message_not_an_error_page(client, world):
    world.login(client, "office")
    response = client.get(_url(world, "budget=mười"))
    assert response.status_code == 400
    assert "«mười»: cần số tỷ đồng ≥ 0" in unescape(response.content.decode())


def test_the_clis_csv_is_imported_all_or_nothing(client, world):
    world.login(client, "office")
    url = f"/ky/{world.period.pk}/phuong-an-von/nhap-don-gia/?budget=5"
    bad = io.BytesIO(b"criterion,indicator,unit_cost_billion_vnd\n1,,2\n9,,1\n,2.1,abc\n")
    bad.name = "don-gia.csv"
    response = client.post(url, {"file": bad})
    assert response.status_code == 400
    html = unescape(response.content.decode())
    assert "tệp don-gia.csv, dòng 3, cột criterion: bộ tiêu chí không có tiêu chí 9" in html
    assert "tệp don-gia.csv, dòng 4, cột unit_cost_billion_vnd: cần số tỷ đồng ≥ 0" in html
    assert not UnitCost.objects.exists()
    good = io.BytesIO(b'criterion,indicator,unit_cost_billion_vnd\n1,,"1.250,5"\n,2.2,4\n')
    good.name = "don-gia.csv"
    response = client.post(url, {"file": good})
    assert response.status_code == 302 and response["Location"].endswith("?budget=5")
    stored = unit_costs_get(period=world.period)
    assert stored.criterion == {1: 1250.5} and stored.indicator == {"2.2": 4.0}
    assert AuditEntry.objects.filter(kind="unit_cost", channel="import").count() == 2


def test_each_change_is_audited_in_vietnamese(client, world):
    world.login(client, "office")
    _form(client, world, {"c-1": "2,5", "i-2.1": "0,3"})
    html = unescape(_form(client, world, {"c-1": "1.250,5"}).content.decode())
    entries = AuditEntry.objects.filter(kind="unit_cost").order_by("id")
    assert [(e.target, e.old, e.new, e.username, e.unit_code) for e in entries] == [
        ("tc 1", "", "2.5", "office", "91"),
        ("ct 2.1", "", "0.3", "office", "91"),
        ("tc 1", "2.5", "1250.5", "office", "91"),
        ("ct 2.1", "0.3", "", "office", "91"),
    ]
    history = _text(html, "cost-history")
    assert "office Đơn giá tiêu chí 1 2,5 1.250,5 Biểu mẫu" in history
    assert "Đơn giá chỉ tiêu 2.1 0,3 Biểu mẫu" in history
    assert 'value="1.250,5"' in html  # the form shows the stored cost as typed


@pytest.mark.parametrize("role", ["reviewer", "officer_a"])
def test_reviewers_and_communes_are_refused(client, world, role):
    world.login(client, role)
    assert client.get(_url(world, "budget=5")).status_code == 403
    assert client.post(_url(world), {"c-1": "1"}).status_code == 403
    assert not UnitCost.objects.exists()


def test_the_central_office_reads_the_plan_but_cannot_change_costs(client, world):
    world.login(client, "central")
    response = client.get(_url(world, "budget=5"))
    assert response.status_code == 200 and 'id="costs-form"' in response.content.decode()
    assert 'name="c-1"' not in response.content.decode()
    assert client.post(_url(world), {"c-1": "1"}).status_code == 403


def test_the_period_page_links_to_the_plan_for_offices_only(client, world):
    world.login(client, "office")
    assert 'id="funding-plan-link"' in client.get(f"/ky/{world.period.pk}/").content.decode()
    world.login(client, "reviewer")
    assert 'id="funding-plan-link"' not in client.get(f"/ky/{world.period.pk}/").content.decode()
