"""The registries a programme office keeps beside the assessments (issue #13): OCOP products and
their ratings, models (mô hình) of kinds the province defines, and villages with their standing
each year. Stars, validity and counts are never stored: they are judged by ``ntm.domain.ocop``
from the scores and dates, so a rule changed in a scorecard file changes every figure at once.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ntm.web.units.models import Unit


class OcopProduct(models.Model):
    code = models.CharField(_("mã sản phẩm"), max_length=40)
    name = models.CharField(_("tên sản phẩm"), max_length=200)
    group = models.CharField(_("nhóm sản phẩm"), max_length=80)
    subject = models.CharField(_("chủ thể"), max_length=200)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="ocop_products", verbose_name=_("xã")
    )

    class Meta:
        verbose_name = _("sản phẩm OCOP")
        verbose_name_plural = _("sản phẩm OCOP")
        ordering = ("code",)
        constraints = (
            models.UniqueConstraint(fields=["unit", "code"], name="ocop_product_unique"),
        )

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class OcopRating(models.Model):
    """One rating round of a product: its scores per part and the decision recognising it."""

    product = models.ForeignKey(
        OcopProduct, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("sản phẩm")
    )
    round_year = models.PositiveIntegerField(_("năm đánh giá"))
    scorecard = models.CharField(_("phiếu chấm"), max_length=20)  # '148/2023', '1048/2019'
    score_a = models.DecimalField(_("điểm phần A"), max_digits=5, decimal_places=2)
    score_b = models.DecimalField(_("điểm phần B"), max_digits=5, decimal_places=2)
    score_c = models.DecimalField(_("điểm phần C"), max_digits=5, decimal_places=2)
    decision_number = models.CharField(_("số quyết định"), max_length=60)
    decision_date = models.DateField(_("ngày quyết định"))
    # Moved by every edit: a form carries the version it read, so a second officer editing the
    # same record gets a conflict instead of silently overwriting the first (as assessments do).
    version = models.PositiveIntegerField(_("phiên bản"), default=1, db_default=1)

    class Meta:
        verbose_name = _("kết quả đánh giá OCOP")
        verbose_name_plural = _("kết quả đánh giá OCOP")
        ordering = ("product", "decision_date", "pk")


class ModelField(models.TextChoices):
    ECONOMY = "economy", _("Kinh tế")
    SOCIETY = "society", _("Văn hóa – xã hội")
    DEFENCE = "defence", _("Quốc phòng – an ninh")
    POLITICS = "politics", _("Xây dựng hệ thống chính trị")


class ModelKind(models.Model):
    """A kind of model (economic, "Dân vận khéo", …): data, so a province adds its own."""

    code = models.SlugField(_("mã loại"), max_length=40, unique=True)
    name = models.CharField(_("tên loại mô hình"), max_length=120)
    province_code = models.CharField(
        _("mã tỉnh (để trống: mọi tỉnh)"), max_length=2, blank=True, default=""
    )

    class Meta:
        verbose_name = _("loại mô hình")
        verbose_name_plural = _("loại mô hình")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class Initiative(models.Model):
    """A model (mô hình) recognised in a commune."""

    name = models.CharField(_("tên mô hình"), max_length=200)
    kind = models.ForeignKey(ModelKind, on_delete=models.PROTECT, verbose_name=_("loại"))
    field = models.CharField(_("lĩnh vực"), max_length=10, choices=ModelField.choices)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("xã")
    )
    year = models.PositiveIntegerField(_("năm công nhận"))
    households = models.PositiveIntegerField(_("số hộ/thành viên"), null=True, blank=True)
    value = models.DecimalField(
        _("giá trị/thu nhập (triệu đồng/năm)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    description = models.TextField(_("mô tả"), blank=True, default="")
    photo = models.FileField(_("ảnh minh chứng"), upload_to="mo-hinh/", blank=True)
    # see OcopRating.version
    version = models.PositiveIntegerField(_("phiên bản"), default=1, db_default=1)

    class Meta:
        verbose_name = _("mô hình")
        verbose_name_plural = _("mô hình")
        ordering = ("-year", "name")

    def __str__(self) -> str:
        return self.name


class VillageKind(models.TextChoices):
    THON = "thon", _("Thôn")
    BAN = "ban", _("Bản")
    TO = "to", _("Tổ dân phố")


class Village(models.Model):
    """A village below a commune, registered by the province (the GSO lists stop at communes)."""

    name = models.CharField(_("tên thôn"), max_length=120)
    kind = models.CharField(
        _("loại"), max_length=4, choices=VillageKind.choices, default=VillageKind.THON
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="villages", verbose_name=_("xã")
    )
    # see OcopRating.version
    version = models.PositiveIntegerField(_("phiên bản"), default=1, db_default=1)

    class Meta:
        verbose_name = _("thôn")
        verbose_name_plural = _("thôn, bản, tổ dân phố")
        ordering = ("unit__code", "name")
        constraints = (models.UniqueConstraint(fields=["unit", "name"], name="village_unique"),)

    def __str__(self) -> str:
        return self.name


class Standing(models.TextChoices):
    NTM = "ntm", _("Thôn đạt chuẩn nông thôn mới")
    MODEL_AREA = "model", _("Khu dân cư nông thôn mới kiểu mẫu")
    SMART = "smart", _("Thôn thông minh")


class VillageStanding(models.Model):
    """A village's standing in a year, with the decision that recognised it."""

    village = models.ForeignKey(
        Village, on_delete=models.CASCADE, related_name="standings", verbose_name=_("thôn")
    )
    year = models.PositiveIntegerField(_("năm"))
    standing = models.CharField(_("danh hiệu"), max_length=5, choices=Standing.choices)
    decision_number = models.CharField(_("số quyết định"), max_length=60)
    decision_date = models.DateField(_("ngày quyết định"))
    # see OcopRating.version
    version = models.PositiveIntegerField(_("phiên bản"), default=1, db_default=1)

    class Meta:
        verbose_name = _("danh hiệu của thôn")
        verbose_name_plural = _("danh hiệu của thôn")
        ordering = ("-year", "village")
        constraints = (
            models.UniqueConstraint(
                fields=["village", "year", "standing"], name="village_standing_unique"
            ),
        )
