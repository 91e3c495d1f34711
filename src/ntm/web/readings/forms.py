"""The upload form and the list's filter: the provinces offered are the user's own."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ntm.web.readings.services import Province

YEARS = (1990, 2100)


class UploadForm(forms.Form):
    province = forms.ChoiceField(label=_("Tỉnh"))
    year = forms.IntegerField(
        label=_("Năm báo cáo"),
        required=False,
        min_value=YEARS[0],
        max_value=YEARS[1],
        help_text=_("Để trống: lấy năm văn bản nêu (ví dụ «đến tháng 12-2020»)."),
    )
    file = forms.FileField(
        label=_("Tệp báo cáo (.txt, .docx, .pdf)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.docx,.pdf"}),
    )

    def __init__(self, *args: Any, provinces: list[Province], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.provinces = {p.key: p for p in provinces}
        field = self.fields["province"]
        assert isinstance(field, forms.ChoiceField)  # declared above; ``fields`` holds Fields
        field.choices = [(p.key, p.label) for p in provinces]

    def chosen(self) -> Province:
        return self.provinces[self.cleaned_data["province"]]


class FilterForm(forms.Form):
    province = forms.ChoiceField(label=_("Tỉnh"), required=False)
    year = forms.IntegerField(
        label=_("Năm"), required=False, min_value=YEARS[0], max_value=YEARS[1]
    )

    def __init__(self, *args: Any, provinces: list[Province], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("Mọi tỉnh"))] + [(p.key, p.label) for p in provinces]
        field = self.fields["province"]
        assert isinstance(field, forms.ChoiceField)  # as above
        field.choices = choices


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Năm báo cáo"), min_value=YEARS[0], max_value=YEARS[1])
