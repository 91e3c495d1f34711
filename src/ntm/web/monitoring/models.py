"""Monitoring values (chỉ tiêu theo dõi) and funds (nguồn vốn), per unit and year.

Units are kept by code, as the audit trail keeps them: a province-level value sits on the
province's 2-digit code, which has no row in ``units.Unit``. What the codes mean (names, levels,
how a value rolls up) is the catalogue's (``ntm.monitoring``) and the funding sources' list
(``ntm.domain.plans.SOURCES``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ntm.web.units.models import Regime


class MonitoringValue(models.Model):
    regime = models.CharField(_("giai đoạn"), max_length=3, choices=Regime.choices)
    province_code = models.CharField(_("mã tỉnh"), max_length=2)
    unit_code = models.CharField(_("mã đơn vị"), max_length=10)
    year = models.PositiveIntegerField(_("năm"))
    indicator = models.CharField(_("chỉ tiêu"), max_length=20)
    value = models.FloatField(_("giá trị"))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("giá trị chỉ tiêu theo dõi")
        verbose_name_plural = _("giá trị chỉ tiêu theo dõi")
        constraints = (
            models.UniqueConstraint(
                fields=["regime", "unit_code", "year", "indicator"], name="monitoring_value_once"
            ),
        )
        indexes = (models.Index(fields=["regime", "province_code", "year"]),)


class FundAmount(models.Model):
    """Money of one source for one unit over a period of years (one year: start = end), in
    billion VND. ``disbursed`` is what was mobilised and spent: the amount a report states."""

    regime = models.CharField(_("giai đoạn"), max_length=3, choices=Regime.choices)
    province_code = models.CharField(_("mã tỉnh"), max_length=2)
    unit_code = models.CharField(_("mã đơn vị"), max_length=10)
    period_start = models.PositiveIntegerField(_("từ năm"))
    period_end = models.PositiveIntegerField(_("đến năm"))
    source = models.CharField(_("nguồn vốn"), max_length=40)
    # A province's own source (not in the national list) is named here; parent: the source it
    # is part of (e.g. a provincial budget line under local_budget).
    source_name = models.CharField(_("tên nguồn vốn"), max_length=200, blank=True, default="")
    parent = models.CharField(_("thuộc nguồn"), max_length=40, blank=True, default="")
    plan = models.FloatField(_("kế hoạch"), null=True, blank=True)
    allocated = models.FloatField(_("được giao"), null=True, blank=True)
    disbursed = models.FloatField(_("thực hiện (giải ngân)"), null=True, blank=True)
    # Decimals the disbursed amount was written with (920.700 → 3), so the sentence repeats them.
    decimals = models.SmallIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("nguồn vốn")
        verbose_name_plural = _("nguồn vốn")
        constraints = (
            models.UniqueConstraint(
                fields=["regime", "unit_code", "period_start", "period_end", "source"],
                name="fund_amount_once",
            ),
        )
        indexes = (models.Index(fields=["regime", "province_code"]),)
