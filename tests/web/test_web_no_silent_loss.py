"""Nothing is lost and nothing is written by accident: comments are saved and audited, a save of
nothing writes nothing, and reading a commune (page or API) creates no row anywhere."""

from __future__ import annotations

from django.apps import apps

from ntm.web.assessments.models import Assessment, IndicatorValue
from ntm.web.audit.models import AuditEntry


def _row_counts() -> dict[str, int]:
    """Every table's row count (sessions aside: logging in writes one)."""
    return {
        m._meta.db_table: m.objects.count()
        for m in apps.get_models()
        if m._meta.db_table != "django_session" and m._meta.managed
    }


def _commune_url(world) -> str:
    return f"/ky/{world.period.pk}/xa/{world.xa_a.pk}/"


def test_a_comment_only_save_is_stored_audited_and_counted(client, world):
    world.login(client, "officer_a")
    url = _commune_url(world)
    client.post(url, {"version": 0, "ind-2.1": "75"})
    response = client.post(
        url, {"version": 1, "ind-2.1": "75", "cmt-2.1": "Theo biên bản ngày 3/12"}, follow=True
    )
    assert "Đã lưu 1 thay đổi." in response.content.decode()
    row = IndicatorValue.objects.get(indicator="2.1")
    assert (row.value, row.comment) == (75.0, "Theo biên bản ngày 3/12")
    entry = AuditEntry.objects.get(kind="comment")
    assert (entry.target, entry.old, entry.new, entry.version) == (
        "2.1", "", "Theo biên bản ngày 3/12", 2,
    )  # fmt: skip
    assert entry.get_kind_display() == "Ghi chú"
    assert Assessment.objects.get().version == 2


def test_a_save_that_changes_nothing_says_so_and_writes_nothing(client, world):
    world.login(client, "officer_a")
    url = _commune_url(world)
    client.post(url, {"version": 0, "ind-2.1": "75", "cmt-2.1": "ghi chú"}, follow=True)
    before = _row_counts()
    response = client.post(url, {"version": 1, "ind-2.1": "75", "cmt-2.1": "ghi chú"}, follow=True)
    html = response.content.decode()
    assert "Không có thay đổi nào: không có gì được ghi." in html
    assert "Đã lưu" not in html
    assert _row_counts() == before
    assert Assessment.objects.get().version == 1


def test_an_empty_save_of_a_commune_never_saved_creates_no_row(client, world):
    world.login(client, "officer_a")
    before = _row_counts()
    client.post(_commune_url(world), {"version": 0})
    assert _row_counts() == before
    assert not Assessment.objects.exists()


def test_reading_a_commune_page_and_its_api_creates_no_row(client, world):
    world.login(client, "office")
    before = _row_counts()
    api = f"/api/periods/{world.period.pk}/communes/{world.xa_a.pk}"
    assert client.get(_commune_url(world)).status_code == 200
    values = client.get(f"{api}/values")
    assert values.status_code == 200
    assert values.json() == {"version": 0, "values": {}, "statuses": {}}
    assert client.get(f"{api}/evaluation").status_code == 200
    assert client.get(f"/api/periods/{world.period.pk}/evaluation").status_code == 200
    assert _row_counts() == before


def test_a_comment_through_the_api_is_saved_and_audited(client, world):
    world.login(client, "office")
    url = f"/api/periods/{world.period.pk}/communes/{world.xa_a.pk}/values"
    body = {"version": 0, "values": {"2.1": 80}, "comments": {"2.1": "Số liệu của phòng"}}
    response = client.put(url, body, content_type="application/json")
    assert response.status_code == 200, response.content
    assert {c["kind"] for c in response.json()["changes"]} == {"indicator", "comment"}
    again = client.put(
        url, {"version": 1, "comments": {"2.1": "Sửa lại"}}, content_type="application/json"
    )
    assert again.json()["changes"] == [
        {"kind": "comment", "target": "2.1", "old": "Số liệu của phòng", "new": "Sửa lại"}
    ]
    assert IndicatorValue.objects.get(indicator="2.1").value == 80.0  # the value is kept
    assert AuditEntry.objects.filter(kind="comment", channel="api").count() == 2


def test_a_comment_for_an_unknown_indicator_is_refused_by_the_api(client, world):
    world.login(client, "office")
    url = f"/api/periods/{world.period.pk}/communes/{world.xa_a.pk}/values"
    response = client.put(
        url, {"version": 0, "comments": {"9.9": "x"}}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "9.9" in response.content.decode()
    assert not Assessment.objects.exists()
