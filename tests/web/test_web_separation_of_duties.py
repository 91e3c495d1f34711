"""Separation of duties: the permission table of docs/workflow.md, every role × action pair,
tried for real. The table is read from the document, so the document cannot drift from the
system: a cell changed on one side fails here."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ntm.web.accounts.models import ApiToken
from ntm.web.recognition.models import State, Submission

DOC = Path(__file__).resolve().parents[2] / "docs" / "workflow.md"
ROLES = {
    "commune officer": "officer_a",
    "reviewer": "reviewer",
    "provincial office": "office",
    "central office": "central",
    "admin": "admin",
    "outsider": "outsider",
}


def _table() -> dict[tuple[str, str], bool]:
    text = DOC.read_text(encoding="utf-8")
    block = text.split("<!-- permission-table -->", 1)[1].split("<!-- /permission-table -->")[0]
    lines = [line for line in block.strip().splitlines() if line.startswith("|")]
    header = [c.strip() for c in lines[0].strip("|").split("|")][1:]
    cells = {}
    for line in lines[2:]:
        action, *marks = (c.strip() for c in line.strip("|").split("|"))
        for role, mark in zip(header, marks, strict=True):
            cells[(action, role)] = mark == "✔"
    return cells


def _dossier(w: Any, state: str) -> Submission:
    return Submission.objects.create(unit=w.xa_a, period=w.period, tier="standard", state=state,
                                     round=1)  # fmt: skip


Act = Callable[[Any, Any, str], Any]


def _api_put(client: Any, w: Any, user: str) -> Any:
    token = ApiToken.issue(user=w.users[user], name="t")[1]
    body = json.dumps({"version": 0, "values": {"2.1": 81}})
    url = f"/api/periods/{w.period.pk}/communes/{w.xa_a.pk}/values"
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    return client.put(url, body, content_type="application/json", **auth)


ACTIONS: dict[str, Act] = {
    "read the commune's data page": lambda c, w, u: c.get(f"/ky/{w.period.pk}/xa/{w.xa_a.pk}/"),
    "enter or change the commune's values (page)": lambda c, w, u: c.post(
        f"/ky/{w.period.pk}/xa/{w.xa_a.pk}/", {"version": "0", "ind-2.1": "81"}
    ),
    "enter or change the commune's values (API)": _api_put,
    "open the Excel import": lambda c, w, u: c.get(f"/ky/{w.period.pk}/nhap/"),
    "open, close or lock the period": lambda c, w, u: c.post(
        f"/ky/{w.period.pk}/trang-thai/", {"state": "closed"}
    ),
    "prepare and submit the dossier": lambda c, w, u: c.post(
        f"/cong-nhan/ky/{w.period.pk}/xa/{w.xa_a.pk}/gui/",
        {"action": "save", "satisfaction_pct": "95"},
    ),
    "review the dossier's criteria": lambda c, w, u: c.post(
        f"/cong-nhan/ho-so/{_dossier(w, State.SUBMITTED).pk}/tham-tra/",
        {"decision-2": "returned", "comment-2": "Thiếu biên bản"},
    ),
    "appraise and decide": lambda c, w, u: c.post(
        f"/cong-nhan/ho-so/{_dossier(w, State.CONFIRMED).pk}/tham-dinh/", {"note": "Đạt"}
    ),
    "read the province's dossier lists": lambda c, w, u: c.get("/cong-nhan/van-phong/"),
}
TABLE = _table()


def test_the_documented_table_covers_every_action_and_role() -> None:
    assert {a for a, _ in TABLE} == set(ACTIONS)
    assert {r for _, r in TABLE} == set(ROLES)


def _effect(action: str, w: Any) -> bool:
    """Besides the answer, did the action leave its mark (for the writes)?"""
    from ntm.web.assessments.models import IndicatorValue

    if "values" in action:
        return IndicatorValue.objects.filter(indicator="2.1", value=81).exists()
    if action == "open, close or lock the period":
        w.period.refresh_from_db()
        return w.period.state == "closed"
    return True


@pytest.mark.parametrize(("action", "role"), sorted(TABLE), ids=lambda v: v.replace(" ", "-"))
def test_each_role_may_or_may_not_take_each_action(client, world, action, role) -> None:
    user = ROLES[role]
    client.force_login(world.users[user])
    response = ACTIONS[action](client, world, user)
    allowed = TABLE[(action, role)]
    if allowed:
        assert response.status_code in (200, 302), response.content[:300]
        assert _effect(action, world)
    else:
        assert response.status_code == 403
        body = response.content.decode()
        assert "quyền" in (json.loads(body)["detail"] if "/api/" in response.request["PATH_INFO"]
                           else body)  # fmt: skip
        assert not ("values" in action and _effect(action, world))
    assert not re.search(r"Traceback|Exception", response.content.decode(errors="replace"))
