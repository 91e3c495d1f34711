"""The set pages of a period: /ky/<period>/bo-tieu-chi/….

Reading the period's set and its completeness: whoever reads the period. Starting the province's
variant, editing it (pasted rows or the exported table), attaching a version to the period and the
pilot switch: the province office (``can_manage_period``), every change versioned and logged.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from ntm.criteria import available_sets
from ntm.io.errors import ImportFailed
from ntm.web.assessments.access import get_period, request_scope
from ntm.web.assessments.models import Period
from ntm.web.readmodel.sets import cset_of
from ntm.web.sets import services
from ntm.web.sets.defaults import VERSION, choice_record, may_attach, period_choices
from ntm.web.sets.models import AuthoredSet, PilotSwitch, SetLog
from ntm.web.sets.paste import paste_headers
from ntm.web.sets.selectors import set_completeness

MAX_UPLOAD = 5 * 1024 * 1024


class PasteForm(forms.Form):
    rows = forms.CharField(
        label=gettext_lazy("Các dòng dán từ bảng Word hoặc Excel (cách nhau bằng tab)"),
        widget=forms.Textarea(attrs={"rows": 12, "cols": 120}), max_length=400_000,
    )  # fmt: skip


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Bảng Excel của ntm criteria export (.xlsx)"))


class StartForm(forms.Form):
    base = forms.ChoiceField(label=gettext_lazy("Bộ tiêu chí quốc gia"))

    def __init__(self, *args: Any, period: Period, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        base = self.fields["base"]
        assert isinstance(base, forms.ChoiceField)  # declared above
        base.choices = national_choices(period)


def national_choices(period: Period) -> list[tuple[str, str]]:
    """The shipped national sets of the period's level covering its year."""
    level = cset_of(period.criteria_set).level
    found = [
        s for s in available_sets()
        if s.parent is None and s.level == level and s.period[0] <= period.year <= s.period[1]
    ]  # fmt: skip
    shipped = [(s.code, f"{s.code} — {s.title}") for s in sorted(found, key=lambda s: s.code)]
    roots = {s.code for s in found}
    completed = AuthoredSet.objects.filter(province_code="", parent_code__in=roots)
    return shipped + [(a.code, f"{a.code} — {a.title}") for a in completed.order_by("code")]


class AttachForm(forms.Form):
    """``choice``: a key of ``defaults.period_choices``; ``version``: an authored version's id
    (what the page posted before national sets were offered, still understood)."""

    choice = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def key(self) -> str:
        version = self.cleaned_data.get("version")
        return f"{VERSION}:{version}" if version else self.cleaned_data.get("choice") or ""


def _manage(request: HttpRequest, period: Period) -> None:
    if not request_scope(request).can_manage_period(period):
        raise PermissionDenied


def _variant(period: Period) -> AuthoredSet | None:
    """The province's set the period uses, else the one it edited last."""
    mine = AuthoredSet.objects.filter(province_code=period.province_code)
    return (mine.filter(code=period.criteria_set.code).first()
            or mine.order_by("-created_at", "-pk").first())  # fmt: skip


