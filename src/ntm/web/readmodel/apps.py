from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ReadmodelConfig(AppConfig):
    name = "ntm.web.readmodel"
    label = "readmodel"
    verbose_name = "Mô hình đọc"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ntm.web.readmodel.triggers import ensure_triggers

        # After every migrate, not only the first: on SQLite a later migration that rebuilds an
        # assessed table (AlterField) drops its triggers, and this puts them back.
        post_migrate.connect(ensure_triggers, sender=self, dispatch_uid="ntm-readmodel-triggers")
