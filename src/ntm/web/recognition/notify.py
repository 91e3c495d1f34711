"""E-mail to the next actor of a step, sent once the step is committed.

Sent on commit so that a rolled-back step never announces itself, and a mail server that is
down never undoes a step already taken: the failure is logged, the step stands.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q

from ntm.web.accounts.models import Role
from ntm.web.recognition.models import Submission

log = logging.getLogger(__name__)


def commune_officers(unit: Any) -> list[str]:
    users = get_user_model().objects.filter(roles__role=Role.COMMUNE, roles__communes=unit)
    return _emails(users)


def reviewers(unit: Any, criteria: set[int] | None = None) -> list[str]:
    """Reviewers whose area holds ``unit`` (and who cover one of ``criteria``, if given)."""
    area = Q(roles__province_code=unit.province_code) & (
        Q(roles__regime="") | Q(roles__regime=unit.regime)
    )
    area &= Q(roles__district_code="") | Q(roles__district_code=unit.district_code)
    users = get_user_model().objects.filter(area, roles__role=Role.REVIEWER).distinct()
    if criteria is None:
        return _emails(users)
    covering = [
        u
        for u in users.prefetch_related("roles")
        if any(
            r.role == Role.REVIEWER and (not r.criteria or criteria & set(r.criteria))
            for r in u.roles.all()
        )
    ]
    return _emails(covering)


def offices(unit: Any) -> list[str]:
    users = get_user_model().objects.filter(
        Q(roles__regime="") | Q(roles__regime=unit.regime),
        roles__role=Role.PROVINCE,
        roles__province_code=unit.province_code,
    )
    return _emails(users)


def _emails(users: Any) -> list[str]:
    return sorted({u.email for u in users if u.email})


def notify(*, to: list[str], subject: str, body: str, submission: Submission) -> None:
    """Queue one e-mail for after the commit; nothing when nobody has an address."""
    if not to:
        return
    link = f"/cong-nhan/ho-so/{submission.pk}/"

    def send() -> None:
        try:
            send_mail(subject, f"{body}\n\n{link}", settings.DEFAULT_FROM_EMAIL, to)
        except Exception:  # the step is committed; a mail failure must not turn it into a 500
            log.exception("recognition e-mail not sent: %s", subject)

    transaction.on_commit(send)
