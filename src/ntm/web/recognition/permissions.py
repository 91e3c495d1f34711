"""Who may do what in the recognition workflow, read from the user's scope.

The commune officer of a commune submits; a reviewer confirms or returns the criteria their
assignment covers (all when it lists none); the provincial office of the commune's province
appraises, records decisions and reviews revocations. Nobody else acts, admin included: a
decision of the province is not a system administrator's to make.
"""

from __future__ import annotations

from collections.abc import Iterable

from ntm.web.accounts.scope import Scope
from ntm.web.units.models import Unit


def may_submit(scope: Scope, unit: Unit) -> bool:
    return unit.pk in scope.communes


def reviewable_criteria(scope: Scope, unit: Unit, numbers: Iterable[int]) -> set[int]:
    """The criteria of ``numbers`` this user may confirm or return for ``unit``."""
    numbers = set(numbers)
    out: set[int] = set()
    for area, crits in scope.reviews:
        if area.holds(unit):
            out |= numbers if not crits else numbers & set(crits)
    return out


def may_review(scope: Scope, unit: Unit, criterion: int) -> bool:
    return bool(reviewable_criteria(scope, unit, [criterion]))


def may_appraise(scope: Scope, unit: Unit) -> bool:
    return any(area.holds(unit) for area in scope.offices)


def sees_lists(scope: Scope, role: str) -> bool:
    """The queues: the role's holders, and those who read everything (central, admin)."""
    return role in scope.roles or scope.read_all
