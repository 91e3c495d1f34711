"""Route expectations of the set pages, picked up by ``test_web_permissions.py``: whoever reads
the period sees its set and completeness; the province office authors, attaches and pilots; the
central office attaches a national set (or the province's variant) to any province's period and
sets the national default."""

from __future__ import annotations

from typing import Any

from web_routes import MANAGE, READ_PERIOD, SIGNED_IN, at

ATTACH = {"inside": {"office", "central", "admin"}, "outside": {"central", "admin"}}
ROWS = {"rows": "1\t\t1.9\tChỉ tiêu thử\t\tcó/không\t=\tcó\tcó\tcó\t\t"}

PAGES = {
    "set-overview": (READ_PERIOD, at("GET", "/ky/{p}/bo-tieu-chi/")),
    "set-start": (MANAGE, at("GET", "/ky/{p}/bo-tieu-chi/bien-the/")),
    "set-start#post": (
        MANAGE,
        at("POST", "/ky/{p}/bo-tieu-chi/bien-the/", {"base": "xa-ntm-2026-2030"}),
    ),
    "set-edit": (MANAGE, at("GET", "/ky/{p}/bo-tieu-chi/soan/")),
    "set-edit#post": (MANAGE, at("POST", "/ky/{p}/bo-tieu-chi/soan/", ROWS)),
    "set-attach": (ATTACH, at("GET", "/ky/{p}/bo-tieu-chi/gan/")),
    "set-attach#post": (ATTACH, at("POST", "/ky/{p}/bo-tieu-chi/gan/", {"version": ""})),
    "set-pilot": (MANAGE, at("GET", "/ky/{p}/bo-tieu-chi/thi-diem/")),
    "set-pilot#post": (MANAGE, at("POST", "/ky/{p}/bo-tieu-chi/thi-diem/", {"enabled": "0"})),
}

CENTRAL = {"inside": {"central", "admin"}, "outside": {"central", "admin"}}


def _national(world: Any, where: str, role: str) -> tuple[str, str, dict[str, Any]]:
    from ntm.web.sets.services import national_start

    authored = national_start(user=None, base_code="xa-ntm-2026-2030")
    return "GET", f"/bo-tieu-chi/{authored.code}/soan/", {}


PAGES |= {
    "sets-national": (SIGNED_IN, at("GET", "/bo-tieu-chi/")),
    "sets-national#post": (CENTRAL, at("POST", "/bo-tieu-chi/", {"base": "xa-ntm-2026-2030"})),
    "sets-national-edit": (CENTRAL, _national),
    "sets-default": (
        CENTRAL,
        at("POST", "/bo-tieu-chi/mac-dinh/", {"choice": "s:xa-ntm-2026-2030"}),
    ),
}

# /ky/tao/: the central office (and the administrator) creates periods; a province office 403.
PAGES |= {
    "periods-new": (CENTRAL, at("GET", "/ky/tao/")),
    "periods-new#post": (
        CENTRAL,
        at(
            "POST",
            "/ky/tao/",
            {
                "regime": "new",
                "level": "commune",
                "year": "2027",
                "provinces": ["new:91"],
                "choice": "s:xa-ntm-2026-2030",
            },
        ),
    ),
}
