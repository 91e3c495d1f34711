from django.contrib import admin
from django.http import HttpRequest

from ntm.web.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the trail is kept forever."""

    list_display = (
        "at",
        "username",
        "unit_code",
        "year",
        "target",
        "old",
        "new",
        "channel",
    )
    list_filter = (
        "channel",
        "kind",
        "year",
    )
    search_fields = (
        "unit_code",
        "unit_name",
        "username",
        "target",
    )

    def has_add_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False
