"""Provincial narrative reports uploaded to be read and compared with ntm (issue #15.1).

Only the file and what the person said about it are stored: the figures read from it and the
comparison are computed again from the file (the reading kept in the cache by the file's hash,
see ``files.reading_of``), so a better reader or new data in ntm changes what the page shows
without any migration of stored results.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ntm.web.units.models import Regime


class ProvinceReport(models.Model):
    regime = models.CharField(_("giai đoạn"), max_length=3, choices=Regime.choices)
    province_code = models.CharField(_("mã tỉnh"), max_length=2, db_index=True)
    province_name = models.CharField(_("tỉnh"), max_length=80)
    year = models.PositiveIntegerField(_("năm báo cáo"))
    # The stored name is made safe and short (as evidence files); the person's own name is kept
    # whole for the list and the download.
    file = models.FileField(_("tệp"), upload_to="bao-cao-tinh/%Y/%m/", max_length=255)
    filename = models.CharField(_("tên tệp"), max_length=1000)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)  # the reading's cache key
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("báo cáo của tỉnh")
        verbose_name_plural = _("báo cáo của tỉnh")
        ordering = ("-year", "province_code", "-uploaded_at", "-id")

    def __str__(self) -> str:
        return f"{self.province_name} {self.year}: {self.filename}"

    @property
    def uploader(self) -> str:
        """Who uploaded it, for people ("—" once the account is gone)."""
        user = self.uploaded_by
        if user is None:
            return "—"
        return user.get_full_name() or user.get_username()
