"""Loading units from the registry (or any list of domain units) into the database."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import transaction

from ntm.domain.units import Unit as DomainUnit
from ntm.web.units.models import Unit


def units_load(*, regime: str, units: Iterable[DomainUnit]) -> int:
    """Insert the units not yet stored (by regime and code); returns how many were added."""
    known = set(Unit.objects.filter(regime=regime).values_list("code", flat=True))
    new = [
        Unit(
            regime=regime, code=u.code, name=u.name, level=u.level, kind=u.kind,
            province_code=u.province_code, province_name=u.province_name,
            district_code=u.district_code or "", district_name=u.district_name or "",
            region=u.region or "", group=u.group or "", flags=sorted(u.flags),
        )
        for u in units
        if u.code not in known
    ]  # fmt: skip
    with transaction.atomic():
        Unit.objects.bulk_create(new, batch_size=2000)
    return len(new)


def lineage_load(*, pairs: Sequence[tuple[str, str]]) -> int:
    """Link old communes to the new communes they went into: (old code, new code) pairs."""
    old = dict(Unit.objects.filter(regime="old").values_list("code", "pk"))
    new = dict(Unit.objects.filter(regime="new").values_list("code", "pk"))
    through = Unit.successors.through
    links = [
        through(from_unit_id=old[a], to_unit_id=new[b]) for a, b in pairs if a in old and b in new
    ]
    with transaction.atomic():
        through.objects.bulk_create(links, batch_size=5000, ignore_conflicts=True)
    return len(links)


def registry_load() -> dict[str, int]:
    """Every unit of both regimes from ``ntm.units.registry``, with the 2025 lineage."""
    from ntm.units import registry

    counts = {}
    for regime, data in (("old", registry.old_units()), ("new", registry.new_units())):
        counts[regime] = units_load(regime=regime, units=data.communes)
    pairs = [
        (row["old_commune_code"], row["new_commune_code"])
        for row in registry.lineage_rows()
        if row.get("new_commune_code")
    ]
    counts["lineage"] = lineage_load(pairs=pairs)
    return counts
