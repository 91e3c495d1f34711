"""Edits and deletions of registry records (the lists' "Sửa" and "Xóa").

Each write checks that the user keeps the record's commune (and the commune it moves to), claims
the record's version first — a form carries the version it read, and the conditional UPDATE lets
only one of two concurrent edits through, the other gets ``Stale`` — then writes and audits the
old and the new content in one transaction. Stars are never stored: an edited scorecard is judged
again by ``ntm.domain.ocop`` wherever the rating is read, and the audit states the new stars.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from ntm import formatting
from ntm.criteria import ocop as ocop_data
from ntm.web.accounts.scope import Scope
from ntm.web.registries.models import (
    Initiative,
    OcopProduct,
    OcopRating,
    Standing,
    Village,
    VillageStanding,
)
from ntm.web.registries.selectors import managed_units
from ntm.web.registries.services import (
    AUDIT_MODEL,
    AUDIT_OCOP,
    AUDIT_VILLAGE,
    InitiativeInput,
    RatingInput,
    StandingInput,
    audit_record,
    smart_village_sync,
)
from ntm.web.units.models import Unit


class Refused(Exception):
    """A change that cannot be written, with the Vietnamese reason shown on the form."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class Stale(Refused):
    """The record was changed or deleted by someone else since the form was read."""

    def __init__(self, current: int | None) -> None:
        self.current = current
        if current is None:
            text = _("Bản ghi này vừa bị người khác xóa: thay đổi của bạn chưa được ghi.")
        else:
            text = _(
                "Bản ghi này vừa được người khác sửa (phiên bản hiện tại: %(v)s), nên thay đổi "
                "của bạn chưa được ghi. Hãy tải lại trang để xem nội dung mới rồi sửa lại."
            ) % {"v": current}
        super().__init__(text)


def keep_check(scope: Scope, *units: Unit) -> None:
    """PermissionDenied unless the user keeps the registries of every unit given."""
    kept = managed_units(scope=scope).filter(pk__in=[u.pk for u in units]).count()
    if kept != len({u.pk for u in units}):
        raise PermissionDenied


def _claim(model: type[models.Model], pk: int, version: int) -> None:
    """Move the record's version if it is still ``version`` (the lock), else Stale."""
    rows = model._default_manager.filter(pk=pk)
    if not rows.filter(version=version).update(version=F("version") + 1):
        raise Stale(rows.values_list("version", flat=True).first())


def _date(rating: OcopRating | VillageStanding) -> str:
    return formatting.date(rating.decision_date)


def ocop_text(rating: OcopRating) -> str:
    """A rating as the audit keeps it, with the stars the scorecard gives its total."""
    product = rating.product
    total = rating.score_a + rating.score_b + rating.score_c
    stars = ocop_data.scorecards()[rating.scorecard].stars(total)
    return (
        f"{product.code} {product.name} ({product.group}; {product.subject}; "
        f"{product.unit.name}): {formatting.number(float(total), 2)} điểm, {stars} sao, "
        f"phiếu {rating.scorecard}, QĐ {rating.decision_number} ngày {_date(rating)}"
    )


def ocop_rating_update(
    *, user: Any, scope: Scope, rating: OcopRating, version: int, item: RatingInput
) -> OcopRating:
    """Edit a rating and its product (code, name, group, subject, commune)."""
    product = rating.product
    keep_check(scope, product.unit, item.unit)
    clash = OcopProduct.objects.filter(unit=item.unit, code=item.code).exclude(pk=product.pk)
    if clash.exists():
        raise Refused(
            _("%(unit)s đã có sản phẩm mã %(code)s.") % {"unit": item.unit.name, "code": item.code}
        )
    with transaction.atomic():
        _claim(OcopRating, rating.pk, version)
        old = ocop_text(rating)
        product.unit, product.code, product.name = item.unit, item.code, item.name
        product.group, product.subject = item.group, item.subject
        product.save(update_fields=["unit", "code", "name", "group", "subject"])
        rating.scorecard = item.scorecard
        rating.score_a, rating.score_b, rating.score_c = item.scores
        rating.decision_number, rating.decision_date = item.decision_number, item.decision_date
        rating.round_year, rating.version = item.decision_date.year, version + 1
        rating.save(
            update_fields=[
                "scorecard",
                "score_a",
                "score_b",
                "score_c",
                "decision_number",
                "decision_date",
                "round_year",
            ]
        )
        audit_record(
            user=user,
            unit=item.unit,
            kind=AUDIT_OCOP,
            target=item.code,
            old=old,
            new=ocop_text(rating),
            year=item.decision_date.year,
            channel="form",
        )
    return rating


def ocop_rating_delete(*, user: Any, scope: Scope, rating: OcopRating, version: int) -> bool:
    """Delete a rating, and its product when it was the product's only one (True then)."""
    product = rating.product
    keep_check(scope, product.unit)
    with transaction.atomic():
        _claim(OcopRating, rating.pk, version)
        audit_record(
            user=user,
            unit=product.unit,
            kind=AUDIT_OCOP,
            target=product.code,
            old=ocop_text(rating),
            new="(đã xóa)",
            year=rating.decision_date.year,
            channel="form",
        )
        rating.delete()
        if product.ratings.exists():
            return False
        product.delete()
    return True


def initiative_text(record: Initiative) -> str:
    parts = [f"{record.kind.name}: {record.name} ({record.unit.name}, {record.year})"]
    if record.households is not None:
        parts.append(f"{formatting.number(record.households)} hộ/thành viên")
    if record.value is not None:
        parts.append(f"{formatting.number(float(record.value), 2)} triệu đồng/năm")
    return "; ".join(parts)


