"""A province's plan targets (chỉ tiêu kế hoạch), for the public progress page.

Only the target is stored; its baseline and current values are measured live from the periods
of the baseline year and of the latest year, so a correction of the data shows at once.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanTarget(models.Model):
    regime = models.CharField(_("giai đoạn"), max_length=3)
    province_code = models.CharField(_("mã tỉnh"), max_length=2, db_index=True)
    plan = models.CharField(_("văn bản kế hoạch"), max_length=200, blank=True, default="")
    year = models.PositiveIntegerField(_("năm mục tiêu"))
    measure = models.CharField(_("chỉ tiêu"), max_length=40)
    criterion = models.PositiveIntegerField(_("tiêu chí / N"), null=True, blank=True)
    value = models.FloatField(_("giá trị mục tiêu"))
    baseline_year = models.PositiveIntegerField(_("năm gốc"))
    # Issue #12.3: any measure of ntm.domain.measures, a range, a direction, a relative target.
    parameter = models.CharField(_("tham số"), max_length=60, blank=True, default="")
    value_high = models.FloatField(_("giá trị mục tiêu (cận trên)"), null=True, blank=True)
    direction = models.CharField(_("chiều"), max_length=10, blank=True, default="")
    relative = models.BooleanField(_("gấp số lần năm gốc"), default=False)
    baseline_value = models.FloatField(_("giá trị năm gốc (nếu nhập tay)"), null=True, blank=True)

    class Meta:
        verbose_name = _("chỉ tiêu kế hoạch")
        verbose_name_plural = _("chỉ tiêu kế hoạch")
        ordering = ("province_code", "year", "measure", "criterion")

    def __str__(self) -> str:
        return f"{self.province_code} {self.measure} {self.criterion or ''} {self.year}"
