"""Periods and communes of a scope, filtered in SQL (never every period loaded and filtered)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from ntm.web.accounts.scope import Scope
from ntm.web.assessments.models import Period
from ntm.web.readmodel.cache import digest
from ntm.web.readmodel.triggers import PERIODS_VERSION_ID
from ntm.web.readmodel.versions import period_versions
from ntm.web.units.models import Unit


def periods_q(scope: Scope) -> Q:
    """The periods ``scope.can_read_period`` accepts, as a filter."""
    if scope.read_all:
        return Q()
    q = Q(pk__in=[])
    for area in scope.offices + scope.commune_areas + tuple(a for a, _ in scope.reviews):
        part = Q(province_code=area.province_code)
        if area.regime:
            part &= Q(regime=area.regime)
        q |= part
    return q


def readable_periods(*, scope: Scope) -> QuerySet[Period]:
    """The user's readable periods, newest first, with their sets' names and hashes but not
    their JSON (``sets.cset_of`` parses a content once per process)."""
    return (
        Period.objects.filter(periods_q(scope))
        .select_related("criteria_set")
        .defer("criteria_set__data")
        .order_by("-year", "province_name", "pk")
    )


def periods_key(scope: Scope) -> str:
    """A key for anything shown from the list of the user's periods (the home page): the scope
    and the periods' version, which the database moves on every write of a period (one query)."""
    return digest((repr(scope), period_versions([PERIODS_VERSION_ID])))


def spans_provinces(scope: Scope) -> bool:
    """Whether the user reads more than one province (the national view is for them)."""
    if scope.read_all:
        return True
    areas = scope.offices + scope.commune_areas + tuple(a for a, _ in scope.reviews)
    return len({a.province_code for a in areas}) > 1


def commune_units(*, regime: str, province_codes: list[str]) -> QuerySet[Unit]:
    """Rural communes (xã) of provinces: wards and towns are not assessed against the set."""
    return Unit.objects.filter(
        regime=regime, province_code__in=province_codes, level="commune", kind="xã"
    ).order_by("district_code", "code")
