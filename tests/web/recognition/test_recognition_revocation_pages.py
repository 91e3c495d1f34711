"""Later data flags recognised communes for review under Decision 18/2022's revocation rules;
the office then records the revocation."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail

from ntm.domain.criteria import criteria_set_from_data
from ntm.domain.recognition import KEEP, REVIEW, REVOKE_KEY, REVOKE_MAJORITY
from ntm.web.assessments.models import Period
from ntm.web.assessments.services import criteria_set_store
from ntm.web.audit.models import AuditEntry
from ntm.web.recognition import services as sv
from ntm.web.recognition.models import RecognitionDecision, State, Submission

NAMES = ["Quy hoạch", "Giao thông", "Thủy lợi", "Điện", "Trường học", "Văn hóa", "Thu nhập",
         "Môi trường và an toàn thực phẩm", "Y tế", "Quốc phòng và An ninh"]  # fmt: skip
# Ten yes/no criteria (test data): 7 income, 8 environment & food safety, 10 defence & security.
TEN = {
    "code": "xa-muoi-tieu-chi", "title": "Bộ mười tiêu chí (dữ liệu kiểm thử)",
    "basis": "Dữ liệu kiểm thử", "period": [2026, 2030], "level": "commune",
    "criteria": [
        {"number": n, "name": name, "indicators": [
            {"code": f"{n}.1", "name": name, "kind": "yes_no", "thresholds": {"all": True}}]}
        for n, name in enumerate(NAMES, start=1)
    ],
}  # fmt: skip


@pytest.fixture
def recognised(cast: Any) -> Any:
    """Xã A recognised in 2026 on the ten-criteria set; an open 2027 period for later data."""
    record = criteria_set_store(cset=criteria_set_from_data(TEN), data=TEN)
    periods = {
        year: Period.objects.create(
            regime="new",
            province_code="91",
            province_name="Tỉnh Thử Nghiệm",
            year=year,
            criteria_set=record,
        )
        for year in (2026, 2027)
    }
    s = Submission.objects.create(unit=cast.xa_a, period=periods[2026], tier="standard",
                                  state=State.RECOGNISED, round=1)  # fmt: skip
    RecognitionDecision.objects.create(
        submission=s, number="100/QĐ-UBND", tier="standard", date=datetime.date(2026, 12, 1),
        signer="Chủ tịch",
    )  # fmt: skip
    cast.later, cast.recognised = periods[2027], s
    return cast


def _later(world: Any, flow: Any, not_met: list[int], unknown: list[int] = ()) -> None:
    values = {f"{n}.1": (0.0 if n in not_met else 1.0) for n in range(1, 11) if n not in unknown}
    flow.put(world.xa_a, world.later, values)


@pytest.mark.parametrize(
    ("not_met", "unknown", "code"),
    [
        ([], [], KEEP),
        ([1, 2], [], KEEP),  # 20 %
        ([1, 2, 3, 4], [], KEEP),  # 40 %, no key criterion
        ([1, 2, 7], [], REVOKE_KEY),  # 30 % with income
        ([1, 2, 8], [], REVOKE_KEY),  # 30 % with environment & food safety
        ([1, 2, 3, 10], [], REVOKE_KEY),  # 40 % with defence & security
        ([1, 2, 3, 4, 5], [], REVOKE_MAJORITY),  # 50 % exactly
        ([1, 2, 3, 4, 5, 6, 9], [], REVOKE_MAJORITY),  # 70 %
        ([1, 2], [7], REVIEW),  # would be 30 % with income if 7 were not met
    ],
)
def test_later_data_flags_a_recognised_commune_by_the_revocation_rules(
    recognised: Any, flow: Any, django_capture_on_commit_callbacks: Any,
    not_met: list[int], unknown: list[int], code: int,
) -> None:  # fmt: skip
    _later(recognised, flow, not_met, unknown)
    with django_capture_on_commit_callbacks(execute=True):
        flagged = sv.revocation_flag_review(**flow.as_("office"), period=recognised.later)
    s = Submission.objects.get(pk=recognised.recognised.pk)
    assert s.review_flag == code
    assert s.state == State.RECOGNISED  # a flag asks for a decision, it is not one
    if code == KEEP:
        assert flagged == [] and s.flagged_at is None and mail.outbox == []
    else:
        assert [f.pk for f in flagged] == [s.pk] and s.flagged_at is not None
        assert mail.outbox[-1].to == ["office@example.vn"]
        assert mail.outbox[-1].body.startswith(s.review_note)
        entry = AuditEntry.objects.get(target="revocation_flag")
        assert entry.new.startswith(f"{code}: ")


def test_the_flag_says_why_in_vietnamese(recognised: Any, flow: Any) -> None:
    _later(recognised, flow, [1, 2, 8])
    sv.revocation_flag_review(**flow.as_("office"), period=recognised.later)
    s = Submission.objects.get(pk=recognised.recognised.pk)
    assert s.review_note == (
        "3/10 tiêu chí (30%) không còn đạt (tiêu chí 1, 2, 8), trong đó có tiêu chí 8 "
        "(Môi trường và an toàn thực phẩm): từ 30% đến dưới 50% và có tiêu chí trọng yếu, "
        "thu hồi quyết định công nhận."
    )


def test_a_commune_without_later_data_is_not_judged(recognised: Any, flow: Any) -> None:
    assert sv.revocation_flag_review(**flow.as_("office"), period=recognised.later) == []
    assert Submission.objects.get(pk=recognised.recognised.pk).review_flag is None


def test_data_put_right_clears_the_flag(recognised: Any, flow: Any) -> None:
    _later(recognised, flow, [1, 2, 3, 4, 5])
    sv.revocation_flag_review(**flow.as_("office"), period=recognised.later)
    _later(recognised, flow, [])
    assert sv.revocation_flag_review(**flow.as_("office"), period=recognised.later) == []
    s = Submission.objects.get(pk=recognised.recognised.pk)
    assert (s.review_flag, s.flagged_at) == (KEEP, None)
    assert AuditEntry.objects.filter(target="revocation_flag").count() == 2


def test_the_office_revokes_and_the_commune_leaves_the_public_list(
    recognised: Any, flow: Any, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    assert "Xã A" in client.get("/public/xa-dat-chuan/").content.decode()
    _later(recognised, flow, [1, 2, 3, 4, 5, 6])
    sv.revocation_flag_review(**flow.as_("office"), period=recognised.later)
    with django_capture_on_commit_callbacks(execute=True):
        decision = sv.revocation_decide(
            **flow.as_("office"), submission=recognised.recognised, number="200/QĐ-UBND",
            date=datetime.date(2027, 12, 1), signer="Chủ tịch UBND tỉnh",
            reason="6/10 tiêu chí không còn đạt",
        )  # fmt: skip
    s = Submission.objects.get(pk=recognised.recognised.pk)
    assert (s.state, decision.number) == (State.REVOKED, "200/QĐ-UBND")
    assert mail.outbox[-1].to == ["officer_a@example.vn"]
    assert AuditEntry.objects.get(target="revocation_decide").new == "revoked"
    assert "Xã A" not in client.get("/public/xa-dat-chuan/").content.decode()
    with pytest.raises(sv.RecognitionError, match="Đã thu hồi công nhận"):
        sv.revocation_decide(
            **flow.as_("office"), submission=s, number="201", date=datetime.date(2027, 12, 2),
            signer="Chủ tịch", reason="Lại",
        )  # fmt: skip
