"""Public pages (no login): recognised communes, province figures, targets' progress."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ntm.web.public.explain import charts, status_help
from ntm.web.public.selectors import index_key, public_index, public_province, recognised_communes


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    # ``figures`` is called by the template only when its cached table (keyed by the data
    # version) is missing: an anonymous visitor costs one query while nothing changed.
    context = {"figures": public_index, "index_key": index_key(),
               "cache_seconds": settings.NTM_DASHBOARD_CACHE_SECONDS}  # fmt: skip
    return render(request, "public/index.html", context)


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
    f = context["f"]
    # Words in the visitor's language, beside the cached figures (issue #14.5).
    words = {"status_help": status_help(), "charts": charts(f.bands, f.criteria)}
    return render(request, "public/province.html", {**context, **words})
