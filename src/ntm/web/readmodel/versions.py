"""Data versions: what a cache key holds so that every write leaves the old value behind."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import connection

from ntm.web.readmodel.models import PeriodVersion

PeriodVersions = tuple[tuple[int, int], ...]  # (period id, version), by period id
# The rows that count writes to whole tables (units -1, periods -2, monitoring -3,
# registries -4: ``triggers``, ``table_versions``): read with the first periods a request asks
# for, since the blocks of a page ask for them one after the other.
GLOBAL_IDS = (-4, -3, -2, -1)
# Within one reading request, period id → version as first read (``versions_once``).
_read: ContextVar[dict[int, int] | None] = ContextVar("ntm_versions_read", default=None)


def period_versions(period_ids: Iterable[int]) -> PeriodVersions:
    """Each period's data version (0 before its first write), in one query — none when the
    request has read them already (``versions_once``)."""
    ids = sorted(set(period_ids))
    if not ids:
        return ()
    memo = _read.get()
    if memo is None:
        found = _query(ids)
        return tuple((p, found.get(p, 0)) for p in ids)
    missing = [p for p in ids if p not in memo]
    if missing:
        wanted = sorted({*missing, *(g for g in GLOBAL_IDS if g not in memo)})
        found = _query(wanted)
        memo.update({p: found.get(p, 0) for p in wanted})
    return tuple((p, memo[p]) for p in ids)


def _query(ids: list[int]) -> dict[int, int]:
    return dict(PeriodVersion.objects.filter(period_id__in=ids).values_list("period_id", "version"))


@contextmanager
def versions_once() -> Iterator[None]:
    """Within the block, each version is read once (one query for a page's blocks instead of
    one per block). A key holds a version read before the values it is computed from; a version
    read earlier in the same request is earlier still, so the rule holds — unless the request
    itself writes, and then what it read is forgotten (any INSERT, UPDATE or DELETE)."""
    token = _read.set({})
    try:
        with connection.execute_wrapper(_forget_on_write):
            yield
    finally:
        _read.reset(token)


def _forget_on_write(
    execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
) -> Any:
    if not sql.lstrip()[:6].upper().startswith(("SELECT", "SAVEPO", "RELEAS", "BEGIN")):
        memo = _read.get()
        if memo:
            memo.clear()
    return execute(sql, params, many, context)


_WORLD_SQL = """
SELECT
  (SELECT COUNT(*) FROM readmodel_periodversion),
  (SELECT COALESCE(SUM(version), 0) FROM readmodel_periodversion),
  (SELECT COUNT(*) FROM assessments_period),
  (SELECT COALESCE(MAX(id), 0) FROM assessments_period),
  (SELECT COALESCE(SUM(LENGTH(state) + criteria_set_id), 0) FROM assessments_period),
  (SELECT COUNT(*) FROM units_unit),
  (SELECT COALESCE(MAX(id), 0) FROM units_unit),
  (SELECT COUNT(*) FROM recognition_submission WHERE state = 'recognised'),
  (SELECT COALESCE(SUM(id), 0) FROM recognition_submission WHERE state = 'recognised'),
  (SELECT COUNT(*) FROM public_plantarget),
  (SELECT COALESCE(MAX(id), 0) FROM public_plantarget),
  (SELECT COALESCE(SUM(value + year + baseline_year), 0) FROM public_plantarget)
"""


def world_version() -> tuple[float, ...]:
    """One query: the version of everything the public and national figures are read from —
    the assessed rows (every period's version), the periods, the units, the recognitions and
    the plan targets. Units and targets are edited rarely, by the admin: counted by rows."""
    with connection.cursor() as cursor:
        cursor.execute(_WORLD_SQL)
        row = cursor.fetchone()
    return tuple(float(x) for x in row)
