"""Roles scoped to units, and API tokens for machines.

A user may hold several roles; what they may see is the union of their roles' scopes.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ntm.web.units.models import Regime, Unit


class Role(models.TextChoices):
    COMMUNE = "commune", _("Cán bộ xã")
    REVIEWER = "reviewer", _("Cán bộ thẩm định")
    PROVINCE = "province", _("Văn phòng điều phối tỉnh")
    CENTRAL = "central", _("Trung ương")
    ADMIN = "admin", _("Quản trị hệ thống")


class RoleAssignment(models.Model):
    """One role of one user, with its scope.

    commune: ``communes``. reviewer: ``criteria`` (numbers a provincial department answers for;
    empty = all) in ``province_code``, or a ``district_code`` before 2025. province:
    ``province_code``. central and admin: everything (admin also writes).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("vai trò"), max_length=10, choices=Role.choices)
    regime = models.CharField(
        _("giai đoạn"), max_length=3, choices=Regime.choices, blank=True, default=""
    )
    province_code = models.CharField(_("mã tỉnh"), max_length=2, blank=True, default="")
    district_code = models.CharField(_("mã huyện"), max_length=3, blank=True, default="")
    communes = models.ManyToManyField(Unit, blank=True, verbose_name=_("xã"))
    criteria = models.JSONField(_("tiêu chí phụ trách"), default=list, blank=True)

    class Meta:
        verbose_name = _("vai trò")
        verbose_name_plural = _("vai trò")

    def __str__(self) -> str:
        where = self.district_code or self.province_code
        return f"{self.user} — {self.get_role_display()} {where}".strip()


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A machine's token. Only its hash is stored; the token is shown once when created."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("tên"), max_length=100)
    prefix = models.CharField(max_length=8, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")

    @classmethod
    def issue(cls, *, user: object, name: str) -> tuple[ApiToken, str]:
        raw = "ntm_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, prefix=raw[4:12], key_hash=token_hash(raw))
        return token, raw
