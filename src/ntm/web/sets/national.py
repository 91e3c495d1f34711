"""National sets authored by the central office: /bo-tieu-chi/….

The list of sets (shipped and authored, with their completeness) is for everyone signed in. The
central office (and the administrator) starts the completed national version of a shipped set
(``<code>-hoan-thien``, national: no province) and edits it with the same paste and upload as
the provincial office; a province then starts its variant from it like from a shipped set.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from ntm.criteria import available_sets
from ntm.io.errors import ImportFailed
from ntm.web.accounts.models import Role
from ntm.web.assessments.access import request_scope
from ntm.web.readmodel.sets import cset_of
from ntm.web.sets import services
from ntm.web.sets.defaults import (
    SetChoice,
    choice_record,
    default_choices,
    national_default_set,
    national_defaults,
)
from ntm.web.sets.models import AuthoredSet
from ntm.web.sets.paste import paste_headers
from ntm.web.sets.selectors import set_completeness
from ntm.web.sets.views import PasteForm, UploadForm, apply_change


class NationalStartForm(forms.Form):
    base = forms.ChoiceField(label=gettext_lazy("Bộ tiêu chí quốc gia"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        shipped = sorted((s for s in available_sets() if s.parent is None), key=lambda s: s.code)
        base = self.fields["base"]
        assert isinstance(base, forms.ChoiceField)  # declared above
        base.choices = [(s.code, f"{s.code} — {s.title}") for s in shipped]


class DefaultForm(forms.Form):
    choice = forms.ChoiceField(label=gettext_lazy("Bộ tiêu chí mặc định cho kỳ mới"))

    def __init__(self, *args: Any, choices: list[SetChoice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["choice"]
        assert isinstance(field, forms.ChoiceField)  # declared above
        field.choices = [(c.key, f"{c.label} — {c.summary}") for c in choices]


def _central(request: HttpRequest) -> None:
    roles = request_scope(request).roles
    if not ({Role.CENTRAL, Role.ADMIN} & set(roles)):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def sets_list(request: HttpRequest) -> HttpResponse:
    """Every set with its completeness; the central office starts a national version."""
    form = NationalStartForm(request.POST or None)
    if request.method == "POST":
        _central(request)
        if form.is_valid():
            base = form.cleaned_data["base"]
            authored = services.national_start(user=request.user, base_code=base)
            return redirect("sets-national-edit", code=authored.code)
    rows = [(s, set_completeness(s, s.period[0])) for s in available_sets() if s.parent is None]
    authored_sets = []
    for a in AuthoredSet.objects.order_by("code"):
        cset = cset_of(a.current().record)
        authored_sets.append((a, set_completeness(cset, cset.period[0])))
    roles = set(request_scope(request).roles)
    context = {"rows": sorted(rows, key=lambda r: r[0].code), "authored": authored_sets,
               "form": form, "can_author": bool({Role.CENTRAL, Role.ADMIN} & roles),
               "defaults": national_defaults(),
               "default_form": DefaultForm(choices=default_choices())}  # fmt: skip
    return render(request, "sets/national.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def national_default(request: HttpRequest) -> HttpResponse:
    """The central office sets the set a new province period of a programme starts with."""
    _central(request)
    choices = default_choices()
    form = DefaultForm(request.POST, choices=choices)
    if not form.is_valid():
        messages.error(request, _("Chọn một bộ tiêu chí trong danh sách."))
        return redirect("sets-national")
    chosen = next(c for c in choices if c.key == form.cleaned_data["choice"])
    try:
        found = national_default_set(user=request.user, scope=request_scope(request),
                                     record=choice_record(chosen))  # fmt: skip
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("sets-national")
    messages.success(request, _("Từ nay, kỳ mới của giai đoạn %(first)s–%(last)s bắt đầu với bộ "
                                "%(code)s.") % {"first": found.first_year, "last": found.last_year,
                                                "code": chosen.label})  # fmt: skip
    return redirect("sets-national")


@login_required
@require_http_methods(["GET", "POST"])
def national_edit(request: HttpRequest, code: str) -> HttpResponse:
    """A national authored set: paste rows or upload the table, each change a version."""
    _central(request)
    authored = get_object_or_404(AuthoredSet, code=code, province_code="")
    cset = cset_of(authored.current().record)
    context: dict[str, object] = {
        "period": None, "authored": authored, "cset": cset,
        "done": set_completeness(cset, cset.period[0]), "columns": paste_headers(cset),
        "versions": authored.versions.select_related("record").order_by("-number"),
        "paste": PasteForm(), "upload": UploadForm(),
    }  # fmt: skip
    if request.method == "POST":
        try:
            change = apply_change(request, authored, context)
        except ImportFailed as failed:
            context["problems"] = failed.problems
            return render(request, "sets/edit.html", context, status=400)
        if change is None:
            return render(request, "sets/edit.html", context, status=400)
        messages.success(request, _("Đã ghi.") if change.version else _("Không có gì thay đổi."))
        return redirect("sets-national-edit", code=authored.code)
    return render(request, "sets/edit.html", context)
