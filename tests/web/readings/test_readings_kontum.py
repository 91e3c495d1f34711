"""Issue #15.1 on the web, on the demonstration's Kon Tum: the province's own report (seed 004)
uploaded by its office, its figures beside ntm's row by row; the same after a commune's status
changes in ntm (the differences named in words); and a report written from ntm's data, every
row «khớp». ntm's side is computed here from the fixture files the demonstration loads."""

from __future__ import annotations

import os

import pytest
from django.contrib.auth.models import User
from readings_support import SEED, KontumYear, funds, half_up, upload

from ntm.web.assessments.models import Assessment, CriterionStatus, Period
from ntm.web.audit.models import AuditEntry
from ntm.web.demo import demo_load
from ntm.web.readings.comparison import State
from ntm.web.readings.models import ProvinceReport
from ntm.web.readings.selectors import report_comparison
from ntm.web.registries.selectors import ocop_counts

KON_TUM = "old:62"


@pytest.fixture
def demo(db: None) -> Period:
    assert demo_load(say=lambda _text: None)
    return Period.objects.get(regime="old", province_code="62", year=2020)


def _office(client):
    client.force_login(User.objects.get(username="kontum"))
    return client


def _rows(report: ProvinceReport) -> dict[str, tuple[float, float | None, str]]:
    view = report_comparison(report=report)
    assert view.comparison is not None, view.problem
    return {r.label: (r.stated, r.ntm, r.verdict) for r in view.comparison.rows}


def _upload_seed(client, text: str | None = None):
    content = (text if text is not None else SEED.read_text(encoding="utf-8")).encode()
    answer = upload(_office(client), {"province": KON_TUM, "year": ""}, "bao-cao-75.txt", content)
    assert answer.status_code == 302, answer.content.decode()[:3000]
    return ProvinceReport.objects.get()


def test_kon_tums_report_is_read_and_set_beside_ntm_row_by_row(client, demo):
    report = _upload_seed(client)
    assert report.year == 2020  # named by the text ("Đến tháng 12-2020")
    y2020, y2015 = KontumYear.read(2020), KontumYear.read(2015)
    rows = _rows(report)
    assert rows["Tổng số xã"][:2] == (85, y2020.communes)
    assert rows["Xã đạt chuẩn nông thôn mới"][:2] == (28, y2020.recognised)
    moved = y2020.recognised - y2015.recognised
    assert rows["Xã đạt chuẩn tăng (+) / giảm (−) so với năm 2015"][:2] == (19, moved)
    for label, stated, (low, high) in [
        ("19", 28, (19, 19)),
        ("15-18", 9, (15, 18)),
        ("10-14", 46, (10, 14)),
        ("8-9", 2, (8, 9)),
        ("dưới 5", 0, (0, 4)),
    ]:
        assert rows[f"Xã đạt {label} tiêu chí"][:2] == (stated, y2020.band(low, high))
    assert rows["Bình quân tiêu chí/xã"][:2] == (14.8, half_up(y2020.avg, 1))
    change = half_up(y2020.avg, 1) - half_up(y2015.avg, 1)
    row = rows["Bình quân tiêu chí/xã tăng (+) / giảm (−) so với năm 2015"]
    assert row[0] == 5.8 and row[1] == pytest.approx(change)
    assert rows["Tiêu chí số 2: số xã đạt (báo cáo ghi 57/85)"][:2] == (57, y2020.criterion(2))
    for n in range(1, 20):
        (row,) = [v for k, v in rows.items() if k.startswith(f"Tiêu chí số {n}:")]
        assert row[1] == y2020.criterion(n)
    money = funds()
    assert rows["Tổng nguồn vốn 2016–2020"][:2] == (1847.561, half_up(sum(money.values()), 3))
    state = money["central_budget"] + money["local_budget"] + money["carried_over"]
    assert rows["Nguồn vốn: Ngân sách Nhà nước hỗ trợ trực tiếp"][1] == half_up(state, 3)
    assert rows["— trong đó: Vốn ngân sách Trung ương"][1] == money["central_budget"]
    assert rows["Nguồn vốn: dự án khác"][1] == money["integrated_programs"]
    assert rows["Nguồn vốn: vốn huy động từ người dân và cộng đồng"][1] == money["community"]
    # The province's own report agrees with the data it was made from: every row «khớp».
    assert {verdict for _s, _n, verdict in rows.values()} == {"khớp"}
    page = client.get(f"/bao-cao-tinh/{report.pk}/").content.decode()
    assert page.count('class="cmp-same"') == len(rows) and "cmp-differs" not in page
    assert "44/86 xã, trong khi tổng số xã là 85" in page  # the text's own arithmetic slip
    assert "Số xã nêu trong câu khớp với tổng số xã" in page and "SAI" in page


