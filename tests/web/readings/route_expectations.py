"""Route expectations of the provincial reports (picked up by ``test_web_permissions.py``): the
central office and the administrator for every province, a province's office for its own;
reviewers, commune officers and outsiders get 403."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from web_routes import Build, at

from ntm.web.readings.models import ProvinceReport

OFFICES = {"inside": {"office", "central", "admin"}, "outside": {"office", "central", "admin"}}
PROVINCE = {"inside": {"office", "central", "admin"}, "outside": {"central", "admin"}}


def _report(w: Any, where: str) -> int:
    period = w.period if where == "inside" else w.other_period
    report = ProvinceReport(
        regime=period.regime,
        province_code=period.province_code,
        province_name=period.province_name,
        year=2026,
        filename="bao-cao.txt",
        content_type="text/plain; charset=utf-8",
        size=30,
        sha256="0" * 64,
    )
    report.file.save("bao-cao.txt", ContentFile("Toàn tỉnh có 2 xã.".encode()), save=True)
    return report.pk


def on_report(method: str, suffix: str, data: dict[str, Any] | None = None) -> Build:
    def build(w: Any, where: str, role: str) -> tuple[str, str, dict[str, Any]]:
        return method, f"/bao-cao-tinh/{_report(w, where)}/{suffix}", dict(data or {})

    return build


def upload(w: Any, where: str, role: str) -> tuple[str, str, dict[str, Any]]:
    period = w.period if where == "inside" else w.other_period
    return "POST", "/bao-cao-tinh/", {"province": f"{period.regime}:{period.province_code}"}


PAGES = {
    "readings": (OFFICES, at("GET", "/bao-cao-tinh/")),
    "readings#post": (PROVINCE, upload),
    "reading": (PROVINCE, on_report("GET", "")),
    "reading-file": (PROVINCE, on_report("GET", "tep/")),
    "reading-year": (PROVINCE, on_report("POST", "nam/", {"year": "2025"})),
    "reading-delete": (PROVINCE, on_report("POST", "xoa/", {"confirm": "1"})),
    "reading-delete#ask": (PROVINCE, on_report("POST", "xoa/")),
}
