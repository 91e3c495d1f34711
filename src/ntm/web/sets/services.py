"""Writes of the set pages: every one a new stored version or a logged change, in a transaction.

A version is a ``CriteriaSetRecord`` (one per distinct content, ``criteria_set_store``): a period
keeps the record it was attached to, so a set in use by a closed period never changes under it —
an edit makes a new version, which only an open period can be given.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction

from ntm.criteria import load_set
from ntm.criteria.table_import import import_set_table
from ntm.domain.criteria import CriteriaSet, criteria_set_from_data, criteria_set_to_data
from ntm.web.accounts.scope import Scope
from ntm.web.assessments.models import CriteriaSetRecord, Period, PeriodState
from ntm.web.assessments.services import criteria_set_store
from ntm.web.readmodel.sets import cset_of
from ntm.web.sets.defaults import may_attach
from ntm.web.sets.models import AuthoredSet, AuthoredVersion, PilotSwitch, SetLog
from ntm.web.sets.paste import read_pasted_rows


@dataclass(frozen=True)
class Change:
    """What a write made: the set's new version (None when the content did not change)."""

    version: AuthoredVersion | None
    rows: int


def _who(user: Any) -> tuple[Any, str]:
    signed = user if getattr(user, "is_authenticated", False) else None
    return signed, getattr(signed, "username", "") or ""


def variant_code(base_code: str, province_code: str) -> str:
    return f"{base_code}-tinh-{province_code}"


def _version(authored: AuthoredSet, cset: CriteriaSet, *, user: Any, action: str,
             summary: str) -> AuthoredVersion | None:  # fmt: skip
    """Store ``cset`` as the set's next version unless the content is the current one's."""
    record = criteria_set_store(cset=cset, data=criteria_set_to_data(cset))
    current = authored.versions.order_by("-number").first()
    if current is not None and current.record_id == record.pk:
        return None
    signed, name = _who(user)
    number = (current.number if current else 0) + 1
    version = AuthoredVersion.objects.create(
        authored=authored, number=number, record=record, user=signed, username=name,
        action=action, summary=summary,
    )  # fmt: skip
    old = f"{current.record.content_hash[:12]}" if current else ""
    new = f"{record.content_hash[:12]} (v{number}) {summary}"
    SetLog.objects.create(user=signed, username=name, action=action, set_code=authored.code,
                          old=old, new=new)  # fmt: skip
    return version


def _base_set(period: Period, base_code: str) -> CriteriaSet:
    """The set a variant starts from: the period's own, a national authored one, or shipped."""
    if period.criteria_set.code == base_code:
        return cset_of(period.criteria_set)
    national = AuthoredSet.objects.filter(code=base_code, province_code="").first()
    return cset_of(national.current().record) if national else load_set(base_code)


def variant_start(*, user: Any, scope: Scope, period: Period, base_code: str) -> AuthoredSet:
    """The province's own variant of a national set, its first version the set itself."""
    if not scope.can_manage_period(period):
        raise PermissionDenied
    base = _base_set(period, base_code)
    code = variant_code(base.code, period.province_code)
    with transaction.atomic():
        authored, created = AuthoredSet.objects.get_or_create(
            code=code,
            defaults={"title": f"{base.title} – {period.province_name}",
                      "province_code": period.province_code, "parent_code": base.code},
        )  # fmt: skip
        if created:
            data = criteria_set_to_data(base) | {"code": code, "title": authored.title,
                                                 "parent": base.code}  # fmt: skip
            _version(authored, criteria_set_from_data(data), user=user, action="start",
                     summary=f"bắt đầu từ bộ {base.code}")  # fmt: skip
    return authored


def national_start(*, user: Any, base_code: str) -> AuthoredSet:
    """The central office's completed version of a shipped national set (no province)."""
    base = load_set(base_code)
    code = f"{base.code}-hoan-thien"
    with transaction.atomic():
        authored, created = AuthoredSet.objects.get_or_create(
            code=code, defaults={"title": base.title, "parent_code": base.code}
        )
        if created:
            data = criteria_set_to_data(base) | {"code": code, "parent": base.code}
            _version(authored, criteria_set_from_data(data), user=user, action="start",
                     summary=f"bắt đầu từ bộ {base.code}")  # fmt: skip
    return authored


def _current_set(authored: AuthoredSet) -> CriteriaSet:
    return cset_of(authored.current().record)


def _as_authored(authored: AuthoredSet, cset: CriteriaSet) -> CriteriaSet:
    """The reader names the edited set as parent; the version keeps the set's own parent."""
    return cset.model_copy(update={"code": authored.code, "parent": authored.parent_code,
                                   "title": authored.title})  # fmt: skip


def rows_paste(*, user: Any, authored: AuthoredSet, text: str) -> Change:
    """Pasted rows into a new version; ``ImportFailed`` (nothing written) on any bad cell."""
    read = read_pasted_rows(_current_set(authored), text, authored.code)
    with transaction.atomic():
        version = _version(authored, _as_authored(authored, read.cset), user=user,
                           action="paste", summary=f"dán {read.rows} dòng")  # fmt: skip
    return Change(version=version, rows=read.rows)


def table_upload(*, user: Any, authored: AuthoredSet, name: str, content: bytes) -> Change:
    """The ``ntm criteria export`` table, filled, into a new version (all or nothing)."""
    with tempfile.TemporaryDirectory(prefix="ntm-set-") as tmp:
        path = Path(tmp) / (Path(name).name or "bang.xlsx")
        path.write_bytes(content)
        cset = import_set_table(path, authored.code, base=_current_set(authored))
    with transaction.atomic():
        version = _version(authored, _as_authored(authored, cset), user=user, action="upload",
                           summary=f"nhập bảng {Path(name).name}")  # fmt: skip
    return Change(version=version, rows=len(cset.indicators))


def _bump(period: Period) -> None:
    """Move the period's data version: every figure kept for it is left behind."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO readmodel_periodversion (period_id, version) VALUES (%s, 1) "
            "ON CONFLICT (period_id) DO UPDATE SET version = readmodel_periodversion.version + 1",
            [period.pk],
        )


def period_attach(*, user: Any, scope: Scope, period: Period, record: CriteriaSetRecord) -> None:
    """Give an open period another set version (a closed period keeps the one it was judged by):
    the province office for its province, the central office for any (``may_attach``)."""
    if not may_attach(scope, period):
        raise PermissionDenied
    if period.state != PeriodState.OPEN:
        raise ValidationError("Kỳ đã đóng hoặc đã khóa: không đổi được bộ tiêu chí.")
    old = period.criteria_set
    if old.pk == record.pk:
        return
    signed, name = _who(user)
    with transaction.atomic():
        period.criteria_set = record
        period.save(update_fields=["criteria_set"])
        SetLog.objects.create(user=signed, username=name, action="attach", set_code=record.code,
                              period_id_ref=period.pk, old=str(old), new=str(record))  # fmt: skip
        _bump(period)


def pilot_set(*, user: Any, scope: Scope, period: Period, enabled: bool) -> None:
    """Switch pilot evaluation of a period on or off (logged; figures judged again)."""
    if not scope.can_manage_period(period):
        raise PermissionDenied
    signed, name = _who(user)
    with transaction.atomic():
        switch, _created = PilotSwitch.objects.select_for_update().get_or_create(period=period)
        if switch.enabled == enabled:
            return
        switch.enabled = enabled
        switch.save(update_fields=["enabled", "changed_at"])
        SetLog.objects.create(user=signed, username=name, action="pilot", period_id_ref=period.pk,
                              old=str(not enabled), new=str(enabled))  # fmt: skip
        _bump(period)
