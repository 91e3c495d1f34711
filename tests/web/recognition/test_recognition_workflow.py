"""The whole recognition workflow through its verbs, with its audit trail and e-mails."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail

from ntm.web.audit.models import AuditEntry
from ntm.web.recognition import services as sv
from ntm.web.recognition.models import CriterionReview, RecognitionDecision, State, Submission


def _steps(world: Any) -> list[tuple[str, str, str, str]]:
    entries = AuditEntry.objects.filter(unit_code=world.xa_a.code, kind__in=["workflow", "review"])
    return [(e.kind, e.target, e.old, e.new) for e in entries.order_by("at", "id")]


def test_a_commune_goes_from_its_dossier_to_the_public_list(
    ready: Any, flow: Any, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    w, s = ready, ready.submission
    with django_capture_on_commit_callbacks(execute=True):
        s = sv.submission_submit(**flow.as_("officer_a"), submission=s)
    assert s.state == State.SUBMITTED and s.round == 1
    assert mail.outbox[-1].to == ["reviewer@example.vn", "reviewer_13@example.vn"]

    s = sv.criterion_confirm(**flow.as_("reviewer_13"), submission=s, criterion=1)
    s = sv.criterion_confirm(**flow.as_("reviewer_13"), submission=s, criterion=3)
    assert s.state == State.UNDER_REVIEW
    with django_capture_on_commit_callbacks(execute=True):
        s = sv.criterion_return(**flow.as_("reviewer"), submission=s, criterion=2,
                                comment="Thiếu biên bản nghiệm thu cầu")  # fmt: skip
    assert s.state == State.RETURNED
    assert mail.outbox[-1].to == ["officer_a@example.vn"]
    assert "Thiếu biên bản nghiệm thu cầu" in mail.outbox[-1].body

    flow.put(w.xa_a, w.period, {"2.2": 3.0})
    draft_again = sv.submission_draft_save(
        **flow.as_("officer_a"), unit=w.xa_a, period=w.period, satisfaction_pct=96.5,
        survey_note="Bổ sung biên bản", no_construction_debt=True, security_complicated=False,
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        s = sv.submission_resubmit(**flow.as_("officer_a"), submission=draft_again)
    assert (s.state, s.round) == (State.UNDER_REVIEW, 2)
    assert mail.outbox[-1].to == ["reviewer@example.vn"]  # only the one who covers criterion 2

    with django_capture_on_commit_callbacks(execute=True):
        s = sv.criterion_confirm(**flow.as_("reviewer"), submission=s, criterion=2)
    assert s.state == State.CONFIRMED
    assert mail.outbox[-1].to == ["office@example.vn"]

    with django_capture_on_commit_callbacks(execute=True):
        s = sv.submission_appraise(**flow.as_("office"), submission=s, note="Đủ điều kiện")
    assert s.state == State.APPRAISED
    assert "chờ quyết định công nhận" in mail.outbox[-1].subject
    with django_capture_on_commit_callbacks(execute=True):
        decision = sv.recognition_decide(
            **flow.as_("office"), submission=s, number="1234/QĐ-UBND",
            date=datetime.date(2026, 12, 20), signer="Chủ tịch UBND tỉnh",
        )  # fmt: skip
    assert Submission.objects.get(pk=s.pk).state == State.RECOGNISED
    assert (decision.tier, decision.number) == ("standard", "1234/QĐ-UBND")
    assert mail.outbox[-1].to == ["officer_a@example.vn"]
    assert "1234/QĐ-UBND" in mail.outbox[-1].body and "20/12/2026" in mail.outbox[-1].body
    assert len(mail.outbox) == 6

    assert _steps(w) == [
        ("workflow", "submission_draft", "draft", "draft"),
        ("workflow", "submission_submit", "draft", "submitted"),
        ("review", "1", "", "confirmed"),
        ("workflow", "submission_review", "submitted", "under_review"),
        ("review", "3", "", "confirmed"),
        ("review", "2", "", "returned: Thiếu biên bản nghiệm thu cầu"),
        ("workflow", "criterion_return", "under_review", "returned"),
        ("workflow", "submission_draft", "returned", "returned"),
        ("workflow", "submission_resubmit", "returned", "under_review"),
        ("review", "2", "returned", "confirmed"),
        ("workflow", "criterion_confirm", "under_review", "confirmed"),
        ("workflow", "submission_appraise", "confirmed", "appraised"),
        ("workflow", "recognition_decide", "appraised", "recognised"),
    ]
    entry = AuditEntry.objects.get(target="recognition_decide")
    assert (entry.username, entry.unit_name, entry.year) == ("office", "Xã A", 2026)
    reviews = CriterionReview.objects.filter(submission=s).order_by("at", "id")
    assert [(r.criterion, r.decision, r.round, r.by_name) for r in reviews] == [
        (1, "confirmed", 1, "reviewer_13"), (3, "confirmed", 1, "reviewer_13"),
        (2, "returned", 1, "reviewer"), (2, "confirmed", 2, "reviewer"),
    ]  # fmt: skip

    page = client.get("/public/xa-dat-chuan/").content.decode()
    assert "Xã A" in page and "Số 1234/QĐ-UBND ngày 20/12/2026" in page
    assert "Xã B" not in page


def test_a_dossier_whose_criterion_is_not_met_is_refused(ready: Any, flow: Any) -> None:
    flow.put(ready.xa_a, ready.period, {"2.1": 60.0, "3.1": 30.0})
    with pytest.raises(sv.RecognitionError) as refused:
        sv.submission_submit(**flow.as_("officer_a"), submission=ready.submission)
    assert "Chưa gửi được hồ sơ" in str(refused.value)
    assert "2 tiêu chí chưa đạt: 2, 3" in str(refused.value)
    assert Submission.objects.get(pk=ready.submission.pk).state == State.DRAFT
    assert not AuditEntry.objects.filter(target="submission_submit").exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"satisfaction": 89.9}, "Tỷ lệ người dân hài lòng 89,9%, chưa đạt mức yêu cầu 90%"),
        ({"satisfaction": None}, "Chưa có kết quả lấy ý kiến sự hài lòng của người dân"),
        ({"no_construction_debt": False}, "Còn nợ đọng xây dựng cơ bản"),
        ({"security_complicated": True}, "Xã có tình hình an ninh, trật tự phức tạp"),
        ({"security_complicated": None}, "Chưa có đánh giá về tình hình an ninh, trật tự"),
    ],
)
def test_a_dossier_short_of_a_condition_is_refused_with_its_reason(
    cast: Any, flow: Any, overrides: dict[str, Any], reason: str
) -> None:
    flow.put(cast.xa_a, cast.period, flow.ALL_MET)
    submission = flow.draft(**overrides)
    with pytest.raises(sv.RecognitionError, match=reason):
        sv.submission_submit(**flow.as_("officer_a"), submission=submission)


def test_without_a_required_satisfaction_level_nothing_can_be_submitted(
    ready: Any, flow: Any
) -> None:
    from ntm.web.recognition.models import SatisfactionLevel

    SatisfactionLevel.objects.all().delete()
    with pytest.raises(sv.RecognitionError, match="chưa có mức yêu cầu"):
        sv.submission_submit(**flow.as_("officer_a"), submission=ready.submission)


def test_a_criterion_that_is_not_met_cannot_be_confirmed(ready: Any, flow: Any) -> None:
    s = sv.submission_submit(**flow.as_("officer_a"), submission=ready.submission)
    flow.put(ready.xa_a, ready.period, {"2.1": 10.0})
    with pytest.raises(sv.RecognitionError, match="Tiêu chí 2 chưa đạt theo số liệu hiện tại"):
        sv.criterion_confirm(**flow.as_("reviewer"), submission=s, criterion=2)


def test_a_return_needs_a_comment(ready: Any, flow: Any) -> None:
    s = sv.submission_submit(**flow.as_("officer_a"), submission=ready.submission)
    with pytest.raises(sv.RecognitionError, match="Cần ghi ý kiến"):
        sv.criterion_return(**flow.as_("reviewer"), submission=s, criterion=2, comment="  ")


def test_a_step_out_of_order_is_refused_and_names_the_state(ready: Any, flow: Any) -> None:
    with pytest.raises(sv.RecognitionError, match="“Bản nháp”"):
        sv.submission_appraise(**flow.as_("office"), submission=ready.submission)
    with pytest.raises(sv.RecognitionError, match="“Bản nháp”"):
        sv.criterion_confirm(**flow.as_("reviewer"), submission=ready.submission, criterion=2)


def test_a_decision_needs_its_number_and_signer(ready: Any, flow: Any) -> None:
    s = ready.submission
    Submission.objects.filter(pk=s.pk).update(state=State.APPRAISED)
    with pytest.raises(sv.RecognitionError, match="Cần ghi số quyết định"):
        sv.recognition_decide(**flow.as_("office"), submission=s, number=" ",
                              date=datetime.date(2026, 12, 1), signer="Chủ tịch")  # fmt: skip
    assert not RecognitionDecision.objects.exists()
