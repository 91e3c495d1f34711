"""The database as engine input, for any scope: one commune, a province's periods, the country.

A period's rows (values given and statuses given) are read once per data version and kept in
the cache as arrays; each request judges them over the communes it shows (the engine is fast,
reading rows is not). The key holds the period's version, which the database's triggers move
on every write, so rows kept are never older than the data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from django.db import connection

from ntm.domain.criteria import CriteriaSet
from ntm.domain.evaluation import NOT_GIVEN, Evaluation, empty_statuses, empty_values, evaluate
from ntm.domain.units import Unit as DomainUnit
from ntm.web.assessments.models import CriterionStatus, IndicatorValue, Period
from ntm.web.readmodel.cache import cache_get_many, cache_set_many, cached
from ntm.web.readmodel.sets import cset_of, layout_of
from ntm.web.readmodel.triggers import UNITS_VERSION_ID
from ntm.web.readmodel.versions import PeriodVersions, period_versions
from ntm.web.sets.pilot import period_pilot, pilot_periods
from ntm.web.units.groups import domain_units, groups_in_force
from ntm.web.units.models import GroupAssignment, Unit


@dataclass(frozen=True)
class PeriodRows:
    """One period's stored rows as arrays (values given only)."""

    value_units: np.ndarray  # unit id per value, int64
    codes: tuple[str, ...]  # the indicator codes met in this period
    value_codes: np.ndarray  # index into ``codes`` per value
    values: np.ndarray  # float64
    statuses: np.ndarray  # (unit id, criterion, status) rows, int64, shape (n, 3)


_VALUES_SQL = (
    "SELECT a.period_id, a.unit_id, v.indicator, v.value FROM assessments_indicatorvalue v "
    "JOIN assessments_assessment a ON a.id = v.assessment_id "
    "WHERE v.value IS NOT NULL AND a.period_id IN ({ids})"
)
_STATUSES_SQL = (
    "SELECT a.period_id, a.unit_id, s.criterion, s.status FROM assessments_criterionstatus s "
    "JOIN assessments_assessment a ON a.id = s.assessment_id WHERE a.period_id IN ({ids})"
)


def _fetch(sql: str, ids: list[int]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql.format(ids=", ".join(["%s"] * len(ids))), ids)
        rows: list[tuple[Any, ...]] = cursor.fetchall()
        return rows


def _split(periods: np.ndarray) -> dict[int, np.ndarray]:
    """Period id → the positions of its rows."""
    order = np.argsort(periods, kind="stable")
    if not len(order):
        return {}
    ids, starts = np.unique(periods[order], return_index=True)
    ends = [*starts[1:].tolist(), len(order)]
    return {p: order[lo:hi] for p, lo, hi in zip(ids.tolist(), starts.tolist(), ends, strict=True)}


def _read_rows(ids: list[int]) -> dict[int, PeriodRows]:
    """The rows of ``ids`` as they are now: two queries whatever the number of periods."""
    values = _fetch(_VALUES_SQL, ids)
    v_period = np.fromiter((r[0] for r in values), dtype=np.int64, count=len(values))
    v_unit = np.fromiter((r[1] for r in values), dtype=np.int64, count=len(values))
    v_value = np.fromiter((float(r[3]) for r in values), dtype=np.float64, count=len(values))
    # Indicator codes numbered as met (a dict, linear): np.unique on 10⁶ strings sorts them.
    numbered: dict[str, int] = {}
    v_code = np.fromiter((numbered.setdefault(r[2], len(numbered)) for r in values),
                         dtype=np.int64, count=len(values))  # fmt: skip
    codes = list(numbered)
    given = np.array(_fetch(_STATUSES_SQL, ids), dtype=np.int64).reshape(-1, 4)
    by_value, by_status = _split(v_period), _split(given[:, 0])
    empty = np.zeros(0, dtype=np.int64)
    out = {}
    for p in ids:
        at = by_value.get(p, empty)
        out[p] = PeriodRows(
            value_units=v_unit[at], codes=tuple(str(c) for c in codes),
            value_codes=v_code[at],
            values=v_value[at], statuses=given[by_status.get(p, empty), 1:],
        )  # fmt: skip
    return out


def _key(period_id: int, version: int) -> str:
    return f"ntm:rm:rows:{period_id}:{version}"


def period_rows(versions: PeriodVersions) -> dict[int, PeriodRows]:
    """Period id → its rows at ``versions`` (kept ones from the cache, the others read)."""
    keys = {p: _key(p, v) for p, v in versions}
    kept = cache_get_many(list(keys.values()))
    out = {p: kept[k] for p, k in keys.items() if k in kept}
    missing = [p for p in keys if p not in out]
    if missing:
        fresh = _read_rows(missing)
        cache_set_many({keys[p]: rows for p, rows in fresh.items()})
        out |= fresh
    return out


