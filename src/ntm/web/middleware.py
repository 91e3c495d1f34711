"""Vietnamese for everyone unless the person chose English (the language cookie).

Django's LocaleMiddleware would follow the browser's Accept-Language, so an official whose
browser is set to English would get English pages without asking; here only a choice counts.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.known = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.known else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class ApiMethodNotAllowedMiddleware:
    """The API's 405 in Vietnamese JSON like its other errors: django-ninja answers a wrong
    method with the plain English text "Method not allowed", outside its exception handlers."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or not request.path.startswith("/api/"):
            return response
        allowed = response.headers.get("Allow", "")
        detail = f"Phương thức {request.method} không dùng được ở địa chỉ này"
        detail += f"; dùng: {allowed}." if allowed else "."
        answer = JsonResponse({"detail": detail}, status=405)
        if allowed:
            answer.headers["Allow"] = allowed
        return answer
