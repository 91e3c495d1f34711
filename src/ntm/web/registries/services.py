"""Writes of the registries: each checks that the user keeps the commune's registry, writes in
one transaction and leaves an audit entry (``ntm.web.audit``) per record. A village's smart
standing also sets the model-commune indicator "at least one smart village" of every open period
of its commune, through ``assessment_save``: the condition is judged from the village data, and
the read model's version moves with it like any other saved value."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ntm.criteria import ocop as ocop_data
from ntm.web.accounts.scope import Scope
from ntm.web.assessments.models import Period, PeriodState
from ntm.web.assessments.services import assessment_get_or_create, assessment_save
from ntm.web.audit.models import AuditEntry
from ntm.web.readmodel.sets import cset_of
from ntm.web.registries.models import (
    Initiative,
    ModelKind,
    OcopProduct,
    OcopRating,
    Standing,
    Village,
    VillageStanding,
)
from ntm.web.registries.selectors import managed_units, smart_village_communes
from ntm.web.units.models import Unit

# Audit kinds of the registries (the audit's ``kind`` column, beside indicator/criterion).
AUDIT_OCOP, AUDIT_MODEL, AUDIT_VILLAGE = "ocop", "model", "village"


def _check(scope: Scope, unit: Unit) -> None:
    if not managed_units(scope=scope).filter(pk=unit.pk).exists():
        raise PermissionDenied


def audit_record(
    *,
    user: Any,
    unit: Unit,
    kind: str,
    target: str,
    new: str,
    year: int,
    channel: str,
    old: str = "",
) -> None:
    # A registry record belongs to no period: the commune stands where the office's province does.
    AuditEntry.of_office(
        user=user,
        regime=unit.regime,
        province_code=unit.code,
        province_name=unit.name,
        period_id=0,
        year=year,
        kind=kind,
        target=target,
        old=old,
        new=new,
        channel=channel,
    ).save()


@dataclass(frozen=True)
class RatingInput:
    """A product and one rating of it, checked (the reader or the form checked every cell)."""

    unit: Unit
    code: str
    name: str
    group: str
    subject: str
    scorecard: str
    scores: tuple[Decimal, Decimal, Decimal]
    decision_number: str
    decision_date: date


def ocop_rating_add(*, user: Any, scope: Scope, item: RatingInput, channel: str) -> OcopRating:
    """Record a rating; a product already registered in the commune gets a new rating round."""
    _check(scope, item.unit)
    with transaction.atomic():
        product, _created = OcopProduct.objects.update_or_create(
            unit=item.unit,
            code=item.code,
            defaults={"name": item.name, "group": item.group, "subject": item.subject},
        )
        a, b, c = item.scores
        rating = OcopRating.objects.create(
            product=product,
            round_year=item.decision_date.year,
            scorecard=item.scorecard,
            score_a=a,
            score_b=b,
            score_c=c,
            decision_number=item.decision_number,
            decision_date=item.decision_date,
        )
        stars = ocop_data.scorecards()[item.scorecard].stars(a + b + c)
        audit_record(
            user=user,
            unit=item.unit,
            kind=AUDIT_OCOP,
            target=item.code,
            new=f"{item.name}: {a + b + c} điểm, {stars} sao ({item.decision_number})",
            year=item.decision_date.year,
            channel=channel,
        )
    return rating


def ocop_duplicate(item: RatingInput) -> bool:
    """The same decision already recorded for this product (a file imported twice)."""
    return OcopRating.objects.filter(
        product__unit=item.unit,
        product__code=item.code,
        decision_number=item.decision_number,
        decision_date=item.decision_date,
    ).exists()


def ocop_ratings_import(*, user: Any, scope: Scope, items: list[RatingInput]) -> int:
    """All the file's ratings or none (the caller checked every row first)."""
    with transaction.atomic():
        for item in items:
            ocop_rating_add(user=user, scope=scope, item=item, channel="import")
    return len(items)


@dataclass(frozen=True)
class InitiativeInput:
    unit: Unit
    name: str
    kind: ModelKind
    field: str
    year: int
    households: int | None
    value: Decimal | None
    description: str


def initiative_add(
    *, user: Any, scope: Scope, item: InitiativeInput, channel: str, photo: Any = None
) -> Initiative:
    _check(scope, item.unit)
    with transaction.atomic():
        record = Initiative(
            name=item.name,
            kind=item.kind,
            field=item.field,
            unit=item.unit,
            year=item.year,
            households=item.households,
            value=item.value,
            description=item.description,
        )
        if photo is not None:
            record.photo.save(photo.name, photo, save=False)
        record.save()
        audit_record(
            user=user,
            unit=item.unit,
            kind=AUDIT_MODEL,
            target=f"MH{record.pk}",
            new=f"{item.kind.name}: {item.name} ({item.year})",
            year=item.year,
            channel=channel,
        )
    return record


