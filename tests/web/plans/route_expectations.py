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
PAGES = {
    "plan-targets": (READ_PERIOD, at("GET", "/ky/{p}/chi-tieu-ke-hoach/")),
    "plan-targets#post": (MANAGE, at("POST", "/ky/{p}/chi-tieu-ke-hoach/", TARGET)),
    "plan-target-delete": (MANAGE, DELETE),
    "office-report": (READ_PERIOD, at("GET", "/ky/{p}/bao-cao-gui/")),
    "office-report#post": (
        MANAGE,
        at("POST", "/ky/{p}/bao-cao-gui/", {"action": "settings", "issuer": "ubnd_tinh"}),
    ),
}
