"""Recognition of a commune as meeting the standard, in the steps of Decision 18/2022/QĐ-TTg.

The commune submits its dossier; reviewers confirm or return each criterion in their scope; the
provincial office appraises and records the chairman's decision. A recognised commune whose later
data meets the revocation rules is flagged for review, and may have its recognition revoked.
The state changes only through the verbs in ``services``; every change leaves an audit entry.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ntm.web.assessments.models import Period
from ntm.web.units.models import Unit


class Tier(models.TextChoices):
    STANDARD = "standard", _("Xã đạt chuẩn nông thôn mới")
    ADVANCED = "advanced", _("Xã đạt chuẩn nông thôn mới nâng cao")
    MODEL = "model", _("Xã nông thôn mới kiểu mẫu")
    MODERN = "modern", _("Xã nông thôn mới hiện đại (thí điểm 2026–2030)")


class State(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    SUBMITTED = "submitted", _("Đã gửi hồ sơ")
    UNDER_REVIEW = "under_review", _("Đang thẩm tra")
    RETURNED = "returned", _("Trả lại để bổ sung")
    CONFIRMED = "confirmed", _("Đã thẩm tra đủ tiêu chí")
    APPRAISED = "appraised", _("Đã thẩm định")
    RECOGNISED = "recognised", _("Đã công nhận")
    REVOKED = "revoked", _("Đã thu hồi công nhận")


class Submission(models.Model):
    """A commune's dossier for one tier in one period."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="submissions")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="submissions")
    tier = models.CharField(_("hạng"), max_length=10, choices=Tier.choices)
    state = models.CharField(
        _("trạng thái"), max_length=12, choices=State.choices, default=State.DRAFT
    )
    round = models.PositiveIntegerField(_("lần gửi"), default=0)
    satisfaction_pct = models.FloatField(_("tỷ lệ người dân hài lòng (%)"), null=True, blank=True)
    survey_note = models.TextField(_("ghi chú lấy ý kiến người dân"), blank=True, default="")
    no_construction_debt = models.BooleanField(
        _("không còn nợ đọng xây dựng cơ bản"), null=True, blank=True
    )
    security_complicated = models.BooleanField(
        _("xã có tình hình an ninh, trật tự phức tạp"), null=True, blank=True
    )
    appraisal_note = models.TextField(_("ý kiến thẩm định"), blank=True, default="")
    # Set by revocation_flag_review from later data: a revocation code (domain), its sentence.
    review_flag = models.SmallIntegerField(_("cờ xem xét thu hồi"), null=True, blank=True)
    review_note = models.TextField(_("lý do xem xét"), blank=True, default="")
    review_period = models.ForeignKey(
        Period, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    flagged_at = models.DateTimeField(_("gắn cờ lúc"), null=True, blank=True)
    # The deadline of the step the dossier waits in (review, supplement, appraisal, decision),
    # set by each move (steps.move); none once recognised or revoked.
    step_due = models.DateField(_("hạn xử lý bước hiện tại"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hồ sơ đề nghị công nhận")
        verbose_name_plural = _("hồ sơ đề nghị công nhận")
        constraints = (
            models.UniqueConstraint(fields=["unit", "period", "tier"], name="submission_unique"),
        )
        ordering = ("-updated_at", "-id")

    def __str__(self) -> str:
        return f"{self.unit.name} — {self.get_tier_display()} ({self.period.year})"


class Decision(models.TextChoices):
    CONFIRMED = "confirmed", _("Xác nhận đạt")
    RETURNED = "returned", _("Cần bổ sung")


class CriterionReview(models.Model):
    """One reviewer's word on one criterion; the latest record per criterion is what counts."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="reviews")
    criterion = models.PositiveIntegerField(_("tiêu chí"))
    decision = models.CharField(_("kết quả"), max_length=10, choices=Decision.choices)
    comment = models.TextField(_("ý kiến"), blank=True, default="")
    round = models.PositiveIntegerField(_("lần gửi"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    by_name = models.CharField(_("người thẩm tra"), max_length=150)
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        verbose_name = _("ý kiến thẩm tra tiêu chí")
        verbose_name_plural = _("ý kiến thẩm tra tiêu chí")
        ordering = ("criterion", "-at", "-id")


class RecognitionDecision(models.Model):
    submission = models.OneToOneField(Submission, on_delete=models.PROTECT, related_name="decision")
    number = models.CharField(_("số quyết định"), max_length=50)
    date = models.DateField(_("ngày quyết định"))
    tier = models.CharField(_("hạng"), max_length=10, choices=Tier.choices)
    signer = models.CharField(_("người ký"), max_length=150)
    text = models.TextField(_("nội dung"), blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quyết định công nhận")
        verbose_name_plural = _("quyết định công nhận")


class RevocationDecision(models.Model):
    submission = models.OneToOneField(
        Submission, on_delete=models.PROTECT, related_name="revocation"
    )
    number = models.CharField(_("số quyết định"), max_length=50)
    date = models.DateField(_("ngày quyết định"))
    signer = models.CharField(_("người ký"), max_length=150)
    reason = models.TextField(_("lý do"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quyết định thu hồi")
        verbose_name_plural = _("quyết định thu hồi")


class SatisfactionLevel(models.Model):
    """The residents' satisfaction a province requires for a tier.

    Decision 18/2022 asks for "the required" level without a number for communes: the province
    sets it here. Without a row the satisfaction condition is unknown and nothing is submitted.
    """

    regime = models.CharField(_("giai đoạn"), max_length=3)
    province_code = models.CharField(_("mã tỉnh"), max_length=2)
    tier = models.CharField(_("hạng"), max_length=10, choices=Tier.choices)
    required_pct = models.FloatField(_("tỷ lệ hài lòng yêu cầu (%)"))
    basis = models.CharField(_("căn cứ"), max_length=300, blank=True, default="")

    class Meta:
        verbose_name = _("mức hài lòng yêu cầu")
        verbose_name_plural = _("mức hài lòng yêu cầu")
        constraints = (
            models.UniqueConstraint(
                fields=["regime", "province_code", "tier"], name="satisfaction_level_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(required_pct__gte=0, required_pct__lte=100),
                name="satisfaction_level_pct",
            ),
        )


class PeriodStateChange(models.Model):
    """Who opened, closed or locked a period, and when: what the commune page tells its reader
    ("Kỳ đã khóa bởi … lúc …"). Kept here, beside the workflow whose steps the period's state
    gates, and written by ``period_log.period_state_record`` in the same transaction."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="state_changes")
    old = models.CharField(_("trạng thái cũ"), max_length=10)
    new = models.CharField(_("trạng thái mới"), max_length=10)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    by_name = models.CharField(_("người thực hiện"), max_length=150)
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        verbose_name = _("thay đổi trạng thái kỳ")
        verbose_name_plural = _("thay đổi trạng thái kỳ")
        ordering = ("-at", "-id")


class PeriodSchedule(models.Model):
    """When a period stops taking the communes' values: the to-do lists warn beforehand.
    Set by the provincial office in the admin; a period without one simply has no warning."""

    period = models.OneToOneField(Period, on_delete=models.CASCADE, related_name="schedule")
    closes_on = models.DateField(_("hạn nhập số liệu"))

    class Meta:
        verbose_name = _("hạn nhập số liệu của kỳ")
        verbose_name_plural = _("hạn nhập số liệu của kỳ")
