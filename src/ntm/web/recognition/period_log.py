"""The record of a period's state changes, and the sentence the commune page shows from it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from ntm.web.assessments.models import Period, PeriodState
from ntm.web.recognition.models import PeriodStateChange


def period_state_record(*, user: Any, period: Period, old: str) -> None:
    """Called by ``assessments.services.period_state_set`` inside its transaction."""
    if old == period.state:
        return
    PeriodStateChange.objects.create(
        period=period, old=old, new=period.state,
        by=user if getattr(user, "pk", None) else None,
        by_name=getattr(user, "username", "") or "",
    )  # fmt: skip


@dataclass(frozen=True)
class PeriodNotice:
    """The banner of a period that takes no values from the commune."""

    state: str
    text: str


def period_notice(*, period: Period) -> PeriodNotice | None:
    """None while the period is open; otherwise who closed or locked it, and when."""
    if period.state == PeriodState.OPEN:
        return None
    change = PeriodStateChange.objects.filter(period=period, new=period.state).first()
    if period.state == PeriodState.LOCKED:
        head = _("Kỳ đánh giá %(year)d đã khóa: không ai sửa được số liệu.")
    else:
        head = _("Kỳ đánh giá %(year)d đã đóng: xã không nhập được số liệu nữa.")
    text = head % {"year": period.year}
    if change is not None:
        when = timezone.localtime(change.at).strftime("%d/%m/%Y %H:%M")
        text += " " + _("Người thực hiện: %(who)s, lúc %(when)s.") % {
            "who": change.by_name or _("không rõ"),
            "when": when,
        }
    return PeriodNotice(state=period.state, text=text)