def stored_matrices(
    cset: CriteriaSet, units: Sequence[Unit], rows: PeriodRows
) -> tuple[np.ndarray, np.ndarray]:
    """The values (n_units × indicators, NaN where none) and the statuses given (n_units ×
    criteria, ``NOT_GIVEN`` where none) of ``units`` among a period's ``rows``: the engine's
    input, for the communes of a period or a province on a province-level set."""
    pks = np.array([u.pk for u in units], dtype=np.int64)
    order = np.argsort(pks)
    values = empty_values(len(units), cset)
    statuses = empty_statuses(len(units), cset)

    def rows_of(unit_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(position among ``units``, kept?) of each row's unit."""
        if not len(pks):
            return np.zeros(len(unit_ids), dtype=np.int64), np.zeros(len(unit_ids), dtype=bool)
        at = np.minimum(np.searchsorted(pks[order], unit_ids), len(pks) - 1)
        return order[at], pks[order][at] == unit_ids

    if len(rows.values):
        column = {ind.code: j for j, ind in enumerate(cset.indicators)}
        col_of = np.array([column.get(c, -1) for c in rows.codes], dtype=np.int64)
        cols = col_of[rows.value_codes]
        r, known = rows_of(rows.value_units)
        take = known & (cols >= 0)
        values[r[take], cols[take]] = rows.values[take]
    if len(rows.statuses):
        numbers = cset.criterion_numbers
        col_of = np.full(max([*numbers, int(rows.statuses[:, 1].max())]) + 1, -1, dtype=np.int64)
        col_of[numbers] = np.arange(len(numbers))
        cols = col_of[rows.statuses[:, 1]]
        r, known = rows_of(rows.statuses[:, 0])
        take = known & (cols >= 0)
        statuses[r[take], cols[take]] = rows.statuses[take, 2]
    return values, statuses


def _judge(
    period: Period, units: Sequence[Unit], rows: PeriodRows, domain: list[DomainUnit],
    pilot: bool = False,
) -> Evaluation:  # fmt: skip
    values, statuses = stored_matrices(cset_of(period.criteria_set), units, rows)
    return evaluate(cset_of(period.criteria_set), domain, period.year, values=values,
                    statuses=statuses, pilot=pilot,
                    layout=layout_of(period.criteria_set, period.year, pilot))  # fmt: skip


def year_groups(
    units_by_year: Mapping[int, Sequence[Unit]], units_version: int
) -> dict[int, dict[int, str]] | None:
    """Year → unit id → the commune's group in force that year ('' for none), the rule the
    engine picks thresholds by (``units.groups.groups_in_force``); None while no group decision
    is stored (every ``Unit.group`` is then the group of every year): no query then (known per
    units' version), else one per year, whatever the number of provinces."""
    if not group_decisions(units_version):
        return None
    return {year: groups_in_force(list(us), year) for year, us in units_by_year.items()}


def group_decisions(units_version: int) -> bool:
    """Whether any group decision is stored: kept per units' version (no query when kept)."""
    found, _kept = cached(f"ntm:rm:groups:{units_version}",
                          lambda: GroupAssignment.objects.exists())  # fmt: skip
    return bool(found)


def unit_group(groups: Mapping[int, str] | None, unit: Unit) -> str:
    """``unit``'s group from ``year_groups``'s map of its year ('' for none)."""
    return (unit.group or "") if groups is None else groups.get(unit.pk, unit.group or "")


def _domains(
    items: Sequence[tuple[Period, Sequence[Unit]]], units_version: int
) -> dict[int, list[DomainUnit]]:
    """Period id → its communes as the engine sees them that year (each with the group then in
    force, ``year_groups``)."""
    by_year: dict[int, dict[int, Unit]] = defaultdict(dict)
    for p, units in items:
        by_year[p.year].update((u.pk, u) for u in units)
    groups = year_groups({y: list(us.values()) for y, us in by_year.items()}, units_version)
    if groups is None:
        return {p.pk: [u.to_domain() for u in units] for p, units in items}
    out = {}
    for p, units in items:
        found = groups[p.year]
        out[p.pk] = [replace(d, group=found.get(u.pk) or None) if u.pk in found else d
                     for u, d in ((u, u.to_domain()) for u in units)]  # fmt: skip
    return out


def evaluate_each(
    items: Sequence[tuple[Period, Sequence[Unit]]], versions: PeriodVersions | None = None
) -> dict[int, Evaluation]:
    """Period id → the engine over that period's own communes (e.g. every province of a year):
    one query for the versions (unless the caller read them), two for the rows of any period
    not kept, whatever the number of periods."""
    if not items:
        return {}
    if versions is None:
        versions = period_versions([*(p.pk for p, _units in items), UNITS_VERSION_ID])
    found = dict(versions)
    if UNITS_VERSION_ID not in found:  # a caller's versions of its periods only
        found |= period_versions([UNITS_VERSION_ID])
    units_version = found.pop(UNITS_VERSION_ID)
    rows = period_rows(tuple(found.items()))
    domains = _domains(items, units_version)
    pilot = pilot_periods((p for p, _units in items), found)  # no query when kept
    return {p.pk: _judge(p, units, rows[p.pk], domains[p.pk], p.pk in pilot)
            for p, units in items}  # fmt: skip


def periods_evaluate(
    *, periods: Sequence[Period], units: Sequence[Unit], versions: PeriodVersions | None = None
) -> dict[int, Evaluation]:
    """Period id → the engine over ``units`` in that period (a value given directly is judged;
    a status given directly overrides the indicators)."""
    return evaluate_each([(p, units) for p in periods], versions)


def period_evaluation(*, period: Period, units: Sequence[Unit]) -> Evaluation:
    return periods_evaluate(periods=[period], units=units)[period.pk]


def _commune_judge(
    period: Period, unit: DomainUnit, stored: dict[str, float | None],
    given: dict[int, int | None], pilot: bool = False,
) -> Evaluation:  # fmt: skip
    cset = cset_of(period.criteria_set)
    column = {ind.code: j for j, ind in enumerate(cset.indicators)}
    matrix = empty_values(1, cset)
    for code, value in stored.items():
        if value is not None and code in column:
            matrix[0, column[code]] = float(value)
    status_row = np.full((1, len(cset.criteria)), NOT_GIVEN, dtype=np.int8)
    for j, number in enumerate(cset.criterion_numbers):
        status = given.get(number)
        if status is not None:
            status_row[0, j] = status
    return evaluate(cset, [unit], period.year, values=matrix, statuses=status_row, pilot=pilot,
                    layout=layout_of(period.criteria_set, period.year, pilot))  # fmt: skip


def commune_evaluation(
    *, period: Period, unit: Unit, values: dict[str, float | None] | None = None,
    statuses: dict[int, int | None] | None = None,
) -> Evaluation:  # fmt: skip
    """One commune judged live; ``values``/``statuses`` overlay the stored ones (a preview).
    Its own rows only (two small queries), not its period's."""
    mine = {"assessment__unit": unit, "assessment__period": period}
    stored = dict(IndicatorValue.objects.filter(**mine).values_list("indicator", "value"))
    given: dict[int, int | None] = dict(
        CriterionStatus.objects.filter(**mine).values_list("criterion", "status")
    )
    stored.update(values or {})
    given.update(statuses or {})
    return commune_judge(period=period, unit=unit, values=stored, statuses=given)


def commune_judge(
    *, period: Period, unit: Unit, values: dict[str, float | None],
    statuses: dict[int, int | None],
) -> Evaluation:  # fmt: skip
    """One commune judged from rows its caller has already read (the commune page reads them
    once for its form, its sheet and this)."""
    [domain] = domain_units([unit], period.year)  # the group in force that year
    return _commune_judge(period, domain, dict(values), dict(statuses), period_pilot(period))


def commune_years(*, unit: Unit, periods: Sequence[Period]) -> dict[int, Evaluation]:
    """Period id → one commune judged in each of ``periods`` (its history): two queries for
    every year together."""
    ids = [p.pk for p in periods]
    stored: dict[int, dict[str, float | None]] = {pk: {} for pk in ids}
    given: dict[int, dict[int, int | None]] = {pk: {} for pk in ids}
    mine = {"assessment__unit": unit, "assessment__period_id__in": ids}
    for pk, code, value in IndicatorValue.objects.filter(**mine).values_list(
        "assessment__period_id", "indicator", "value"
    ):
        stored[pk][code] = value
    for pk, number, status in CriterionStatus.objects.filter(**mine).values_list(
        "assessment__period_id", "criterion", "status"
    ):
        given[pk][number] = status
    units_version = dict(period_versions([UNITS_VERSION_ID]))[UNITS_VERSION_ID]
    domains = _domains([(p, [unit]) for p in periods], units_version)
    return {p.pk: _commune_judge(p, domains[p.pk][0], stored[p.pk], given[p.pk],
                                 period_pilot(p)) for p in periods}  # fmt: skip
