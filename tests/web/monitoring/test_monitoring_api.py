"""The monitoring API: a commune's values saved and read back, rolled up, refused in Vietnamese."""

from __future__ import annotations

import json

from ntm.web.audit.models import AuditEntry


def _put(client, world, values: dict) -> object:
    body = json.dumps({"year": world.period.year, "values": values})
    url = f"/api/periods/{world.period.pk}/communes/{world.xa_a.pk}/monitoring"
    return client.put(url, body, content_type="application/json")


def test_values_saved_through_the_api_are_read_back_and_rolled_up(client, world):
    world.login(client, "office")
    answer = _put(client, world, {"labour_days": 1200, "households": 300, "poverty_pct": 12.5})
    assert answer.status_code == 200 and answer.json() == {"changed": 3}
    read = client.get(f"/api/periods/{world.period.pk}/communes/{world.xa_a.pk}/monitoring")
    assert {(v["indicator"], v["value"]) for v in read.json()} == {
        ("labour_days", 1200.0),
        ("households", 300.0),
        ("poverty_pct", 12.5),
    }
    rolled = client.get(f"/api/periods/{world.period.pk}/monitoring").json()
    by_code = {i["code"]: i for i in rolled["indicators"]}
    assert by_code["labour_days"]["value"] == 1200
    assert by_code["poverty_pct"]["value"] == 12.5
    assert AuditEntry.objects.filter(target="m:labour_days", channel="api").count() == 1


def test_an_unknown_or_impossible_value_is_a_400_in_vietnamese_and_nothing_is_saved(client, world):
    world.login(client, "office")
    answer = _put(client, world, {"labour_days": 5, "nothing": 1, "poverty_pct": 140})
    assert answer.status_code == 400
    messages = [p["message"] for p in answer.json()["problems"]]
    assert any("«nothing»" in m for m in messages) and any("«poverty_pct»" in m for m in messages)
    read = client.get(f"/api/periods/{world.period.pk}/communes/{world.xa_a.pk}/monitoring")
    assert read.json() == []
