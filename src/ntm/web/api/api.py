"""The REST API (django-ninja): OpenAPI at /api/openapi.json, docs at /api/docs.

Every route is scoped like the pages: a unit or period outside the user's scope is a 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from ntm.io.errors import ImportFailed
from ntm.web.api.auth import SessionAuth, TokenAuth
from ntm.web.assessments.services import StaleAssessment

api = NinjaAPI(
    title="ntm API",
    version="1",
    description="Chương trình MTQG xây dựng nông thôn mới: đơn vị, bộ tiêu chí, số liệu, đánh giá.",
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
)


@api.exception_handler(PermissionDenied)
def _denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(
        request, {"detail": "Bạn không có quyền truy cập dữ liệu này."}, status=403
    )


@api.exception_handler(StaleAssessment)
def _stale(request: HttpRequest, exc: StaleAssessment) -> HttpResponse:
    changes = [
        {"username": e.username, "at": e.at.isoformat(), "target": e.target, "old": e.old,
         "new": e.new, "version": e.version}
        for e in exc.changes
    ]  # fmt: skip
    body = {"detail": "Dữ liệu đã được người khác thay đổi; không có gì được ghi.",
            "current_version": exc.current_version, "changes": changes}  # fmt: skip
    return api.create_response(request, body, status=409)


@api.exception_handler(ImportFailed)
def _bad_input(request: HttpRequest, exc: ImportFailed) -> HttpResponse:
    body = {
        "detail": f"Có {len(exc.problems)} lỗi",
        "problems": [p.as_dict() for p in exc.problems],
    }
    return api.create_response(request, body, status=400)


@api.exception_handler(ValueError)
def _bad_value(request: HttpRequest, exc: ValueError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=400)


from ntm.web.api import routes  # noqa: E402  (routes register themselves on ``api``)

__all__ = ["api", "routes"]