def test_a_status_changed_in_ntm_shows_as_differences_in_words(client, demo):
    report = _upload_seed(client)
    y2020 = KontumYear.read(2020)
    code = next(c for c, met in y2020.met.items() if all(v == 1 for v in met.values()))
    y2020.met[code][5] = 0  # the same change in the expected side as in ntm below
    assessment = Assessment.objects.get(period=demo, unit__code=code)
    CriterionStatus.objects.filter(assessment=assessment, criterion=5).update(status=0)
    rows = _rows(report)
    assert rows["Xã đạt chuẩn nông thôn mới"] == (28, y2020.recognised, "lệch +1 xã")
    assert rows["Xã đạt 19 tiêu chí"] == (28, y2020.band(19, 19), "lệch +1 xã")
    assert rows["Xã đạt 15-18 tiêu chí"] == (9, y2020.band(15, 18), "lệch -1 xã")
    five = rows["Tiêu chí số 5: số xã đạt (báo cáo ghi 50/85)"]
    assert five == (50, y2020.criterion(5), "lệch +1 xã")
    assert rows["Tổng số xã"][2] == "khớp"
    answer = client.get(f"/bao-cao-tinh/{report.pk}/")
    page = answer.content.decode()
    # recognised, its change since 2015, the bands 19 and 15-18, criterion 5
    assert page.count('class="cmp-differs"') == 5
    assert "lệch +1 xã" in page and "lệch -1 xã" in page
    listing = client.get("/bao-cao-tinh/").content.decode()
    assert f'data-report="{report.pk}"' in listing
    assert '<td class="num differing">5</td>' in listing
    assert '<td class="num failed">2</td>' in listing


def _report_from_ntm(y: KontumYear, money: dict[str, float], ocop: int) -> str:
    """A report an office could write from ntm's figures (the test's own arithmetic)."""
    total = sum(money.values())
    lines = [
        f"Toàn tỉnh có {y.communes} xã.",
        f"Đến tháng 12-2020, toàn tỉnh có {y.recognised} xã đạt chuẩn nông thôn mới; có "
        f"{y.band(15, 18)} xã đạt từ 15 đến 18 tiêu chí, {y.band(10, 14)} xã đạt từ 10-14 tiêu "
        f"chí, {y.band(5, 9)} xã đạt từ 5-9 tiêu chí.",
        f"Bình quân đạt {half_up(y.avg, 1):.1f} tiêu chí trên xã.".replace(".", ",", 1),
        f"- Tiêu chí số 2 về giao thông: Có {y.criterion(2)}/{y.communes} xã đạt chuẩn.",
        f"Tổng nguồn vốn huy động giai đoạn 2016 - 2020 là {_vn(total)} tỷ đồng, trong đó: "
        f"vốn tín dụng {_vn(money['credit'])} tỷ đồng; vốn doanh nghiệp "
        f"{_vn(money['enterprises'])} tỷ đồng.",
        f"Toàn tỉnh có {ocop} sản phẩm OCOP đạt 3 sao trở lên.",
    ]
    return "\n".join(lines)


def _vn(x: float) -> str:
    whole, frac = f"{x:.3f}".split(".")
    return f"{int(whole):,}".replace(",", ".") + "," + frac


def test_a_report_written_from_ntms_figures_is_khop_on_every_row(client, demo):
    y2020 = KontumYear.read(2020)
    stars = ocop_counts(province_code="62", year=2020, regime="old").at_least(3)
    report = _upload_seed(client, _report_from_ntm(y2020, funds(), stars))
    rows = report_comparison(report=report).comparison.rows  # type: ignore[union-attr]
    kinds = {r.kind for r in rows}
    assert {"communes", "recognised", "band", "average", "criterion", "funds"} <= kinds
    assert "fund_source" in kinds and "ocop" in kinds
    assert [(r.label, r.state) for r in rows if r.state != State.SAME] == []
    page = client.get(f"/bao-cao-tinh/{report.pk}/").content.decode()
    assert page.count(">khớp<") == len(rows)


def test_the_upload_and_the_delete_are_in_the_audit_and_the_file_goes(client, demo):
    report = _upload_seed(client)
    path = report.file.path
    entry = AuditEntry.objects.get(kind="report", target=f"bc-{report.pk}")
    assert entry.username == "kontum" and entry.unit_code == "62" and entry.year == 2020
    assert entry.new == "Tải lên báo cáo năm 2020: bao-cao-75.txt"
    download = client.get(f"/bao-cao-tinh/{report.pk}/tep/")
    assert b"".join(download.streaming_content) == SEED.read_bytes()
    assert "bao-cao-75.txt" in download["Content-Disposition"]
    ask = client.post(f"/bao-cao-tinh/{report.pk}/xoa/")
    assert ask.status_code == 200 and "Xóa hẳn" in ask.content.decode()
    assert ProvinceReport.objects.filter(pk=report.pk).exists()
    gone = client.post(f"/bao-cao-tinh/{report.pk}/xoa/", {"confirm": "1"})
    assert gone.status_code == 302 and not ProvinceReport.objects.exists()
    entries = AuditEntry.objects.filter(kind="report").order_by("id")
    assert [e.new for e in entries] == [
        "Tải lên báo cáo năm 2020: bao-cao-75.txt",
        "Xóa báo cáo năm 2020: bao-cao-75.txt",
    ]
    assert not os.path.exists(path)
    assert client.get(f"/bao-cao-tinh/{report.pk}/xoa/").status_code == 405
