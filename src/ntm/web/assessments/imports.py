"""Writing an import: every commune of the file or none, in bulk, once, against the preview.

The preview computes the changes without writing and records the version of each commune it saw.
The commit claims its batch with a conditional UPDATE (of concurrent commits only one matches),
locks the communes' rows, refuses the whole file when a commune moved on since the preview, then
writes values, statuses and audit entries with a few bulk statements and bumps each changed
commune's version with one UPDATE. Permission is asked per commune and per criterion written.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import F
from django.utils import timezone

from ntm.domain.criteria import CriteriaSet
from ntm.domain.evaluation import NOT_GIVEN
from ntm.io.bundle import Inputs
from ntm.web.accounts.scope import Scope
from ntm.web.assessments.bulk_sql import insert_rows
from ntm.web.assessments.models import (
    Assessment,
    CriterionStatus,
    ImportBatch,
    IndicatorValue,
    Period,
)
from ntm.web.assessments.services import Change
from ntm.web.assessments.values import value_text
from ntm.web.audit.models import AuditEntry
from ntm.web.units.models import Unit

BATCH = 2000  # rows per INSERT: well under SQLite's and PostgreSQL's parameter limits


@dataclass
class ImportPlan:
    units: list[Unit]
    changes: list[tuple[Unit, Change]]
    notes: list[str]
    versions: dict[str, int] = field(default_factory=dict)  # commune code → version seen


class BatchCommitted(Exception):
    """The batch was already written (by this request's twin, or an earlier click)."""

    def __init__(self) -> None:
        super().__init__("Tệp này đã được ghi; không ghi lại lần nữa.")


class ImportConflict(Exception):
    """Communes saved by someone else between the preview and the commit."""

    def __init__(self, names: list[str]):
        self.names = names
        listed = ", ".join(names)
        super().__init__(
            f"Số liệu của {len(names)} xã đã thay đổi sau khi xem trước: {listed}. "
            "Không ghi gì; hãy tải tệp lên lại để xem trước lần nữa."
        )


@dataclass
class _Row:
    """One commune of the file: what it gives, and what is stored now."""

    unit: Unit
    values: dict[str, float]
    statuses: dict[int, int]
    assessment: Assessment | None = None
    changes: list[Change] = field(default_factory=list)


def import_rows(inputs: Inputs, units: list[Unit]) -> list[_Row]:
    """The file's rows (aligned with ``units``) as values and statuses given."""
    cset = inputs.cset
    rows = []
    for i, unit in enumerate(units):
        values = {
            ind.code: float(inputs.values[i, j])
            for j, ind in enumerate(cset.indicators)
            if not math.isnan(inputs.values[i, j])
        }
        statuses = {
            number: int(inputs.statuses[i, j])
            for j, number in enumerate(cset.criterion_numbers)
            if inputs.statuses[i, j] != NOT_GIVEN
        }
        rows.append(_Row(unit, values, statuses))
    return rows


def rows_write(
    *,
    user: Any,
    scope: Scope,
    period: Period,
    cset: CriteriaSet,
    rows: list[_Row],
    dry_run: bool,
    expected_versions: dict[str, int] | None,
) -> dict[str, int]:
    """Compute (and unless ``dry_run`` write) every row's changes; the versions seen."""
    _attach(period, rows, lock=not dry_run)
    seen = {r.unit.code: r.assessment.version if r.assessment else 0 for r in rows}
    if expected_versions is not None:
        moved = [
            r.unit.name for r in rows if seen[r.unit.code] != expected_versions.get(r.unit.code)
        ]
        if moved:
            raise ImportConflict(moved)
    _changes_compute(scope=scope, period=period, cset=cset, rows=rows)
    if not dry_run:
        _bulk_write(user=user, period=period, rows=[r for r in rows if r.changes])
    return seen


def _attach(period: Period, rows: list[_Row], *, lock: bool) -> None:
    """Each row's stored assessment (None when the commune has none yet): one query."""
    found = Assessment.objects.filter(period=period, unit__in=[r.unit.pk for r in rows])
    if lock:
        found = found.select_for_update()  # PostgreSQL: saves of these communes wait for us
    by_unit = {a.unit_id: a for a in found}
    for r in rows:
        r.assessment = by_unit.get(r.unit.pk)


def _changes_compute(*, scope: Scope, period: Period, cset: CriteriaSet, rows: list[_Row]) -> None:
    """Fill each row's changes from the stored rows (one query per table), checking permission."""
    ids = [r.assessment.pk for r in rows if r.assessment]
    stored_values: dict[tuple[int, str], float | None] = {
        (a, i): v
        for a, i, v in IndicatorValue.objects.filter(assessment_id__in=ids).values_list(
            "assessment_id", "indicator", "value"
        )
    }
    stored_statuses: dict[tuple[int, int], int] = {
        (a, c): s
        for a, c, s in CriterionStatus.objects.filter(assessment_id__in=ids).values_list(
            "assessment_id", "criterion", "status"
        )
    }
    criterion_of = {i.code: c.number for c in cset.criteria for i in c.indicators}
    checked: set[tuple[int, int]] = set()  # (commune, criterion) pairs already allowed

    def _allowed(unit: Unit, criterion: int) -> None:
        if (unit.pk, criterion) not in checked:
            if not scope.can_write(unit, period, criterion):
                raise PermissionDenied
            checked.add((unit.pk, criterion))

    for r in rows:
        key = r.assessment.pk if r.assessment else -1
        for code, value in r.values.items():
            old = stored_values.get((key, code))
            if old != value:
                _allowed(r.unit, criterion_of[code])
                r.changes.append(Change("indicator", code, value_text(old), value_text(value)))
        for number, status in r.statuses.items():
            old_status = stored_statuses.get((key, number))
            if old_status != status:
                _allowed(r.unit, number)
                old_text = "" if old_status is None else str(old_status)
                r.changes.append(Change("criterion", str(number), old_text, str(status)))


def _bulk_write(*, user: Any, period: Period, rows: list[_Row]) -> None:
    """Rows for new communes, then values and statuses (upserts), versions, audit entries."""
    missing = [Assessment(unit=r.unit, period=period) for r in rows if r.assessment is None]
    Assessment.objects.bulk_create(missing, batch_size=BATCH)
    if missing:
        _attach(period, rows, lock=True)
    stored = [(r, r.assessment.pk) for r in rows if r.assessment is not None]
    assert len(stored) == len(rows)  # every commune has its assessment now (made above)
    insert_rows(
        IndicatorValue, ["assessment_id", "indicator", "value", "comment"],
        ((pk, c.target, r.values[c.target], "")
         for r, pk in stored for c in r.changes if c.kind == "indicator"),
        conflict=["assessment_id", "indicator"], update=["value"],
    )  # fmt: skip
    insert_rows(
        CriterionStatus, ["assessment_id", "criterion", "status", "comment"],
        ((pk, int(c.target), r.statuses[int(c.target)], "")
         for r, pk in stored for c in r.changes if c.kind == "criterion"),
        conflict=["assessment_id", "criterion"], update=["status"],
    )  # fmt: skip
    ids = [r.assessment.pk for r in rows if r.assessment]
    Assessment.objects.filter(pk__in=ids).update(version=F("version") + 1)
    insert_rows(AuditEntry, AUDIT_COLUMNS, _audit_rows(user, period, rows))


AUDIT_COLUMNS = ["at", "user_id", "username", "regime", "unit_code", "unit_name", "period_id_ref",
                 "year", "kind", "target", "old", "new", "channel", "version"]  # fmt: skip


def _audit_rows(user: Any, period: Period, rows: list[_Row]) -> Iterable[tuple[Any, ...]]:
    """Audit entries as tuples in AUDIT_COLUMNS order, all at one moment (one transaction)."""
    at = connection.ops.adapt_datetimefield_value(timezone.now())  # as the ORM stores it
    actor = user.pk if getattr(user, "pk", None) else None
    username = getattr(user, "username", "") or ""
    for r in rows:
        version = (r.assessment.version if r.assessment else 0) + 1  # locked: ours is the next
        unit = r.unit
        for c in r.changes:
            yield (at, actor, username, unit.regime, unit.code, unit.name, period.pk,
                   period.year, c.kind, c.target, c.old, c.new, "import", version)  # fmt: skip


def batch_claim(batch: ImportBatch) -> None:
    """Mark the batch written, inside the caller's transaction; BatchCommitted if it was.

    The conditional UPDATE is the lock: of concurrent commits only one matches (on PostgreSQL
    the others wait for it on the row, then find it committed); a rollback releases the claim.
    """
    claimed = ImportBatch.objects.filter(pk=batch.pk, committed_at__isnull=True).update(
        committed_at=timezone.now(), content=b""
    )
    if not claimed:
        raise BatchCommitted
