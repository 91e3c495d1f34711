from django.contrib import admin

from ntm.web.public.models import PlanTarget


@admin.register(PlanTarget)
class PlanTargetAdmin(admin.ModelAdmin):
    list_display = (
        "province_code",
        "plan",
        "measure",
        "criterion",
        "value",
        "year",
        "baseline_year",
    )
    list_filter = (
        "province_code",
        "measure",
    )
