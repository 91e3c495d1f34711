"""Each role's home page lists what waits for it: the returned dossier for the commune officer,
the dossier to review for its reviewer, the one to appraise for the office, and a period whose
entry closes soon for those who enter or manage it."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.utils import timezone

from ntm.web.recognition import services as sv
from ntm.web.recognition.models import PeriodSchedule, State, Submission


def _todo(client: Any, world: Any, who: str) -> str:
    client.force_login(world.users[who])
    page = client.get("/").content.decode()
    return page.split('<section id="todo">', 1)[1].split("</section>", 1)[0]


def test_the_commune_officer_sees_the_returned_dossier_with_its_criteria(
    ready: Any, flow: Any, client: Any
) -> None:
    s = sv.submission_submit(**flow.as_("officer_a"), submission=ready.submission)
    assert "Xã A (2026) chờ thẩm tra tiêu chí 2." in _todo(client, ready, "reviewer")
    assert "Xã A" not in _todo(client, ready, "officer_a")
    s = sv.criterion_confirm(**flow.as_("reviewer_13"), submission=s, criterion=1)
    s = sv.criterion_return(**flow.as_("reviewer_13"), submission=s, criterion=3,
                            comment="Thiếu ảnh")  # fmt: skip
    s = sv.criterion_confirm(**flow.as_("reviewer"), submission=s, criterion=2)
    assert s.state == State.RETURNED
    todo = _todo(client, ready, "officer_a")
    assert "Hồ sơ Xã A (2026) bị trả lại: cần bổ sung tiêu chí 3." in todo
    assert f"/cong-nhan/ky/{s.period_id}/xa/{s.unit_id}/" in todo
    assert "Không có việc nào đang chờ bạn." in _todo(client, ready, "reviewer")


def test_the_office_sees_the_dossiers_to_appraise_and_to_decide(ready: Any, client: Any) -> None:
    Submission.objects.filter(pk=ready.submission.pk).update(state=State.CONFIRMED, round=1)
    assert "Hồ sơ Xã A (2026) chờ thẩm định." in _todo(client, ready, "office")
    Submission.objects.filter(pk=ready.submission.pk).update(state=State.APPRAISED)
    assert "chờ quyết định công nhận" in _todo(client, ready, "office")
    assert "Xã A" not in _todo(client, ready, "office_92")


def test_a_period_closing_soon_is_announced_to_those_who_enter_or_manage_it(
    cast: Any, client: Any
) -> None:
    closes = timezone.localdate() + datetime.timedelta(days=7)
    PeriodSchedule.objects.create(period=cast.period, closes_on=closes)
    line = f"hết hạn nhập số liệu ngày {closes.strftime('%d/%m/%Y')}"
    for who in ("officer_a", "officer_b", "office"):
        assert line in _todo(client, cast, who), who
    for who in ("reviewer", "office_92", "outsider"):
        assert line not in _todo(client, cast, who), who
    assert re.search(r"Kỳ đánh giá Tỉnh Thử Nghiệm 2026", _todo(client, cast, "office"))
