from django.contrib import admin

from ntm.web.accounts.models import ApiToken, RoleAssignment


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = (
        "user",
        "role",
        "regime",
        "province_code",
        "district_code",
    )
    list_filter = (
        "role",
        "regime",
    )
    search_fields = (
        "user__username",
        "province_code",
    )
    filter_horizontal = ("communes",)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = (
        "user",
        "name",
        "prefix",
        "created_at",
        "last_used_at",
    )
    readonly_fields = (
        "prefix",
        "key_hash",
        "created_at",
        "last_used_at",
    )
