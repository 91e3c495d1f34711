"""The reviewers' verbs: a word on each criterion, and the dossier sent on once all are decided.

A reviewer confirms a criterion ("Xác nhận đạt") or marks it "Cần bổ sung" with a comment. The
dossier moves only when every criterion of the set has a word in this round (a criterion
confirmed in an earlier round stays confirmed): then it goes back to the commune once, with every
comment, or on to the provincial office when all are confirmed. Returning criterion 10 therefore
no longer closes the review of criteria 11–19.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ntm.domain.evaluation import Evaluation
from ntm.web.accounts.scope import Scope
from ntm.web.recognition import notify
from ntm.web.recognition.models import CriterionReview, Decision, State, Submission
from ntm.web.recognition.permissions import may_review
from ntm.web.recognition.selectors import (
    REVIEW_STATES,
    latest_reviews,
    returned_criteria,
    submission_evaluation,
    undecided_criteria,
)
from ntm.web.recognition.steps import (
    RecognitionDenied,
    RecognitionError,
    audit,
    expect,
    locked,
    move,
    subject,
)


@dataclass(frozen=True)
class ReviewChoice:
    """One reviewer's word on one criterion: ``decision`` is a ``Decision`` value."""

    criterion: int
    decision: str
    comment: str = ""


def _require_reviewer(scope: Scope, submission: Submission, criterion: int) -> None:
    if not may_review(scope, submission.unit, criterion):
        raise RecognitionDenied(
            _("Bạn không phụ trách thẩm tra tiêu chí %(n)d của xã này.") % {"n": criterion}
        )


def _checked(scope: Scope, submission: Submission, choices: Sequence[ReviewChoice]) -> None:
    """Every refusal before anything is written: a batch is taken whole or not at all."""
    if not choices:
        raise RecognitionError(_("Chưa chọn kết quả thẩm tra cho tiêu chí nào."))
    for choice in choices:
        _require_reviewer(scope, submission, choice.criterion)
        if choice.decision not in Decision.values:
            raise RecognitionError(_("Kết quả thẩm tra không hợp lệ."))
        if choice.decision == Decision.RETURNED and not choice.comment.strip():
            raise RecognitionError(
                _("Cần ghi ý kiến cho tiêu chí %(n)d khi đánh dấu cần bổ sung.")
                % {"n": choice.criterion}
            )


def _record(
    *, user: Any, submission: Submission, evaluation: Evaluation, choice: ReviewChoice
) -> None:
    n = choice.criterion
    if n not in evaluation.cset.criterion_numbers:
        raise RecognitionError(_("Bộ tiêu chí không có tiêu chí %(n)d.") % {"n": n})
    live = evaluation.unit_result(0)["criteria"][str(n)]
    if choice.decision == Decision.CONFIRMED and live != "met":
        raise RecognitionError(
            _("Tiêu chí %(n)d chưa đạt theo số liệu hiện tại: không xác nhận được.") % {"n": n}
        )
    previous = latest_reviews(submission=submission).get(n)
    comment = choice.comment.strip()
    CriterionReview.objects.create(
        submission=submission, criterion=n, decision=choice.decision, comment=comment,
        round=submission.round, by=user if getattr(user, "pk", None) else None,
        by_name=getattr(user, "username", "") or "",
    )  # fmt: skip
    audit(user=user, submission=submission, kind="review", target=str(n),
          old=previous.decision if previous else "",
          new=f"{choice.decision}: {comment}" if comment else choice.decision)  # fmt: skip


def _conclude(*, user: Any, submission: Submission) -> None:
    """Start the review on the first word; send the dossier on once every criterion has one."""
    if submission.state == State.SUBMITTED:
        move(user=user, submission=submission, verb="submission_review",
             to=State.UNDER_REVIEW, fields=[])  # fmt: skip
    if undecided_criteria(submission=submission):
        return
    returned = returned_criteria(submission=submission)
    if returned:
        move(user=user, submission=submission, verb="criterion_return", to=State.RETURNED,
             fields=[])  # fmt: skip
        lines = [
            _("Tiêu chí %(n)d: %(comment)s") % {"n": n, "comment": r.comment}
            for n, r in sorted(returned.items())
        ]
        notify.notify(
            to=notify.commune_officers(submission.unit), submission=submission,
            subject=subject(_("Hồ sơ bị trả lại để bổ sung"), submission),
            body=_("Các tiêu chí cần bổ sung:") + "\n" + "\n".join(lines),
        )  # fmt: skip
        return
    move(user=user, submission=submission, verb="criterion_confirm", to=State.CONFIRMED,
         fields=[])  # fmt: skip
    notify.notify(
        to=notify.offices(submission.unit), submission=submission,
        subject=subject(_("Hồ sơ đã thẩm tra đủ tiêu chí, cần thẩm định"), submission),
        body=_("Tất cả tiêu chí đã được xác nhận; đề nghị Văn phòng điều phối thẩm định."),
    )  # fmt: skip


def criteria_review(
    *, user: Any, scope: Scope, submission: Submission, choices: Sequence[ReviewChoice]
) -> Submission:
    """Record a reviewer's words on several criteria at once (the dossier page's one form)."""
    _checked(scope, submission, choices)
    with transaction.atomic():
        submission = locked(submission)
        expect(submission, *REVIEW_STATES)
        evaluation = submission_evaluation(submission=submission)
        for choice in choices:
            _record(user=user, submission=submission, evaluation=evaluation, choice=choice)
        _conclude(user=user, submission=submission)
    return submission


def criterion_confirm(
    *, user: Any, scope: Scope, submission: Submission, criterion: int, comment: str = ""
) -> Submission:
    choice = ReviewChoice(criterion, Decision.CONFIRMED, comment or "")
    return criteria_review(user=user, scope=scope, submission=submission, choices=[choice])


def criterion_return(
    *, user: Any, scope: Scope, submission: Submission, criterion: int, comment: str
) -> Submission:
    choice = ReviewChoice(criterion, Decision.RETURNED, comment or "")
    return criteria_review(user=user, scope=scope, submission=submission, choices=[choice])
