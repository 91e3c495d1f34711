"""A commune's recognition history, when the recognition app is installed.

The recognition app is built beside the dashboards; this module asks Django whether it is
installed (and fetches its model through the app registry) rather than importing it inside a
try/except, so that a real error in that app still surfaces.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.apps import apps

from ntm.web.units.models import Unit

RECOGNITION_APP = "ntm.web.recognition"


@dataclass(frozen=True)
class RecognitionEvent:
    unit: Unit
    year: int
    tier: str  # Vietnamese, for people
    state: str  # Vietnamese, for people
    decision_number: str
    decision_date: date | None
    revocation_number: str
    revocation_date: date | None
    revocation_reason: str


def recognition_installed() -> bool:
    return apps.is_installed(RECOGNITION_APP)


def recognition_history(*, units: list[Unit]) -> list[RecognitionEvent] | None:
    """Dossiers of these communes (a commune and those it came from), oldest first; None when
    the recognition app is not installed."""
    if not recognition_installed():
        return None
    submission = apps.get_model("recognition", "Submission")
    rows = (
        submission.objects.filter(unit__in=units)
        .select_related("unit", "period", "decision", "revocation")
        .order_by("period__year", "created_at", "pk")
    )
    out = []
    for s in rows:
        decision = getattr(s, "decision", None)
        revocation = getattr(s, "revocation", None)
        out.append(
            RecognitionEvent(
                unit=s.unit, year=s.period.year, tier=s.get_tier_display(),
                state=s.get_state_display(),
                decision_number=decision.number if decision else "",
                decision_date=decision.date if decision else None,
                revocation_number=revocation.number if revocation else "",
                revocation_date=revocation.date if revocation else None,
                revocation_reason=revocation.reason if revocation else "",
            )
        )  # fmt: skip
    return out
