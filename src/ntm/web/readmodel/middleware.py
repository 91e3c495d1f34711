"""A reading request (GET, HEAD) reads each data version once (``versions.versions_once``)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from ntm.web.readmodel.versions import versions_once

READING = frozenset({"GET", "HEAD"})


class VersionsOncePerRequestMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in READING:
            return self.get_response(request)
        with versions_once():
            return self.get_response(request)