@login_required
def set_overview(request: HttpRequest, period_id: int) -> HttpResponse:
    """The period's set: its completeness, the province's variant, pilot or official."""
    period = get_period(request, period_id)
    cset = cset_of(period.criteria_set)
    pilot = PilotSwitch.objects.filter(period=period, enabled=True).exists()
    context = {
        "period": period, "cset": cset, "done": set_completeness(cset, period.year),
        "variant": _variant(period), "pilot": pilot,
        "can_manage": request_scope(request).can_manage_period(period),
        "can_attach": may_attach(request_scope(request), period),
        "log": SetLog.objects.filter(period_id_ref=period.pk)[:20],
    }  # fmt: skip
    return render(request, "sets/overview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def variant_start(request: HttpRequest, period_id: int) -> HttpResponse:
    """Start (or open) the province's variant of the period's national set."""
    period = get_period(request, period_id)
    _manage(request, period)
    authored = AuthoredSet.objects.filter(code=period.criteria_set.code).first()
    current = authored.parent_code if authored else period.criteria_set.code
    choices = dict(national_choices(period))
    initial = current if current in choices else next(iter(choices), "")
    form = StartForm(request.POST or None, period=period, initial={"base": initial})
    if request.method == "POST" and form.is_valid():
        services.variant_start(user=request.user, scope=request_scope(request), period=period,
                               base_code=form.cleaned_data["base"])  # fmt: skip
        return redirect("set-edit", period_id=period.pk)
    status = 400 if form.errors else 200
    return render(request, "sets/start.html", {"period": period, "form": form}, status=status)


def _edit_context(period: Period, authored: AuthoredSet) -> dict[str, object]:
    cset = cset_of(authored.current().record)
    return {
        "period": period, "authored": authored, "cset": cset,
        "done": set_completeness(cset, period.year), "columns": paste_headers(cset),
        "versions": authored.versions.select_related("record").order_by("-number"),
        "paste": PasteForm(), "upload": UploadForm(),
    }  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def set_edit(request: HttpRequest, period_id: int) -> HttpResponse:
    """The province's variant: paste rows or upload the table; each change a new version."""
    period = get_period(request, period_id)
    _manage(request, period)
    authored = _variant(period)
    if authored is None:
        return redirect("set-start", period_id=period.pk)
    context = _edit_context(period, authored)
    if request.method == "POST":
        try:
            change = apply_change(request, authored, context)
        except ImportFailed as failed:
            context["problems"] = failed.problems
            return render(request, "sets/edit.html", context, status=400)
        if change is None:
            return render(request, "sets/edit.html", context, status=400)
        text = (_("Đã ghi phiên bản %(v)d (%(n)d dòng).") % {"v": change.version.number,
                "n": change.rows}) if change.version else _("Không có gì thay đổi.")  # fmt: skip
        messages.success(request, text)
        return redirect("set-edit", period_id=period.pk)
    return render(request, "sets/edit.html", context)


def apply_change(
    request: HttpRequest, authored: AuthoredSet, context: dict[str, object]
) -> services.Change | None:
    """The posted paste or upload, or None when its form is not valid (errors in context)."""
    if "file" in request.FILES:
        upload = UploadForm(request.POST, request.FILES)
        context["upload"] = upload
        if not upload.is_valid():
            return None
        f = upload.cleaned_data["file"]
        if f.size > MAX_UPLOAD:
            upload.add_error("file", _("Tệp lớn hơn 5 MB."))
            return None
        return services.table_upload(user=request.user, authored=authored, name=f.name,
                                     content=f.read())  # fmt: skip
    paste = PasteForm(request.POST)
    context["paste"] = paste
    if not paste.is_valid():
        return None
    return services.rows_paste(user=request.user, authored=authored,
                               text=paste.cleaned_data["rows"])  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def set_attach(request: HttpRequest, period_id: int) -> HttpResponse:
    """Attach a national set or a version of the province's sets to the period: the province
    office for its province, the central office for any province."""
    period = get_period(request, period_id)
    if not may_attach(request_scope(request), period):
        raise PermissionDenied
    choices = period_choices(period)
    form = AttachForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        chosen = next((c for c in choices if c.key == form.key()), None)
        if chosen is None:
            form.add_error(None, _("Chọn một bộ tiêu chí trong danh sách."))
        else:
            try:
                services.period_attach(user=request.user, scope=request_scope(request),
                                       period=period, record=choice_record(chosen))  # fmt: skip
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                return redirect("set-attach", period_id=period.pk)
            messages.success(request, _("Đã gắn bộ %(code)s vào kỳ.") % {"code": chosen.label})
            return redirect("set-overview", period_id=period.pk)
    rows = [(c, c.in_use(period.criteria_set)) for c in choices]
    context = {"period": period, "rows": rows, "form": form}
    return render(request, "sets/attach.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def set_pilot(request: HttpRequest, period_id: int) -> HttpResponse:
    """Pilot evaluation ("theo các chỉ tiêu đã nhập") on or off for the period."""
    period = get_period(request, period_id)
    _manage(request, period)
    if request.method == "POST":
        enabled = request.POST.get("enabled") == "1"
        services.pilot_set(user=request.user, scope=request_scope(request), period=period,
                           enabled=enabled)  # fmt: skip
        messages.success(request, _("Đã bật đánh giá thí điểm.") if enabled
                         else _("Đã tắt đánh giá thí điểm."))  # fmt: skip
        return redirect("set-overview", period_id=period.pk)
    pilot = PilotSwitch.objects.filter(period=period, enabled=True).exists()
    return render(request, "sets/pilot.html", {"period": period, "pilot": pilot})
