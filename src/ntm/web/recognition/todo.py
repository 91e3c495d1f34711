"""What waits for a user, by role: the home page's to-do list (the in-page notifications that
match the e-mails of ``notify``).

- a commune officer: dossiers returned for supplements, periods of their province closing soon;
- a reviewer: dossiers with criteria still waiting for their word, with the step's deadline;
- the provincial office: dossiers to appraise and to decide, periods closing soon.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ntm.web.accounts.scope import Scope
from ntm.web.assessments.models import PeriodState
from ntm.web.recognition.models import PeriodSchedule, State
from ntm.web.recognition.selectors import (
    office_list,
    returned_criteria,
    reviewer_queue,
    scoped_submissions,
)


@dataclass(frozen=True)
class TodoItem:
    kind: str  # returned | review | appraise | decide | closing
    text: str
    url: str
    due: datetime.date | None = None


def _returned(scope: Scope) -> list[TodoItem]:
    rows = scoped_submissions(scope=scope).filter(state=State.RETURNED, unit__in=scope.communes)
    items = []
    for s in rows:
        numbers = ", ".join(str(n) for n in sorted(returned_criteria(submission=s)))
        text = _("Hồ sơ %(name)s (%(year)d) bị trả lại: cần bổ sung tiêu chí %(n)s.") % {
            "name": s.unit.name, "year": s.period.year, "n": numbers or "—",
        }  # fmt: skip
        url = reverse("recognition-commune", args=[s.period_id, s.unit_id])
        items.append(TodoItem("returned", text, url, s.step_due))
    return items


def _to_review(scope: Scope) -> list[TodoItem]:
    items = []
    for s, criteria in reviewer_queue(scope=scope):
        text = _("Hồ sơ %(name)s (%(year)d) chờ thẩm tra tiêu chí %(n)s.") % {
            "name": s.unit.name, "year": s.period.year, "n": ", ".join(map(str, criteria)),
        }  # fmt: skip
        url = reverse("recognition-submission", args=[s.pk])
        items.append(TodoItem("review", text, url, s.step_due))
    return items


def _office(scope: Scope) -> list[TodoItem]:
    items = []
    for s in office_list(scope=scope):
        if s.state == State.CONFIRMED:
            kind, head = "appraise", _("Hồ sơ %(name)s (%(year)d) chờ thẩm định.")
        else:
            kind, head = "decide", _("Hồ sơ %(name)s (%(year)d) chờ quyết định công nhận.")
        text = head % {"name": s.unit.name, "year": s.period.year}
        items.append(TodoItem(kind, text, reverse("recognition-submission", args=[s.pk]),
                              s.step_due))  # fmt: skip
    return items


def _closing(scope: Scope) -> list[TodoItem]:
    today = timezone.localdate()
    horizon = today + datetime.timedelta(days=int(getattr(settings, "NTM_PERIOD_WARN_DAYS", 30)))
    rows = PeriodSchedule.objects.select_related("period").filter(
        period__state=PeriodState.OPEN, closes_on__gte=today, closes_on__lte=horizon
    )
    items = []
    for row in rows:
        p = row.period
        areas = scope.offices + scope.commune_areas
        if not any(a.holds_period(p) for a in areas):
            continue
        text = _("Kỳ đánh giá %(province)s %(year)d hết hạn nhập số liệu ngày %(date)s.") % {
            "province": p.province_name, "year": p.year, "date": row.closes_on.strftime("%d/%m/%Y"),
        }  # fmt: skip
        items.append(TodoItem("closing", text, reverse("period", args=[p.pk]), row.closes_on))
    return items


def todo_list(*, scope: Scope) -> list[TodoItem]:
    """Everything waiting for this user, soonest deadline first (no deadline last)."""
    items: list[TodoItem] = []
    if scope.communes:
        items += _returned(scope)
    if scope.reviews:
        items += _to_review(scope)
    if scope.offices:
        items += _office(scope)
    items += _closing(scope)
    return sorted(items, key=lambda i: (i.due is None, i.due or datetime.date.max, i.text))
