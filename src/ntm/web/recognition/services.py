"""The recognition workflow: one function per verb (Decision 18/2022/QĐ-TTg).

Each verb takes keyword arguments only, checks permission first, locks the dossier, checks the
state it starts from, raises its own error with a Vietnamese message, writes an audit entry per
change and e-mails the next actor on commit — all in one ``transaction.atomic``.

    draft ─submit→ submitted ─(first review)→ under_review ─(all confirmed)→ confirmed
    submitted/under_review ─return→ returned ─resubmit→ under_review
    confirmed ─appraise→ appraised ─decide→ recognised ─(flag review, decide)→ revoked
"""

from __future__ import annotations

import datetime
from typing import Any

import numpy as np
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ntm.domain.evaluation import MET
from ntm.domain.recognition import KEEP, key_criteria_for, revocation_explain, revocation_flags
from ntm.web.accounts.scope import Scope
from ntm.web.assessments.models import (
    CriterionStatus,
    IndicatorValue,
    Period,
    PeriodState,
)
from ntm.web.assessments.selectors import cset_of, period_evaluation
from ntm.web.audit.models import AuditEntry
from ntm.web.recognition import notify
from ntm.web.recognition.models import (
    CriterionReview,
    Decision,
    RecognitionDecision,
    RevocationDecision,
    State,
    Submission,
)
from ntm.web.recognition.permissions import may_appraise, may_review, may_submit
from ntm.web.recognition.selectors import (
    REVIEW_STATES,
    latest_reviews,
    pending_criteria,
    submission_check,
    submission_evaluation,
)
from ntm.web.units.models import Unit


class RecognitionError(Exception):
    """A step that cannot be taken now; the message is for people."""


class RecognitionDenied(PermissionDenied):
    """This user may not take this step on this dossier."""


# --- helpers ---------------------------------------------------------------------------------


def _locked(submission: Submission) -> Submission:
    """The dossier re-read under a row lock: two people acting at once take turns."""
    fresh = Submission.objects.select_for_update().get(pk=submission.pk)
    fresh.unit, fresh.period = submission.unit, submission.period
    return fresh


def _expect(submission: Submission, *states: str) -> None:
    if submission.state not in states:
        raise RecognitionError(
            _("Hồ sơ đang ở trạng thái “%(state)s”, không thực hiện được bước này.")
            % {"state": submission.get_state_display()}
        )


def _period_open(period: Period) -> None:
    if period.state != PeriodState.OPEN:
        raise RecognitionError(
            _("Kỳ đánh giá %(year)d đã đóng hoặc đã khóa: không nhận hồ sơ.")
            % {"year": period.year}
        )


def _audit(
    *, user: Any, submission: Submission, kind: str, target: str, old: str, new: str
) -> None:
    unit, period = submission.unit, submission.period
    # version 0: workflow entries are not value changes and must never show up in the
    # assessments' "changed since you read it" list (which looks for versions above the read one).
    AuditEntry.objects.create(
        user=user if getattr(user, "pk", None) else None,
        username=getattr(user, "username", "") or "", regime=unit.regime, unit_code=unit.code,
        unit_name=unit.name, period_id_ref=period.pk, year=period.year, kind=kind,
        target=target, old=old[:200], new=new[:200], channel="form", version=0,
    )  # fmt: skip


def _move(*, user: Any, submission: Submission, verb: str, to: str, fields: list[str]) -> None:
    old = submission.state
    submission.state = to
    submission.save(update_fields=[*fields, "state", "updated_at"])
    _audit(user=user, submission=submission, kind="workflow", target=verb, old=old, new=to)


def _require_conditions(submission: Submission, what: str) -> None:
    check = submission_check(submission=submission)
    if check.status != MET:
        raise RecognitionError(f"{what}: {check.label}. " + "; ".join(check.reasons) + ".")


def _subject(text: str, submission: Submission) -> str:
    return f"[ntm] {text}: {submission.unit.name} ({submission.period.year})"


# --- the commune -----------------------------------------------------------------------------


