"""Every URL pattern and API route, for every role, on a unit inside and outside the scope.

The table below holds an expectation for each route; a route added without one fails
``test_every_route_has_an_expectation``. Allowed answers must not mention units outside the
user's scope; denied answers are a Vietnamese 403 (pages), a 403/401 JSON (API) or the login page.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from web_routes import (
    ANYONE,
    ENTRY,
    IMPORT,
    MANAGE,
    NOT_A_PAGE,
    READ_COMMUNE,
    READ_PERIOD,
    ROLES,
    SIGNED_IN,
    STAFF,
    VALUES,
    WRITE_COMMUNE,
    Build,
    at,
)

from ntm.web.accounts.models import ApiToken
from ntm.web.api.api import api

# name → (who is allowed, how to call it)
PAGES: dict[str, tuple[dict[str, set[str]], Build]] = {
    "healthz": (ANYONE, at("GET", "/healthz")),
    "login": (ANYONE, at("GET", "/dang-nhap/")),
    "logout": (ANYONE, at("POST", "/dang-xuat/")),
    "set_language": (ANYONE, at("POST", "/i18n/setlang/", {"language": "en"})),
    "home": (SIGNED_IN, at("GET", "/")),
    "period": (READ_PERIOD, at("GET", "/ky/{p}/")),
    "period-state": (MANAGE, at("POST", "/ky/{p}/trang-thai/", {"state": "closed"})),
    "commune": (READ_COMMUNE, at("GET", "/ky/{p}/xa/{u}/")),
    "commune#post": (WRITE_COMMUNE, at("POST", "/ky/{p}/xa/{u}/", ENTRY)),
    "preview": (READ_COMMUNE, at("POST", "/ky/{p}/xa/{u}/xem-truoc/", ENTRY)),
    "evidence-add": (WRITE_COMMUNE, at("POST", "/ky/{p}/xa/{u}/minh-chung/")),
    "evidence": (READ_COMMUNE, at("GET", "/minh-chung/{e}/")),
    "import": (IMPORT, at("GET", "/ky/{p}/nhap/")),
    "import-commit": (IMPORT, at("POST", "/ky/{p}/nhap/{b}/")),
    "export": (READ_PERIOD, at("GET", "/ky/{p}/xuat/")),
    "audit-commune": (READ_COMMUNE, at("GET", "/nhat-ky/xa/{u}/")),
    "audit-indicator": (READ_PERIOD, at("GET", "/nhat-ky/ky/{p}/chi-tieu/2.1/")),
    "admin": (STAFF, at("GET", "/quan-tri/units/unit/")),
    "openapi-json": (ANYONE, at("GET", "/api/openapi.json")),
    "openapi-view": (ANYONE, at("GET", "/api/docs")),
    "api-root": (NOT_A_PAGE, at("GET", "/api/")),
}


def _load_app_tables() -> None:
    """Expectations that apps declare beside their own tests (see web_routes.py)."""
    for path in sorted(Path(__file__).parent.glob("*/route_expectations.py")):
        spec = importlib.util.spec_from_file_location(
            f"route_expectations_{path.parent.name}", path
        )
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        spec.loader.exec_module(module)  # type: ignore[union-attr]
        PAGES.update(getattr(module, "PAGES", {}))
        API.update(getattr(module, "API", {}))


COMMUNE = "/periods/{period_id}/communes/{unit_id}"
API: dict[tuple[str, str], tuple[dict[str, set[str]], Build]] = {
    ("GET", "/units"): (SIGNED_IN, at("GET", "/api/units")),
    ("GET", "/units/{unit_id}"): (READ_COMMUNE, at("GET", "/api/units/{u}")),
    ("GET", "/criteria-sets"): (SIGNED_IN, at("GET", "/api/criteria-sets")),
    ("GET", "/criteria-sets/{set_id}"): (SIGNED_IN, at("GET", "/api/criteria-sets/{s}")),
    ("GET", "/periods"): (SIGNED_IN, at("GET", "/api/periods")),
    ("GET", "/periods/{period_id}/evaluation"): (
        READ_PERIOD,
        at("GET", "/api/periods/{p}/evaluation"),
    ),
    ("GET", "/periods/{period_id}/rollup"): (READ_PERIOD, at("GET", "/api/periods/{p}/rollup")),
    ("GET", "/periods/{period_id}/report"): (READ_PERIOD, at("GET", "/api/periods/{p}/report")),
    ("GET", COMMUNE + "/evaluation"): (
        READ_COMMUNE,
        at("GET", "/api/periods/{p}/communes/{u}/evaluation"),
    ),
    ("GET", COMMUNE + "/values"): (READ_COMMUNE, at("GET", "/api/periods/{p}/communes/{u}/values")),
    ("PUT", COMMUNE + "/values"): (
        WRITE_COMMUNE,
        at("PUT", "/api/periods/{p}/communes/{u}/values", {"json": VALUES}),
    ),
}


_load_app_tables()


def _resolver_names(patterns: list[Any], namespace: str = "") -> set[str]:
    names: set[str] = set()
    for p in patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                names.add("admin")  # the admin site as one route: staff only
            elif p.namespace == "api":
                names |= {n for n in _resolver_names(p.url_patterns) if n in PAGES}
                names |= {f"api:{n}" for n in _resolver_names(p.url_patterns) if n not in PAGES}
            else:
                names |= _resolver_names(p.url_patterns)
        elif isinstance(p, URLPattern):
            names.add(p.name or str(p.pattern))
    return names


def _api_operations() -> set[tuple[str, str]]:
    ops = set()
    for prefix, router in api._routers:
        for path, view in router.path_operations.items():
            for op in view.operations:
                ops |= {(m, prefix + path) for m in op.methods}
    return ops


def test_every_route_has_an_expectation():
    page_names = {
        n for n in _resolver_names(get_resolver().url_patterns) if not n.startswith("api:")
    }
    page_names.add("commune#post")
    # Further calls of one route ("name#variant", e.g. an export or a POST) count as that route.
    page_names |= {k for k in PAGES if "#" in k and k.split("#")[0] in page_names}
    assert page_names == set(PAGES)
    api_view_names = {
        n for n in _resolver_names(get_resolver().url_patterns) if n.startswith("api:")
    }
    handlers = {op.view_func.__name__ for _, r in api._routers for v in r.path_operations.values()
                for op in v.operations}  # fmt: skip
    assert {n.removeprefix("api:") for n in api_view_names} <= handlers
    assert _api_operations() == set(API)


def _call(client: Any, world: Any, role: str, build: Build, where: str, api_route: bool) -> Any:
    method, url, data = build(world, where, role)
    extra: dict[str, Any] = {}
    if api_route and role != "anonymous":
        extra["HTTP_AUTHORIZATION"] = (
            "Bearer " + ApiToken.issue(user=world.users[role], name="t")[1]
        )
    elif role != "anonymous":
        client.force_login(world.users[role])
    if "json" in data:
        return client.generic(method, url, data["json"], content_type="application/json", **extra)
    return getattr(client, method.lower())(url, data, **extra)


def _readable_names(world: Any, role: str) -> set[str]:
    inside = {"Xã A"} if role in READ_COMMUNE["inside"] else set()
    if role == "officer_b" or role in {"office", "reviewer", "central", "admin"}:
        inside.add("Xã B")
    if role in READ_COMMUNE["outside"]:
        inside.add("Xã C")
    return inside


def _check(response: Any, allowed: bool, role: str, api_route: bool, world: Any, key: Any) -> None:
    status = response.status_code
    assert status < 500
    if key == "api-root":
        assert status == 404
        return
    if key == "admin" and not allowed:
        assert status == 302 and response["Location"].startswith("/quan-tri/login/")
        return
    if not allowed:
        if role == "anonymous" and api_route:
            assert status == 401
        elif role == "anonymous":
            assert (status == 302 and "/dang-nhap/" in response["Location"]) or status == 403
        else:
            assert status == 403
            text = response.json()["detail"] if api_route else response.content.decode()
            assert "quyền" in text
        return
    assert status not in (401, 403, 404)
    if status == 302:
        assert "/dang-nhap/" not in response["Location"] or key == "logout"
    kind = response.get("Content-Type", "")
    if "html" in kind or "json" in kind:
        text = response.content.decode()
        for name in {"Xã A", "Xã B", "Xã C"} - _readable_names(world, role):
            assert name not in text, f"{name} leaked to {role}"


CASES = [
    (key, role, where, api_route)
    for table, api_route in ((PAGES, False), (API, True))
    for key in table
    for role in ROLES
    for where in ("inside", "outside")
]


@pytest.mark.parametrize(("key", "role", "where", "api_route"), CASES, ids=lambda v: str(v))
def test_each_role_is_allowed_or_denied_each_route(client, world, key, role, where, api_route):
    rules, build = (API if api_route else PAGES)[key]
    allowed = role in rules[where]
    response = _call(client, world, role, build, where, api_route)
    _check(response, allowed, role, api_route, world, key)
