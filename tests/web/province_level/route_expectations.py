"""Route expectations of the province-level page (picked up by ``test_web_permissions.py``):
whoever reads the province (its office, its reviewers, the central office, the administrator)
sees it; its office and the administrator enter values; commune officers and outsiders get 403."""

from __future__ import annotations

from typing import Any

from province_world import province_level_period
from web_routes import MANAGE

READ_PROVINCE = {
    "inside": {"reviewer", "office", "central", "admin"},
    "outside": {"central", "admin"},
}


def _page(method: str, tail: str, data: dict[str, Any]) -> Any:
    def build(w: Any, where: str, role: str) -> tuple[str, str, dict[str, Any]]:
        level = province_level_period(w.period if where == "inside" else w.other_period)
        return method, f"/ky/{level.pk}/cap-tinh/{tail}", dict(data)

    return build


PAGES = {
    "province-level": (READ_PROVINCE, _page("GET", "", {})),
    "province-level#post": (MANAGE, _page("POST", "", {"version": "0", "ind-1.2": "1"})),
    "province-evidence-add": (MANAGE, _page("POST", "minh-chung/", {})),
    "province-preview": (READ_PROVINCE, _page("POST", "xem-truoc/", {"ind-1.2": "1"})),
}