def initiatives_import(*, user: Any, scope: Scope, items: list[InitiativeInput]) -> int:
    with transaction.atomic():
        for item in items:
            initiative_add(user=user, scope=scope, item=item, channel="import")
    return len(items)


def village_add(
    *, user: Any, scope: Scope, unit: Unit, name: str, kind: str, channel: str = "form"
) -> Village:
    _check(scope, unit)
    with transaction.atomic():
        village, created = Village.objects.get_or_create(
            unit=unit, name=name, defaults={"kind": kind}
        )
        if created:
            audit_record(
                user=user,
                unit=unit,
                kind=AUDIT_VILLAGE,
                target=name,
                new=f"{village.get_kind_display()} {name}",
                year=date.today().year,
                channel=channel,
            )
    return village


@dataclass(frozen=True)
class StandingInput:
    village: Village
    year: int
    standing: str
    decision_number: str
    decision_date: date


def village_standing_record(
    *, user: Any, scope: Scope, item: StandingInput, channel: str
) -> VillageStanding:
    unit = item.village.unit
    _check(scope, unit)
    with transaction.atomic():
        record, _created = VillageStanding.objects.update_or_create(
            village=item.village,
            year=item.year,
            standing=item.standing,
            defaults={"decision_number": item.decision_number, "decision_date": item.decision_date},
        )
        audit_record(
            user=user,
            unit=unit,
            kind=AUDIT_VILLAGE,
            target=item.village.name,
            new=f"{record.get_standing_display()} {item.year} ({item.decision_number})",
            year=item.year,
            channel=channel,
        )
        if item.standing == Standing.SMART:
            smart_village_sync(user=user, unit=unit, channel=channel)
    return record


def village_standing_remove(*, user: Any, scope: Scope, record: VillageStanding) -> None:
    unit = record.village.unit
    _check(scope, unit)
    with transaction.atomic():
        audit_record(
            user=user,
            unit=unit,
            kind=AUDIT_VILLAGE,
            target=record.village.name,
            new=f"xóa: {record.get_standing_display()} {record.year}",
            year=record.year,
            channel="form",
        )
        standing = record.standing
        record.delete()
        if standing == Standing.SMART:
            smart_village_sync(user=user, unit=unit, channel="form")


def _fold(text: str) -> str:
    raw = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in raw if unicodedata.category(c) != "Mn")


def smart_indicator(period: Period) -> str | None:
    """The code of the period's indicator "at least one smart village" (Decision 319, model
    communes), found by its name in the set: a province's own variant of the set keeps it."""
    for indicator in cset_of(period.criteria_set).indicators:
        if "thon thong minh" in _fold(indicator.name):
            return indicator.code
    return None


def smart_village_sync(*, user: Any, unit: Unit, channel: str) -> int:
    """Set the smart-village indicator of ``unit`` in every period of its province that has one
    and is not locked: 1 with a smart village recognised by the period's year, else 0."""
    periods = Period.objects.filter(regime=unit.regime, province_code=unit.province_code).exclude(
        state=PeriodState.LOCKED
    )
    system = Scope(write_all=True)  # the caller's own right was checked on the village
    changed = 0
    for period in periods.select_related("criteria_set"):
        code = smart_indicator(period)
        if code is None:
            continue
        value = 1.0 if unit.pk in smart_village_communes(units=[unit], year=period.year) else 0.0
        assessment = assessment_get_or_create(unit=unit, period=period)
        changed += len(
            assessment_save(
                user=user,
                scope=system,
                assessment=assessment,
                version=None,
                values={code: value},
                comments={code: "Theo danh sách thôn (thôn thông minh)"},
                channel=channel,
            )
        )
    return changed


def villages_import(*, user: Any, scope: Scope, rows: list[Any]) -> int:
    """Villages and their standings from a file (``files.VillageRow``), all or none."""
    with transaction.atomic():
        for row in rows:
            village = village_add(
                user=user,
                scope=scope,
                unit=row.unit,
                name=row.name,
                kind=row.kind,
                channel="import",
            )
            if row.standing:
                item = StandingInput(
                    village, row.year, row.standing, row.decision_number, row.decision_date
                )
                village_standing_record(user=user, scope=scope, item=item, channel="import")
    return len(rows)


def smart_villages_sync_period(*, period: Period) -> int:
    """Set a new period's smart-village indicator for every commune of its province that has
    villages registered (the communes without any stay blank: nothing is known of them)."""
    if smart_indicator(period) is None:
        return 0
    communes = Unit.objects.filter(
        regime=period.regime, province_code=period.province_code, villages__isnull=False
    ).distinct()
    return sum(smart_village_sync(user=None, unit=unit, channel="form") for unit in communes)
