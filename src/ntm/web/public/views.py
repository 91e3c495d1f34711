"""Public pages (no login): recognised communes, province figures, targets' progress."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ntm.web.public.selectors import public_index, public_province, recognised_communes


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "public/index.html", {"figures": public_index()})


@require_GET
def recognised(request: HttpRequest) -> HttpResponse:
    province = request.GET.get("tinh") or None
    rows = recognised_communes(province_code=province)
    return render(request, "public/recognised.html", {"rows": rows, "province": province})


@require_GET
def province(request: HttpRequest, regime: str, province_code: str) -> HttpResponse:
    context = public_province(regime=regime, province_code=province_code)
    if context is None:
        raise Http404
    return render(request, "public/province.html", context)
