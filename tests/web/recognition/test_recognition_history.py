"""The dossier's "steps taken" table speaks Vietnamese: each step named in words, a criterion's
review with the review's own labels, a return with its comment after "Cần bổ sung:"."""

from __future__ import annotations

import datetime
import html
import re
from typing import Any

from ntm.web.assessments.models import Period
from ntm.web.recognition import services as sv
from ntm.web.recognition.models import Submission


def _history(client: Any, world: Any, submission: Submission) -> list[list[str]]:
    client.force_login(world.users["office"])
    page = client.get(f"/cong-nhan/ho-so/{submission.pk}/").content.decode()
    table = page.split("Các bước đã thực hiện", 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]  # after the header
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in rows]
    return [[html.unescape(text).strip() for text in row[2:]] for row in cells]


def _recognise_then_revoke(world: Any, flow: Any) -> Submission:
    s = sv.submission_submit(**flow.as_("officer_a"), submission=world.submission)
    s = sv.criterion_confirm(**flow.as_("reviewer_13"), submission=s, criterion=1)
    s = sv.criterion_confirm(**flow.as_("reviewer_13"), submission=s, criterion=3)
    s = sv.criterion_return(**flow.as_("reviewer"), submission=s, criterion=2,
                            comment="Thiếu biên bản nghiệm thu cầu")  # fmt: skip
    s = sv.submission_resubmit(**flow.as_("officer_a"), submission=s)
    s = sv.criterion_confirm(**flow.as_("reviewer"), submission=s, criterion=2,
                             comment="Đã có biên bản")  # fmt: skip
    s = sv.submission_appraise(**flow.as_("office"), submission=s, note="Đủ điều kiện")
    sv.recognition_decide(**flow.as_("office"), submission=s, number="1234/QĐ-UBND",
                          date=datetime.date(2026, 12, 20),
                          signer="Chủ tịch UBND tỉnh")  # fmt: skip
    later = Period.objects.create(regime="new", province_code="91", year=2027,
                                  province_name="Tỉnh Thử Nghiệm",
                                  criteria_set=world.set_record)  # fmt: skip
    flow.put(world.xa_a, later, {"1.1": 1.0, "2.1": 60.0, "2.2": 2.0, "3.1": 30.0})
    sv.revocation_flag_review(**flow.as_("office"), period=later)
    sv.revocation_decide(**flow.as_("office"), submission=s, number="77/QĐ-UBND",
                         date=datetime.date(2027, 12, 1), signer="Chủ tịch UBND tỉnh",
                         reason="Hai tiêu chí không còn đạt")  # fmt: skip
    return Submission.objects.get(pk=s.pk)


def test_the_history_names_every_step_in_vietnamese(ready: Any, flow: Any, client: Any) -> None:
    submission = _recognise_then_revoke(ready, flow)
    flag = submission.review_note
    assert flag.startswith("2/3 tiêu chí")
    assert _history(client, ready, submission) == [
        ["Lưu hồ sơ nháp", "Bản nháp", "Bản nháp"],
        ["Gửi hồ sơ", "Bản nháp", "Đã gửi hồ sơ"],
        ["Xác nhận tiêu chí 1", "", "Xác nhận đạt"],
        ["Bắt đầu thẩm tra", "Đã gửi hồ sơ", "Đang thẩm tra"],
        ["Xác nhận tiêu chí 3", "", "Xác nhận đạt"],
        ["Cần bổ sung tiêu chí 2", "", "Cần bổ sung: Thiếu biên bản nghiệm thu cầu"],
        ["Trả lại hồ sơ để bổ sung", "Đang thẩm tra", "Trả lại để bổ sung"],
        ["Gửi lại hồ sơ", "Trả lại để bổ sung", "Đang thẩm tra"],
        ["Xác nhận tiêu chí 2", "Cần bổ sung", "Xác nhận đạt: Đã có biên bản"],
        ["Thẩm tra đủ tiêu chí", "Đang thẩm tra", "Đã thẩm tra đủ tiêu chí"],
        ["Thẩm định", "Đã thẩm tra đủ tiêu chí", "Đã thẩm định"],
        ["Quyết định công nhận", "Đã thẩm định", "Đã công nhận"],
        ["Rà soát thu hồi", "", flag],
        ["Thu hồi công nhận", "Đã công nhận", "Đã thu hồi công nhận"],
    ]


def test_no_internal_name_reaches_the_commune_page(ready: Any, flow: Any, client: Any) -> None:
    submission = _recognise_then_revoke(ready, flow)
    client.force_login(ready.users["officer_a"])
    page = client.get(
        f"/cong-nhan/ky/{submission.period_id}/xa/{submission.unit_id}/"
    ).content.decode()
    assert "Cần bổ sung: Thiếu biên bản nghiệm thu cầu" in page
    for internal in ("submission_", "criterion_", "recognition_decide", "revocation_",
                     "confirmed", "returned"):  # fmt: skip
        assert internal not in page, internal
