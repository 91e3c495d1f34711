"""An assessment's values and statuses in the admin, for the central office's corrections.

Registered here, beside the triggers, because an admin edit is the write no service sees: the
read model's data version is what makes it show on the next dashboard, public page and API read.
"""

from __future__ import annotations

from django.contrib import admin

from ntm.web.assessments.models import Assessment, CriterionStatus, IndicatorValue


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 0
    fields = ("indicator", "value", "comment")


class CriterionStatusInline(admin.TabularInline):
    model = CriterionStatus
    extra = 0
    fields = ("criterion", "status", "comment")


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ("unit", "period", "version")
    list_select_related = ("unit", "period")
    search_fields = ("unit__name", "unit__code")
    readonly_fields = ("unit", "period", "version")
    inlines = (IndicatorValueInline, CriterionStatusInline)
