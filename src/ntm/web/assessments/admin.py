from typing import Any

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ntm.web.assessments.models import CriteriaSetRecord, Period


class PeriodForm(forms.ModelForm):
    """A new period may leave its set empty: it then starts with the national default of its
    year, which the central office sets (``sets.defaults``)."""

    class Meta:
        model = Period
        fields = "__all__"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["criteria_set"]
        field.required = False
        field.help_text = _("Để trống: bộ tiêu chí mặc định của giai đoạn do Trung ương đặt.")

    def clean(self) -> dict[str, Any]:
        from ntm.web.sets.defaults import national_default  # the sets app reads this one's models

        data = super().clean() or {}
        if not data.get("criteria_set") and data.get("year"):
            record = national_default(year=data["year"])
            if record is None:
                message = _("Chưa có bộ tiêu chí mặc định cho năm %(year)s: chọn một bộ tiêu chí.")
                self.add_error("criteria_set", message % {"year": data["year"]})
            else:
                data["criteria_set"] = record
        return data


@admin.register(CriteriaSetRecord)
class CriteriaSetAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "title",
        "period_start",
        "period_end",
        "content_hash",
        "loaded_at",
    )
    search_fields = (
        "code",
        "title",
    )
    readonly_fields = (
        "content_hash",
        "data",
        "loaded_at",
    )


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):
    form = PeriodForm
    list_display = (
        "province_name",
        "year",
        "criteria_set",
        "state",
        "regime",
    )
    list_filter = (
        "state",
        "year",
        "regime",
    )
