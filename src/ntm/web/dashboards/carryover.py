"""The 2025 baseline of a 2026 period in the new units, derived through the lineage from the old
communes' 2025 periods (the rule: ntm.domain.carryover, docs/units.md «Quy đổi số liệu 2025»).

Read through the read model: each old province's 2025 period judged by the engine over its old
communes (its rows kept per its own data version)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ntm.domain.carryover import BASELINE_YEAR, OldCommune, ProvinceBaseline, province_baseline
from ntm.web.assessments.models import Period
from ntm.web.readmodel.inputs import evaluate_each
from ntm.web.readmodel.versions import PeriodVersions, period_versions
from ntm.web.units.models import Unit


def _judged_2025(old: list[Unit]) -> dict[int, OldCommune]:
    """Old unit id → its 2025 figures (recognised None when its province has no 2025 period)."""
    out = {u.pk: OldCommune(u.code, u.name, None, None) for u in old}
    by_province: dict[str, list[Unit]] = defaultdict(list)
    for u in old:
        by_province[u.province_code].append(u)
    periods = {
        p.province_code: p
        for p in Period.objects.filter(
            regime="old", year=BASELINE_YEAR, province_code__in=by_province
        ).order_by("pk")
    }
    items = [(p, by_province[code]) for code, p in periods.items()]
    judged = evaluate_each(items)
    for period, units in items:
        ev = judged[period.pk]
        met, all_met = ev.criteria_met.tolist(), ev.all_met.tolist()
        for i, u in enumerate(units):
            out[u.pk] = OldCommune(u.code, u.name, bool(all_met[i]), int(met[i]))
    return out


def period_carryover(*, period: Period, units: Sequence[Unit]) -> ProvinceBaseline | None:
    """The derived 2025 baseline of ``units`` (new communes) for a 2026 period; None for other
    periods or when none of the old provinces absorbed has a 2025 period."""
    if period.regime != "new" or period.year != BASELINE_YEAR + 1 or not units:
        return None
    links = list(
        Unit.successors.through.objects.filter(
            to_unit_id__in=[u.pk for u in units], from_unit__kind="xã"
        ).values_list("to_unit_id", "from_unit_id")
    )
    old = list(Unit.objects.filter(pk__in={o for _n, o in links}).order_by("code"))
    judged = _judged_2025(old)
    if all(c.recognised is None for c in judged.values()):
        return None
    predecessors: dict[int, list[OldCommune]] = defaultdict(list)
    for new_id, old_id in sorted(links, key=lambda link: judged[link[1]].code):
        predecessors[new_id].append(judged[old_id])
    communes = [(u.code, u.name) for u in units]
    by_code = {u.code: predecessors.get(u.pk, []) for u in units}
    return province_baseline(communes, by_code)


def baseline_versions(period: Period) -> PeriodVersions:
    """The data versions of the 2025 periods a 2026 period's baseline is derived from (none for
    other periods): part of the dashboard's key, so a 2025 correction is on the next page."""
    if period.regime != "new" or period.year != BASELINE_YEAR + 1:
        return ()
    old = Period.objects.filter(regime="old", year=BASELINE_YEAR).values_list("pk", flat=True)
    return period_versions(old)
