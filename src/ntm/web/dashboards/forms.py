"""The dashboard's filters (read from the query string) and the map upload."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ntm.web.dashboards.exports import TABLES
from ntm.web.dashboards.selectors import SORTS, DashboardFilter

SORT_CHOICES = [
    ("-met", _("Nhiều tiêu chí đạt trước")),
    ("met", _("Ít tiêu chí đạt trước")),
    ("name", _("Theo tên xã")),
    ("code", _("Theo mã xã")),
]
MODE_CHOICES = [("criteria", _("Số tiêu chí đạt")), ("recognition", _("Đạt đủ tiêu chí"))]


class DashboardFilterForm(forms.Form):
    """Unknown or malformed filters fall back to none: a shared link never breaks the page."""

    period = forms.IntegerField(required=False, min_value=1)
    district = forms.CharField(required=False, max_length=3)
    group = forms.CharField(required=False, max_length=2)
    sort = forms.ChoiceField(required=False, choices=SORT_CHOICES)
    export = forms.ChoiceField(required=False, choices=[("xlsx", "xlsx")])
    table = forms.ChoiceField(required=False, choices=[(k, k) for k in TABLES])
    mode = forms.ChoiceField(required=False, choices=MODE_CHOICES)

    def value(self, name: str) -> str:
        if not self.is_bound:
            return ""
        self.is_valid()
        value = self.cleaned_data.get(name) if hasattr(self, "cleaned_data") else None
        return "" if value is None else str(value)

    def dashboard_filter(self) -> DashboardFilter:
        sort = self.value("sort")
        return DashboardFilter(
            district=self.value("district"), group=self.value("group"),
            sort=sort if sort in SORTS else "-met",
        )  # fmt: skip


class MapUploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp GeoJSON các xã"))
    code_property = forms.CharField(
        label=_("Tên thuộc tính chứa mã xã (mã thống kê)"), max_length=60, initial="ma_xa"
    )
