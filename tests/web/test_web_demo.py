"""``ntm serve --demo`` gives a complete demonstration: the provinces require a satisfaction level
(labelled as a demonstration value, not an official one) and the demo reviewers cover every
criterion, so a commune's dossier goes from submission to a confirmed review with the demo
logins alone."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User

from ntm.web.accounts.scope import scope_for
from ntm.web.assessments.models import Period
from ntm.web.assessments.selectors import cset_of
from ntm.web.assessments.services import assessment_get_or_create, assessment_save
from ntm.web.demo import demo_load
from ntm.web.recognition import services as sv
from ntm.web.recognition.models import SatisfactionLevel, State, Submission
from ntm.web.recognition.permissions import may_review
from ntm.web.units.models import Unit


def _as(name: str) -> dict[str, Any]:
    user = User.objects.get(username=name)
    return {"user": user, "scope": scope_for(user)}


def _reviewers_of(unit: Unit, criterion: int) -> list[str]:
    reviewers = User.objects.filter(roles__role="reviewer").distinct().order_by("pk")
    return [u.username for u in reviewers if may_review(scope_for(u), unit, criterion)]


def _dossier(unit: Unit, period: Period) -> Any:
    return sv.submission_draft_save(
        **_as("xa"), unit=unit, period=period, satisfaction_pct=92.5,
        survey_note="Phiếu khảo sát 320 hộ dân", no_construction_debt=True,
        security_complicated=False,
    )  # fmt: skip


def _review_everything(submission: Any, numbers: list[int]) -> Any:
    for n in numbers:
        (reviewer,) = _reviewers_of(submission.unit, n)
        submission = sv.criterion_confirm(**_as(reviewer), submission=submission, criterion=n)
    return submission


def test_the_demo_takes_a_dossier_from_submission_to_a_confirmed_review(db: None) -> None:
    said: list[str] = []
    assert demo_load(say=said.append)

    levels = SatisfactionLevel.objects.order_by("regime", "province_code")
    assert [(x.regime, x.province_code, x.tier, x.required_pct) for x in levels] == [
        ("new", "08", "standard", 80.0),
        ("old", "62", "standard", 80.0),
    ]
    for level in levels:
        assert "Mức minh họa, không phải mức chính thức" in level.basis
        assert "Quyết định 18/2022/QĐ-TTg" in level.basis

    # Tuyên Quang 2026: thamdinh answers for criteria 1 and 2, thamdinh2 for 3 to 10.
    tq = Period.objects.get(regime="new", province_code="08", year=2026)
    ngoc_duong = Unit.objects.get(regime="new", code="00700")
    numbers = cset_of(tq.criteria_set).criterion_numbers
    assert numbers == list(range(1, 11))
    assert [_reviewers_of(ngoc_duong, n) for n in numbers] == [["thamdinh"]] * 2 + [
        ["thamdinh2"]
    ] * 8
    every_met = {f"{n}.1": 95.0 for n in numbers} | {f"{n}.2": 1.0 for n in numbers}
    assessment = assessment_get_or_create(unit=ngoc_duong, period=tq)
    assessment_save(**_as("xa"), assessment=assessment, version=assessment.version,
                    values=every_met, channel="form")  # fmt: skip
    s = sv.submission_submit(**_as("xa"), submission=_dossier(ngoc_duong, tq))
    assert s.state == State.SUBMITTED
    assert _review_everything(s, numbers).state == State.CONFIRMED

    # Kon Tum 2020 (before 2025): Xã Đắk Cấm met all 19 criteria, so the demo already holds its
    # (demonstration) decision; thamdinhkt would review every criterion of a new dossier.
    kontum = Period.objects.get(regime="old", province_code="62", year=2020)
    dak_cam = Unit.objects.get(regime="old", code="23311")
    numbers = cset_of(kontum.criteria_set).criterion_numbers
    assert {r for n in numbers for r in _reviewers_of(dak_cam, n)} == {"thamdinhkt"}
    recognised = Submission.objects.get(unit=dak_cam, period=kontum)
    assert recognised.state == State.RECOGNISED
    assert recognised.decision.number.endswith("(minh họa)")

    logins = [line.split()[0] for line in said[said.index(next(
        line for line in said if line.startswith("Tài khoản minh họa"))) + 1:]]  # fmt: skip
    assert logins == ["xa", "thamdinh", "thamdinh2", "thamdinhkt", "tinh", "kontum",
                      "trunguong", "quantri"]  # fmt: skip
    assert any(
        line.startswith("Mức hài lòng yêu cầu của Kon Tum và Tuyên Quang: 80%.")
        and "Mức minh họa, không phải mức chính thức" in line
        for line in said
    )


def test_the_dossier_page_says_the_demo_level_is_not_the_official_one(
    db: None, client: Any
) -> None:
    assert demo_load(say=lambda _text: None)
    tq = Period.objects.get(regime="new", province_code="08", year=2026)
    ngoc_duong = Unit.objects.get(regime="new", code="00700")
    client.force_login(User.objects.get(username="xa"))
    page = client.get(f"/cong-nhan/ky/{tq.pk}/xa/{ngoc_duong.pk}/").content.decode()
    assert "Mức yêu cầu của tỉnh: 80% (Mức minh họa, không phải mức chính thức" in page


def test_the_demo_records_the_decisions_its_kon_tum_2020_data_implies(
    db: None, client: Any
) -> None:
    from ntm.web.recognition.models import RecognitionDecision

    said: list[str] = []
    assert demo_load(say=said.append)
    decisions = RecognitionDecision.objects.select_related("submission__unit", "submission__period")
    assert decisions.count() == 28
    assert {d.submission.period.year for d in decisions} == {2020}
    assert {d.submission.unit.province_code for d in decisions} == {"62"}
    assert all(d.number.endswith("(minh họa)") for d in decisions)
    assert any("28 xã Kon Tum" in line for line in said)
    assert client.get("/public/").status_code == 200
    listed = client.get("/public/xa-dat-chuan/").content.decode()
    for decision in decisions:
        assert decision.submission.unit.name in listed
    assert "01/QĐ-UBND (minh họa)" in listed