def initiative_update(
    *,
    user: Any,
    scope: Scope,
    record: Initiative,
    version: int,
    item: InitiativeInput,
    photo: Any = None,
) -> Initiative:
    """Edit a model; without a new photo the one it has stays."""
    keep_check(scope, record.unit, item.unit)
    with transaction.atomic():
        _claim(Initiative, record.pk, version)
        old = initiative_text(record)
        record.name, record.kind, record.field = item.name, item.kind, item.field
        record.unit, record.year = item.unit, item.year
        record.households, record.value = item.households, item.value
        record.description, record.version = item.description, version + 1
        if photo is not None:
            record.photo.save(photo.name, photo, save=False)
        record.save()
        audit_record(
            user=user,
            unit=item.unit,
            kind=AUDIT_MODEL,
            target=f"MH{record.pk}",
            old=old,
            new=initiative_text(record),
            year=item.year,
            channel="form",
        )
    return record


def initiative_delete(*, user: Any, scope: Scope, record: Initiative, version: int) -> None:
    keep_check(scope, record.unit)
    with transaction.atomic():
        _claim(Initiative, record.pk, version)
        audit_record(
            user=user,
            unit=record.unit,
            kind=AUDIT_MODEL,
            target=f"MH{record.pk}",
            old=initiative_text(record),
            new="(đã xóa)",
            year=record.year,
            channel="form",
        )
        photo = record.photo.name
        record.delete()
        if photo:  # the file goes after the row is gone for good
            storage = record.photo.storage
            transaction.on_commit(lambda: storage.delete(photo))


def _has_smart(village: Village) -> bool:
    return village.standings.filter(standing=Standing.SMART).exists()


def _resync(user: Any, units: set[Unit]) -> None:
    """The smart-village indicator of each commune whose villages' standings changed."""
    for unit in units:
        smart_village_sync(user=user, unit=unit, channel="form")


def village_update(
    *, user: Any, scope: Scope, village: Village, version: int, unit: Unit, name: str, kind: str
) -> Village:
    """Rename a village, change its kind or its commune (its standings follow it)."""
    before = village.unit
    keep_check(scope, before, unit)
    if Village.objects.filter(unit=unit, name=name).exclude(pk=village.pk).exists():
        raise Refused(_("%(unit)s đã có thôn tên «%(name)s».") % {"unit": unit.name, "name": name})
    with transaction.atomic():
        _claim(Village, village.pk, version)
        old = f"{village.get_kind_display()} {village.name} ({before.name})"
        village.unit, village.name, village.kind, village.version = unit, name, kind, version + 1
        village.save(update_fields=["unit", "name", "kind"])
        new = f"{village.get_kind_display()} {name} ({unit.name})"
        audit_record(
            user=user,
            unit=unit,
            kind=AUDIT_VILLAGE,
            target=name,
            old=old,
            new=new,
            year=date.today().year,
            channel="form",
        )
        if before.pk != unit.pk and _has_smart(village):
            _resync(user, {before, unit})
    return village


def village_delete(*, user: Any, scope: Scope, village: Village, version: int) -> int:
    """Delete a village with its standings; how many standings went with it."""
    unit = village.unit
    keep_check(scope, unit)
    with transaction.atomic():
        _claim(Village, village.pk, version)
        smart = _has_smart(village)
        standings = village.standings.count()
        old = f"{village.get_kind_display()} {village.name}"
        if standings:
            old += f" ({standings} danh hiệu)"
        audit_record(
            user=user,
            unit=unit,
            kind=AUDIT_VILLAGE,
            target=village.name,
            old=old,
            new="(đã xóa)",
            year=date.today().year,
            channel="form",
        )
        village.delete()
        if smart:
            _resync(user, {unit})
    return standings


def standing_text(record: VillageStanding) -> str:
    return (
        f"{record.village.name}: {record.get_standing_display()} {record.year} "
        f"(QĐ {record.decision_number} ngày {_date(record)})"
    )


def standing_update(
    *, user: Any, scope: Scope, record: VillageStanding, version: int, item: StandingInput
) -> VillageStanding:
    before = record.village.unit
    keep_check(scope, before, item.village.unit)
    clash = VillageStanding.objects.filter(
        village=item.village, year=item.year, standing=item.standing
    ).exclude(pk=record.pk)
    if clash.exists():
        raise Refused(
            _("Thôn %(name)s đã có danh hiệu này năm %(year)s.")
            % {"name": item.village.name, "year": item.year}
        )
    with transaction.atomic():
        _claim(VillageStanding, record.pk, version)
        old, was_smart = standing_text(record), record.standing == Standing.SMART
        record.village, record.year, record.standing = item.village, item.year, item.standing
        record.decision_number, record.decision_date = item.decision_number, item.decision_date
        record.version = version + 1
        record.save(
            update_fields=[
                "village",
                "year",
                "standing",
                "decision_number",
                "decision_date",
            ]
        )
        audit_record(
            user=user,
            unit=item.village.unit,
            kind=AUDIT_VILLAGE,
            target=item.village.name,
            old=old,
            new=standing_text(record),
            year=item.year,
            channel="form",
        )
        if was_smart or item.standing == Standing.SMART:
            _resync(user, {before, item.village.unit})
    return record


def standing_delete(*, user: Any, scope: Scope, record: VillageStanding, version: int) -> None:
    unit = record.village.unit
    keep_check(scope, unit)
    with transaction.atomic():
        _claim(VillageStanding, record.pk, version)
        audit_record(
            user=user,
            unit=unit,
            kind=AUDIT_VILLAGE,
            target=record.village.name,
            old=standing_text(record),
            new="(đã xóa)",
            year=record.year,
            channel="form",
        )
        smart = record.standing == Standing.SMART
        record.delete()
        if smart:
            _resync(user, {unit})
