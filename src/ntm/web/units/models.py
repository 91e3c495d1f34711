"""Administrative units of both regimes: before 1/7/2025 (with districts) and after (without).

The same GSO code can name different units in the two regimes, so a unit is (regime, code).
``successors`` is the lineage: the new units an old commune became part of.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ntm.domain.units import Unit as DomainUnit


class Regime(models.TextChoices):
    OLD = "old", _("Trước 1/7/2025")
    NEW = "new", _("Từ 1/7/2025")


class Unit(models.Model):
    regime = models.CharField(_("giai đoạn"), max_length=3, choices=Regime.choices)
    code = models.CharField(_("mã"), max_length=10)
    name = models.CharField(_("tên"), max_length=120)
    level = models.CharField(_("cấp"), max_length=10, default="commune")
    kind = models.CharField(_("loại"), max_length=20, default="xã")
    province_code = models.CharField(_("mã tỉnh"), max_length=2, db_index=True)
    province_name = models.CharField(_("tỉnh"), max_length=80)
    district_code = models.CharField(_("mã huyện"), max_length=3, blank=True, default="")
    district_name = models.CharField(_("huyện"), max_length=80, blank=True, default="")
    region = models.CharField(_("vùng"), max_length=10, blank=True, default="")
    group = models.CharField(_("nhóm xã"), max_length=2, blank=True, default="")
    flags = models.JSONField(_("đặc điểm"), default=list, blank=True)
    successors = models.ManyToManyField(
        "self", symmetrical=False, related_name="predecessors", blank=True
    )

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        constraints = (models.UniqueConstraint(fields=["regime", "code"], name="unit_regime_code"),)
        ordering = (
            "regime",
            "province_code",
            "district_code",
            "code",
        )

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def to_domain(self) -> DomainUnit:
        """The unit as the engine sees it: the web converts at its edge."""
        return DomainUnit(
            code=self.code,
            name=self.name,
            level=self.level,  # type: ignore[arg-type]  # a CharField holding a UnitLevel
            kind=self.kind,
            province_code=self.province_code,
            province_name=self.province_name,
            district_code=self.district_code or None,
            district_name=self.district_name or None,
            region=self.region or None,
            group=self.group or None,
            flags=frozenset(self.flags or ()),
        )

    def as_api(self) -> dict[str, object]:
        return {
            "id": self.pk, "regime": self.regime, "code": self.code, "name": self.name,
            "level": self.level, "kind": self.kind, "province_code": self.province_code,
            "province_name": self.province_name, "district_code": self.district_code,
            "district_name": self.district_name, "region": self.region, "group": self.group,
            "flags": list(self.flags or []), "successors": [s.pk for s in self.successors.all()],
        }  # fmt: skip


class GroupDecision(models.Model):
    """A province decision that set commune groups (Nhóm 1/2/3) from a given year."""

    province_code = models.CharField(_("mã tỉnh"), max_length=2, db_index=True)
    number = models.CharField(_("số quyết định"), max_length=60)
    date = models.DateField(_("ngày quyết định"))
    from_year = models.PositiveIntegerField(_("áp dụng từ năm"))
    channel = models.CharField(_("qua"), max_length=8, default="form")
    filename = models.CharField(_("tệp"), max_length=255, blank=True, default="")
    recorded_by = models.CharField(_("người ghi"), max_length=150)
    recorded_at = models.DateTimeField(_("ghi lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("quyết định phân nhóm xã")
        verbose_name_plural = _("quyết định phân nhóm xã")
        ordering = ("province_code", "from_year", "recorded_at", "id")

    def __str__(self) -> str:
        return f"{self.number} ({self.date:%d/%m/%Y})"


class GroupAssignment(models.Model):
    """One commune's group from ``from_year`` on, as a decision set it: the audit of groups
    (the group before, the decision, who and when) and what the engine reads for a year."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="group_assignments")
    decision = models.ForeignKey(
        GroupDecision, on_delete=models.PROTECT, related_name="assignments"
    )
    group = models.CharField(_("nhóm xã"), max_length=2)
    previous = models.CharField(_("nhóm trước đó"), max_length=2, blank=True, default="")
    from_year = models.PositiveIntegerField(_("áp dụng từ năm"), db_index=True)

    class Meta:
        verbose_name = _("nhóm xã theo quyết định")
        verbose_name_plural = _("nhóm xã theo quyết định")
        ordering = ("unit", "from_year", "id")
