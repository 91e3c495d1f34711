"""The recognition workflow: one function per verb (Decision 18/2022/QĐ-TTg).

Each verb takes keyword arguments only, checks permission first, locks the dossier, checks the
state it starts from, raises its own error with a Vietnamese message, writes an audit entry per
change and e-mails the next actor on commit — all in one ``transaction.atomic``.

    draft ─submit→ submitted ─(first review)→ under_review ─(all confirmed)→ confirmed
    submitted/under_review ─(every criterion decided, one or more "cần bổ sung")→ returned
    returned ─resubmit→ under_review

The reviewers' verbs live in ``review``, the shared helpers in ``steps``; both are re-exported
here so that callers keep one entry point.
    confirmed ─appraise→ appraised ─decide→ recognised ─(flag review, decide)→ revoked
"""

from __future__ import annotations

import datetime
from typing import Any

import numpy as np
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ntm.domain.recognition import KEEP, key_criteria_for, revocation_explain, revocation_flags
from ntm.web.accounts.scope import Scope
from ntm.web.assessments.models import (
    CriterionStatus,
    IndicatorValue,
    Period,
)
from ntm.web.assessments.selectors import cset_of, period_evaluation
from ntm.web.recognition import notify
from ntm.web.recognition.models import (
    RecognitionDecision,
    RevocationDecision,
    State,
    Submission,
)
from ntm.web.recognition.permissions import may_appraise, may_submit
from ntm.web.recognition.review import (  # noqa: F401 (re-exported: one entry point)
    ReviewChoice,
    criteria_review,
    criterion_confirm,
    criterion_return,
)
from ntm.web.recognition.selectors import pending_criteria
from ntm.web.recognition.steps import (
    RecognitionDenied,
    RecognitionError,
    audit,
    expect,
    locked,
    move,
    period_open,
    require_conditions,
    subject,
)
from ntm.web.units.models import Unit

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
        period_open(period)
        tier = cset_of(period.criteria_set).tier
        if tier == "modern" and period.criteria_set.period_start < 2026:
            raise RecognitionError(_("Hạng xã nông thôn mới hiện đại chỉ thí điểm từ 2026."))
        submission, _created = Submission.objects.get_or_create(unit=unit, period=period, tier=tier)
        submission = locked(submission)
        expect(submission, State.DRAFT, State.RETURNED)
        submission.satisfaction_pct = satisfaction_pct
        submission.survey_note = survey_note
        submission.no_construction_debt = no_construction_debt
        submission.security_complicated = security_complicated
        fields = ["satisfaction_pct", "survey_note", "no_construction_debt", "security_complicated"]
        move(user=user, submission=submission, verb="submission_draft", to=submission.state,
              fields=fields)  # fmt: skip
    return submission


def submission_submit(*, user: Any, scope: Scope, submission: Submission) -> Submission:
    if not may_submit(scope, submission.unit):
        raise RecognitionDenied(_("Chỉ cán bộ của xã mới gửi được hồ sơ của xã."))
    with transaction.atomic():
        submission = locked(submission)
        period_open(submission.period)
        expect(submission, State.DRAFT)
        require_conditions(submission, _("Chưa gửi được hồ sơ"))
        submission.round = 1
        move(user=user, submission=submission, verb="submission_submit", to=State.SUBMITTED,
              fields=["round"])  # fmt: skip
        notify.notify(
            to=notify.reviewers(submission.unit), submission=submission,
            subject=subject(_("Hồ sơ đề nghị công nhận cần thẩm tra"), submission),
            body=_("Xã đã gửi hồ sơ đề nghị công nhận; đề nghị thẩm tra các tiêu chí phụ trách."),
        )  # fmt: skip
    return submission


def submission_resubmit(*, user: Any, scope: Scope, submission: Submission) -> Submission:
    if not may_submit(scope, submission.unit):
        raise RecognitionDenied(_("Chỉ cán bộ của xã mới gửi lại được hồ sơ của xã."))
    with transaction.atomic():
        submission = locked(submission)
        period_open(submission.period)
        expect(submission, State.RETURNED)
        require_conditions(submission, _("Chưa gửi lại được hồ sơ"))
        returned = set(pending_criteria(submission=submission))
        submission.round += 1
        move(user=user, submission=submission, verb="submission_resubmit",
              to=State.UNDER_REVIEW, fields=["round"])  # fmt: skip
        notify.notify(
            to=notify.reviewers(submission.unit, returned), submission=submission,
            subject=subject(_("Hồ sơ đã được bổ sung, cần thẩm tra lại"), submission),
            body=_("Xã đã bổ sung hồ sơ; đề nghị thẩm tra lại các tiêu chí đã trả lại."),
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
        submission = locked(submission)
        expect(submission, State.CONFIRMED)
        require_conditions(submission, _("Chưa thẩm định đạt được"))
        submission.appraisal_note = note
        move(user=user, submission=submission, verb="submission_appraise",
              to=State.APPRAISED, fields=["appraisal_note"])  # fmt: skip
        notify.notify(
            to=notify.offices(submission.unit), submission=submission,
            subject=subject(_("Hồ sơ đã thẩm định, chờ quyết định công nhận"), submission),
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
        submission = locked(submission)
        expect(submission, State.APPRAISED)
        decision = RecognitionDecision.objects.create(
            submission=submission, number=number.strip(), date=date, tier=submission.tier,
            signer=signer.strip(), text=text, recorded_by=user,
        )  # fmt: skip
        move(user=user, submission=submission, verb="recognition_decide",
              to=State.RECOGNISED, fields=[])  # fmt: skip
        notify.notify(
            to=notify.commune_officers(submission.unit), submission=submission,
            subject=subject(_("Xã đã được công nhận"), submission),
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
                audit(user=user, submission=submission, kind="workflow",
                       target="revocation_flag", old="" if old is None else str(old),
                       new=f"{code}: {text}")  # fmt: skip
            if code != KEEP:
                flagged.append(submission)
        for submission in flagged:
            notify.notify(
                to=notify.offices(submission.unit), submission=submission,
                subject=subject(_("Xã cần xem xét thu hồi công nhận"), submission),
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
        submission = locked(submission)
        expect(submission, State.RECOGNISED)
        decision = RevocationDecision.objects.create(
            submission=submission, number=number.strip(), date=date, signer=signer.strip(),
            reason=reason.strip(), recorded_by=user,
        )  # fmt: skip
        move(user=user, submission=submission, verb="revocation_decide", to=State.REVOKED,
              fields=[])  # fmt: skip
        notify.notify(
            to=notify.commune_officers(submission.unit), submission=submission,
            subject=subject(_("Quyết định công nhận của xã bị thu hồi"), submission),
            body=_("Quyết định thu hồi số %(number)s: %(reason)s")
            % {"number": decision.number, "reason": decision.reason},
        )  # fmt: skip
    return decision
