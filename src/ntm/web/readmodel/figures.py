"""A period's roll-up figures, kept per period and data version: the pages that show many
provinces (the national view, the public index) combine them, so a save in one province judges
that province again, not the country."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Q

from ntm.domain.evaluation import Evaluation
from ntm.domain.groups import group_breakdown
from ntm.domain.rollup import rollup
from ntm.web.assessments.models import Period
from ntm.web.readmodel.cache import cache_get_many, cache_set_many, digest
from ntm.web.readmodel.inputs import evaluate_each, unit_group, year_groups
from ntm.web.readmodel.sets import cset_of
from ntm.web.readmodel.triggers import UNITS_VERSION_ID
from ntm.web.readmodel.versions import period_versions
from ntm.web.sets.pilot import pilot_periods
from ntm.web.units.models import Unit


@dataclass(frozen=True)
class PeriodFigures:
    """One province-period's communes (rural, ``xã``) judged and rolled up."""

    communes: int
    recognised: int  # communes meeting every criterion
    avg: float  # criteria met per commune, unrounded
    under: int  # communes under the set's line
    bands: dict[str, int]
    criteria_total: int
    lagging: int  # the set's line of "communes under N criteria"
    pilot: bool = False  # judged "theo các chỉ tiêu đã nhập": never official figures
    # By commune group (sets by group): (group, name, communes, recognised, avg) per group.
    groups: tuple[tuple[str, str, int, int, float], ...] = ()


def _groups(ev: Evaluation | None) -> tuple[tuple[str, str, int, int, float], ...]:
    if ev is None:
        return ()
    rows = group_breakdown(ev).rows
    return tuple((g.group, g.name, g.communes, g.recognised, g.avg) for g in rows)


def _in_group(
    items: list[tuple[Period, list[Unit]]], group: str, units_version: int
) -> list[tuple[Period, list[Unit]]]:
    """Each period's communes of ``group`` in its own year (the group in force then, as the
    engine judges them), not the group of today."""
    by_year: dict[int, dict[int, Unit]] = defaultdict(dict)
    for p, us in items:
        by_year[p.year].update((u.pk, u) for u in us)
    groups = year_groups({y: list(us.values()) for y, us in by_year.items()}, units_version)
    out = []
    for p, us in items:
        in_year = None if groups is None else groups[p.year]
        out.append((p, [u for u in us if unit_group(in_year, u) == group]))
    return out


def _judge(
    periods: Sequence[Period], units_q: Q, group: str, units_version: int
) -> dict[int, PeriodFigures]:
    """The figures of ``periods`` read afresh: one query for their communes, then the read
    model's rows (kept per version) and the engine."""
    wanted = {(p.regime, p.province_code) for p in periods}
    units: dict[tuple[str, str], list[Unit]] = defaultdict(list)
    rural = Unit.objects.filter(
        level="commune", kind="xã", province_code__in={c for _r, c in wanted}
    )
    for u in rural.filter(units_q).order_by("district_code", "code"):
        if (u.regime, u.province_code) in wanted:
            units[(u.regime, u.province_code)].append(u)
    items = [(p, units[(p.regime, p.province_code)]) for p in periods]
    if group:
        items = _in_group(items, group, units_version)
    evaluations = evaluate_each([(p, us) for p, us in items if us])
    out = {}
    for p, _us in items:
        cset = cset_of(p.criteria_set)
        ev = evaluations.get(p.pk)
        r = rollup(ev) if ev is not None else None
        out[p.pk] = PeriodFigures(
            communes=r.units_total if r else 0, recognised=r.recognised if r else 0,
            avg=r.avg_criteria if r else 0.0, under=len(r.under_rows) if r else 0,
            bands=dict(r.bands) if r else {}, criteria_total=len(cset.criteria),
            lagging=cset.lagging_line(), groups=_groups(ev),
            pilot=bool(ev is not None and ev.pilot),
        )  # fmt: skip
    return out


def period_figures(
    periods: Sequence[Period], *, units_q: Q | None = None, scope_key: str = "",
    group: str = "",
) -> dict[int, PeriodFigures]:  # fmt: skip
    """Period id → its figures over its province's communes (those of ``units_q``; every one
    when None, ``scope_key`` naming the filter in the keys; of commune ``group`` in each
    period's year when given). One query for the versions while every period is kept; a period
    whose data moved is judged again alone."""
    if not periods:
        return {}
    versions = dict(period_versions([*(p.pk for p in periods), UNITS_VERSION_ID]))
    units_version = versions[UNITS_VERSION_ID]
    pilot = pilot_periods(periods, versions)
    keys = {
        p.pk: "ntm:rm:fig:" + digest((p.pk, versions[p.pk], p.criteria_set.content_hash, p.year,
                                      p.regime, p.province_code, units_version, scope_key,
                                      group, p.pk in pilot))
        for p in periods
    }  # fmt: skip
    kept = cache_get_many(list(keys.values()))
    out = {pk: kept[key] for pk, key in keys.items() if key in kept}
    missing = [p for p in periods if p.pk not in out]
    if missing:
        fresh = _judge(missing, units_q if units_q is not None else Q(), group, units_version)
        cache_set_many({keys[pk]: figures for pk, figures in fresh.items()})
        out |= fresh
    return out
