"""Edit and delete pages of registry records, for those who may add them (the province's office,
the administrator) and only on the communes they keep: the add form again, prefilled and
carrying the record's version; a deletion asks first, then goes by POST."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ntm.web.assessments.access import request_scope
from ntm.web.registries import changes
from ntm.web.registries.forms import (
    InitiativeForm,
    OcopRatingForm,
    StandingForm,
    VillageForm,
    initiative_input,
    photo_ok,
    rating_input,
)
from ntm.web.registries.models import Initiative, OcopRating, Village, VillageStanding
from ntm.web.registries.selectors import managed_units
from ntm.web.registries.services import StandingInput
from ntm.web.units.models import Unit

EDIT = ["GET", "POST"]


def _fetch(request: HttpRequest, rows: QuerySet[Any], pk: int, unit: Callable[[Any], Unit]) -> Any:
    """The record (404 if none), 403 unless the user keeps its commune's registry."""
    record = get_object_or_404(rows, pk=pk)
    changes.keep_check(request_scope(request), unit(record))
    return record


def _units(request: HttpRequest) -> QuerySet[Unit]:
    return managed_units(scope=request_scope(request))


def _versioned(form: forms.Form, record: Model) -> forms.Form:
    """The form with the version it was read at, sent back with the changes."""
    form.fields["version"] = forms.IntegerField(
        widget=forms.HiddenInput, min_value=0, initial=getattr(record, "version", 0)
    )
    return form


def _page(request: HttpRequest, form: forms.Form, title: str, refused: bool) -> HttpResponse:
    # 409 when the record changed under the form (or the change clashes with another record).
    status = 409 if refused else (400 if form.errors else 200)
    context = {"form": form, "title": title}
    return render(request, "registries/form.html", context, status=status)


def _write(form: forms.Form, write: Callable[[dict[str, Any]], Any]) -> bool:
    """Run ``write`` on the form's data; a refusal becomes the form's error (False)."""
    try:
        write(form.cleaned_data)
    except changes.Refused as refused:
        form.add_error(None, refused.message)
        return False
    return True


def _confirm(
    request: HttpRequest, record: Model, what: str, back: str, note: str = ""
) -> HttpResponse:
    context = {"what": what, "note": note, "back": back, "version": getattr(record, "version", 0)}
    return render(request, "registries/delete.html", context)


def _ocop_rows() -> QuerySet[OcopRating]:
    return OcopRating.objects.select_related("product__unit")


def _ocop_initial(rating: OcopRating) -> dict[str, Any]:
    p = rating.product
    return {
        "unit": p.unit_id,
        "code": p.code,
        "name": p.name,
        "group": p.group,
        "subject": p.subject,
        "scorecard": rating.scorecard,
        "score_a": rating.score_a,
        "score_b": rating.score_b,
        "score_c": rating.score_c,
        "decision_number": rating.decision_number,
        "decision_date": rating.decision_date,
    }


@login_required
@require_http_methods(EDIT)
def ocop_edit(request: HttpRequest, rating_id: int) -> HttpResponse:
    rating = _fetch(request, _ocop_rows(), rating_id, lambda r: r.product.unit)
    initial = _ocop_initial(rating)
    form = _versioned(
        OcopRatingForm(request.POST or None, units=_units(request), initial=initial), rating
    )

    def write(d: dict[str, Any]) -> None:
        changes.ocop_rating_update(
            user=request.user,
            scope=request_scope(request),
            rating=rating,
            version=d["version"],
            item=rating_input(d),
        )

    if request.method == "POST" and form.is_valid() and _write(form, write):
        code = form.cleaned_data["code"]
        messages.success(request, _("Đã sửa sản phẩm %(code)s.") % {"code": code})
        return redirect("registries-ocop")
    title = _("Sửa kết quả đánh giá OCOP %(code)s") % {"code": rating.product.code}
    return _page(request, form, title, bool(form.non_field_errors()))


@login_required
@require_http_methods(EDIT)
def ocop_delete(request: HttpRequest, rating_id: int) -> HttpResponse:
    rating = _fetch(request, _ocop_rows(), rating_id, lambda r: r.product.unit)
    if request.method == "GET":
        others = rating.product.ratings.exclude(pk=rating.pk).count()
        note = (
            _("Sản phẩm còn %(n)s kết quả đánh giá khác: kết quả gần nhất còn lại sẽ được dùng.")
            % {"n": others}
            if others
            else _("Đây là kết quả đánh giá duy nhất: sản phẩm cũng bị xóa khỏi sổ.")
        )
        return _confirm(request, rating, changes.ocop_text(rating), "registries-ocop", note)
    return _delete(
        request,
        "registries-ocop",
        lambda v: changes.ocop_rating_delete(
            user=request.user,
            scope=request_scope(request),
            rating=rating,
            version=v,
        ),
    )


def _delete(request: HttpRequest, back: str, delete: Callable[[int], Any]) -> HttpResponse:
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        messages.error(request, _("Thiếu phiên bản của bản ghi: hãy xóa lại từ danh sách."))
        return redirect(back)
    try:
        delete(version)
    except changes.Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Đã xóa."))
    return redirect(back)


def _initiative_initial(record: Initiative) -> dict[str, Any]:
    names = ("name", "field", "year", "households", "value", "description")
    return {"unit": record.unit_id, "kind": record.kind_id} | {n: getattr(record, n) for n in names}


