"""Forms of the office's pages: a plan target (any measure of ``ntm.domain.measures``), the
report's settings and a narrative section. Numbers are typed the Vietnamese way (2,5)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ntm.domain.measures import AT_LEAST, AT_MOST, MEASURE_REGISTRY
from ntm.numbers import parse_number
from ntm.reports.fields import DESCRIPTIONS, FIELD
from ntm.web.plans.models import ISSUER_CHOICES, SECTION_CHOICES, State

MEASURE_CHOICES = [(m.code, m.name) for m in MEASURE_REGISTRY.values()]
DIRECTION_CHOICES = [
    ("", _("theo chỉ tiêu")),
    (AT_LEAST, _("tối thiểu (≥)")),
    (AT_MOST, _("tối đa (≤)")),
]
INTEGER_PARAMETERS = {"criterion", "under"}


def _number(raw: str, *, required: bool) -> float | None:
    if not raw.strip():
        if required:
            raise forms.ValidationError(_("Cần nhập giá trị."))
        return None
    try:
        parsed = parse_number(raw.strip())
    except ValueError as exc:
        raise forms.ValidationError(str(exc)) from None
    if parsed is None or parsed.value < 0:
        raise forms.ValidationError(_("Giá trị phải là số không âm, ví dụ 65 hoặc 2,5."))
    return parsed.value


class TargetForm(forms.Form):
    measure = forms.ChoiceField(label=_("Chỉ tiêu đo"), choices=MEASURE_CHOICES)
    parameter = forms.CharField(
        label=_("Tham số (tiêu chí, nhóm, mã chỉ tiêu, nguồn vốn)"), required=False, max_length=60
    )
    value = forms.CharField(label=_("Giá trị mục tiêu (hoặc cận dưới)"), max_length=30)
    value_high = forms.CharField(label=_("Cận trên (nếu là khoảng)"), required=False, max_length=30)
    relative = forms.BooleanField(label=_("Gấp số lần giá trị năm gốc"), required=False)
    direction = forms.ChoiceField(label=_("Chiều"), choices=DIRECTION_CHOICES, required=False)
    year = forms.IntegerField(label=_("Năm mục tiêu"), min_value=2000, max_value=2100)
    baseline_year = forms.IntegerField(label=_("Năm gốc"), min_value=2000, max_value=2100)
    baseline_value = forms.CharField(
        label=_("Giá trị năm gốc (để trống: hệ thống tính)"), required=False, max_length=30
    )
    plan = forms.CharField(
        label=_("Văn bản giao chỉ tiêu (số nghị quyết)"), required=False, max_length=200
    )

    def clean_value(self) -> float | None:
        return _number(self.cleaned_data["value"], required=True)

    def clean_value_high(self) -> float | None:
        return _number(self.cleaned_data["value_high"], required=False)

    def clean_baseline_value(self) -> float | None:
        return _number(self.cleaned_data["baseline_value"], required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        m = MEASURE_REGISTRY.get(data.get("measure", ""))
        parameter = (data.get("parameter") or "").strip()
        if m and m.parameter and m.parameter != "source" and not parameter:
            self.add_error("parameter", _("Chỉ tiêu này cần tham số."))
        if m and m.parameter in INTEGER_PARAMETERS and parameter and not parameter.isdigit():
            self.add_error("parameter", _("Tham số phải là một số nguyên (số tiêu chí)."))
        low, high = data.get("value"), data.get("value_high")
        if low is not None and high is not None and high < low:
            self.add_error("value_high", _("Cận trên nhỏ hơn cận dưới."))
        if data.get("year") and data.get("baseline_year") and data["year"] <= data["baseline_year"]:
            self.add_error("year", _("Năm mục tiêu phải sau năm gốc."))
        data["parameter"] = parameter
        return data


class SettingForm(forms.Form):
    issuer = forms.ChoiceField(label=_("Cơ quan ban hành"), choices=ISSUER_CHOICES)
    number = forms.CharField(label=_("Số, ký hiệu"), required=False, max_length=60)
    place = forms.CharField(label=_("Địa danh"), required=False, max_length=100)
    date = forms.DateField(
        label=_("Ngày ban hành (dd/mm/yyyy)"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
    )
    title = forms.CharField(label=_("Trích yếu"), required=False, max_length=300)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), required=False, max_length=100)
    signer = forms.CharField(label=_("Họ tên người ký"), required=False, max_length=100)
    recipients = forms.CharField(
        label=_("Nơi nhận (mỗi dòng một nơi)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def field_problem(name: str, known_codes: set[str]) -> bool:
    """True when ``name`` is no field a report can have (a criterion or an indicator code
    is checked against the period's set and catalogue)."""
    if name in DESCRIPTIONS:
        return False
    if name.startswith("so_xa_dat_tieu_chi_"):
        return not name.removeprefix("so_xa_dat_tieu_chi_").isdigit()
    if name.startswith("theo_doi_"):
        return name.removeprefix("theo_doi_") not in known_codes
    return True


class SectionForm(forms.Form):
    section = forms.ChoiceField(choices=SECTION_CHOICES, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    state = forms.ChoiceField(label=_("Trạng thái"), choices=State.choices)

    def __init__(self, *args: Any, indicator_codes: set[str] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.indicator_codes = indicator_codes or set()

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"]
        unknown = [
            m.group(1)
            for m in FIELD.finditer(text)
            if field_problem(m.group(1), self.indicator_codes)
        ]
        if unknown:
            raise forms.ValidationError(
                _("Trường không có trong số liệu báo cáo: %(names)s"),
                params={"names": ", ".join(f"«{n}»" for n in unknown)},
            )
        return text
