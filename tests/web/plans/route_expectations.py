"""Route expectations of the office's plan targets and report pages, picked up by
``test_web_permissions.py``: reading follows the period; writing is the province's office."""

from __future__ import annotations

from typing import Any

from web_routes import MANAGE, READ_PERIOD, Build, at

from ntm.web.public.models import PlanTarget

TARGET = {
    "measure": "communes_recognised_share",
    "value": "65",
    "year": "2030",
    "baseline_year": "2025",
    "plan": "Nghị quyết 257/2025/QH15",
}


def delete(w: Any, where: str, role: str) -> tuple[str, str, dict[str, Any]]:
    period = w.period if where == "inside" else w.other_period
    target = PlanTarget.objects.create(
        regime=period.regime, province_code=period.province_code, year=2030,
        measure="communes_recognised", value=10, baseline_year=2025,
    )  # fmt: skip
    return "POST", f"/ky/{period.pk}/chi-tieu-ke-hoach/{target.pk}/xoa/", {}


DELETE: Build = delete
# The funding what-if (issue #15.3): the offices' tool. The province's office and the central
# office read it (admin too); reviewers and communes are refused; costs are written as MANAGE.
OFFICES = {"inside": {"office", "central", "admin"}, "outside": {"central", "admin"}}
PAGES = {
    "plan-targets": (READ_PERIOD, at("GET", "/ky/{p}/chi-tieu-ke-hoach/")),
    "plan-targets#post": (MANAGE, at("POST", "/ky/{p}/chi-tieu-ke-hoach/", TARGET)),
    "plan-target-delete": (MANAGE, DELETE),
    "funding-plan": (OFFICES, at("GET", "/ky/{p}/phuong-an-von/?budget=10&tranche=5")),
    "funding-plan#xlsx": (OFFICES, at("GET", "/ky/{p}/phuong-an-von/?budget=10&export=xlsx")),
    "funding-plan#post": (MANAGE, at("POST", "/ky/{p}/phuong-an-von/", {"c-1": "2,5"})),
    "funding-costs-import": (MANAGE, at("POST", "/ky/{p}/phuong-an-von/nhap-don-gia/")),
    "office-report": (READ_PERIOD, at("GET", "/ky/{p}/bao-cao-gui/")),
    "office-report#post": (
        MANAGE,
        at("POST", "/ky/{p}/bao-cao-gui/", {"action": "settings", "issuer": "ubnd_tinh"}),
    ),
}


def edit(method: str) -> Build:
    """The edit page of a target of the period's province (a POST sends the add form's data)."""

    def build(w: Any, where: str, role: str) -> tuple[str, str, dict[str, Any]]:
        _method, url, _data = delete(w, where, role)
        return method, url.replace("/xoa/", "/sua/"), TARGET if method == "POST" else {}

    return build


PAGES |= {
    "plan-target-edit": (MANAGE, edit("GET")),
    "plan-target-edit#post": (MANAGE, edit("POST")),
}
