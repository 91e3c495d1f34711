"""The one thing dashboards store: a province's map of its communes (figures are never stored)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ntm.web.units.models import Regime


class CommuneMap(models.Model):
    """The commune polygons an office uploaded, one map per province and regime.

    Only what the map draws is kept: each feature's geometry and its commune code, normalised to
    the GSO code of a known unit. A new upload replaces the old map.
    """

    regime = models.CharField(_("giai đoạn"), max_length=3, choices=Regime.choices)
    province_code = models.CharField(_("mã tỉnh"), max_length=2)
    code_property = models.CharField(_("thuộc tính chứa mã xã"), max_length=60)
    filename = models.CharField(_("tên tệp"), max_length=200)
    features = models.JSONField(_("các vùng"))  # [{"code": "23311", "geometry": {...}}, ...]
    feature_count = models.PositiveIntegerField(_("số vùng"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, verbose_name=_("người tải")
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now=True)

    class Meta:
        verbose_name = _("bản đồ xã")
        verbose_name_plural = _("bản đồ xã")
        constraints = (
            models.UniqueConstraint(fields=["regime", "province_code"], name="map_regime_province"),
        )

    def __str__(self) -> str:
        return f"{self.province_code} ({self.regime}): {self.filename}"
