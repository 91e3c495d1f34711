"""Monitoring pages: a commune's form saves with audit and refuses a bad value; the Excel template
comes back through the import; the roll-up and time-series pages show what was entered; the
typed read functions plan targets use (``indicator_rollup``, ``fund_total``)."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from ntm.web.audit.models import AuditEntry
from ntm.web.monitoring.models import FundAmount, MonitoringValue
from ntm.web.monitoring.selectors import fund_total, funding_file, indicator_rollup
from ntm.web.monitoring.services import FundInput, funds_save
from ntm.web.monitoring.triggers import monitoring_version


def test_the_commune_form_saves_each_change_with_its_audit_entry(client, world):
    world.login(client, "officer_a")
    url = f"/ky/{world.period.pk}/theo-doi/xa/{world.xa_a.pk}/"
    answer = client.post(url, {"ind-labour_days": "1.200", "ind-poverty_pct": "4,3"})
    assert answer.status_code == 302
    saved = dict(MonitoringValue.objects.values_list("indicator", "value"))
    assert saved == {"labour_days": 1200.0, "poverty_pct": 4.3}
    entry = AuditEntry.objects.get(target="m:poverty_pct")
    assert (entry.unit_code, entry.new, entry.channel) == (world.xa_a.code, "4.3", "form")
    page = client.get(url).content.decode()
    assert 'value="1.200"' in page
    trail = client.get(f"/nhat-ky/xa/{world.xa_a.pk}/").content.decode()
    assert "m:labour_days" in trail and "1.200" in trail


def test_a_bad_value_on_the_form_saves_nothing_and_says_why(client, world):
    world.login(client, "officer_a")
    url = f"/ky/{world.period.pk}/theo-doi/xa/{world.xa_a.pk}/"
    answer = client.post(url, {"ind-labour_days": "12", "ind-poverty_pct": "140"})
    assert answer.status_code == 400
    assert "không hợp lệ" in answer.content.decode()
    assert not MonitoringValue.objects.exists()


def test_the_excel_template_filled_in_comes_back_through_the_import(client, world):
    world.login(client, "office")
    answer = client.get(f"/ky/{world.period.pk}/theo-doi/mau/")
    book = load_workbook(io.BytesIO(answer.content))
    sheet = book.active
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == world.xa_a.code and row[3].value == "labour_days":
            row[6].value = 52000
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "mau.xlsx"
    answer = client.post(f"/ky/{world.period.pk}/theo-doi/nhap/", {"file": out})
    assert answer.status_code == 302
    assert MonitoringValue.objects.get(indicator="labour_days").value == 52000


def test_the_rollup_and_series_pages_show_the_entered_values(client, world):
    world.login(client, "office")
    for unit, days in ((world.xa_a, "100"), (world.xa_b, "250")):
        client.post(f"/ky/{world.period.pk}/theo-doi/xa/{unit.pk}/", {"ind-labour_days": days})
    page = client.get(f"/ky/{world.period.pk}/theo-doi/").content.decode()
    row = page.split('data-indicator="labour_days"', 1)[1].split("</tr>", 1)[0]
    assert ">350<" in row
    series = client.get(f"/ky/{world.period.pk}/theo-doi/chi-tieu/labour_days/").content.decode()
    assert f"<td>{world.period.year}</td>" in series and ">350<" in series


def test_the_typed_reads_give_the_rollup_and_the_fund_total(world):
    period = world.period
    codes = [world.xa_a.code, world.xa_b.code]
    MonitoringValue.objects.bulk_create(
        MonitoringValue(
            regime=period.regime,
            province_code=period.province_code,
            unit_code=c,
            year=period.year,
            indicator="labour_days",
            value=v,
        )
        for c, v in zip(codes, (10.0, 32.0), strict=True)
    )
    result = indicator_rollup(
        period=period, code="labour_days", communes=codes, years=(period.year, period.year)
    )
    assert result.value == 42
    funds_save(
        user=None,
        period=period,
        names={},
        funds=[
            FundInput(period.province_code, (period.year, period.year), "credit", disbursed=1.5),
            FundInput(
                period.province_code, (period.year, period.year), "community", disbursed=0.25
            ),
        ],
    )
    assert FundAmount.objects.count() == 2
    total = fund_total(
        period=period,
        scope_code=period.province_code,
        communes=codes,
        years=(period.year, period.year),
    )
    assert total == 1.75


def test_communes_funds_add_up_for_the_province_when_it_has_no_line_of_its_own(world):
    period = world.period
    span = (period.year, period.year)
    names = {world.xa_a.code: world.xa_a.name, world.xa_b.code: world.xa_b.name}
    funds_save(
        user=None,
        period=period,
        names=names,
        funds=[
            FundInput(world.xa_a.code, span, "credit", disbursed=1.25, decimals=2),
            FundInput(world.xa_b.code, span, "credit", disbursed=0.5, decimals=1),
            FundInput(world.xa_b.code, span, "quy_xa", source_name="Quỹ của xã", disbursed=0.3),
        ],
    )
    funding = funding_file(period=period, scope_code=period.province_code, communes=list(names))
    lines = {ln.source: (ln.amount, ln.decimals, ln.name) for ln in funding.lines}
    assert lines == {"credit": (1.75, 2, "Vốn tín dụng"), "quy_xa": (0.3, None, "Quỹ của xã")}


def test_every_write_of_a_value_or_a_fund_moves_the_monitoring_data_version(client, world):
    before = monitoring_version()
    world.login(client, "office")
    client.post(f"/ky/{world.period.pk}/theo-doi/xa/{world.xa_a.pk}/", {"ind-labour_days": "9"})
    after_value = monitoring_version()
    assert after_value > before
    MonitoringValue.objects.all().update(value=10)  # a raw write moves it too
    assert monitoring_version() > after_value
    moved = monitoring_version()
    fund = FundInput(world.period.province_code, (2026, 2026), "credit", disbursed=1.0)
    funds_save(user=None, period=world.period, names={}, funds=[fund])
    assert monitoring_version() > moved


def test_a_funds_file_may_add_the_planned_and_allocated_amounts(client, world, tmp_path):
    world.login(client, "office")
    code = world.period.province_code
    path = tmp_path / "von.csv"
    path.write_text(
        "scope_code;period_start;period_end;source;amount_billion_vnd;plan_billion_vnd;"
        f"allocated_billion_vnd\n{code};2026;2026;credit;1,5;2,25;\n",
        encoding="utf-8",
    )
    with path.open("rb") as f:
        answer = client.post(f"/ky/{world.period.pk}/nguon-von/nhap/", {"file": f})
    assert answer.status_code == 302
    row = FundAmount.objects.get()
    assert (row.plan, row.allocated, row.disbursed) == (2.25, None, 1.5)


def test_a_bad_planned_amount_refuses_the_whole_funds_file(client, world, tmp_path):
    world.login(client, "office")
    code = world.period.province_code
    path = tmp_path / "von.csv"
    path.write_text(
        "scope_code,period_start,period_end,source,amount_billion_vnd,plan_billion_vnd\n"
        f"{code},2026,2026,credit,1.5,nhiều\n",
        encoding="utf-8",
    )
    with path.open("rb") as f:
        answer = client.post(f"/ky/{world.period.pk}/nguon-von/nhap/", {"file": f})
    assert answer.status_code == 400 and "plan_billion_vnd" in answer.content.decode()
    assert not FundAmount.objects.exists()
