"""Route expectations of the recognition app, picked up by ``test_web_permissions.py``.

Calls on one dossier create it for the place (Xã A inside, Xã C outside) in the state the step
starts from; the lists get a dossier of both communes, so that the check also proves a list never
shows a commune outside the reader's scope.
"""

from __future__ import annotations

from typing import Any

from web_routes import READ_COMMUNE, Build, at

from ntm.web.recognition.models import State, Submission

ONLY_OFFICER_A = {"inside": {"officer_a"}, "outside": set()}
ONLY_REVIEWER = {"inside": {"reviewer"}, "outside": set()}
ONLY_OFFICE = {"inside": {"office"}, "outside": set()}
LIST_REVIEWERS = {
    "inside": {"reviewer", "central", "admin"},
    "outside": {"reviewer", "central", "admin"},
}
LIST_OFFICES = {"inside": {"office", "central", "admin"}, "outside": {"office", "central", "admin"}}


def _dossier(w: Any, where: str, state: str) -> Submission:
    period, unit = (w.period, w.xa_a) if where == "inside" else (w.other_period, w.xa_c)
    submission, _ = Submission.objects.get_or_create(
        unit=unit, period=period, tier="standard", defaults={"state": state, "round": 1}
    )
    return submission


def on_dossier(method: str, template: str, state: str, data: dict[str, Any] | None = None) -> Build:
    def build(w: Any, where: str, role: str) -> tuple[str, str, dict[str, Any]]:
        return method, template.format(s=_dossier(w, where, state).pk), dict(data or {})

    return build


def on_list(template: str, state: str) -> Build:
    def build(w: Any, where: str, role: str) -> tuple[str, str, dict[str, Any]]:
        for place in ("inside", "outside"):
            _dossier(w, place, state)
        return "GET", template, {}

    return build


DECISION = {"number": "9/QĐ-UBND", "date": "01/12/2026", "signer": "Chủ tịch UBND tỉnh"}
PAGES = {
    "recognition-commune": (READ_COMMUNE, at("GET", "/cong-nhan/ky/{p}/xa/{u}/")),
    "recognition-submit": (
        ONLY_OFFICER_A,
        at("POST", "/cong-nhan/ky/{p}/xa/{u}/gui/", {"action": "save", "satisfaction_pct": "95"}),
    ),
    "recognition-submission": (
        READ_COMMUNE,
        on_dossier("GET", "/cong-nhan/ho-so/{s}/", State.UNDER_REVIEW),
    ),
    "recognition-review": (
        ONLY_REVIEWER,
        on_dossier(
            "POST",
            "/cong-nhan/ho-so/{s}/tieu-chi/2/",
            State.SUBMITTED,
            {"decision": "returned", "comment": "Thiếu biên bản"},
        ),
    ),
    "recognition-review-all": (
        ONLY_REVIEWER,
        on_dossier(
            "POST",
            "/cong-nhan/ho-so/{s}/tham-tra/",
            State.SUBMITTED,
            {"decision-2": "returned", "comment-2": "Thiếu biên bản"},
        ),
    ),
    "recognition-appraise": (
        ONLY_OFFICE,
        on_dossier("POST", "/cong-nhan/ho-so/{s}/tham-dinh/", State.CONFIRMED, {"note": "Đạt"}),
    ),
    "recognition-decide": (
        ONLY_OFFICE,
        on_dossier("POST", "/cong-nhan/ho-so/{s}/quyet-dinh/", State.APPRAISED, DECISION),
    ),
    "recognition-revoke": (
        ONLY_OFFICE,
        on_dossier(
            "POST",
            "/cong-nhan/ho-so/{s}/thu-hoi/",
            State.RECOGNISED,
            {**DECISION, "reason": "Không còn đạt chuẩn"},
        ),
    ),
    "recognition-queue": (LIST_REVIEWERS, on_list("/cong-nhan/hang-cho/", State.SUBMITTED)),
    "recognition-office": (LIST_OFFICES, on_list("/cong-nhan/van-phong/", State.CONFIRMED)),
    "recognition-queue#xlsx": (
        LIST_REVIEWERS,
        on_list("/cong-nhan/hang-cho/?export=xlsx", State.SUBMITTED),
    ),
    "recognition-office#xlsx": (
        LIST_OFFICES,
        on_list("/cong-nhan/van-phong/?export=xlsx", State.CONFIRMED),
    ),
    "recognition-revocations": (
        LIST_OFFICES,
        on_list("/cong-nhan/thu-hoi/", State.REVOKED),
    ),
    "recognition-flag": (ONLY_OFFICE, at("POST", "/cong-nhan/ky/{p}/ra-soat-thu-hoi/")),
}
