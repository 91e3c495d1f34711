"""The recognition pages: the commune's dossier, a reviewer's queue and HTMX review, the office's
appraisal and decision forms, the revocation list; a Vietnamese 403 for anyone else."""

from __future__ import annotations

from typing import Any

import pytest

from ntm.web.recognition import services as sv
from ntm.web.recognition.models import State, Submission


def _page(client: Any, world: Any, who: str, url: str) -> Any:
    client.force_login(world.users[who])
    return client.get(url)


def test_the_commune_page_shows_the_conditions_and_submits(
    cast: Any, flow: Any, client: Any
) -> None:
    flow.put(cast.xa_a, cast.period, flow.ALL_MET)
    url = f"/cong-nhan/ky/{cast.period.pk}/xa/{cast.xa_a.pk}/"
    page = _page(client, cast, "officer_a", url).content.decode()
    assert "Chưa lập hồ sơ." in page and "Đạt đủ 3/3 tiêu chí" in page
    assert "Mức yêu cầu của tỉnh: 90%" in page
    form = {"satisfaction_pct": "92,5", "survey_note": "Phiếu khảo sát", "action": "submit",
            "no_construction_debt": "true", "security_complicated": "false"}  # fmt: skip
    response = client.post(url + "gui/", form)
    assert response.status_code == 302
    s = Submission.objects.get(unit=cast.xa_a)
    assert (s.state, s.satisfaction_pct, s.no_construction_debt) == (State.SUBMITTED, 92.5, True)
    page = client.get(url).content.decode()
    assert "Đã gửi hồ sơ" in page and "<td>Gửi hồ sơ</td>" in page


def test_a_refused_submission_comes_back_as_a_message_and_keeps_the_draft(
    cast: Any, client: Any
) -> None:
    url = f"/cong-nhan/ky/{cast.period.pk}/xa/{cast.xa_a.pk}/"
    client.force_login(cast.users["officer_a"])
    form = {"satisfaction_pct": "95", "action": "submit", "no_construction_debt": "true",
            "security_complicated": "false"}  # fmt: skip
    page = client.post(url + "gui/", form, follow=True).content.decode()
    assert "Chưa gửi được hồ sơ" in page and "3 tiêu chí chưa xác định: 1, 2, 3" in page
    assert Submission.objects.get(unit=cast.xa_a).state == State.DRAFT


def test_a_bad_percentage_is_shown_beside_its_field(cast: Any, client: Any) -> None:
    client.force_login(cast.users["officer_a"])
    url = f"/cong-nhan/ky/{cast.period.pk}/xa/{cast.xa_a.pk}/gui/"
    response = client.post(url, {"satisfaction_pct": "120", "action": "save"})
    assert response.status_code == 400
    assert "Tỷ lệ phải từ 0 đến 100." in response.content.decode()
    assert not Submission.objects.exists()


def test_the_reviewer_sees_their_queue_and_returns_a_criterion_through_htmx(
    ready: Any, flow: Any, client: Any
) -> None:
    s = sv.submission_submit(**flow.as_("officer_a"), submission=ready.submission)
    page = _page(client, ready, "reviewer", "/cong-nhan/hang-cho/").content.decode()
    assert "Xã A" in page and "<td>2</td>" in page
    url = f"/cong-nhan/ho-so/{s.pk}/tieu-chi/2/"
    response = client.post(url, {"decision": "returned", "comment": "Thiếu hồ sơ cầu"},
                           HTTP_HX_REQUEST="true")  # fmt: skip
    body = response.content.decode()
    assert response.status_code == 200 and body.startswith('<div id="criteria">')
    assert "Cần bổ sung" in body and "Thiếu hồ sơ cầu" in body
    # Criteria 1 and 3 still wait for their reviewer: the dossier stays in review.
    assert Submission.objects.get(pk=s.pk).state == State.UNDER_REVIEW
    assert "Không có hồ sơ nào chờ thẩm tra." in client.get("/cong-nhan/hang-cho/").content.decode()


