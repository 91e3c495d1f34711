"""Which periods are evaluated as a pilot, read for the read model.

The switch moves the period's data version (``services.pilot_set``), so the answer is kept under
the versions it was read at: a page served from the cache asks nothing of the database.
"""

from __future__ import annotations

from ntm.web.readmodel.cache import cached, digest
from ntm.web.readmodel.versions import PeriodVersions


def pilot_periods(versions: PeriodVersions) -> frozenset[int]:
    """The ids among ``versions``' periods whose pilot evaluation is on."""
    ids = [p for p, _v in versions if p > 0]
    if not ids:
        return frozenset()

    def read() -> tuple[int, ...]:
        from ntm.web.sets.models import PilotSwitch

        found = PilotSwitch.objects.filter(period_id__in=ids, enabled=True)
        # A tuple, never empty: the cache does not tell a kept None from a miss.
        return (0, *found.values_list("period_id", flat=True))

    kept, _was_kept = cached("ntm:rm:pilot:" + digest(versions), read)
    return frozenset(kept) - {0}
