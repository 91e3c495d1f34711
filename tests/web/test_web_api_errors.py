"""The API's errors and schema as a client sees them: every error in Vietnamese, every bad input
a 400 with the problem list (never 422), short operation ids, enums, typed evaluation answers,
the report declared as a zip."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ntm.web.accounts.models import ApiToken


def _bearer(world: Any, role: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": "Bearer " + ApiToken.issue(user=world.users[role], name="t")[1]}


def _values_url(world: Any) -> str:
    return f"/api/periods/{world.period.pk}/communes/{world.xa_a.pk}/values"


def test_a_wrongly_typed_value_is_a_400_listing_every_bad_entry_in_vietnamese(client, world):
    body = {"version": "một", "values": {"2.1": "nhiều", "2.2": 3}}
    response = client.put(_values_url(world), json.dumps(body), content_type="application/json",
                          **_bearer(world, "office"))  # fmt: skip
    assert response.status_code == 400
    answer = response.json()
    assert answer["detail"] == "Dữ liệu gửi lên có 2 lỗi."
    assert {p["text"] for p in answer["problems"]} == {
        "version: phải là một số nguyên",
        "values.2.1: phải là một số",
    }
    assert {p["field"] for p in answer["problems"]} == {"version", "values.2.1"}


def test_an_unknown_indicator_is_named_without_any_file(client, world):
    body = {"version": 0, "values": {"9.9": 1}}
    response = client.put(_values_url(world), json.dumps(body), content_type="application/json",
                          **_bearer(world, "office"))  # fmt: skip
    assert response.status_code == 400
    (problem,) = response.json()["problems"]
    assert problem["file"] is None and "tệp" not in problem["text"]
    assert "9.9" in problem["text"]


def test_a_body_that_is_not_json_is_a_400(client, world):
    response = client.put(_values_url(world), "{không", content_type="application/json",
                          **_bearer(world, "office"))  # fmt: skip
    assert response.status_code == 400
    assert response.json()["problems"][0]["message"]


@pytest.mark.parametrize(
    ("url", "status", "detail"),
    [
        ("/api/periods", 401, "Chưa đăng nhập"),
        ("/api/units/999999", 404, "Không tìm thấy"),
        ("/api/units/0", 400, "Dữ liệu gửi lên có 1 lỗi."),
    ],
)
def test_every_error_body_speaks_vietnamese(client, world, url, status, detail):
    auth = {} if status == 401 else _bearer(world, "office")
    response = client.get(url, **auth)
    assert response.status_code == status
    assert response.json()["detail"].startswith(detail)


def test_a_wrong_method_is_a_405_in_vietnamese_naming_the_methods_allowed(client, world):
    response = client.delete("/api/periods", **_bearer(world, "office"))
    assert response.status_code == 405
    assert response.json()["detail"] == (
        f"Phương thức DELETE không dùng được ở địa chỉ này; dùng: {response.headers['Allow']}."
    )
    assert "GET" in response.headers["Allow"]


def test_a_reviewer_may_not_put_a_communes_values(client, world):
    body = {"version": 0, "values": {"2.1": 80}}
    response = client.put(_values_url(world), json.dumps(body), content_type="application/json",
                          **_bearer(world, "reviewer"))  # fmt: skip
    assert response.status_code == 403
    assert response.json()["detail"] == "Bạn không có quyền truy cập dữ liệu này."


def _schema(client: Any) -> dict[str, Any]:
    return client.get("/api/openapi.json").json()


def test_operation_ids_are_short_and_no_operation_declares_422(client, db):
    schema = _schema(client)
    operations = [op for item in schema["paths"].values() for op in item.values()]
    ids = {op["operationId"] for op in operations}
    assert "commune_values_save" in ids and "period_report" in ids
    assert all("ntm_web" not in i for i in ids)
    assert all("422" not in op["responses"] for op in operations)
    save = schema["paths"]["/api/periods/{period_id}/communes/{unit_id}/values"]["put"]
    assert "400" in save["responses"] and "409" in save["responses"]


def test_the_report_is_declared_only_as_a_binary_zip(client, db):
    report = _schema(client)["paths"]["/api/periods/{period_id}/report"]["get"]
    content = report["responses"]["200"]["content"]
    assert list(content) == ["application/zip"]
    assert content["application/zip"]["schema"] == {"type": "string", "format": "binary"}


def test_states_regimes_and_levels_are_enums_and_evaluations_are_typed(client, db):
    components = _schema(client)["components"]["schemas"]
    assert components["PeriodStateName"]["enum"] == ["open", "closed", "locked"]
    assert components["Regime"]["enum"] == ["old", "new"]
    assert components["Level"]["enum"] == ["commune", "district", "province"]
    for name in ("EvaluationOut", "PeriodRollupOut", "CommuneEvaluationOut"):
        assert "properties" in components[name], name


def test_the_typed_evaluation_and_rollup_answer_as_before(client, world):
    auth = _bearer(world, "office")
    evaluation = client.get(f"/api/periods/{world.period.pk}/evaluation", **auth)
    assert evaluation.status_code == 200, evaluation.content
    answer = evaluation.json()
    assert answer["communes_total"] == len(answer["communes"]) == 2
    assert {c["commune_code"] for c in answer["communes"]} == {"91001", "91002"}
    rollup = client.get(f"/api/periods/{world.period.pk}/rollup", **auth).json()
    assert rollup["period"]["state"] == "open" and rollup["communes_total"] == 2
    assert any(key.startswith("communes_under_") for key in rollup)
