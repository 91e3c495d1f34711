"""Reads: the live recognition check of a dossier, criteria review status, queues, history."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from ntm.domain.evaluation import Evaluation
from ntm.domain.recognition import RecognitionCheck, recognition_check_for
from ntm.web.accounts.scope import Scope
from ntm.web.assessments.models import Evidence, Period
from ntm.web.assessments.selectors import CriterionRow, commune_sheet, cset_of, unit_evaluation
from ntm.web.audit.models import AuditEntry
from ntm.web.recognition.models import (
    CriterionReview,
    Decision,
    SatisfactionLevel,
    State,
    Submission,
)
from ntm.web.recognition.permissions import may_appraise, reviewable_criteria
from ntm.web.units.models import Unit

REVIEW_STATES = (State.SUBMITTED, State.UNDER_REVIEW)


def satisfaction_level(*, submission: Submission) -> SatisfactionLevel | None:
    """The level the commune's province requires for the dossier's tier (with its basis)."""
    unit = submission.unit
    return SatisfactionLevel.objects.filter(
        regime=unit.regime, province_code=unit.province_code, tier=submission.tier
    ).first()


def required_satisfaction(*, submission: Submission) -> float | None:
    level = satisfaction_level(submission=submission)
    return level.required_pct if level else None


def submission_evaluation(*, submission: Submission) -> Evaluation:
    """The commune judged live on the period's set, with the sets its tier also requires
    (judged in the province's period of the same year that uses them, when there is one)."""
    period, unit = submission.period, submission.unit
    evaluation = unit_evaluation(period=period, unit=unit)
    for code in evaluation.cset.tier_rule.requires:
        other = Period.objects.filter(
            regime=period.regime, province_code=period.province_code, year=period.year,
            criteria_set__code=code,
        ).select_related("criteria_set").first()  # fmt: skip
        if other is not None:
            evaluation.required[code] = unit_evaluation(period=other, unit=unit)
    return evaluation


def submission_check(
    *, submission: Submission, evaluation: Evaluation | None = None
) -> RecognitionCheck:
    """Decision 18/2022's four conditions on the data as it is now."""
    evaluation = evaluation or submission_evaluation(submission=submission)
    return recognition_check_for(
        evaluation,
        0,
        no_construction_debt=submission.no_construction_debt,
        satisfaction_pct=submission.satisfaction_pct,
        required_satisfaction_pct=required_satisfaction(submission=submission),
        security_complicated=submission.security_complicated,
    )


@dataclass
class CriterionLine:
    """One criterion of the reviewer's workspace: the live status, the commune's indicators
    (values, thresholds, statuses, comments), its evidence files and the latest review."""

    number: int
    name: str
    live: str  # met | not_met | unknown, from the engine now
    review: CriterionReview | None  # the latest word on it
    may_review: bool
    sheet: CriterionRow | None = None
    evidence: list[Evidence] = field(default_factory=list)
    decided: bool = False

    @property
    def confirmed(self) -> bool:
        return self.review is not None and self.review.decision == Decision.CONFIRMED


def latest_reviews(*, submission: Submission) -> dict[int, CriterionReview]:
    latest: dict[int, CriterionReview] = {}
    for review in submission.reviews.order_by("criterion", "-at", "-id"):
        latest.setdefault(review.criterion, review)
    return latest


def _evidence_by_criterion(
    submission: Submission, numbers: dict[str, int]
) -> dict[int, list[Evidence]]:
    """Evidence files of the dossier's commune and period, by the criterion of their indicator
    (a file given for no indicator, or an unknown one, is listed under no criterion)."""
    out: dict[int, list[Evidence]] = {}
    files = Evidence.objects.filter(
        assessment__unit=submission.unit, assessment__period=submission.period
    ).order_by("indicator", "uploaded_at")
    for evidence in files:
        number = numbers.get(evidence.indicator.strip())
        if number is not None:
            out.setdefault(number, []).append(evidence)
    return out


def criterion_lines(
    *, submission: Submission, scope: Scope, evaluation: Evaluation | None = None
) -> list[CriterionLine]:
    evaluation = evaluation or submission_evaluation(submission=submission)
    result = evaluation.unit_result(0)["criteria"]
    latest = latest_reviews(submission=submission)
    cset = evaluation.cset
    mine = reviewable_criteria(scope, submission.unit, cset.criterion_numbers)
    open_ = submission.state in REVIEW_STATES
    sheet = {row.number: row for row in commune_sheet(
        period=submission.period, unit=submission.unit, evaluation=evaluation)}  # fmt: skip
    owner = {ind.code: c.number for c in cset.criteria for ind in c.indicators}
    evidence = _evidence_by_criterion(submission, owner) if submission.pk else {}
    return [
        CriterionLine(c.number, c.name, result[str(c.number)], latest.get(c.number),
                      open_ and c.number in mine, sheet.get(c.number),
                      evidence.get(c.number, []), _decided(latest.get(c.number), submission))
        for c in cset.criteria
    ]  # fmt: skip


def _decided(review: CriterionReview | None, submission: Submission) -> bool:
    """A word counts if it confirms, or if it was given in this round (a criterion returned
    in an earlier round waits for a new word on the commune's new data)."""
    if review is None:
        return False
    return review.decision == Decision.CONFIRMED or review.round == submission.round


def undecided_criteria(*, submission: Submission) -> list[int]:
    """Criteria still waiting for a reviewer's word in this round."""
    latest = latest_reviews(submission=submission)
    numbers = cset_of(submission.period.criteria_set).criterion_numbers
    return [n for n in numbers if not _decided(latest.get(n), submission)]


def returned_criteria(*, submission: Submission) -> dict[int, CriterionReview]:
    """Criteria marked "cần bổ sung" in this round, with that word (its comment)."""
    return {
        n: r
        for n, r in latest_reviews(submission=submission).items()
        if r.decision == Decision.RETURNED and r.round == submission.round
    }


def pending_criteria(*, submission: Submission) -> list[int]:
    """Criteria not yet confirmed (never reviewed, or last returned)."""
    latest = latest_reviews(submission=submission)
    numbers = cset_of(submission.period.criteria_set).criterion_numbers
    return [n for n in numbers if n not in latest or latest[n].decision != Decision.CONFIRMED]


def scoped_submissions(*, scope: Scope) -> QuerySet[Submission]:
    """Dossiers of the communes this user may read."""
    rows = Submission.objects.select_related("unit", "period__criteria_set")
    if scope.read_all:
        return rows
    return rows.filter(unit__in=Unit.objects.filter(scope.units_q()))


def reviewer_queue(*, scope: Scope) -> list[tuple[Submission, list[int]]]:
    """Dossiers in review with the criteria this user may still confirm or return (for those
    who only watch, every criterion still pending)."""
    out = []
    rows = scoped_submissions(scope=scope).filter(state__in=REVIEW_STATES)
    for s in rows.order_by("updated_at", "id"):
        pending = undecided_criteria(submission=s)
        mine = sorted(reviewable_criteria(scope, s.unit, pending)) if scope.reviews else pending
        if mine:
            out.append((s, mine))
    return out


def office_list(*, scope: Scope) -> list[Submission]:
    """Dossiers waiting for the provincial office: confirmed (to appraise), appraised (to
    decide)."""
    rows = scoped_submissions(scope=scope).filter(state__in=[State.CONFIRMED, State.APPRAISED])
    return [s for s in rows if scope.read_all or may_appraise(scope, s.unit)]


def revocation_list(*, scope: Scope) -> list[Submission]:
    rows = scoped_submissions(scope=scope).filter(
        Q(state=State.RECOGNISED, flagged_at__isnull=False) | Q(state=State.REVOKED)
    )
    return [s for s in rows if scope.read_all or may_appraise(scope, s.unit)]


def submission_history(*, submission: Submission) -> QuerySet[AuditEntry]:
    unit = submission.unit
    return AuditEntry.objects.filter(
        regime=unit.regime, unit_code=unit.code, period_id_ref=submission.period_id,
        kind__in=["workflow", "review"],
    ).order_by("at", "id")  # fmt: skip
