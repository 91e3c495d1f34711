"""What a user may read and write: the one place every view, export and API route asks.

Reading is by unit; writing is by unit, period state and, for reviewers, by criterion.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, prefetch_related_objects

from ntm.web.accounts.models import Role
from ntm.web.assessments.models import Period, PeriodState
from ntm.web.units.models import Unit


@dataclass(frozen=True)
class _Area:
    regime: str  # "" = both regimes
    province_code: str
    district_code: str = ""

    def q(self) -> Q:
        q = Q(province_code=self.province_code)
        if self.regime:
            q &= Q(regime=self.regime)
        if self.district_code:
            q &= Q(district_code=self.district_code)
        return q

    def holds(self, unit: Unit) -> bool:
        return (
            unit.province_code == self.province_code
            and (not self.regime or unit.regime == self.regime)
            and (not self.district_code or unit.district_code == self.district_code)
        )

    def holds_period(self, period: Period) -> bool:
        return period.province_code == self.province_code and (
            not self.regime or period.regime == self.regime
        )


@dataclass(frozen=True)
class Scope:
    read_all: bool = False
    write_all: bool = False
    communes: frozenset[int] = frozenset()
    commune_areas: tuple[_Area, ...] = ()  # provinces of the communes, for their periods
    offices: tuple[_Area, ...] = ()
    reviews: tuple[tuple[_Area, frozenset[int]], ...] = ()  # area, criteria (empty = all)
    roles: frozenset[str] = field(default_factory=frozenset)

    # --- reading -------------------------------------------------------------------------------
    def units_q(self) -> Q:
        if self.read_all:
            return Q()
        q = Q(pk__in=list(self.communes))
        for area in self.offices + tuple(a for a, _ in self.reviews):
            q |= area.q()
        return q

    def can_read_unit(self, unit: Unit) -> bool:
        if self.read_all or unit.pk in self.communes:
            return True
        return any(a.holds(unit) for a in self.offices + tuple(a for a, _ in self.reviews))

    def can_read_period(self, period: Period) -> bool:
        if self.read_all:
            return True
        areas = self.offices + self.commune_areas + tuple(a for a, _ in self.reviews)
        return any(a.holds_period(period) for a in areas)

    # --- writing -------------------------------------------------------------------------------
    def can_manage_period(self, period: Period) -> bool:
        return self.write_all or any(a.holds_period(period) for a in self.offices)

    def can_write(self, unit: Unit, period: Period, criterion: int | None = None) -> bool:
        """May this user change a value of ``unit`` in ``period`` (of ``criterion``, if given)?

        Separation of duties (docs/workflow.md): the commune enters its own values, the office
        corrects and imports; a reviewer judges values and never changes them, whatever the
        criterion, so ``criterion`` no longer widens or narrows anything.
        """
        del criterion
        if period.state == PeriodState.LOCKED or unit.province_code != period.province_code:
            return False
        if self.can_manage_period(period) and any(a.holds(unit) for a in self.offices):
            return True
        if self.write_all:
            return True
        return period.state == PeriodState.OPEN and unit.pk in self.communes

    def can_import(self, period: Period) -> bool:
        """May this user upload a values file for ``period``: the office (every commune of its
        province) and a commune officer of a commune there (their own rows only). The period's
        state is the import's own check: it names each refused row."""
        return self.can_manage_period(period) or any(
            a.holds_period(period) for a in self.commune_areas
        )

    def can_write_any(self, unit: Unit, period: Period) -> bool:
        return self.can_write(unit, period, None)


def scope_for(user: object) -> Scope:
    """The user's scope, from their role assignments (none for anonymous users)."""
    if not getattr(user, "is_authenticated", False):
        return Scope()
    if getattr(user, "is_superuser", False):
        return Scope(read_all=True, write_all=True, roles=frozenset({Role.ADMIN}))
    read_all = write_all = False
    communes: set[int] = set()
    commune_areas, offices, reviews, roles = [], [], [], set()
    assignments = list(user.roles.all())  # type: ignore[attr-defined]  # a User, signed in
    # The communes are read only when a commune role needs them (one query less for the others).
    prefetch_related_objects([ra for ra in assignments if ra.role == Role.COMMUNE], "communes")
    for ra in assignments:
        roles.add(ra.role)
        if ra.role == Role.ADMIN:
            read_all = write_all = True
        elif ra.role == Role.CENTRAL:
            read_all = True
        elif ra.role == Role.PROVINCE:
            offices.append(_Area(ra.regime, ra.province_code))
        elif ra.role == Role.REVIEWER:
            area = _Area(ra.regime, ra.province_code, ra.district_code)
            reviews.append((area, frozenset(int(c) for c in ra.criteria or ())))
        elif ra.role == Role.COMMUNE:
            for unit in ra.communes.all():
                communes.add(unit.pk)
                commune_areas.append(_Area(unit.regime, unit.province_code))
    return Scope(
        read_all=read_all,
        write_all=write_all,
        communes=frozenset(communes),
        commune_areas=tuple(commune_areas),
        offices=tuple(offices),
        reviews=tuple(reviews),
        roles=frozenset(roles),
    )
