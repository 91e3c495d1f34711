"""Criteria sets, periods and what communes report in them.

A set is stored as the data of its file, versioned by a hash of that content: a province's period
points at one exact version, so a later edit of the file never changes a closed period's judgement.
Statuses are never stored as results: the engine judges the stored values on every read.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ntm.web.units.models import Regime, Unit


class CriteriaSetRecord(models.Model):
    code = models.CharField(_("mã bộ tiêu chí"), max_length=80)
    content_hash = models.CharField(_("mã băm nội dung"), max_length=64)
    title = models.CharField(_("tên"), max_length=300)
    period_start = models.PositiveIntegerField(_("từ năm"))
    period_end = models.PositiveIntegerField(_("đến năm"))
    data = models.JSONField(_("nội dung"))
    loaded_at = models.DateTimeField(_("nạp lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("bộ tiêu chí")
        verbose_name_plural = _("bộ tiêu chí")
        constraints = (
            models.UniqueConstraint(fields=["code", "content_hash"], name="cset_code_hash"),
        )
        ordering = (
            "code",
            "-loaded_at",
        )

    def __str__(self) -> str:
        return f"{self.code} ({self.content_hash[:8]})"


class PeriodState(models.TextChoices):
    OPEN = "open", _("Đang mở")
    CLOSED = "closed", _("Đã đóng")
    LOCKED = "locked", _("Đã khóa")


class Period(models.Model):
    """One province's assessment year, with the set (or the province's own variant) it uses."""

    regime = models.CharField(_("giai đoạn"), max_length=3, choices=Regime.choices)
    province_code = models.CharField(_("mã tỉnh"), max_length=2)
    province_name = models.CharField(_("tỉnh"), max_length=80)
    year = models.PositiveIntegerField(_("năm"))
    criteria_set = models.ForeignKey(
        CriteriaSetRecord, on_delete=models.PROTECT, verbose_name=_("bộ tiêu chí")
    )
    state = models.CharField(
        _("trạng thái"), max_length=8, choices=PeriodState.choices, default=PeriodState.OPEN
    )

    class Meta:
        verbose_name = _("kỳ đánh giá")
        verbose_name_plural = _("kỳ đánh giá")
        constraints = (
            models.UniqueConstraint(
                fields=["regime", "province_code", "year", "criteria_set"], name="period_unique"
            ),
        )
        ordering = (
            "-year",
            "province_code",
        )

    def __str__(self) -> str:
        return f"{self.province_name} {self.year} ({self.criteria_set.code})"


class Assessment(models.Model):
    """A commune in a period. ``version`` grows with every save: the optimistic lock."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="assessments")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="assessments")
    version = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["unit", "period"], name="assessment_unit_period"),
        )


class IndicatorValue(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="values")
    indicator = models.CharField(_("chỉ tiêu"), max_length=20)
    value = models.FloatField(_("giá trị"), null=True, blank=True)
    comment = models.TextField(_("ghi chú"), blank=True, default="")

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["assessment", "indicator"], name="value_unique"),
        )


class CriterionStatus(models.Model):
    """A criterion's status given directly (the tc1 … tcN files), overriding its indicators."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="statuses")
    criterion = models.PositiveIntegerField(_("tiêu chí"))
    status = models.SmallIntegerField(_("trạng thái"))  # 1 met, 0 not met, -1 unknown
    comment = models.TextField(_("ghi chú"), blank=True, default="")

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["assessment", "criterion"], name="status_unique"),
        )


class Evidence(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="evidence")
    indicator = models.CharField(_("chỉ tiêu"), max_length=20, blank=True, default="")
    # The stored name is made safe and short (evidence.stored_name); the person's own name is
    # kept whole (up to 1.000 characters), for the download.
    file = models.FileField(_("tệp"), upload_to="evidence/%Y/%m/", max_length=255)
    filename = models.CharField(_("tên tệp"), max_length=1000)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    uploaded_at = models.DateTimeField(auto_now_add=True)


class ImportBatch(models.Model):
    """An uploaded spreadsheet between its preview and its commit."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="imports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    filename = models.CharField(max_length=1000)
    content = models.BinaryField()
    # {commune code: assessment version} as the preview saw them; the commit refuses a commune
    # whose version has moved since (someone saved it between preview and commit).
    versions = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    committed_at = models.DateTimeField(null=True, blank=True)
