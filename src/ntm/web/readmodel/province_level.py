"""Each province of a year judged on the province-level set (Decision 51/2025, the annex of the
conditions for a province to complete the NTM task: ``tinh-ntm-2026-2030``) for the national view.

The set a province is judged on: its province-level period's (a period of that province and year
whose set is of level ``province``: the province's variant, with the levels and the conditions
its office entered), else the central office's default for province-level periods of that year
(``sets.defaults``), else the shipped set. The indicators derived from the communes (the share
of communes recognised) come from the communes' figures the view has counted already; the
others are the province's own, as entered in its province-level period (the read model's rows,
kept per data version), unknown where none is entered. The engine judges; a level or a value
unknown gives «Chưa xác định», never a guess. Queries: none without a province-level period
beyond the default's one; with them three, whatever the number of provinces.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ntm.criteria import load_set
from ntm.domain.criteria import CriteriaSet
from ntm.domain.evaluation import empty_statuses, empty_values
from ntm.domain.province import completion_from_counts
from ntm.domain.units import Unit as DomainUnit
from ntm.web.assessments.models import CriteriaSetRecord, Period
from ntm.web.readmodel.inputs import period_rows, stored_matrices
from ntm.web.readmodel.sets import cset_of
from ntm.web.readmodel.versions import period_versions
from ntm.web.units.models import Unit

PROVINCE_SET = "tinh-ntm-2026-2030"


@dataclass(frozen=True)
class Counted:
    """A province's communes as the national view counted them."""

    regime: str
    province_code: str
    province_name: str
    recognised: int
    communes: int


@dataclass(frozen=True)
class ProvinceVerdict:
    """One province on the province-level set: the verdict, the set, the share derived."""

    province_code: str
    province_name: str
    set_code: str
    status: int  # MET, NOT_MET or UNKNOWN (the set's eligibility)
    recognised_share: float | None  # percent of its communes recognised; None: none judged
    own_values: int  # the province's own indicators entered (0 without a province period)
    level_period_id: int | None = None  # its province-level period (its page), if any


def _level_periods(periods: Sequence[Period], year: int) -> dict[tuple[str, str], Period]:
    """(regime, province) → its newest province-level period of ``year`` (no query)."""
    found: dict[tuple[str, str], Period] = {}
    for p in sorted(periods, key=lambda p: -p.pk):
        if p.year == year and cset_of(p.criteria_set).level == "province":
            found.setdefault((p.regime, p.province_code), p)
    return found


def _fallback(year: int) -> CriteriaSet | None:
    """The central office's default for province-level periods of ``year``, else the shipped
    set when it covers ``year``."""
    from ntm.web.sets.defaults import national_default  # sets reads the read model

    record: CriteriaSetRecord | None = national_default(year=year, level="province")
    if record is not None:
        return cset_of(record)
    shipped = load_set(PROVINCE_SET)
    return shipped if shipped.period[0] <= year <= shipped.period[1] else None


def _own(level: dict[tuple[str, str], Period]) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """Province-level period id → the province's own (values, statuses) rows, 1 × n each."""
    if not level:
        return {}
    rows = period_rows(period_versions(p.pk for p in level.values()))
    units = {
        (u.regime, u.province_code): u
        for u in Unit.objects.filter(
            level="province", province_code__in={c for _r, c in level}
        )
    }  # fmt: skip
    out = {}
    for key, p in level.items():
        cset = cset_of(p.criteria_set)
        unit = units.get(key)
        if unit is None:  # no unit for the province: nothing of its own can be read
            out[p.pk] = (empty_values(1, cset), empty_statuses(1, cset))
        else:
            out[p.pk] = stored_matrices(cset, [unit], rows[p.pk])
    return out


def _province(c: Counted) -> DomainUnit:
    return DomainUnit(code=c.province_code, name=c.province_name, level="province",
                      province_code=c.province_code)  # fmt: skip


def province_verdicts(
    counted: Sequence[Counted], periods: Sequence[Period], year: int
) -> dict[tuple[str, str], ProvinceVerdict]:
    """(regime, province) → its verdict for the provinces of ``counted`` judged in ``year``;
    empty when no province-level set covers the year (before 2026)."""
    level = _level_periods(periods, year)
    fallback = _fallback(year)
    own = _own(level)
    groups: dict[int, list[tuple[Counted, CriteriaSet, Period | None]]] = defaultdict(list)
    for c in counted:
        period = level.get((c.regime, c.province_code))
        cset = cset_of(period.criteria_set) if period else fallback
        if cset is not None and cset.period[0] <= year <= cset.period[1]:
            groups[id(cset)].append((c, cset, period))
    out = {}
    for members in groups.values():
        cset = members[0][1]
        values = empty_values(len(members), cset)
        statuses = empty_statuses(len(members), cset)
        for i, (_c, _s, period) in enumerate(members):
            if period is not None:
                values[i], statuses[i] = own[period.pk][0][0], own[period.pk][1][0]
        provinces = [_province(c) for c, _s, _p in members]
        counts = [(c.recognised, c.communes) for c, _s, _p in members]
        judged = completion_from_counts(cset, provinces, counts, year, values=values,
                                        statuses=statuses)  # fmt: skip
        for (c, _s, period), j, row in zip(members, judged, values, strict=True):
            entered = int(np.count_nonzero(~np.isnan(row))) if period is not None else 0
            out[(c.regime, c.province_code)] = ProvinceVerdict(
                c.province_code,
                c.province_name,
                cset.code,
                j.status,
                j.recognised_share,
                entered,
                period.pk if period is not None else None,
            )
    return out
