"""The data version of each period: moved by database triggers on every write (see triggers)."""

from __future__ import annotations

from django.db import models


class PeriodVersion(models.Model):
    """How many writes a period's assessed rows have seen. A plain integer, not a foreign key:
    the triggers write it inside other tables' statements, and a deleted period's row is
    harmless."""

    period_id = models.BigIntegerField(primary_key=True)
    version = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "phiên bản dữ liệu của kỳ"
        verbose_name_plural = "phiên bản dữ liệu của kỳ"

    def __str__(self) -> str:
        return f"{self.period_id}: {self.version}"