def submission_draft_save(
    *,
    user: Any,
    scope: Scope,
    unit: Unit,
    period: Period,
    satisfaction_pct: float | None,
    survey_note: str,
    no_construction_debt: bool | None,
    security_complicated: bool | None,
) -> Submission:
    """Create or update the commune's dossier (tier = the period's set) while it is editable."""
    if not may_submit(scope, unit):
        raise RecognitionDenied(_("Chỉ cán bộ của xã mới lập được hồ sơ của xã."))
    with transaction.atomic():
        _period_open(period)
        tier = cset_of(period.criteria_set).tier
        if tier == "modern" and period.criteria_set.period_start < 2026:
            raise RecognitionError(_("Hạng xã nông thôn mới hiện đại chỉ thí điểm từ 2026."))
        submission, _created = Submission.objects.get_or_create(unit=unit, period=period, tier=tier)
        submission = _locked(submission)
        _expect(submission, State.DRAFT, State.RETURNED)
        submission.satisfaction_pct = satisfaction_pct
        submission.survey_note = survey_note
        submission.no_construction_debt = no_construction_debt
        submission.security_complicated = security_complicated
        fields = ["satisfaction_pct", "survey_note", "no_construction_debt", "security_complicated"]
        _move(user=user, submission=submission, verb="submission_draft", to=submission.state,
              fields=fields)  # fmt: skip
    return submission


def submission_submit(*, user: Any, scope: Scope, submission: Submission) -> Submission:
    if not may_submit(scope, submission.unit):
        raise RecognitionDenied(_("Chỉ cán bộ của xã mới gửi được hồ sơ của xã."))
    with transaction.atomic():
        submission = _locked(submission)
        _period_open(submission.period)
        _expect(submission, State.DRAFT)
        _require_conditions(submission, _("Chưa gửi được hồ sơ"))
        submission.round = 1
        _move(user=user, submission=submission, verb="submission_submit", to=State.SUBMITTED,
              fields=["round"])  # fmt: skip
        notify.notify(
            to=notify.reviewers(submission.unit), submission=submission,
            subject=_subject(_("Hồ sơ đề nghị công nhận cần thẩm tra"), submission),
            body=_("Xã đã gửi hồ sơ đề nghị công nhận; đề nghị thẩm tra các tiêu chí phụ trách."),
        )  # fmt: skip
    return submission


def submission_resubmit(*, user: Any, scope: Scope, submission: Submission) -> Submission:
    if not may_submit(scope, submission.unit):
        raise RecognitionDenied(_("Chỉ cán bộ của xã mới gửi lại được hồ sơ của xã."))
    with transaction.atomic():
        submission = _locked(submission)
        _period_open(submission.period)
        _expect(submission, State.RETURNED)
        _require_conditions(submission, _("Chưa gửi lại được hồ sơ"))
        returned = set(pending_criteria(submission=submission))
        submission.round += 1
        _move(user=user, submission=submission, verb="submission_resubmit",
              to=State.UNDER_REVIEW, fields=["round"])  # fmt: skip
        notify.notify(
            to=notify.reviewers(submission.unit, returned), submission=submission,
            subject=_subject(_("Hồ sơ đã được bổ sung, cần thẩm tra lại"), submission),
            body=_("Xã đã bổ sung hồ sơ; đề nghị thẩm tra lại các tiêu chí đã trả lại."),
        )  # fmt: skip
    return submission


# --- reviewers -------------------------------------------------------------------------------


def _require_reviewer(scope: Scope, submission: Submission, criterion: int) -> None:
    if not may_review(scope, submission.unit, criterion):
        raise RecognitionDenied(
            _("Bạn không phụ trách thẩm tra tiêu chí %(n)d của xã này.") % {"n": criterion}
        )


def _review(
    *, user: Any, scope: Scope, submission: Submission, criterion: int, decision: str, comment: str
) -> Submission:
    _require_reviewer(scope, submission, criterion)
    submission = _locked(submission)
    _expect(submission, *REVIEW_STATES)
    evaluation = submission_evaluation(submission=submission)
    numbers = evaluation.cset.criterion_numbers
    if criterion not in numbers:
        raise RecognitionError(_("Bộ tiêu chí không có tiêu chí %(n)d.") % {"n": criterion})
    live = evaluation.unit_result(0)["criteria"][str(criterion)]
    if decision == Decision.CONFIRMED and live != "met":
        raise RecognitionError(
            _("Tiêu chí %(n)d chưa đạt theo số liệu hiện tại: không xác nhận được.")
            % {"n": criterion}
        )
    previous = latest_reviews(submission=submission).get(criterion)
    CriterionReview.objects.create(
        submission=submission, criterion=criterion, decision=decision, comment=comment,
        round=submission.round, by=user if getattr(user, "pk", None) else None,
        by_name=getattr(user, "username", "") or "",
    )  # fmt: skip
    _audit(user=user, submission=submission, kind="review", target=str(criterion),
           old=previous.decision if previous else "",
           new=f"{decision}: {comment}" if comment else decision)  # fmt: skip
    if submission.state == State.SUBMITTED:
        _move(user=user, submission=submission, verb="submission_review",
              to=State.UNDER_REVIEW, fields=[])  # fmt: skip
    return submission


