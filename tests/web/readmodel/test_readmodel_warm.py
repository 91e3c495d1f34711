"""Warming at the server's start (``ntm serve``): the national view and the public index are
judged before the first person asks; an empty database starts as well."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User

from ntm.web.accounts.models import Role, RoleAssignment
from ntm.web.demo import demo_load
from ntm.web.readmodel.warm import warm


def _central(client: Any) -> Any:
    user = User.objects.create_user("tw-warm", password="x")
    RoleAssignment.objects.create(user=user, role=Role.CENTRAL)
    client.force_login(user)
    return client


def test_the_national_view_is_kept_before_its_first_request(client: Any, db: None) -> None:
    assert demo_load(say=lambda _text: None)
    assert warm() >= 0
    answer = _central(client).get("/tong-hop/ca-nuoc/")
    assert answer.status_code == 200
    assert answer["X-Dashboard-Figures"] == "cached"


def test_warming_an_empty_database_is_harmless(client: Any, db: None) -> None:
    assert warm() >= 0
    assert client.get("/public/").status_code == 200
