"""Route expectations of commune groups, picked up by ``test_web_permissions.py``: whoever
reads the period sees the groups; the province office sets them (form or file)."""

from __future__ import annotations

from web_routes import MANAGE, READ_PERIOD, at

DECISION = {"number": "12/QĐ-UBND", "date": "15/01/2026", "from_year": "2026"}

PAGES = {
    "groups": (READ_PERIOD, at("GET", "/ky/{p}/nhom-xa/")),
    "groups#post": (MANAGE, at("POST", "/ky/{p}/nhom-xa/", DECISION)),
    "groups-import": (MANAGE, at("GET", "/ky/{p}/nhom-xa/nhap/")),
    "groups-template": (READ_PERIOD, at("GET", "/ky/{p}/nhom-xa/mau/")),
}
