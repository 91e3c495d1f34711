"""Data versions: what a cache key holds so that every write leaves the old value behind."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

from ntm.web.readmodel.models import PeriodVersion

PeriodVersions = tuple[tuple[int, int], ...]  # (period id, version), by period id


def period_versions(period_ids: Iterable[int]) -> PeriodVersions:
    """Each period's data version (0 before its first write), in one query."""
    ids = sorted(set(period_ids))
    if not ids:
        return ()
    found = dict(
        PeriodVersion.objects.filter(period_id__in=ids).values_list("period_id", "version")
    )
    return tuple((p, found.get(p, 0)) for p in ids)


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
