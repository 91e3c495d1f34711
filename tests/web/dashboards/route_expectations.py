"""Route expectations of the dashboards app, picked up by ``test_web_permissions.py``.

The map's data route answers 404 while a province has no map, so its call first stores a small
map of the place's communes: the check then also proves no polygon of another commune leaks.
"""

from __future__ import annotations

from typing import Any

from web_routes import MANAGE, READ_COMMUNE, READ_PERIOD, Build, at

from ntm.web.dashboards.models import CommuneMap


def _square(x: float) -> dict[str, Any]:
    ring = [[x, 0.0], [x + 1, 0.0], [x + 1, 1.0], [x, 1.0], [x, 0.0]]
    return {"type": "Polygon", "coordinates": [ring]}


def _with_map(build: Build) -> Build:
    def call(w: Any, where: str, role: str) -> tuple[str, str, dict[str, Any]]:
        for period, units in ((w.period, [w.xa_a, w.xa_b]), (w.other_period, [w.xa_c])):
            CommuneMap.objects.get_or_create(
                regime=period.regime, province_code=period.province_code,
                defaults={"code_property": "ma_xa", "filename": "xa.geojson",
                          "features": [{"code": u.code, "geometry": _square(i)}
                                       for i, u in enumerate(units)],
                          "feature_count": len(units)},
            )  # fmt: skip
        return build(w, where, role)

    return call


NATIONAL = {"inside": {"central", "admin"}, "outside": {"central", "admin"}}

PAGES = {
    "dashboard": (READ_PERIOD, at("GET", "/tong-hop/?period={p}")),
    "dashboard#xlsx": (READ_PERIOD, at("GET", "/tong-hop/?period={p}&export=xlsx&table=communes")),
    "dashboard-report": (READ_PERIOD, at("GET", "/tong-hop/bao-cao/?period={p}&format=xlsx")),
    "dashboard-report#md": (READ_PERIOD, at("GET", "/tong-hop/bao-cao/?period={p}&format=md")),
    "dashboard-map-data": (READ_PERIOD, _with_map(at("GET", "/tong-hop/ban-do/?period={p}"))),
    "dashboard-map-upload": (MANAGE, at("GET", "/tong-hop/ban-do/tai-len/?period={p}")),
    "dashboard-map-upload#post": (MANAGE, at("POST", "/tong-hop/ban-do/tai-len/?period={p}")),
    "commune-history": (READ_COMMUNE, at("GET", "/xa/{u}/lich-su/")),
    # The national view: users whose scope spans provinces (here the central office and admin).
    "dashboard-national": (NATIONAL, at("GET", "/tong-hop/ca-nuoc/")),
    "dashboard-national#xlsx": (NATIONAL, at("GET", "/tong-hop/ca-nuoc/?export=xlsx")),
}
