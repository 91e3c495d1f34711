"""/ky/tao/: the central office (and the administrator) creates periods — one year, one level,
one, several or every province of a regime — instead of the Django admin."""

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
from ntm.web.accounts.models import Role
from ntm.web.assessments.access import request_scope
from ntm.web.sets.defaults import SetChoice, choice_record, set_choices
from ntm.web.sets.periods import Province, periods_create, regime_provinces
from ntm.web.units.models import Regime

LEVEL_CHOICES = [("commune", gettext_lazy("Xã")), ("province", gettext_lazy("Tỉnh (Phụ lục III)"))]


def every_choice() -> list[SetChoice]:
    """Every national set a period can start with, both levels, every programme period."""
    out: dict[str, SetChoice] = {}
    for root in sorted((s for s in available_sets() if s.parent is None), key=lambda s: s.code):
        for c in set_choices(level=root.level, year=root.period[0]):
            out.setdefault(c.key, c)
    return list(out.values())


class PeriodsForm(forms.Form):
    regime = forms.ChoiceField(label=gettext_lazy("Giai đoạn đơn vị hành chính"),
                               choices=Regime.choices, initial=Regime.NEW)  # fmt: skip
    level = forms.ChoiceField(label=gettext_lazy("Cấp"), choices=LEVEL_CHOICES)
    year = forms.IntegerField(label=gettext_lazy("Năm"), min_value=2010, max_value=2100)
    everyone = forms.BooleanField(label=gettext_lazy("Tất cả các tỉnh của giai đoạn"),
                                  required=False)  # fmt: skip
    provinces = forms.MultipleChoiceField(label=gettext_lazy("Hoặc chọn tỉnh"), required=False,
                                          widget=forms.CheckboxSelectMultiple)  # fmt: skip
    choice = forms.ChoiceField(label=gettext_lazy("Bộ tiêu chí"), required=False)

    def __init__(self, *args: Any, provinces: dict[str, list[Province]],
                 choices: list[SetChoice], **kwargs: Any) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self.by_regime = provinces
        # Grouped by regime, each value "<regime>:<code>": a code may name another province in
        # the other regime (80 is Tây Ninh from 1/7/2025, 72 before).
        labels = dict(Regime.choices)
        self.fields["provinces"].choices = [  # type: ignore[attr-defined]  # a MultipleChoiceField
            (labels[r], [(f"{r}:{p.code}", f"{p.code} — {p.name}") for p in found])
            for r, found in provinces.items() if found
        ]  # fmt: skip
        self.set_choices = choices
        self.fields["choice"].choices = [  # type: ignore[attr-defined]  # a ChoiceField
            ("", _("Bộ mặc định của Trung ương cho cấp và giai đoạn")),
            *((c.key, f"{c.label} — {c.summary}") for c in choices),
        ]

    def chosen_provinces(self) -> list[Province]:
        """The provinces asked for, of the chosen regime (an error names one outside it)."""
        regime = self.cleaned_data["regime"]
        known = {f"{regime}:{p.code}": p for p in self.by_regime.get(regime, [])}
        if self.cleaned_data["everyone"]:
            return list(known.values())
        missing = [v.split(":")[-1] for v in self.cleaned_data["provinces"] if v not in known]
        if missing:
            raise ValidationError(
                _("Tỉnh %(codes)s không có xã nào trong giai đoạn đã chọn.")
                % {"codes": ", ".join(missing)}
            )
        return [known[v] for v in self.cleaned_data["provinces"]]


def _central(request: HttpRequest) -> None:
    if not ({Role.CENTRAL, Role.ADMIN} & set(request_scope(request).roles)):
        raise PermissionDenied


def _report(request: HttpRequest, created: int, existing: list[str]) -> None:
    if created:
        messages.success(request, _("Đã tạo %(n)d kỳ đánh giá.") % {"n": created})
    else:
        messages.info(request, _("Không tạo kỳ nào: mọi tỉnh đã chọn đều đã có kỳ này."))
    if existing:
        messages.info(request, _("Đã có sẵn, không tạo lại: %(names)s.")
                      % {"names": ", ".join(existing)})  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def periods_new(request: HttpRequest) -> HttpResponse:
    _central(request)
    provinces = {r: regime_provinces(regime=r) for r in Regime.values}
    form = PeriodsForm(request.POST or None, provinces=provinces, choices=every_choice())
    if request.method == "POST" and form.is_valid():
        key = form.cleaned_data["choice"]
        chosen = next((c for c in form.set_choices if c.key == key), None)
        try:
            done = periods_create(
                user=request.user, scope=request_scope(request),
                regime=form.cleaned_data["regime"], level=form.cleaned_data["level"],
                year=form.cleaned_data["year"], provinces=form.chosen_provinces(),
                record=choice_record(chosen) if chosen else None,
            )  # fmt: skip
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            _report(request, len(done.created),
                    [f"{p.province_name} {p.year}" for p in done.existing])  # fmt: skip
            return redirect("periods-new")
    status = 400 if form.is_bound else 200
    return render(request, "sets/periods_new.html", {"form": form}, status=status)
