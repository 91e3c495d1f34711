"""Route expectations of the public pages, picked up by ``test_web_permissions.py``: everyone,
signed in or not, inside or outside any scope."""

from __future__ import annotations

from typing import Any

from web_routes import ANYONE, Build, at


def province(w: Any, where: str, role: str) -> tuple[str, str, dict[str, Any]]:
    period = w.period if where == "inside" else w.other_period
    return "GET", f"/public/tinh/{period.regime}/{period.province_code}/", {}


PROVINCE: Build = province
PAGES = {
    "public-index": (ANYONE, at("GET", "/public/")),
    "public-recognised": (ANYONE, at("GET", "/public/xa-dat-chuan/")),
    "public-province": (ANYONE, PROVINCE),
}
