"""Commune groups (Nhóm 1/2/3) as province decisions: assigned in bulk, dated, audited.

A decision (number, date) sets groups from a year on; each commune's group for a year is the one
of its latest assignment from that year or before (``Unit.group`` when it has none: groups set
before decisions were recorded, or by the registry). ``Unit.group`` mirrors the latest decision,
for the filters and lists that show a commune's group today. Every write moves the data version
of the province's periods from ``from_year`` on, so no cached figure keeps the old groups.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from django.db import connection, transaction
from django.db.models import Q

from ntm.domain.units import Unit as DomainUnit
from ntm.units.rural import RURAL_KINDS
from ntm.web.assessments.models import Period
from ntm.web.units.models import GroupAssignment, GroupDecision, Unit

GROUPS = ("1", "2", "3")


@dataclass(frozen=True)
class DecisionInput:
    number: str
    date: datetime.date
    from_year: int


@dataclass(frozen=True)
class GroupChange:
    unit: Unit
    before: str
    after: str


def rural_communes(*, regime: str, province_code: str, q: Q | None = None) -> list[Unit]:
    """The province's communes a group is set for: rural ones (xã, đặc khu), GSO order (those
    of ``q`` only, e.g. a scope's)."""
    rows = Unit.objects.filter(
        regime=regime, province_code=province_code, level="commune", kind__in=RURAL_KINDS
    )
    if q is not None:
        rows = rows.filter(q)
    return list(rows.order_by("district_code", "code"))


def groups_in_force(units: Sequence[Unit], year: int) -> dict[int, str]:
    """Unit id → its group in ``year`` ('' for none): one query over the units' provinces.

    The group of its latest assignment from ``year`` or before; before its first assignment,
    the group that assignment replaced (``previous``): ``Unit.group`` already mirrors the
    latest decision, so a decision from 2027 must not move the commune's 2026 group.
    """
    out = {u.pk: u.group or "" for u in units}
    provinces = {u.province_code for u in units}
    if not provinces:
        return out
    rows = (
        GroupAssignment.objects.filter(unit__province_code__in=provinces, unit_id__in=out.keys())
        .order_by("from_year", "id")
        .values_list("unit_id", "group", "previous", "from_year")
    )
    settled: set[int] = set()  # units whose group in ``year`` an assignment has given
    for unit_id, group, previous, from_year in rows:
        if from_year <= year:
            out[unit_id] = group
        elif unit_id not in settled:  # the first assignment after ``year``: what it replaced
            out[unit_id] = previous
        settled.add(unit_id)
    return out


def domain_units(units: Sequence[Unit], year: int) -> list[DomainUnit]:
    """The units as the engine sees them in ``year``: each with the group then in force."""
    groups = groups_in_force(units, year) if _any_assignment() else {}
    out = []
    for u in units:
        domain = u.to_domain()
        if u.pk in groups and (groups[u.pk] or None) != domain.group:
            domain = replace(domain, group=groups[u.pk] or None)
        out.append(domain)
    return out


def _any_assignment() -> bool:
    return GroupAssignment.objects.exists()


def ungrouped(units: Sequence[Unit], year: int) -> list[Unit]:
    """The rural communes among ``units`` with no group in ``year``: named on every page."""
    groups = groups_in_force(units, year)
    return [u for u in units if u.kind in RURAL_KINDS and not groups.get(u.pk)]


def _bump_periods(province_code: str, regime: str, from_year: int) -> None:
    """Move the data version of the province's periods from ``from_year`` on (and the units'
    version, which the national and public views hold)."""
    ids = list(
        Period.objects.filter(
            province_code=province_code, regime=regime, year__gte=from_year
        ).values_list("pk", flat=True)
    )
    with connection.cursor() as cursor:
        for pk in [*ids, -1]:
            cursor.execute(
                "INSERT INTO readmodel_periodversion (period_id, version) VALUES (%s, 1) "
                "ON CONFLICT (period_id) DO UPDATE SET version = "
                "readmodel_periodversion.version + 1",
                [pk],
            )


def groups_assign(
    *, user: object, period: Period, decision: DecisionInput, groups: Mapping[str, str],
    channel: str = "form", filename: str = "",
) -> list[GroupChange]:  # fmt: skip
    """Record ``decision`` and the groups it sets (commune code → group) for the period's
    province, all or nothing; returns the communes whose group in ``from_year`` changed."""
    communes = {u.code: u for u in rural_communes(regime=period.regime,
                                                  province_code=period.province_code)}  # fmt: skip
    chosen = [(communes[c], g) for c, g in groups.items() if c in communes and g in GROUPS]
    before = groups_in_force([u for u, _g in chosen], decision.from_year)
    changes = [GroupChange(u, before[u.pk], g) for u, g in chosen if before[u.pk] != g]
    with transaction.atomic():
        record = GroupDecision.objects.create(
            province_code=period.province_code, number=decision.number, date=decision.date,
            from_year=decision.from_year, channel=channel, filename=filename[:255],
            recorded_by=str(getattr(user, "username", "") or user),
        )  # fmt: skip
        GroupAssignment.objects.bulk_create(
            GroupAssignment(unit=c.unit, decision=record, group=c.after, previous=c.before,
                            from_year=decision.from_year)
            for c in changes
        )  # fmt: skip
        _mirror_latest([c.unit for c in changes])
        _bump_periods(period.province_code, period.regime, decision.from_year)
    return changes


def _mirror_latest(units: Sequence[Unit]) -> None:
    """``Unit.group`` := the group of each unit's latest decision (the group of today)."""
    latest = groups_in_force(units, 9999)
    for u in units:
        u.group = latest[u.pk]
    Unit.objects.bulk_update(list(units), ["group"])


def group_history(*, province_code: str) -> list[GroupDecision]:
    """The province's decisions, newest first, each with how many communes it changed."""
    return list(
        GroupDecision.objects.filter(province_code=province_code)
        .order_by("-recorded_at", "-id")
        .prefetch_related("assignments__unit")
    )
