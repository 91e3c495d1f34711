from django.contrib import admin

from ntm.web.units.models import Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "name",
        "regime",
        "province_name",
        "district_name",
        "region",
        "group",
    )
    list_filter = (
        "regime",
        "level",
        "region",
        "group",
    )
    search_fields = (
        "code",
        "name",
        "province_name",
        "district_name",
    )
    filter_horizontal = ("successors",)
