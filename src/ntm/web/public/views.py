"""Public pages (no login): recognised communes, province figures, targets' progress."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ntm.web.public.selectors import (
    Rollups,
    province_figures,
    province_list,
    recognised_communes,
    target_rows,
)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    rollups = Rollups()
    figures = [
        province_figures(regime=p["regime"], province_code=p["province_code"], rollups=rollups)
        for p in province_list()
    ]
    return render(request, "public/index.html", {"figures": [f for f in figures if f]})


@require_GET
def recognised(request: HttpRequest) -> HttpResponse:
    province = request.GET.get("tinh") or None
    rows = recognised_communes(province_code=province)
    return render(request, "public/recognised.html", {"rows": rows, "province": province})


@require_GET
def province(request: HttpRequest, regime: str, province_code: str) -> HttpResponse:
    rollups = Rollups()
    figures = province_figures(regime=regime, province_code=province_code, rollups=rollups)
    if figures is None:
        raise Http404
    context = {
        "f": figures,
        "targets": target_rows(regime=regime, province_code=province_code, rollups=rollups),
        "recognised": recognised_communes(province_code=province_code),
    }
    return render(request, "public/province.html", context)
