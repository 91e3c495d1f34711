"""Each verb refuses whoever is not its actor, before anything is written; a closed or locked
period takes no dossier and no value from the commune."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from ntm.web.assessments.models import PeriodState
from ntm.web.assessments.services import assessment_get_or_create, assessment_save
from ntm.web.audit.models import AuditEntry
from ntm.web.recognition import services as sv
from ntm.web.recognition.models import State, Submission

DAY = datetime.date(2026, 12, 1)
NOT_THE_COMMUNE = ["officer_b", "reviewer", "office", "central", "admin", "outsider"]


def _at(submission: Submission, state: str) -> Submission:
    Submission.objects.filter(pk=submission.pk).update(state=state, round=1)
    submission.refresh_from_db()
    return submission


def _workflow_entries() -> int:
    return AuditEntry.objects.filter(kind__in=["workflow", "review"]).count()


@pytest.mark.parametrize("who", NOT_THE_COMMUNE)
def test_only_the_communes_officer_submits(ready: Any, flow: Any, who: str) -> None:
    before = _workflow_entries()
    with pytest.raises(sv.RecognitionDenied, match="Chỉ cán bộ của xã"):
        sv.submission_submit(**flow.as_(who), submission=ready.submission)
    with pytest.raises(sv.RecognitionDenied, match="Chỉ cán bộ của xã"):
        sv.submission_resubmit(**flow.as_(who), submission=_at(ready.submission, State.RETURNED))
    with pytest.raises(sv.RecognitionDenied, match="Chỉ cán bộ của xã"):
        sv.submission_draft_save(**flow.as_(who), unit=ready.xa_a, period=ready.period,
                                 satisfaction_pct=99, survey_note="", no_construction_debt=True,
                                 security_complicated=False)  # fmt: skip
    assert _workflow_entries() == before


@pytest.mark.parametrize(
    ("who", "criterion"),
    [("reviewer", 1), ("reviewer", 3), ("reviewer_13", 2), ("officer_a", 2), ("office", 2),
     ("central", 2), ("admin", 2), ("outsider", 2)],
)  # fmt: skip
def test_a_reviewer_confirms_or_returns_only_the_criteria_in_their_scope(
    ready: Any, flow: Any, who: str, criterion: int
) -> None:
    s = _at(ready.submission, State.SUBMITTED)
    with pytest.raises(
        sv.RecognitionDenied, match=f"không phụ trách thẩm tra tiêu chí {criterion}"
    ):
        sv.criterion_confirm(**flow.as_(who), submission=s, criterion=criterion)
    with pytest.raises(
        sv.RecognitionDenied, match=f"không phụ trách thẩm tra tiêu chí {criterion}"
    ):
        sv.criterion_return(**flow.as_(who), submission=s, criterion=criterion, comment="Sai")
    assert not s.reviews.exists()


def test_a_reviewer_of_another_province_reviews_nothing_here(ready: Any, flow: Any) -> None:
    from ntm.web.accounts.models import Role, RoleAssignment

    RoleAssignment.objects.create(user=ready.users["outsider"], role=Role.REVIEWER,
                                  regime="new", province_code="92")  # fmt: skip
    s = _at(ready.submission, State.SUBMITTED)
    with pytest.raises(sv.RecognitionDenied):
        sv.criterion_confirm(**flow.as_("outsider"), submission=s, criterion=1)


@pytest.mark.parametrize("who", ["officer_a", "reviewer", "reviewer_13", "office_92", "central",
                                 "admin", "outsider"])  # fmt: skip
def test_only_the_provincial_office_appraises_decides_and_revokes(
    ready: Any, flow: Any, who: str
) -> None:
    s = ready.submission
    message = "Chỉ Văn phòng điều phối của tỉnh"
    with pytest.raises(sv.RecognitionDenied, match=message):
        sv.submission_appraise(**flow.as_(who), submission=_at(s, State.CONFIRMED))
    with pytest.raises(sv.RecognitionDenied, match=message):
        sv.recognition_decide(**flow.as_(who), submission=_at(s, State.APPRAISED), number="1",
                              date=DAY, signer="Chủ tịch")  # fmt: skip
    with pytest.raises(sv.RecognitionDenied, match=message):
        sv.revocation_decide(**flow.as_(who), submission=_at(s, State.RECOGNISED), number="2",
                             date=DAY, signer="Chủ tịch", reason="Không còn đạt")  # fmt: skip
    with pytest.raises(sv.RecognitionDenied, match=message):
        sv.revocation_flag_review(**flow.as_(who), period=ready.period)
    assert Submission.objects.get(pk=s.pk).state == State.RECOGNISED
    assert not AuditEntry.objects.filter(target__startswith="revocation").exists()


@pytest.mark.parametrize("state", [PeriodState.CLOSED, PeriodState.LOCKED])
def test_a_closed_or_locked_period_takes_no_dossier(ready: Any, flow: Any, state: str) -> None:
    ready.period.state = state
    ready.period.save(update_fields=["state"])
    ready.submission.period = ready.period
    with pytest.raises(sv.RecognitionError, match="đã đóng hoặc đã khóa: không nhận hồ sơ"):
        sv.submission_submit(**flow.as_("officer_a"), submission=ready.submission)
    with pytest.raises(sv.RecognitionError, match="đã đóng hoặc đã khóa"):
        flow.draft()
    returned = _at(ready.submission, State.RETURNED)
    returned.period = ready.period
    with pytest.raises(sv.RecognitionError, match="đã đóng hoặc đã khóa"):
        sv.submission_resubmit(**flow.as_("officer_a"), submission=returned)
    assert Submission.objects.get(pk=returned.pk).state == State.RETURNED


@pytest.mark.parametrize(
    ("state", "who", "allowed"),
    [(PeriodState.CLOSED, "officer_a", False), (PeriodState.CLOSED, "reviewer", False),
     (PeriodState.LOCKED, "officer_a", False), (PeriodState.LOCKED, "office", False),
     (PeriodState.LOCKED, "admin", False), (PeriodState.OPEN, "officer_a", True)],
)  # fmt: skip
def test_a_closed_period_refuses_the_communes_values_and_a_locked_one_everybodys(
    cast: Any, flow: Any, state: str, who: str, allowed: bool
) -> None:
    cast.period.state = state
    cast.period.save(update_fields=["state"])
    assessment = assessment_get_or_create(unit=cast.xa_a, period=cast.period)
    save = {"assessment": assessment, "version": 0, "values": {"2.1": 81.0}, "channel": "form"}
    if allowed:
        assert len(assessment_save(**flow.as_(who), **save)) == 1
    else:
        with pytest.raises(PermissionDenied):
            assessment_save(**flow.as_(who), **save)
        assert not assessment.values.exists()
