"""Authored sets, their versions, the log of every change, and the pilot switch of a period."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ntm.web.assessments.models import CriteriaSetRecord, Period


class AuthoredSet(models.Model):
    """A set an office edits in the web; national when ``province_code`` is empty."""

    code = models.CharField(_("mã bộ tiêu chí"), max_length=80, unique=True)
    title = models.CharField(_("tên"), max_length=300)
    province_code = models.CharField(_("mã tỉnh"), max_length=2, blank=True, default="")
    parent_code = models.CharField(_("bộ gốc"), max_length=80)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("bộ tiêu chí soạn trên web")
        verbose_name_plural = _("bộ tiêu chí soạn trên web")
        ordering = ("code",)

    def __str__(self) -> str:
        return self.code

    def current(self) -> AuthoredVersion:
        """The newest version (every set has one from its start)."""
        newest = self.versions.select_related("record").order_by("-number").first()
        assert newest is not None  # variant_start and national_start write version 1 with it
        return newest


class AuthoredVersion(models.Model):
    """One version of an authored set: a stored set content, who made it, how."""

    authored = models.ForeignKey(AuthoredSet, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("phiên bản"))
    record = models.ForeignKey(CriteriaSetRecord, on_delete=models.PROTECT)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    username = models.CharField(_("tài khoản"), max_length=150)
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    action = models.CharField(_("thao tác"), max_length=20)
    summary = models.TextField(_("nội dung"), blank=True, default="")

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["authored", "number"], name="authored_version"),
        )
        ordering = ("authored", "-number")


class SetLog(models.Model):
    """The audit of set pages: a version made, a set attached to a period, pilot on or off.
    Codes and ids, not foreign keys: no deletion can remove history."""

    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    username = models.CharField(_("tài khoản"), max_length=150)
    action = models.CharField(_("thao tác"), max_length=20)
    set_code = models.CharField(_("mã bộ tiêu chí"), max_length=80, blank=True, default="")
    period_id_ref = models.PositiveIntegerField(_("kỳ"), null=True)
    old = models.TextField(_("trước"), blank=True, default="")
    new = models.TextField(_("sau"), blank=True, default="")

    class Meta:
        ordering = ("-at", "-id")


class PilotSwitch(models.Model):
    """A period evaluated "theo các chỉ tiêu đã nhập" (pilot) while its set is incomplete."""

    period = models.OneToOneField(Period, on_delete=models.CASCADE, related_name="pilot")
    enabled = models.BooleanField(_("đánh giá thí điểm"), default=False)
    changed_at = models.DateTimeField(auto_now=True)


class NationalDefault(models.Model):
    """The set a new province period of a programme period starts with, chosen by the central
    office (``defaults.national_default_set``): one per level and first year of the programme."""

    level = models.CharField(_("cấp"), max_length=10, default="commune")
    first_year = models.PositiveIntegerField(_("từ năm"))
    last_year = models.PositiveIntegerField(_("đến năm"))
    record = models.ForeignKey(
        CriteriaSetRecord, on_delete=models.PROTECT, verbose_name=_("bộ tiêu chí")
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    username = models.CharField(_("tài khoản"), max_length=150)
    changed_at = models.DateTimeField(_("thời điểm"), auto_now=True)

    class Meta:
        verbose_name = _("bộ tiêu chí mặc định của giai đoạn")
        verbose_name_plural = _("bộ tiêu chí mặc định của giai đoạn")
        constraints = (
            models.UniqueConstraint(fields=["level", "first_year"], name="national_default"),
        )
        ordering = ("level", "first_year")

    def __str__(self) -> str:
        return f"{self.first_year}–{self.last_year}: {self.record.code}"