def criterion_confirm(
    *, user: Any, scope: Scope, submission: Submission, criterion: int, comment: str = ""
) -> Submission:
    with transaction.atomic():
        submission = _review(user=user, scope=scope, submission=submission, criterion=criterion,
                             decision=Decision.CONFIRMED, comment=comment)  # fmt: skip
        if not pending_criteria(submission=submission):
            _move(user=user, submission=submission, verb="criterion_confirm",
                  to=State.CONFIRMED, fields=[])  # fmt: skip
            notify.notify(
                to=notify.offices(submission.unit), submission=submission,
                subject=_subject(_("Hồ sơ đã thẩm tra đủ tiêu chí, cần thẩm định"), submission),
                body=_("Tất cả tiêu chí đã được xác nhận; đề nghị Văn phòng điều phối thẩm định."),
            )  # fmt: skip
    return submission


def criterion_return(
    *, user: Any, scope: Scope, submission: Submission, criterion: int, comment: str
) -> Submission:
    comment = (comment or "").strip()
    _require_reviewer(scope, submission, criterion)
    if not comment:
        raise RecognitionError(_("Cần ghi ý kiến khi trả lại một tiêu chí."))
    with transaction.atomic():
        submission = _review(user=user, scope=scope, submission=submission, criterion=criterion,
                             decision=Decision.RETURNED, comment=comment)  # fmt: skip
        _move(user=user, submission=submission, verb="criterion_return", to=State.RETURNED,
              fields=[])  # fmt: skip
        notify.notify(
            to=notify.commune_officers(submission.unit), submission=submission,
            subject=_subject(_("Hồ sơ bị trả lại để bổ sung"), submission),
            body=_("Tiêu chí %(n)d bị trả lại: %(comment)s") % {"n": criterion, "comment": comment},
        )  # fmt: skip
    return submission


# --- the provincial office -------------------------------------------------------------------


def _office(scope: Scope, submission: Submission) -> None:
    if not may_appraise(scope, submission.unit):
        raise RecognitionDenied(_("Chỉ Văn phòng điều phối của tỉnh mới thực hiện được bước này."))


def submission_appraise(
    *, user: Any, scope: Scope, submission: Submission, note: str = ""
) -> Submission:
    _office(scope, submission)
    with transaction.atomic():
        submission = _locked(submission)
        _expect(submission, State.CONFIRMED)
        _require_conditions(submission, _("Chưa thẩm định đạt được"))
        submission.appraisal_note = note
        _move(user=user, submission=submission, verb="submission_appraise",
              to=State.APPRAISED, fields=["appraisal_note"])  # fmt: skip
        notify.notify(
            to=notify.offices(submission.unit), submission=submission,
            subject=_subject(_("Hồ sơ đã thẩm định, chờ quyết định công nhận"), submission),
            body=_("Hồ sơ đã thẩm định đạt; đề nghị trình Chủ tịch UBND tỉnh quyết định."),
        )  # fmt: skip
    return submission


def _decision_fields(number: str, signer: str) -> None:
    if not number.strip() or not signer.strip():
        raise RecognitionError(_("Cần ghi số quyết định và người ký."))


