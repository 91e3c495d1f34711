"""The commune's data-entry form, built from the period's criteria set."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ntm.domain.criteria import CriteriaSet
from ntm.web.assessments.values import parse_indicator_value, yes_no_code
from ntm.web.assessments.widgets import FastSelect, FastTextInput

STATUS_CHOICES = [
    ("", _("Theo chỉ tiêu")),
    ("1", _("Đạt")),
    ("0", _("Chưa đạt")),
    ("-1", _("Chưa xác định")),
]

YES_NO_CHOICES = [("", "—"), ("1", _("Có")), ("0", _("Không"))]


class YesNoSelect(FastSelect):
    """Có / Không / — for a yes/no indicator. Values are stored as 1 and 0; whatever form the
    answer arrives in ("1", "có", "x"), the matching choice is the one shown selected."""

    def __init__(self) -> None:
        super().__init__(choices=YES_NO_CHOICES)

    def format_value(self, value: Any) -> list[str]:
        return [yes_no_code(value)]


class CommuneValuesForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, cset: CriteriaSet, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.cset = cset
        for ind in cset.indicators:
            # Still a CharField under the select: typed words ("có") and imports parse the same.
            widget = YesNoSelect() if ind.kind == "yes_no" else FastTextInput()
            self.fields[f"ind-{ind.code}"] = forms.CharField(
                required=False, label=ind.name, widget=widget
            )
            self.fields[f"cmt-{ind.code}"] = forms.CharField(
                required=False, max_length=2000, widget=FastTextInput()
            )
        for crit in cset.criteria:
            self.fields[f"tc-{crit.number}"] = forms.ChoiceField(
                required=False, choices=STATUS_CHOICES, label=crit.name, widget=FastSelect
            )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data  # what Form.clean returns (typed Optional for subclasses)
        for ind in self.cset.indicators:
            name = f"ind-{ind.code}"
            try:
                data[name] = parse_indicator_value(data.get(name), ind)
            except ValueError as exc:
                self.add_error(name, str(exc))
        return data

    def indicator_values(self) -> dict[str, float | None]:
        return {i.code: self.cleaned_data.get(f"ind-{i.code}") for i in self.cset.indicators}

    def comments(self) -> dict[str, str]:
        return {i.code: self.cleaned_data.get(f"cmt-{i.code}") or "" for i in self.cset.indicators}

    def statuses(self) -> dict[int, int | None]:
        out: dict[int, int | None] = {}
        for crit in self.cset.criteria:
            raw = self.cleaned_data.get(f"tc-{crit.number}")
            out[crit.number] = int(raw) if raw not in (None, "") else None
        return out


class EvidenceForm(forms.Form):
    indicator = forms.CharField(required=False, max_length=20)
    file = forms.FileField(label=_("Tệp minh chứng"))


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx) hoặc CSV"))


class PeriodStateForm(forms.Form):
    state = forms.ChoiceField(
        choices=[("open", _("Đang mở")), ("closed", _("Đã đóng")), ("locked", _("Đã khóa"))]
    )
