"""Writes: saving a commune's values (optimistic lock), imports, period state, sets, evidence.

Every write checks permission first, runs in ``transaction.atomic`` and leaves an audit entry per
changed value. A save carries the version the person read; if the row moved on since, nothing is
written and the person is shown what changed (StaleAssessment).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F

from ntm.domain.criteria import CriteriaSet, criteria_set_to_data
from ntm.web.accounts.scope import Scope
from ntm.web.assessments.models import (
    Assessment,
    CriteriaSetRecord,
    CriterionStatus,
    IndicatorValue,
    Period,
    PeriodState,
)
from ntm.web.assessments.selectors import cset_of
from ntm.web.assessments.values import value_text
from ntm.web.audit.models import AuditEntry
from ntm.web.units.models import Unit


class StaleAssessment(Exception):
    """The values were changed by someone else since the person read them."""

    def __init__(self, changes: list[AuditEntry], current_version: int):
        self.changes = changes
        self.current_version = current_version
        super().__init__(f"Dữ liệu đã được thay đổi (phiên bản hiện tại: {current_version})")


@dataclass(frozen=True)
class Change:
    kind: str  # indicator | criterion | comment (the audit's Kind)
    target: str
    old: str
    new: str


def criteria_set_store(
    *, cset: CriteriaSet, data: dict[str, Any] | None = None
) -> CriteriaSetRecord:
    """Store a set's content once per distinct content (versioned by its hash)."""
    data = data if data is not None else criteria_set_to_data(cset)
    digest = hashlib.sha256(
        json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()
    ).hexdigest()
    record, _ = CriteriaSetRecord.objects.get_or_create(
        code=cset.code,
        content_hash=digest,
        defaults={
            "title": cset.title,
            "period_start": cset.period[0],
            "period_end": cset.period[1],
            "data": json.loads(json.dumps(data, default=str)),
        },
    )
    return record


def period_state_set(*, scope: Scope, period: Period, state: str, user: Any = None) -> Period:
    # Recorded (who, when) for the commune page's banner; imported here: recognition reads
    # this module, not the other way round.
    from ntm.web.recognition.period_log import period_state_record

    if not scope.can_manage_period(period):
        raise PermissionDenied
    with transaction.atomic():
        old = period.state
        period.state = PeriodState(state)
        period.save(update_fields=["state"])
        period_state_record(user=user, period=period, old=old)
    return period


def assessment_get_or_create(*, unit: Unit, period: Period) -> Assessment:
    """The commune-period row, with ``unit`` and ``period`` attached (no lazy reads later)."""
    found = Assessment.objects.filter(unit=unit, period=period).first()  # the usual case
    if found is None:
        try:
            with transaction.atomic():
                found = Assessment.objects.get_or_create(unit=unit, period=period)[0]
        except IntegrityError:  # created by a concurrent request between our read and insert
            found = Assessment.objects.get(unit=unit, period=period)
    found.unit, found.period = unit, period
    return found


def assessment_find(*, unit: Unit, period: Period) -> Assessment:
    """The commune-period row for reading: the stored one, or an unsaved one at version 0.

    Reads never write: the row is created by the first save that changes something.
    """
    found = Assessment.objects.filter(unit=unit, period=period).first()
    if found is None:
        found = Assessment(unit=unit, period=period, version=0)
    found.unit, found.period = unit, period
    return found


def assessment_save(
    *,
    user: Any,
    scope: Scope,
    assessment: Assessment,
    version: int | None,
    values: dict[str, float | None] | None = None,
    statuses: dict[int, int | None] | None = None,
    comments: dict[str, str] | None = None,
    channel: str,
) -> list[Change]:
    """Save a commune's values, statuses and comments; the changes made (an empty list: nothing
    was written, not even the row). ``version`` None skips the staleness check."""
    read_pk, read_version = assessment.pk, assessment.version
    with transaction.atomic():
        if assessment.pk is None:  # first save of this commune-period: the row is made here
            stored = assessment_get_or_create(unit=assessment.unit, period=assessment.period)
            assessment.pk, assessment.version = stored.pk, stored.version
        changes = _assessment_apply(
            user=user, scope=scope, assessment=assessment, version=version,
            values=values or {}, statuses=statuses or {}, comments=comments or {},
            channel=channel,
        )  # fmt: skip
        if not changes:
            transaction.set_rollback(True)  # no row and no version bump for a save of nothing
            assessment.pk, assessment.version = read_pk, read_version
    return changes