def _initiatives() -> QuerySet[Initiative]:
    return Initiative.objects.select_related("unit", "kind")


@login_required
@require_http_methods(EDIT)
def initiative_edit(request: HttpRequest, initiative_id: int) -> HttpResponse:
    record = _fetch(request, _initiatives(), initiative_id, lambda r: r.unit)
    form = InitiativeForm(
        request.POST or None,
        request.FILES or None,
        units=_units(request),
        initial=_initiative_initial(record),
    )
    _versioned(form, record)
    form.fields["photo"].help_text = _("Để trống để giữ ảnh hiện có.")
    if request.method == "POST" and form.is_valid():
        photo = form.cleaned_data["photo"]
        if photo is not None and not photo_ok(photo):
            form.add_error("photo", _("Ảnh phải là tệp JPEG hoặc PNG đúng định dạng."))
        elif _write(
            form,
            lambda d: changes.initiative_update(
                user=request.user,
                scope=request_scope(request),
                record=record,
                version=d["version"],
                item=initiative_input(d),
                photo=photo,
            ),
        ):
            name = form.cleaned_data["name"]
            messages.success(request, _("Đã sửa mô hình %(name)s.") % {"name": name})
            return redirect("registries-models")
    title = _("Sửa mô hình %(name)s") % {"name": record.name}
    return _page(request, form, title, bool(form.non_field_errors()))


@login_required
@require_http_methods(EDIT)
def initiative_delete(request: HttpRequest, initiative_id: int) -> HttpResponse:
    record = _fetch(request, _initiatives(), initiative_id, lambda r: r.unit)
    if request.method == "GET":
        return _confirm(request, record, changes.initiative_text(record), "registries-models")
    return _delete(
        request,
        "registries-models",
        lambda v: changes.initiative_delete(
            user=request.user,
            scope=request_scope(request),
            record=record,
            version=v,
        ),
    )


@login_required
@require_http_methods(EDIT)
def village_edit(request: HttpRequest, village_id: int) -> HttpResponse:
    village = _fetch(request, Village.objects.select_related("unit"), village_id, lambda r: r.unit)
    initial = {"unit": village.unit_id, "name": village.name, "kind": village.kind}
    form = _versioned(
        VillageForm(request.POST or None, units=_units(request), initial=initial), village
    )

    def write(d: dict[str, Any]) -> None:
        changes.village_update(
            user=request.user,
            scope=request_scope(request),
            village=village,
            version=d["version"],
            unit=d["unit"],
            name=d["name"],
            kind=d["kind"],
        )

    if request.method == "POST" and form.is_valid() and _write(form, write):
        name = form.cleaned_data["name"]
        messages.success(request, _("Đã sửa thôn %(name)s.") % {"name": name})
        return redirect("registries-villages")
    title = _("Sửa thôn %(name)s") % {"name": village.name}
    return _page(request, form, title, bool(form.non_field_errors()))


@login_required
@require_http_methods(EDIT)
def village_delete(request: HttpRequest, village_id: int) -> HttpResponse:
    village = _fetch(request, Village.objects.select_related("unit"), village_id, lambda r: r.unit)
    if request.method == "GET":
        n = village.standings.count()
        note = _("Cả %(n)s danh hiệu của thôn cũng bị xóa.") % {"n": n} if n else ""
        what = f"{village.name} ({village.unit.name})"
        return _confirm(request, village, what, "registries-villages", note)
    return _delete(
        request,
        "registries-villages",
        lambda v: changes.village_delete(
            user=request.user,
            scope=request_scope(request),
            village=village,
            version=v,
        ),
    )


def _standings() -> QuerySet[VillageStanding]:
    return VillageStanding.objects.select_related("village__unit")


@login_required
@require_http_methods(EDIT)
def standing_edit(request: HttpRequest, standing_id: int) -> HttpResponse:
    record = _fetch(request, _standings(), standing_id, lambda r: r.village.unit)
    names = ("year", "standing", "decision_number", "decision_date")
    initial = {"village": record.village_id} | {n: getattr(record, n) for n in names}
    villages = Village.objects.filter(unit__in=_units(request))
    form = _versioned(
        StandingForm(request.POST or None, villages=villages, initial=initial), record
    )

    def write(d: dict[str, Any]) -> None:
        item = StandingInput(
            d["village"], d["year"], d["standing"], d["decision_number"], d["decision_date"]
        )
        changes.standing_update(
            user=request.user,
            scope=request_scope(request),
            record=record,
            version=d["version"],
            item=item,
        )

    if request.method == "POST" and form.is_valid() and _write(form, write):
        messages.success(request, _("Đã sửa danh hiệu của thôn."))
        return redirect("registries-villages")
    title = _("Sửa danh hiệu của thôn %(name)s") % {"name": record.village.name}
    return _page(request, form, title, bool(form.non_field_errors()))


@login_required
@require_http_methods(EDIT)
def standing_delete(request: HttpRequest, standing_id: int) -> HttpResponse:
    record = _fetch(request, _standings(), standing_id, lambda r: r.village.unit)
    if request.method == "GET":
        return _confirm(request, record, changes.standing_text(record), "registries-villages")
    return _delete(
        request,
        "registries-villages",
        lambda v: changes.standing_delete(
            user=request.user,
            scope=request_scope(request),
            record=record,
            version=v,
        ),
    )
