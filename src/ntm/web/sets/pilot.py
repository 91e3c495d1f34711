"""Which periods are evaluated as a pilot, read for the read model.

Only a period whose set is incomplete can be a pilot (on a complete set a pilot is the official
evaluation), so periods on complete sets are never looked up. The switch moves the period's data
version (``services.pilot_set``), so the answer is kept under the versions it was read at: a
page served from the cache asks nothing of the database.
"""

from __future__ import annotations

from collections.abc import Iterable

from ntm.web.assessments.models import Period
from ntm.web.readmodel.cache import cached, digest
from ntm.web.readmodel.sets import cset_of


def _incomplete(period: Period) -> bool:
    return not all(c.indicators_complete for c in cset_of(period.criteria_set).criteria)


def pilot_periods(periods: Iterable[Period], versions: dict[int, int]) -> frozenset[int]:
    """The ids among ``periods`` (each with its data version in ``versions``) whose pilot
    evaluation is on."""
    wanted = tuple(sorted((p.pk, versions.get(p.pk, 0)) for p in periods if _incomplete(p)))
    if not wanted:
        return frozenset()

    def read() -> tuple[int, ...]:
        from ntm.web.sets.models import PilotSwitch

        ids = [pk for pk, _v in wanted]
        found = PilotSwitch.objects.filter(period_id__in=ids, enabled=True)
        # A tuple, never empty: the cache does not tell a kept None from a miss.
        return (0, *found.values_list("period_id", flat=True))

    kept, _was_kept = cached("ntm:rm:pilot:" + digest(wanted), read)
    return frozenset(kept) - {0}


def period_pilot(period: Period) -> bool:
    """One period's switch (a commune's page): no query while its set is complete."""
    if not _incomplete(period):
        return False
    from ntm.web.readmodel.versions import period_versions

    return period.pk in pilot_periods([period], dict(period_versions([period.pk])))