def recognition_decide(
    *, user: Any, scope: Scope, submission: Submission, number: str, date: datetime.date,
    signer: str, text: str = "",
) -> RecognitionDecision:  # fmt: skip
    _office(scope, submission)
    _decision_fields(number, signer)
    with transaction.atomic():
        submission = _locked(submission)
        _expect(submission, State.APPRAISED)
        decision = RecognitionDecision.objects.create(
            submission=submission, number=number.strip(), date=date, tier=submission.tier,
            signer=signer.strip(), text=text, recorded_by=user,
        )  # fmt: skip
        _move(user=user, submission=submission, verb="recognition_decide",
              to=State.RECOGNISED, fields=[])  # fmt: skip
        notify.notify(
            to=notify.commune_officers(submission.unit), submission=submission,
            subject=_subject(_("Xã đã được công nhận"), submission),
            body=_("Quyết định số %(number)s ngày %(date)s.")
            % {"number": decision.number, "date": date.strftime("%d/%m/%Y")},
        )  # fmt: skip
    return decision


def revocation_flag_review(*, user: Any, scope: Scope, period: Period) -> list[Submission]:
    """Judge the recognised communes of ``period``'s province on its data as it is now; flag
    those the revocation rules reach (or may reach: REVIEW). Communes with no data in the
    period are not judged: no data is not evidence of decline."""
    if not any(area.holds_period(period) for area in scope.offices):
        raise RecognitionDenied(_("Chỉ Văn phòng điều phối của tỉnh mới rà soát được."))
    with transaction.atomic():
        recognised = list(
            Submission.objects.select_for_update().filter(
                state=State.RECOGNISED, unit__regime=period.regime,
                unit__province_code=period.province_code,
            ).select_related("unit", "period")
        )  # fmt: skip
        with_data = set(
            IndicatorValue.objects.filter(
                assessment__period=period, value__isnull=False
            ).values_list("assessment__unit_id", flat=True)
        ) | set(
            CriterionStatus.objects.filter(assessment__period=period).values_list(
                "assessment__unit_id", flat=True
            )
        )
        recognised = [s for s in recognised if s.unit_id in with_data]
        if not recognised:
            return []
        evaluation = period_evaluation(period=period, units=[s.unit for s in recognised])
        cset = evaluation.cset
        key = key_criteria_for(cset)
        codes = revocation_flags(evaluation.criterion_status, cset.criterion_numbers,
                                 key.numbers, np.ones(len(recognised), dtype=bool))  # fmt: skip
        flagged = []
        for row, submission in enumerate(recognised):
            code = int(codes[row])
            text = revocation_explain(evaluation.criterion_status[row], cset.criterion_numbers,
                                      key.numbers, names=key.names).text  # fmt: skip
            old = submission.review_flag
            submission.review_flag, submission.review_note = code, text
            submission.review_period = period
            submission.flagged_at = timezone.now() if code != KEEP else None
            submission.save(update_fields=["review_flag", "review_note", "review_period",
                                           "flagged_at", "updated_at"])  # fmt: skip
            if old != code:
                _audit(user=user, submission=submission, kind="workflow",
                       target="revocation_flag", old="" if old is None else str(old),
                       new=f"{code}: {text}")  # fmt: skip
            if code != KEEP:
                flagged.append(submission)
        for submission in flagged:
            notify.notify(
                to=notify.offices(submission.unit), submission=submission,
                subject=_subject(_("Xã cần xem xét thu hồi công nhận"), submission),
                body=submission.review_note,
            )  # fmt: skip
    return flagged


def revocation_decide(
    *, user: Any, scope: Scope, submission: Submission, number: str, date: datetime.date,
    signer: str, reason: str,
) -> RevocationDecision:  # fmt: skip
    _office(scope, submission)
    _decision_fields(number, signer)
    if not reason.strip():
        raise RecognitionError(_("Cần ghi lý do thu hồi."))
    with transaction.atomic():
        submission = _locked(submission)
        _expect(submission, State.RECOGNISED)
        decision = RevocationDecision.objects.create(
            submission=submission, number=number.strip(), date=date, signer=signer.strip(),
            reason=reason.strip(), recorded_by=user,
        )  # fmt: skip
        _move(user=user, submission=submission, verb="revocation_decide", to=State.REVOKED,
              fields=[])  # fmt: skip
        notify.notify(
            to=notify.commune_officers(submission.unit), submission=submission,
            subject=_subject(_("Quyết định công nhận của xã bị thu hồi"), submission),
            body=_("Quyết định thu hồi số %(number)s: %(reason)s")
            % {"number": decision.number, "reason": decision.reason},
        )  # fmt: skip
    return decision
