"""Route expectations of the monitoring app (indicators and funds), picked up by
``test_web_permissions.py``: reading follows the period and the commune; a commune's values are
written by whoever writes that commune; province values, imports and funds by the office."""

from __future__ import annotations

import json

from web_routes import MANAGE, READ_COMMUNE, READ_PERIOD, WRITE_COMMUNE, at

PAGES = {
    "monitoring": (READ_PERIOD, at("GET", "/ky/{p}/theo-doi/")),
    "monitoring-province": (READ_PERIOD, at("GET", "/ky/{p}/theo-doi/tinh/")),
    "monitoring-province#post": (
        MANAGE,
        at("POST", "/ky/{p}/theo-doi/tinh/", {"ind-large_fields": "7"}),
    ),
    "monitoring-commune": (READ_COMMUNE, at("GET", "/ky/{p}/theo-doi/xa/{u}/")),
    "monitoring-commune#post": (
        WRITE_COMMUNE,
        at("POST", "/ky/{p}/theo-doi/xa/{u}/", {"ind-labour_days": "5"}),
    ),
    "monitoring-indicator": (READ_PERIOD, at("GET", "/ky/{p}/theo-doi/chi-tieu/labour_days/")),
    "monitoring-import": (MANAGE, at("GET", "/ky/{p}/theo-doi/nhap/")),
    "monitoring-template": (READ_PERIOD, at("GET", "/ky/{p}/theo-doi/mau/")),
    "funds": (READ_PERIOD, at("GET", "/ky/{p}/nguon-von/")),
    "funds#post": (MANAGE, at("POST", "/ky/{p}/nguon-von/", {"source": "credit"})),
    "funds-import": (MANAGE, at("GET", "/ky/{p}/nguon-von/nhap/")),
}

MONITORING = "/periods/{period_id}/communes/{unit_id}/monitoring"
SAVE = json.dumps({"year": 2026, "values": {"labour_days": 5}})
API = {
    ("GET", "/periods/{period_id}/monitoring"): (
        READ_PERIOD,
        at("GET", "/api/periods/{p}/monitoring"),
    ),
    ("GET", MONITORING): (READ_COMMUNE, at("GET", "/api/periods/{p}/communes/{u}/monitoring")),
    ("PUT", MONITORING): (
        WRITE_COMMUNE,
        at("PUT", "/api/periods/{p}/communes/{u}/monitoring", {"json": SAVE}),
    ),
    ("GET", "/periods/{period_id}/funds"): (READ_PERIOD, at("GET", "/api/periods/{p}/funds")),
}
