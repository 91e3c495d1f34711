"""Periods created by the central office: one year, one level (commune or province), for one,
several or every province of a regime at once, each with the set chosen or the national default
of that level and programme period (``defaults.period_create``).

All or nothing: every province is checked (its name, the set's level and years) before any
period is made. A province that already has a period of that level and year is reported and
left alone, never given a second one. Each period made is a ``SetLog`` row (action "period").
A province-level period gets its province's unit of level province (the row its own indicators
are stored against) when the units hold none yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from ntm.web.accounts.models import Role
from ntm.web.accounts.scope import Scope
from ntm.web.assessments.models import CriteriaSetRecord, Period
from ntm.web.readmodel.sets import cset_of
from ntm.web.sets.defaults import national_default, period_create
from ntm.web.sets.models import SetLog
from ntm.web.units.models import Unit

LEVELS = ("commune", "province")


@dataclass(frozen=True)
class Province:
    code: str
    name: str


@dataclass(frozen=True)
class PeriodsCreated:
    """What a run did: the periods made, and the provinces' periods already there."""

    created: list[Period]
    existing: list[Period]


def regime_provinces(*, regime: str) -> list[Province]:
    """The provinces of ``regime`` that have communes, by code (one query)."""
    rows = (
        Unit.objects.filter(regime=regime, level="commune")
        .values_list("province_code", "province_name")
        .order_by("province_code")
        .distinct()
    )
    found: dict[str, str] = {}
    for code, name in rows:
        found.setdefault(code, name)
    return [Province(code, name) for code, name in found.items()]


def _may_create(scope: Scope) -> None:
    if not ({Role.CENTRAL, Role.ADMIN} & set(scope.roles)):
        raise PermissionDenied


def _record(level: str, year: int, record: CriteriaSetRecord | None) -> CriteriaSetRecord:
    """The set chosen, checked against the level and year; else the national default."""
    level_vi = "tỉnh" if level == "province" else "xã"
    chosen = record or national_default(year=year, level=level)
    if chosen is None:
        raise ValidationError(
            "Chưa có bộ tiêu chí mặc định cấp %(level)s cho năm %(year)s: chọn bộ tiêu chí, hoặc "
            "đặt bộ mặc định tại trang Bộ tiêu chí.",
            params={"level": level_vi, "year": year},
        )
    cset = cset_of(chosen)
    if cset.level != level:
        raise ValidationError(
            "Bộ %(code)s không phải bộ tiêu chí cấp %(level)s.",
            params={"code": chosen.code, "level": level_vi},
        )
    if not cset.period[0] <= year <= cset.period[1]:
        raise ValidationError(
            "Bộ %(code)s áp dụng cho %(first)s–%(last)s, không áp dụng cho năm %(year)s.",
            params={"code": chosen.code, "first": cset.period[0], "last": cset.period[1],
                    "year": year},
        )  # fmt: skip
    return chosen


def _existing(regime: str, year: int, level: str, codes: set[str]) -> dict[str, Period]:
    """Province code → its period of ``level`` and ``year`` already there (one query)."""
    found: dict[str, Period] = {}
    rows = Period.objects.filter(regime=regime, year=year, province_code__in=codes)
    for p in rows.select_related("criteria_set").order_by("pk"):
        if cset_of(p.criteria_set).level == level:
            found.setdefault(p.province_code, p)
    return found


def _province_unit_ensure(regime: str, province: Province) -> None:
    Unit.objects.get_or_create(
        regime=regime, code=province.code,
        defaults={"name": province.name, "level": "province", "kind": "tỉnh",
                  "province_code": province.code, "province_name": province.name},
    )  # fmt: skip


def periods_create(
    *, user: Any, scope: Scope, regime: str, level: str, year: int,
    provinces: list[Province], record: CriteriaSetRecord | None = None,
) -> PeriodsCreated:  # fmt: skip
    """Make the periods of ``provinces`` (all or nothing); those already there are reported."""
    _may_create(scope)
    if level not in LEVELS:
        raise ValidationError("Cấp không hợp lệ: %(level)s.", params={"level": level})
    if not provinces:
        raise ValidationError("Chưa chọn tỉnh nào.")
    chosen = _record(level, year, record)
    signed = user if getattr(user, "is_authenticated", False) else None
    with transaction.atomic():
        existing = _existing(regime, year, level, {p.code for p in provinces})
        created = []
        for province in provinces:
            if province.code in existing:
                continue
            period = period_create(regime=regime, province_code=province.code,
                                   province_name=province.name, year=year,
                                   criteria_set=chosen)  # fmt: skip
            if level == "province":
                _province_unit_ensure(regime, province)
            SetLog.objects.create(user=signed, username=getattr(signed, "username", "") or "",
                                  action="period", set_code=chosen.code, period_id_ref=period.pk,
                                  new=f"{province.name} {year} ({level})")  # fmt: skip
            created.append(period)
    return PeriodsCreated(created, [existing[p.code] for p in provinces if p.code in existing])
