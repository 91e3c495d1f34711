"""The REST API: tokens, scope, values with optimistic locking, evaluation, OpenAPI."""

from __future__ import annotations

import json

from ntm.web.accounts.models import ApiToken
from ntm.web.assessments.models import IndicatorValue
from ntm.web.audit.models import AuditEntry


def _bearer(world, role):
    _, raw = ApiToken.issue(user=world.users[role], name="máy chủ tỉnh")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_the_openapi_document_is_served_at_api_openapi_json(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/periods/{period_id}/communes/{unit_id}/values" in paths


def test_a_token_is_stored_only_as_its_hash(world):
    token, raw = ApiToken.issue(user=world.users["office"], name="x")
    assert raw not in token.key_hash and len(token.key_hash) == 64


def test_an_unknown_token_is_a_401(client, world):
    response = client.get("/api/periods", HTTP_AUTHORIZATION="Bearer ntm_sai")
    assert response.status_code == 401


def test_units_are_filtered_by_the_users_scope(client, world):
    response = client.get("/api/units", **_bearer(world, "officer_a"))
    assert [u["code"] for u in response.json()] == ["91001"]
    response = client.get("/api/units", **_bearer(world, "central"))
    assert [u["code"] for u in response.json()] == ["91001", "91002", "92001"]


def test_a_machine_writes_values_within_scope_with_the_version_it_read(client, world):
    auth = _bearer(world, "office")
    url = f"/api/periods/{world.period.pk}/communes/{world.xa_a.pk}/values"
    read = client.get(url, **auth).json()
    body = {"version": read["version"], "values": {"2.1": 72.5, "2.2": 3}, "statuses": {"1": 1}}
    response = client.put(url, json.dumps(body), content_type="application/json", **auth)
    assert response.status_code == 200, response.content
    assert response.json()["version"] == 1
    stale = client.put(url, json.dumps(body | {"values": {"2.1": 10}}),
                       content_type="application/json", **auth)  # fmt: skip
    assert stale.status_code == 409
    assert [c["target"] for c in stale.json()["changes"]] == ["2.1", "2.2", "1"]
    assert IndicatorValue.objects.get(indicator="2.1").value == 72.5
    assert AuditEntry.objects.filter(channel="api").count() == 3
    evaluation = client.get(f"/api/periods/{world.period.pk}/communes/{world.xa_a.pk}/evaluation",
                            **auth).json()  # fmt: skip
    assert evaluation["criteria"] == {"1": "met", "2": "met", "3": "unknown"}


def test_a_save_that_changes_nothing_answers_the_version_still_stored(client, world):
    auth = _bearer(world, "office")
    url = f"/api/periods/{world.period.pk}/communes/{world.xa_a.pk}/values"
    version = client.get(url, **auth).json()["version"]
    body = {"version": version, "statuses": {"1": 1}}
    first = client.put(url, json.dumps(body), content_type="application/json", **auth).json()
    assert first["version"] == version + 1 and len(first["changes"]) == 1
    same = client.put(url, json.dumps(body | {"version": first["version"]}),
                      content_type="application/json", **auth)  # fmt: skip
    assert same.status_code == 200
    assert same.json() == {"version": first["version"], "changes": []}
    # The version it answered is the one to send next: no false conflict.
    after = client.put(url, json.dumps({"version": same.json()["version"], "statuses": {"1": 0}}),
                       content_type="application/json", **auth)  # fmt: skip
    assert after.status_code == 200 and after.json()["version"] == first["version"] + 1
    assert AuditEntry.objects.filter(channel="api").count() == 2


def test_bad_values_through_the_api_are_listed_together_and_nothing_is_saved(client, world):
    auth = _bearer(world, "office")
    url = f"/api/periods/{world.period.pk}/communes/{world.xa_a.pk}/values"
    body = {"version": 0, "values": {"2.1": 140, "9.9": 1, "1.1": 0.5}, "statuses": {"7": 1}}
    response = client.put(url, json.dumps(body), content_type="application/json", **auth)
    assert response.status_code == 400
    messages = [p["message"] for p in response.json()["problems"]]
    assert len(messages) == 4 and any("0–100%" in m for m in messages)
    assert IndicatorValue.objects.count() == 0


def test_another_provinces_commune_is_a_403_through_the_api(client, world):
    auth = _bearer(world, "office")
    url = f"/api/periods/{world.other_period.pk}/communes/{world.xa_c.pk}/values"
    response = client.get(url, **auth)
    assert response.status_code == 403
    assert response.json()["detail"] == "Bạn không có quyền truy cập dữ liệu này."


def test_the_browser_session_works_for_reads(client, world):
    world.login(client, "officer_a")
    assert client.get("/api/periods").json()[0]["province_code"] == "91"


def test_a_token_issued_on_the_command_line_opens_the_api(client, world):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("ntm_token", "office", "may-chu-tinh", stdout=out)
    raw = out.getvalue().rsplit(" ", 1)[1].strip()
    response = client.get("/api/periods", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert [p["province_code"] for p in response.json()] == ["91"]


def test_a_district_reviewer_before_2025_sees_only_the_district(client, world):
    from ntm.web.accounts.models import Role, RoleAssignment
    from ntm.web.units.models import Unit

    Unit.objects.filter(pk=world.xa_a.pk).update(district_code="911")
    Unit.objects.filter(pk=world.xa_b.pk).update(district_code="912")
    user = world.users["outsider"]
    RoleAssignment.objects.create(user=user, role=Role.REVIEWER, regime="new",
                                  province_code="91", district_code="911")  # fmt: skip
    client.force_login(user)
    assert [u["code"] for u in client.get("/api/units").json()] == ["91001"]
    assert client.get(f"/ky/{world.period.pk}/xa/{world.xa_b.pk}/").status_code == 403


def test_the_report_route_returns_the_four_files_of_ntm_report_as_a_zip(client, world):
    import io
    import zipfile

    response = client.get(f"/api/periods/{world.period.pk}/report", **_bearer(world, "office"))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert names == ["report.docx", "phu-luc.xlsx", "report.json", "report.md", "kiem-tra.md"]
    figures = json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("report.json"))
    assert figures["year"] == 2026
