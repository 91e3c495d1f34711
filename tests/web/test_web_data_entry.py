"""A commune's page: live statuses (HTMX), validated saves, optimistic locking, the audit trail."""

from __future__ import annotations

from ntm.web.assessments.models import IndicatorValue
from ntm.web.audit.models import AuditEntry


def _post(client, world, unit, version, **values):
    data = {"version": version}
    data.update({f"ind-{k.replace('_', '.')}": v for k, v in values.items()})
    return client.post(f"/ky/{world.period.pk}/xa/{unit.pk}/", data)


def test_typing_a_value_updates_the_indicator_and_criterion_status_without_saving(client, world):
    world.login(client, "officer_a")
    url = f"/ky/{world.period.pk}/xa/{world.xa_a.pk}/xem-truoc/"
    response = client.post(
        url, {"version": 0, "ind-2.1": "75", "ind-2.2": "2"}, HTTP_HX_REQUEST="true"
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert 'id="st-ind-2_1" class="st-met" hx-swap-oob="true">Đạt' in text
    assert 'id="st-tc-2" class="st-met" hx-swap-oob="true">Đạt' in text
    assert "Đạt 1/3 tiêu chí" in text
    assert IndicatorValue.objects.count() == 0


def test_the_threshold_of_the_communes_own_group_applies(client, world):
    world.login(client, "office")
    url = f"/ky/{world.period.pk}/xa/{world.xa_b.pk}/xem-truoc/"
    response = client.post(url, {"version": 0, "ind-2.1": "75", "ind-2.2": "2"})
    assert 'id="st-ind-2_1" class="st-not" hx-swap-oob="true">Chưa đạt' in response.content.decode()


def test_a_save_stores_the_values_and_writes_one_audit_entry_per_change(client, world):
    world.login(client, "officer_a")
    response = _post(client, world, world.xa_a, 0, **{"2_1": "85,5", "3_1": "1.847,5"})
    assert response.status_code == 302
    stored = dict(IndicatorValue.objects.values_list("indicator", "value"))
    assert stored == {"2.1": 85.5, "3.1": 1847.5}
    entries = list(
        AuditEntry.objects.order_by("target").values_list(
            "target", "old", "new", "channel", "username"
        )
    )
    assert entries == [
        ("2.1", "", "85.5", "form", "officer_a"),
        ("3.1", "", "1847.5", "form", "officer_a"),
    ]


def test_it_rejects_a_percent_over_100_and_saves_nothing(client, world):
    world.login(client, "officer_a")
    response = _post(client, world, world.xa_a, 0, **{"2_1": "120", "3_1": "45"})
    assert response.status_code == 400
    assert "tỷ lệ phải nằm trong khoảng 0–100%" in response.content.decode()
    assert IndicatorValue.objects.count() == 0 and AuditEntry.objects.count() == 0


def test_it_rejects_a_percent_sign_on_an_income_in_million_dong(client, world):
    world.login(client, "officer_a")
    response = _post(client, world, world.xa_a, 0, **{"3_1": "45%"})
    assert response.status_code == 400
    assert "tính bằng triệu đồng/người/năm, không phải phần trăm" in response.content.decode()


def test_a_save_from_a_stale_page_is_refused_shows_what_changed_and_overwrites_nothing(
    client, world
):
    world.login(client, "officer_a")
    assert _post(client, world, world.xa_a, 0, **{"2_1": "60"}).status_code == 302
    response = _post(client, world, world.xa_a, 0, **{"2_1": "99"})
    text = response.content.decode()
    assert response.status_code == 409
    assert "đã được người khác thay đổi" in text
    assert "chỉ tiêu 2.1: «—» → «60»" in text
    assert IndicatorValue.objects.get(indicator="2.1").value == 60
    assert AuditEntry.objects.count() == 1


def test_a_reviewer_may_change_no_value_not_even_of_their_own_criteria(client, world):
    world.login(client, "reviewer")
    response = _post(client, world, world.xa_a, 0, **{"2_1": "80"})
    assert response.status_code == 403
    assert "quyền" in response.content.decode()
    assert IndicatorValue.objects.count() == 0


def test_a_locked_period_takes_no_values_even_from_the_provincial_office(client, world):
    world.period.state = "locked"
    world.period.save()
    world.login(client, "office")
    assert _post(client, world, world.xa_a, 0, **{"2_1": "80"}).status_code == 403
    assert IndicatorValue.objects.count() == 0


def test_the_audit_trail_of_a_commune_is_browsable_and_exports_to_xlsx(client, world):
    world.login(client, "officer_a")
    _post(client, world, world.xa_a, 0, **{"2_1": "80"})
    page = client.get(f"/nhat-ky/xa/{world.xa_a.pk}/")
    assert page.status_code == 200 and "officer_a" in page.content.decode()
    export = client.get(f"/nhat-ky/xa/{world.xa_a.pk}/?export=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    import io

    from openpyxl import load_workbook

    rows = list(load_workbook(io.BytesIO(export.content)).active.values)
    assert rows[0][:3] == ("Thời điểm", "Tài khoản", "Mã xã")
    assert rows[1][1:3] == ("officer_a", "91001") and rows[1][6:9] == ("2.1", None, "80")
