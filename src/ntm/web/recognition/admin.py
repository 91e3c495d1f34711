from django.contrib import admin
from django.http import HttpRequest

from ntm.web.recognition.models import PeriodSchedule, SatisfactionLevel, Submission


@admin.register(SatisfactionLevel)
class SatisfactionLevelAdmin(admin.ModelAdmin):
    list_display = (
        "province_code",
        "regime",
        "tier",
        "required_pct",
        "basis",
    )


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    # Read-only: the state changes only through the workflow's verbs, which audit each step.
    list_display = (
        "unit",
        "period",
        "tier",
        "state",
        "updated_at",
    )
    list_filter = (
        "state",
        "tier",
    )

    def has_change_permission(self, request: HttpRequest, obj: Submission | None = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Submission | None = None) -> bool:
        return False


@admin.register(PeriodSchedule)
class PeriodScheduleAdmin(admin.ModelAdmin):
    list_display = ("period", "closes_on")