def test_the_dossier_goes_back_once_when_every_criterion_is_decided(
    ready: Any, flow: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core import mail

    s = sv.submission_submit(**flow.as_("officer_a"), submission=ready.submission)
    with django_capture_on_commit_callbacks(execute=True):
        s = sv.criterion_return(**flow.as_("reviewer"), submission=s, criterion=2,
                                comment="Thiếu hồ sơ cầu")  # fmt: skip
        s = sv.criterion_confirm(**flow.as_("reviewer_13"), submission=s, criterion=1)
    assert s.state == State.UNDER_REVIEW
    assert not any("trả lại" in m.subject for m in mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        s = sv.criterion_return(**flow.as_("reviewer_13"), submission=s, criterion=3,
                                comment="Thiếu ảnh hiện trạng")  # fmt: skip
    assert s.state == State.RETURNED
    returned = [m for m in mail.outbox if "trả lại" in m.subject]
    assert len(returned) == 1 and returned[0].to == ["officer_a@example.vn"]
    assert "Tiêu chí 2: Thiếu hồ sơ cầu" in returned[0].body
    assert "Tiêu chí 3: Thiếu ảnh hiện trạng" in returned[0].body


def test_the_reviewer_decides_every_criterion_in_one_form(
    ready: Any, flow: Any, client: Any
) -> None:
    s = sv.submission_submit(**flow.as_("officer_a"), submission=ready.submission)
    client.force_login(ready.users["admin"])
    page = client.get(f"/cong-nhan/ho-so/{s.pk}/").content.decode()
    assert 'id="tc-2"' in page and "<td>2.1</td>" in page and "<td>75</td>" in page
    client.force_login(ready.users["reviewer_13"])
    form = {"decision-1": "confirmed", "decision-3": "returned", "comment-3": "Thiếu ảnh"}
    response = client.post(f"/cong-nhan/ho-so/{s.pk}/tham-tra/", form, follow=True)
    assert response.status_code == 200
    latest = {r.criterion: r.decision for r in s.reviews.all()}
    assert latest == {1: "confirmed", 3: "returned"}
    bad = client.post(f"/cong-nhan/ho-so/{s.pk}/tham-tra/", {"decision-1": "returned"},
                      follow=True)  # fmt: skip
    assert "Cần ghi ý kiến cho tiêu chí 1" in bad.content.decode()
    assert s.reviews.count() == 2


def test_the_office_appraises_and_records_the_decision_through_its_forms(
    ready: Any, client: Any
) -> None:
    s = ready.submission
    Submission.objects.filter(pk=s.pk).update(state=State.CONFIRMED, round=1)
    page = _page(client, ready, "office", "/cong-nhan/van-phong/").content.decode()
    assert "Xã A" in page and "Đã thẩm tra đủ tiêu chí" in page
    client.post(f"/cong-nhan/ho-so/{s.pk}/tham-dinh/", {"note": "Đạt"})
    assert Submission.objects.get(pk=s.pk).state == State.APPRAISED
    bad = client.post(f"/cong-nhan/ho-so/{s.pk}/quyet-dinh/", {"number": "5", "date": "31/02/2026"})
    assert bad.status_code == 400
    form = {"number": "55/QĐ-UBND", "date": "15/12/2026", "signer": "Chủ tịch UBND tỉnh"}
    page = client.post(f"/cong-nhan/ho-so/{s.pk}/quyet-dinh/", form, follow=True).content.decode()
    assert "Quyết định công nhận số 55/QĐ-UBND ngày 15/12/2026" in page
    assert Submission.objects.get(pk=s.pk).state == State.RECOGNISED


def test_the_office_runs_the_revocation_review_from_its_page(ready: Any, client: Any) -> None:
    Submission.objects.filter(pk=ready.submission.pk).update(state=State.RECOGNISED)
    page = _page(client, ready, "office", "/cong-nhan/thu-hoi/").content.decode()
    assert "Rà soát theo số liệu Tỉnh Thử Nghiệm năm 2026" in page
    page = client.post(f"/cong-nhan/ky/{ready.period.pk}/ra-soat-thu-hoi/", follow=True)
    assert "Đã rà soát: 0 xã cần xem xét thu hồi." in page.content.decode()


@pytest.mark.parametrize(
    ("who", "url"),
    [("officer_a", "/cong-nhan/hang-cho/"), ("outsider", "/cong-nhan/van-phong/"),
     ("reviewer", "/cong-nhan/thu-hoi/"), ("officer_b", "/cong-nhan/ho-so/{s}/")],
)  # fmt: skip
def test_anyone_else_gets_a_403_in_vietnamese(ready: Any, client: Any, who: str, url: str) -> None:
    response = _page(client, ready, who, url.format(s=ready.submission.pk))
    assert response.status_code == 403
    assert "Bạn không có quyền xem hoặc thay đổi dữ liệu này" in response.content.decode()


def test_each_waiting_dossier_shows_and_exports_its_step_deadline(
    ready: Any, flow: Any, client: Any, settings: Any
) -> None:
    import datetime
    import io

    from django.utils import timezone
    from openpyxl import load_workbook

    settings.NTM_RECOGNITION_STEP_DAYS = 10
    s = sv.submission_submit(**flow.as_("officer_a"), submission=ready.submission)
    due = timezone.localdate() + datetime.timedelta(days=10)
    assert s.step_due == due
    page = _page(client, ready, "reviewer", "/cong-nhan/hang-cho/").content.decode()
    assert due.strftime("%d/%m/%Y") in page
    export = client.get("/cong-nhan/hang-cho/?export=xlsx")
    rows = list(load_workbook(io.BytesIO(export.content)).active.values)
    assert rows[2][6:8] == ("Hạn xử lý", "Số ngày còn lại")
    assert rows[3][1] == "Xã A" and rows[3][6].date() == due and rows[3][7] == 10
