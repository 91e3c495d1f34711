from django.contrib import admin

from ntm.web.assessments.models import CriteriaSetRecord, Period


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
