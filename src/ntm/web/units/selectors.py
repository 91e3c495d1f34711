"""Reads of units, filtered by scope."""

from __future__ import annotations

from django.db.models import QuerySet

from ntm.web.accounts.scope import Scope
from ntm.web.units.models import Unit


def unit_list(
    *, scope: Scope, regime: str | None = None, province: str | None = None
) -> QuerySet[Unit]:
    rows = Unit.objects.filter(scope.units_q()).prefetch_related("successors")
    if regime:
        rows = rows.filter(regime=regime)
    if province:
        rows = rows.filter(province_code=province)
    return rows.order_by("regime", "province_code", "district_code", "code")
