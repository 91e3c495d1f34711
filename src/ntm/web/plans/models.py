"""What the office keeps for the report it sends (issue #12.4): its settings and narrative
sections per report (a report is a period: a province and a year), each section's history.

Plan targets themselves stay in ``public.PlanTarget`` (read by the public pages, the dashboards
and the report); this app's pages edit them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ntm.reports.settings import ISSUERS, SECTIONS
from ntm.web.assessments.models import Period

ISSUER_CHOICES = [(code, row[0]) for code, row in ISSUERS.items()]
SECTION_CHOICES = list(SECTIONS.items())


class State(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    FINAL = "final", _("Bản chính thức")


class ReportSetting(models.Model):
    """Who issues the period's report, its number, place, date, title, signer, recipients."""

    period = models.OneToOneField(Period, on_delete=models.CASCADE, related_name="report_setting")
    issuer = models.CharField(_("cơ quan ban hành"), max_length=30, choices=ISSUER_CHOICES)
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True, default="")
    place = models.CharField(_("địa danh"), max_length=100, blank=True, default="")
    date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    title = models.CharField(_("trích yếu"), max_length=300, blank=True, default="")
    signer_title = models.CharField(_("chức vụ người ký"), max_length=100, blank=True, default="")
    signer = models.CharField(_("họ tên người ký"), max_length=100, blank=True, default="")
    recipients = models.TextField(_("nơi nhận (mỗi dòng một nơi)"), blank=True, default="")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("thiết lập báo cáo")
        verbose_name_plural = _("thiết lập báo cáo")


class NarrativeSection(models.Model):
    """One section the office writes, with ``{{ fields }}``; its versions in ``revisions``."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="narrative")
    section = models.CharField(_("mục"), max_length=20, choices=SECTION_CHOICES)
    text = models.TextField(_("nội dung"), blank=True, default="")
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=State.choices, default=State.DRAFT
    )
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["period", "section"], name="narrative_period_section"),
        )


class NarrativeRevision(models.Model):
    """A section as it was saved: the history the page lists, newest first."""

    narrative = models.ForeignKey(
        NarrativeSection, on_delete=models.CASCADE, related_name="revisions"
    )
    version = models.PositiveIntegerField()
    text = models.TextField()
    state = models.CharField(max_length=10, choices=State.choices)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-version",)


class CostKind(models.TextChoices):
    CRITERION = "criterion", _("Tiêu chí")
    INDICATOR = "indicator", _("Chỉ tiêu")


class UnitCost(models.Model):
    """What closing a gap costs in a province (issue #15.3), in tỷ đồng: per criterion closed,
    or per unit short of an indicator's threshold. Kept per criteria set (``set_code``): a
    criterion's number means something only within its set, so every period of the province on
    that set uses the same costs."""

    regime = models.CharField(_("giai đoạn"), max_length=3)
    province_code = models.CharField(_("mã tỉnh"), max_length=2)
    set_code = models.CharField(_("mã bộ tiêu chí"), max_length=80)
    kind = models.CharField(_("loại"), max_length=10, choices=CostKind.choices)
    code = models.CharField(_("số tiêu chí hoặc mã chỉ tiêu"), max_length=20)
    cost = models.FloatField(_("đơn giá (tỷ đồng)"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("đơn giá")
        verbose_name_plural = _("đơn giá")
        constraints = (
            models.UniqueConstraint(
                fields=["regime", "province_code", "set_code", "kind", "code"],
                name="unit_cost_unique",
            ),
        )
