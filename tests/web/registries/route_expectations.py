"""Route expectations of the registry pages (picked up by ``test_web_permissions.py``): lists for
anyone signed in (their own communes only), entry and import for the office and the admin."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from web_routes import SIGNED_IN, Build, at

from ntm.web.registries.models import (
    Initiative,
    ModelKind,
    OcopProduct,
    OcopRating,
    Village,
    VillageStanding,
)

# The pages name no unit in their URL: inside and outside are the same call. The office keeps
# its own province's registries, the administrator every one; reviewers, commune officers and
# the central office read.
KEEP = {"inside": {"office", "admin"}, "outside": {"office", "admin"}}
PAGES = {
    "registries": (SIGNED_IN, at("GET", "/so-theo-doi/")),
    "registries-ocop": (SIGNED_IN, at("GET", "/so-theo-doi/ocop/")),
    "registries-ocop-add": (KEEP, at("GET", "/so-theo-doi/ocop/them/")),
    "registries-ocop-import": (KEEP, at("GET", "/so-theo-doi/ocop/nhap/")),
    "registries-models": (SIGNED_IN, at("GET", "/so-theo-doi/mo-hinh/")),
    "registries-models-add": (KEEP, at("GET", "/so-theo-doi/mo-hinh/them/")),
    "registries-models-import": (KEEP, at("GET", "/so-theo-doi/mo-hinh/nhap/")),
    "registries-villages": (SIGNED_IN, at("GET", "/so-theo-doi/thon/")),
    "registries-villages-add": (KEEP, at("GET", "/so-theo-doi/thon/them/")),
    "registries-standing-add": (KEEP, at("GET", "/so-theo-doi/thon/danh-hieu/")),
    "registries-villages-import": (KEEP, at("GET", "/so-theo-doi/thon/nhap/")),
}

# Edit and delete name a record: the office keeps its own province's records only (a record of
# another province's commune is refused), the administrator every one.
EDIT = {"inside": {"office", "admin"}, "outside": {"admin"}}


def _unit(w: Any, where: str) -> Any:
    return w.xa_a if where == "inside" else w.xa_c


def _rating(w: Any, where: str) -> int:
    product = OcopProduct.objects.create(
        code="SP1", name="Mật ong", group="Thực phẩm", subject="HTX", unit=_unit(w, where)
    )
    return OcopRating.objects.create(
        product=product,
        round_year=2025,
        scorecard="148/2023",
        score_a=30,
        score_b=20,
        score_c=25,
        decision_number="1/QĐ",
        decision_date=date(2025, 3, 1),
    ).pk


def _initiative(w: Any, where: str) -> int:
    kind = ModelKind.objects.get(code="kinh-te")
    return Initiative.objects.create(
        name="Nuôi ong", kind=kind, field="economy", unit=_unit(w, where), year=2025
    ).pk


def _village(w: Any, where: str) -> Village:
    return Village.objects.create(name="Thôn 1", kind="thon", unit=_unit(w, where))


def _standing(w: Any, where: str) -> int:
    return VillageStanding.objects.create(
        village=_village(w, where),
        year=2025,
        standing="ntm",
        decision_number="2/QĐ",
        decision_date=date(2025, 5, 1),
    ).pk


def record(method: str, template: str, make: Callable[[Any, str], int]) -> Build:
    """A call on ``template`` with {r} a record made in a commune inside or outside the scope."""

    def build(w: Any, where: str, role: str) -> tuple[str, str, dict[str, Any]]:
        data = {"version": "1"} if method == "POST" else {}
        return method, template.format(r=make(w, where)), data

    return build


PAGES |= {
    "registries-ocop-edit": (EDIT, record("GET", "/so-theo-doi/ocop/{r}/sua/", _rating)),
    "registries-ocop-delete": (EDIT, record("GET", "/so-theo-doi/ocop/{r}/xoa/", _rating)),
    "registries-ocop-delete#post": (
        EDIT,
        record("POST", "/so-theo-doi/ocop/{r}/xoa/", _rating),
    ),
    "registries-models-edit": (EDIT, record("GET", "/so-theo-doi/mo-hinh/{r}/sua/", _initiative)),
    "registries-models-delete": (
        EDIT,
        record("GET", "/so-theo-doi/mo-hinh/{r}/xoa/", _initiative),
    ),
    "registries-models-delete#post": (
        EDIT,
        record("POST", "/so-theo-doi/mo-hinh/{r}/xoa/", _initiative),
    ),
    "registries-villages-edit": (
        EDIT,
        record("GET", "/so-theo-doi/thon/{r}/sua/", lambda w, where: _village(w, where).pk),
    ),
    "registries-villages-delete": (
        EDIT,
        record("GET", "/so-theo-doi/thon/{r}/xoa/", lambda w, where: _village(w, where).pk),
    ),
    "registries-villages-delete#post": (
        EDIT,
        record("POST", "/so-theo-doi/thon/{r}/xoa/", lambda w, where: _village(w, where).pk),
    ),
    "registries-standing-edit": (
        EDIT,
        record("GET", "/so-theo-doi/thon/danh-hieu/{r}/sua/", _standing),
    ),
    "registries-standing-delete": (
        EDIT,
        record("GET", "/so-theo-doi/thon/danh-hieu/{r}/xoa/", _standing),
    ),
    "registries-standing-delete#post": (
        EDIT,
        record("POST", "/so-theo-doi/thon/danh-hieu/{r}/xoa/", _standing),
    ),
}
# The lists' downloads: the same readers as the pages (their own communes only).
PAGES |= {
    "registries-models#xlsx": (SIGNED_IN, at("GET", "/so-theo-doi/mo-hinh/?export=xlsx")),
    "registries-villages#xlsx": (SIGNED_IN, at("GET", "/so-theo-doi/thon/?export=xlsx")),
}
