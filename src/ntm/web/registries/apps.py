from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_save


def _period_created(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    """A period added after villages were recorded starts with their smart-village answer (a
    model-commune set's indicator), not with a blank the office would have to type."""
    if created and not kwargs.get("raw"):
        from ntm.web.registries.services import smart_villages_sync_period

        smart_villages_sync_period(period=instance)


class RegistriesConfig(AppConfig):
    name = "ntm.web.registries"
    label = "registries"
    verbose_name = "Sổ theo dõi: OCOP, mô hình, thôn"

    def ready(self) -> None:
        post_save.connect(_period_created, sender="assessments.Period", dispatch_uid="ocop-period")
