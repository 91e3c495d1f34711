"""The province's commune groups (Nhóm 1/2/3) under a period: /ky/<period>/nhom-xa/….

Reading: whoever may read the period. Setting groups (the table or a file) is the province
office's (``can_manage_period``), always with the decision that set them: number, date and the
year from which they apply (the period's year unless said otherwise).
"""

from __future__ import annotations

import io

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from openpyxl import Workbook
from openpyxl.styles import Font

from ntm.io.errors import ImportFailed
from ntm.io.groups import HEADERS, read_groups
from ntm.io.rawfile import RawFile
from ntm.web.assessments.access import get_period, request_scope
from ntm.web.assessments.models import Period
from ntm.web.units.groups import (
    GROUPS,
    DecisionInput,
    group_history,
    groups_assign,
    groups_in_force,
    rural_communes,
)
from ntm.web.units.models import Unit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class DecisionForm(forms.Form):
    number = forms.CharField(label=gettext_lazy("Số quyết định"), max_length=60)
    date = forms.DateField(
        label=gettext_lazy("Ngày quyết định"), input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
    )  # fmt: skip
    from_year = forms.IntegerField(
        label=gettext_lazy("Áp dụng từ năm"), min_value=2000, max_value=2100
    )


class GroupUploadForm(DecisionForm):
    file = forms.FileField(label=gettext_lazy("Tệp Excel hoặc CSV (Mã xã, Tên xã, Nhóm)"))


def _manage(request: HttpRequest, period: Period) -> None:
    if not request_scope(request).can_manage_period(period):
        raise PermissionDenied


def _decision(form: DecisionForm) -> DecisionInput:
    data = form.cleaned_data
    return DecisionInput(number=data["number"].strip(), date=data["date"],
                         from_year=data["from_year"])  # fmt: skip


def _context(period: Period, communes: list[Unit], q: Q) -> dict[str, object]:
    groups = groups_in_force(communes, period.year)
    rows = [(u, groups[u.pk]) for u in communes]
    left_out = Unit.objects.filter(
        q, regime=period.regime, province_code=period.province_code, level="commune"
    ).exclude(pk__in=[u.pk for u in communes])
    shown = {u.pk for u in communes}
    history = [
        (d, [a for a in d.assignments.all() if a.unit_id in shown])
        for d in group_history(province_code=period.province_code)
    ]
    return {
        "period": period, "rows": rows, "choices": GROUPS,
        "ungrouped": [u for u, g in rows if not g], "left_out": left_out.count(),
        "counts": [(g, sum(1 for _u, x in rows if x == g)) for g in GROUPS], "history": history,
    }  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def groups(request: HttpRequest, period_id: int) -> HttpResponse:
    """The province's rural communes with their group in the period's year; the office sets
    them in one form with the decision."""
    period = get_period(request, period_id)
    scope = request_scope(request)
    can_manage, q = scope.can_manage_period(period), scope.units_q()
    communes = rural_communes(regime=period.regime, province_code=period.province_code, q=q)
    form = DecisionForm(request.POST or None, initial={"from_year": period.year})
    if request.method == "POST":
        _manage(request, period)
        if form.is_valid():
            chosen = {u.code: request.POST.get(f"g-{u.code}", "") for u in communes}
            changes = groups_assign(user=request.user, period=period, decision=_decision(form),
                                    groups=chosen)  # fmt: skip
            done = _("Đã ghi quyết định; %(n)d xã đổi nhóm.") % {"n": len(changes)}
            messages.success(request, done)
            return redirect("groups", period_id=period.pk)
    context = _context(period, communes, q) | {"form": form, "can_manage": can_manage}
    status = 400 if form.errors else 200
    return render(request, "units/groups.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def groups_import(request: HttpRequest, period_id: int) -> HttpResponse:
    """Groups from a file, all or nothing: every problem named, nothing written on any."""
    period = get_period(request, period_id)
    _manage(request, period)
    form = GroupUploadForm(request.POST or None, request.FILES or None,
                           initial={"from_year": period.year})  # fmt: skip
    context: dict[str, object] = {"period": period, "form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        communes = rural_communes(regime=period.regime, province_code=period.province_code)
        try:
            read = read_groups(RawFile(upload.name, content=upload.read()),
                               {u.code: u.name for u in communes})  # fmt: skip
        except ImportFailed as failed:
            context["problems"] = failed.problems
            return render(request, "units/groups_import.html", context, status=400)
        changes = groups_assign(
            user=request.user, period=period, decision=_decision(form), groups=read.groups,
            channel="import", filename=upload.name,
        )  # fmt: skip
        messages.success(request, _("Đã nhập %(n)d dòng; %(c)d xã đổi nhóm.")
                         % {"n": len(read.rows), "c": len(changes)})  # fmt: skip
        return redirect("groups", period_id=period.pk)
    status = 400 if form.errors else 200
    return render(request, "units/groups_import.html", context, status=status)


@login_required
def groups_template(request: HttpRequest, period_id: int) -> HttpResponse:
    """The province's rural communes with their group in the period's year, ready to fill."""
    period = get_period(request, period_id)
    q = request_scope(request).units_q()
    communes = rural_communes(regime=period.regime, province_code=period.province_code, q=q)
    groups = groups_in_force(communes, period.year)
    book = Workbook()
    sheet = book.worksheets[0]  # a new workbook's one sheet (``active`` may be None to mypy)
    sheet.title = "Nhóm xã"
    sheet.append(list(HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for u in communes:
        sheet.append([u.code, u.name, groups[u.pk] or None])
    sheet.column_dimensions["B"].width = 30
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    name = f"ntm-nhom-xa-{period.province_code}-{period.year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
