"""What every step of the recognition workflow shares: its errors, the row lock, the state
check, the audit entry, the move (with the next step's deadline) and the e-mail subject."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from ntm.domain.evaluation import MET
from ntm.web.assessments.models import Period, PeriodState
from ntm.web.audit.models import AuditEntry
from ntm.web.recognition.models import State, Submission
from ntm.web.recognition.selectors import REVIEW_STATES, submission_check

# The states in which someone must act, and so have a deadline (Decision 18/2022 gives each
# step a number of working days; the province sets its own in NTM_RECOGNITION_STEP_DAYS).
WAITING_STATES = (*REVIEW_STATES, State.RETURNED, State.CONFIRMED, State.APPRAISED)


class RecognitionError(Exception):
    """A step that cannot be taken now; the message is for people."""


class RecognitionDenied(PermissionDenied):
    """This user may not take this step on this dossier."""


# --- helpers ---------------------------------------------------------------------------------


def locked(submission: Submission) -> Submission:
    """The dossier re-read under a row lock: two people acting at once take turns."""
    fresh = Submission.objects.select_for_update().get(pk=submission.pk)
    fresh.unit, fresh.period = submission.unit, submission.period
    return fresh


def expect(submission: Submission, *states: str) -> None:
    if submission.state not in states:
        raise RecognitionError(
            _("Hồ sơ đang ở trạng thái “%(state)s”, không thực hiện được bước này.")
            % {"state": submission.get_state_display()}
        )


def period_open(period: Period) -> None:
    if period.state != PeriodState.OPEN:
        raise RecognitionError(
            _("Kỳ đánh giá %(year)d đã đóng hoặc đã khóa: không nhận hồ sơ.")
            % {"year": period.year}
        )


def audit(*, user: Any, submission: Submission, kind: str, target: str, old: str, new: str) -> None:
    unit, period = submission.unit, submission.period
    # version 0: workflow entries are not value changes and must never show up in the
    # assessments' "changed since you read it" list (which looks for versions above the read one).
    AuditEntry.objects.create(
        user=user if getattr(user, "pk", None) else None,
        username=getattr(user, "username", "") or "", regime=unit.regime, unit_code=unit.code,
        unit_name=unit.name, period_id_ref=period.pk, year=period.year, kind=kind,
        target=target, old=old[:200], new=new[:200], channel="form", version=0,
    )  # fmt: skip


def step_days() -> int:
    return int(getattr(settings, "NTM_RECOGNITION_STEP_DAYS", 15))


def _next_due(old: str, to: str, due: datetime.date | None) -> datetime.date | None:
    """A new step starts a new deadline; moving within the review keeps the review's."""
    if to not in WAITING_STATES:
        return None
    if old == to or (old in REVIEW_STATES and to in REVIEW_STATES and due is not None):
        return due
    return timezone.localdate() + datetime.timedelta(days=step_days())


def move(*, user: Any, submission: Submission, verb: str, to: str, fields: list[str]) -> None:
    old = submission.state
    submission.state = to
    submission.step_due = _next_due(old, to, submission.step_due)
    submission.save(update_fields=[*fields, "state", "step_due", "updated_at"])
    audit(user=user, submission=submission, kind="workflow", target=verb, old=old, new=to)


def require_conditions(submission: Submission, what: str) -> None:
    check = submission_check(submission=submission)
    if check.status != MET:
        raise RecognitionError(f"{what}: {check.label}. " + "; ".join(check.reasons) + ".")


def subject(text: str, submission: Submission) -> str:
    return f"[ntm] {text}: {submission.unit.name} ({submission.period.year})"