def _assessment_apply(
    *,
    user: Any,
    scope: Scope,
    assessment: Assessment,
    version: int | None,
    values: dict[str, float | None],
    statuses: dict[int, int | None],
    comments: dict[str, str],
    channel: str,
) -> list[Change]:
    if not scope.can_write_any(assessment.unit, assessment.period):
        raise PermissionDenied
    assessment.version = _version_claim(assessment, version)
    cset = cset_of(assessment.period.criteria_set)
    changes = _values_apply(
        scope=scope, assessment=assessment, values=values, comments=comments, cset=cset
    )
    changes += _statuses_apply(scope=scope, assessment=assessment, statuses=statuses, cset=cset)
    audit_write(user=user, assessment=assessment, changes=changes, channel=channel)
    return changes


def _version_claim(assessment: Assessment, version: int | None) -> int:
    """Bump the row's version; with ``version`` given, only if nobody saved since (else Stale)."""
    rows = Assessment.objects.filter(pk=assessment.pk)
    if version is None:
        rows.update(version=F("version") + 1)
        return int(rows.values_list("version", flat=True).get())
    # The conditional UPDATE is the lock: of concurrent saves from one version only one matches.
    if not rows.filter(version=version).update(version=F("version") + 1):
        current = rows.values_list("version", flat=True).get()
        unit, period = assessment.unit, assessment.period
        since = AuditEntry.objects.filter(
            unit_code=unit.code, regime=unit.regime, period_id_ref=period.pk,
            version__gt=version,
        ).order_by("version", "id")  # fmt: skip
        raise StaleAssessment(list(since), current)
    return version + 1  # the row matched ``version`` and is ours until commit


def _values_apply(
    *,
    scope: Scope,
    assessment: Assessment,
    values: dict[str, float | None],
    comments: dict[str, str],
    cset: CriteriaSet,
) -> list[Change]:
    """Write the values and comments that differ from the stored ones; a comment is a change."""
    criterion_of = {i.code: c.number for c in cset.criteria for i in c.indicators}
    codes = list(dict.fromkeys([*values, *comments]))
    existing = (
        {v.indicator: v for v in IndicatorValue.objects.filter(assessment=assessment,
                                                               indicator__in=codes)}
        if codes else {}
    )  # fmt: skip
    changes: list[Change] = []
    for code in codes:
        if code not in criterion_of:
            raise ValueError(f"chỉ tiêu {code} không có trong bộ tiêu chí {cset.code}")
        row = existing.get(code)
        old, old_comment = (row.value, row.comment) if row else (None, "")
        value = values.get(code, old)
        comment = comments.get(code, old_comment)
        if old == value and old_comment == comment:
            continue
        if not scope.can_write(assessment.unit, assessment.period, criterion_of[code]):
            raise PermissionDenied
        row = row or IndicatorValue(assessment=assessment, indicator=code)
        row.value, row.comment = value, comment
        row.save()
        if old != value:
            changes.append(Change("indicator", code, value_text(old), value_text(value)))
        if old_comment != comment:
            changes.append(Change("comment", code, old_comment, comment))
    return changes


def audit_write(*, user: Any, assessment: Assessment, changes: list[Change], channel: str) -> None:
    """One audit entry per change, all at the assessment's (new) version."""
    unit, period = assessment.unit, assessment.period
    AuditEntry.objects.bulk_create(
        AuditEntry(
            user=user if getattr(user, "pk", None) else None,
            username=getattr(user, "username", "") or "",
            regime=unit.regime, unit_code=unit.code, unit_name=unit.name,
            period_id_ref=period.pk, year=period.year, kind=c.kind, target=c.target,
            old=c.old, new=c.new, channel=channel, version=assessment.version,
        )
        for c in changes
    )  # fmt: skip


def _statuses_apply(
    *, scope: Scope, assessment: Assessment, statuses: dict[int, int | None], cset: CriteriaSet
) -> list[Change]:
    if not statuses:
        return []
    existing = {
        s.criterion: s
        for s in CriterionStatus.objects.filter(assessment=assessment, criterion__in=list(statuses))
    }
    changes = []
    for number, status in statuses.items():
        if number not in cset.criterion_numbers:
            raise ValueError(f"tiêu chí {number} không có trong bộ tiêu chí {cset.code}")
        row = existing.get(number)
        old = row.status if row else None
        if old == status:
            continue
        if not scope.can_write(assessment.unit, assessment.period, number):
            raise PermissionDenied
        if status is None:
            assert row is not None  # no row is status None too: skipped above
            row.delete()
        elif row is None:
            CriterionStatus.objects.create(assessment=assessment, criterion=number, status=status)
        else:
            row.status = status
            row.save(update_fields=["status"])
        changes.append(
            Change("criterion", str(number), "" if old is None else str(old),
                   "" if status is None else str(status))
        )  # fmt: skip
    return changes
