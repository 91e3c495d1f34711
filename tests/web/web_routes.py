"""Shared by the route-permission test and by apps that add routes: the rules and the builder.

An app with routes of its own declares them in ``tests/web/<app>/route_expectations.py`` with
two dicts, ``PAGES`` (URL name → (rule, builder)) and ``API`` ((method, path) → (rule, builder)),
built from the names below; ``test_web_permissions.py`` picks them up.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.core.files.base import ContentFile

from ntm.web.assessments.models import Evidence, ImportBatch
from ntm.web.assessments.services import assessment_get_or_create

ROLES = [
    "anonymous",
    "outsider",
    "officer_a",
    "officer_b",
    "reviewer",
    "office",
    "central",
    "admin",
]
READ_PERIOD = {
    "inside": {"officer_a", "officer_b", "reviewer", "office", "central", "admin"},
    "outside": {"central", "admin"},
}
READ_COMMUNE = {
    "inside": {"officer_a", "reviewer", "office", "central", "admin"},
    "outside": {"central", "admin"},
}
# Separation of duties (docs/workflow.md): reviewers judge values, they never enter or import.
WRITE_COMMUNE = {"inside": {"officer_a", "office", "admin"}, "outside": {"admin"}}
IMPORT = {"inside": {"officer_a", "officer_b", "office", "admin"}, "outside": {"admin"}}
MANAGE = {"inside": {"office", "admin"}, "outside": {"admin"}}
ANYONE = {"inside": set(ROLES), "outside": set(ROLES)}
SIGNED_IN = {"inside": set(ROLES) - {"anonymous"}, "outside": set(ROLES) - {"anonymous"}}
STAFF = {"inside": {"admin"}, "outside": {"admin"}}
# The API's bare root answers 404 to everyone: it is a prefix, not a page.
NOT_A_PAGE: dict[str, set[str]] = {"inside": set(), "outside": set()}


def _place(world: Any, where: str) -> tuple[Any, Any]:
    return (world.period, world.xa_a) if where == "inside" else (world.other_period, world.xa_c)


def _evidence(world: Any, where: str) -> int:
    period, unit = _place(world, where)
    assessment = assessment_get_or_create(unit=unit, period=period)
    evidence = Evidence(assessment=assessment, filename="x.pdf", content_type="application/pdf",
                        size=8)  # fmt: skip
    evidence.file.save("x.pdf", ContentFile(b"%PDF-1.4"), save=True)
    return evidence.pk


def _batch(world: Any, where: str, role: str) -> int:
    period, _ = _place(world, where)
    owner = world.users.get(role, world.users["admin"])
    return ImportBatch.objects.create(period=period, user=owner, filename="x.csv",
                                      content=b"ma_xa;gia_tri\n").pk  # fmt: skip


Build = Callable[[Any, str, str], tuple[str, str, dict[str, Any]]]


def _p(w: Any, where: str) -> int:
    return _place(w, where)[0].pk


def _u(w: Any, where: str) -> int:
    return _place(w, where)[1].pk


ENTRY = {"version": "0", "ind-2.1": "81"}
VALUES = json.dumps({"version": 0, "values": {"2.1": 81}})


def at(method: str, template: str, data: dict[str, Any] | None = None) -> Build:
    """A call on ``template`` with {p} the period, {u} the commune, {e} an evidence file, {b} an
    import batch of the caller and {s} the criteria set, inside or outside the scope."""

    def build(w: Any, where: str, role: str) -> tuple[str, str, dict[str, Any]]:
        fields = {"p": _p(w, where), "u": _u(w, where), "s": w.set_record.pk}
        if "{e}" in template:
            fields["e"] = _evidence(w, where)
        if "{b}" in template:
            fields["b"] = _batch(w, where, role)
        return method, template.format(**fields), dict(data or {})

    return build
