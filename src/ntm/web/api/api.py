"""The REST API (django-ninja): OpenAPI at /api/openapi.json, docs at /api/docs.

Every route is scoped like the pages: a unit or period outside the user's scope is a 403.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from ntm.io.errors import ImportFailed
from ntm.web.api.auth import SessionAuth, TokenAuth
from ntm.web.api.errors import problem_dicts, problems_body, validation_problems
from ntm.web.api.openapi import tidy_schema
from ntm.web.assessments.services import StaleAssessment


class Api(NinjaAPI):
    """Short operation ids (``commune_values_save``, not the module path) and a schema a
    generated client can use: see ``openapi.tidy_schema``."""

    def get_openapi_operation_id(self, operation: Any) -> str:
        return str(operation.view_func.__name__).removesuffix("_route")

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        return tidy_schema(super().get_openapi_schema(**kwargs))


api = Api(
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


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    detail = "Chưa đăng nhập: gửi kèm mã truy cập (Authorization: Bearer ntm_…) hoặc đăng nhập."
    return api.create_response(request, {"detail": detail}, status=401)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "Không tìm thấy dữ liệu yêu cầu."}, status=404)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400:  # ninja's only 400 of its own: a body it could not parse
        problem = validation_problems([{"type": "json_invalid", "loc": ()}])
        return api.create_response(request, problems_body(problem), status=400)
    texts = {405: "Phương thức không được hỗ trợ.", 429: "Quá nhiều yêu cầu; thử lại sau."}
    detail = texts.get(exc.status_code, "Yêu cầu không thực hiện được.")
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """A wrongly typed value is a bad entry like any other: 400 with the problem list."""
    return api.create_response(request, problems_body(validation_problems(exc.errors)), status=400)


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
    return api.create_response(request, problems_body(problem_dicts(exc.problems)), status=400)


@api.exception_handler(ValueError)
def _bad_value(request: HttpRequest, exc: ValueError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=400)


from ntm.web.api import monitoring, routes  # noqa: E402  (routes register themselves on ``api``)

__all__ = ["api", "monitoring", "routes"]
