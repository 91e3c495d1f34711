"""The audit trail: every change, kept forever (no delete in the admin, no cascade)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    FORM = "form", _("Biểu mẫu")
    IMPORT = "import", _("Nhập tệp")
    API = "api", _("API")
    DEMO = "demo", _("Dữ liệu minh họa")


class Kind(models.TextChoices):
    INDICATOR = "indicator", _("Chỉ tiêu")
    CRITERION = "criterion", _("Tiêu chí")
    COMMENT = "comment", _("Ghi chú")
    # The registries (ntm.web.registries.services) and the office's plan targets.
    OCOP = "ocop", _("Sản phẩm OCOP")
    MODEL = "model", _("Mô hình")
    VILLAGE = "village", _("Thôn")
    TARGET = "target", _("Chỉ tiêu kế hoạch")
    # A province's narrative report uploaded or deleted (ntm.web.readings.services).
    REPORT = "report", _("Báo cáo của tỉnh")


class AuditEntry(models.Model):
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, verbose_name=_("người")
    )
    username = models.CharField(_("tài khoản"), max_length=150)
    # Codes, not foreign keys, so that no deletion anywhere can remove history.
    regime = models.CharField(max_length=3)
    unit_code = models.CharField(_("mã xã"), max_length=10, db_index=True)
    unit_name = models.CharField(_("xã"), max_length=120)
    period_id_ref = models.PositiveIntegerField(_("kỳ"))
    year = models.PositiveIntegerField(_("năm"))
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    target = models.CharField(_("chỉ tiêu/tiêu chí"), max_length=20, db_index=True)
    # Text, not varchar: a comment (up to 2.000 characters) is kept whole.
    old = models.TextField(_("giá trị cũ"), blank=True, default="")
    new = models.TextField(_("giá trị mới"), blank=True, default="")
    channel = models.CharField(_("qua"), max_length=8, choices=Channel.choices)
    version = models.PositiveIntegerField(_("phiên bản"))

    @classmethod
    def of_office(
        cls,
        *,
        user: Any,
        regime: str,
        province_code: str,
        province_name: str,
        period_id: int,
        year: int,
        kind: str,
        target: str,
        old: str,
        new: str,
        channel: str = "form",
    ) -> AuditEntry:
        """An unsaved entry of a province office's own record (a plan target, a unit cost, a
        provincial report): the province stands where a commune stands in the others."""
        return cls(
            user=user if getattr(user, "pk", None) else None,
            username=getattr(user, "username", "") or "",
            regime=regime,
            unit_code=province_code,
            unit_name=province_name[:120],
            period_id_ref=period_id,
            year=year,
            kind=kind,
            target=target[:20],
            old=old,
            new=new,
            channel=channel,
            version=0,
        )

    class Meta:
        verbose_name = _("mục nhật ký")
        verbose_name_plural = _("nhật ký thay đổi")
        ordering = (
            "-at",
            "-id",
        )
