"""Registry pages: lists with filters (anyone signed in, their own communes), entry forms and
file imports (the province's office and the administrator)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ntm.criteria import ocop as ocop_data
from ntm.domain import ocop
from ntm.io.errors import ImportFailed, Problem
from ntm.io.rawfile import RawFile
from ntm.web.assessments.access import request_scope
from ntm.web.registries import exports, files, services
from ntm.web.registries.forms import (
    InitiativeFilter,
    InitiativeForm,
    OcopFilter,
    OcopRatingForm,
    RegistryUpload,
    StandingForm,
    VillageFilter,
    VillageForm,
    initiative_input,
    photo_ok,
    rating_input,
)
from ntm.web.registries.models import Initiative, Village, VillageStanding
from ntm.web.registries.selectors import (
    can_manage,
    initiative_counts,
    managed_units,
    product_ratings,
    readable_units,
)


def _managed(request: HttpRequest) -> Any:
    scope = request_scope(request)
    if not can_manage(scope=scope):
        raise PermissionDenied
    return managed_units(scope=scope)


def _filtered(request: HttpRequest, form_class: Any) -> tuple[Any, dict[str, Any], Any]:
    """A registry list's filter form, its valid choices, and the communes it narrows to: every
    commune the person may read, or the one they chose."""
    units = readable_units(scope=request_scope(request))
    form = form_class(request.GET or None, units=units)
    flt = form.cleaned_data if form.is_valid() else {}
    chosen = units.filter(pk=flt["unit"].pk) if flt.get("unit") else units
    return form, flt, chosen


@login_required
@require_GET
def ocop_list(request: HttpRequest) -> HttpResponse:
    form, flt, chosen = _filtered(request, OcopFilter)
    as_of = flt.get("as_of") or date.today()
    rows = product_ratings(units=chosen, as_of=as_of)
    counts = ocop_data.count([r.judged for r in rows])
    if flt.get("stars"):
        rows = [r for r in rows if r.judged.stars == int(flt["stars"])]
    if flt.get("group"):
        rows = [r for r in rows if r.judged.group == flt["group"]]
    if flt.get("status"):
        rows = [r for r in rows if r.judged.status == flt["status"]]
    if request.GET.get("export") == "xlsx":
        return exports.ocop_xlsx(rows)
    context = {
        "form": form,
        "rows": rows,
        "counts": counts,
        "as_of": as_of,
        "status_vi": ocop.STATUS_VI,
        "can_manage": can_manage(scope=request_scope(request)),
    }
    return render(request, "registries/ocop.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def ocop_add(request: HttpRequest) -> HttpResponse:
    form = OcopRatingForm(request.POST or None, units=_managed(request))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        services.ocop_rating_add(
            user=request.user, scope=request_scope(request), item=rating_input(d), channel="form"
        )
        messages.success(
            request, _("Đã ghi kết quả đánh giá sản phẩm %(code)s.") % {"code": d["code"]}
        )
        return redirect("registries-ocop")
    return render(
        request, "registries/form.html", {"form": form, "title": _("Thêm kết quả đánh giá OCOP")}
    )


def _import(
    request: HttpRequest, read: Callable[..., list[Any]], write: Callable[..., int], title: str
) -> HttpResponse:
    """Upload, read every row, then write all of them in one transaction, or nothing."""
    units = _managed(request)
    form = RegistryUpload(request.POST or None, request.FILES or None)
    problems: list[Problem] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        raw = RawFile(upload.name, content=upload.read())
        try:
            items = read(raw=raw, units=units.filter(regime=form.cleaned_data["regime"]))
            n = write(user=request.user, scope=request_scope(request), items=items)
        except ImportFailed as failed:
            problems = failed.problems
        else:
            messages.success(
                request, _("Đã ghi %(n)s dòng từ tệp %(file)s.") % {"n": n, "file": upload.name}
            )
            return redirect(request.path)
    context = {"form": form, "problems": problems, "title": title}
    return render(request, "registries/import.html", context, status=400 if problems else 200)


@login_required
@require_http_methods(["GET", "POST"])
def ocop_import(request: HttpRequest) -> HttpResponse:
    return _import(
        request, files.ocop_read, services.ocop_ratings_import, _("Nhập sản phẩm OCOP từ tệp")
    )


@login_required
@require_GET
def initiative_list(request: HttpRequest) -> HttpResponse:
    form, flt, chosen = _filtered(request, InitiativeFilter)
    rows = Initiative.objects.filter(unit__in=chosen).select_related("kind", "unit")
    for key in ("kind", "field", "year"):
        if flt.get(key):
            rows = rows.filter(**{key: flt[key]})
    if request.GET.get("export") == "xlsx":
        return exports.models_xlsx(rows)
    context = {
        "form": form,
        "rows": rows,
        "counts": initiative_counts(units=chosen),
        "can_manage": can_manage(scope=request_scope(request)),
    }
    return render(request, "registries/models.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def initiative_add(request: HttpRequest) -> HttpResponse:
    form = InitiativeForm(request.POST or None, request.FILES or None, units=_managed(request))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if d["photo"] is not None and not photo_ok(d["photo"]):
            form.add_error("photo", _("Ảnh phải là tệp JPEG hoặc PNG đúng định dạng."))
        else:
            services.initiative_add(
                user=request.user,
                scope=request_scope(request),
                item=initiative_input(d),
                channel="form",
                photo=d["photo"],
            )
            messages.success(request, _("Đã ghi mô hình %(name)s.") % {"name": d["name"]})
            return redirect("registries-models")
    return render(request, "registries/form.html", {"form": form, "title": _("Thêm mô hình")})


@login_required
@require_http_methods(["GET", "POST"])
def initiative_import(request: HttpRequest) -> HttpResponse:
    return _import(
        request, files.initiatives_read, services.initiatives_import, _("Nhập mô hình từ tệp")
    )


@login_required
@require_GET
def village_list(request: HttpRequest) -> HttpResponse:
    form, flt, chosen = _filtered(request, VillageFilter)
    standings = VillageStanding.objects.filter(village__unit__in=chosen).select_related(
        "village__unit"
    )
    if flt.get("year"):
        standings = standings.filter(year=flt["year"])
    if flt.get("standing"):
        standings = standings.filter(standing=flt["standing"])
    villages = Village.objects.filter(unit__in=chosen).select_related("unit")
    if request.GET.get("export") == "xlsx":
        return exports.villages_xlsx(standings, villages)
    context = {
        "form": form,
        "villages": villages,
        "standings": standings,
        "can_manage": can_manage(scope=request_scope(request)),
    }
    return render(request, "registries/villages.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def village_add(request: HttpRequest) -> HttpResponse:
    form = VillageForm(request.POST or None, units=_managed(request))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        services.village_add(
            user=request.user,
            scope=request_scope(request),
            unit=d["unit"],
            name=d["name"],
            kind=d["kind"],
        )
        messages.success(request, _("Đã ghi thôn %(name)s.") % {"name": d["name"]})
        return redirect("registries-villages")
    return render(request, "registries/form.html", {"form": form, "title": _("Thêm thôn")})


@login_required
@require_http_methods(["GET", "POST"])
def standing_add(request: HttpRequest) -> HttpResponse:
    villages = Village.objects.filter(unit__in=_managed(request))
    form = StandingForm(request.POST or None, villages=villages)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        item = services.StandingInput(
            d["village"], d["year"], d["standing"], d["decision_number"], d["decision_date"]
        )
        services.village_standing_record(
            user=request.user, scope=request_scope(request), item=item, channel="form"
        )
        messages.success(
            request, _("Đã ghi danh hiệu của thôn %(name)s.") % {"name": d["village"].name}
        )
        return redirect("registries-villages")
    return render(
        request, "registries/form.html", {"form": form, "title": _("Ghi danh hiệu của thôn")}
    )


@login_required
@require_http_methods(["GET", "POST"])
def village_import(request: HttpRequest) -> HttpResponse:
    return _import(request, files.villages_read, _villages_write, _("Nhập thôn từ tệp"))


def _villages_write(*, user: Any, scope: Any, items: list[Any]) -> int:
    return services.villages_import(user=user, scope=scope, rows=items)
