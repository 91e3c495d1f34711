"""Issue #12.3 and #12.4 on Kon Tum (the demonstration data): plan targets of seed 004 section
IV and of Resolution 257/2025/QH15 entered through the office's page show their progress status;
the report downloaded from the web carries the office's settings and a narrative field that
follows the data."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from docx import Document

from ntm.domain.progress import STATUS_GROUP_VI
from ntm.web.assessments.models import CriterionStatus, Period
from ntm.web.demo import demo_load
from ntm.web.plans.models import NarrativeRevision
from ntm.web.public.models import PlanTarget

# (form fields, the goal as the page writes it). Seed 004 IV: by 2025 at least 60 communes
# recognised, 4 districts complete, criterion 2 in every commune (85), 25–26 communes advanced,
# 8–9 model, poverty ≤ 10 %. Resolution 257/2025: 65 % of communes by 2030, income 2,5–3 × 2020;
# "3–5 communes" as model communes of a district plan.
NQ01, NQ257 = "Nghị quyết 01-NQ/TU", "Nghị quyết 257/2025/QH15"
TARGETS = [
    ({"measure": "communes_recognised", "value": "60", "year": "2025"}, "≥ 60"),
    ({"measure": "districts_complete", "value": "4", "year": "2025"}, "≥ 4"),
    ({"measure": "communes_meeting_criterion", "parameter": "2", "value": "85", "year": "2025"},
     "≥ 85"),
    ({"measure": "communes_recognised_advanced", "value": "25", "value_high": "26",
      "year": "2025"}, "25–26"),
    ({"measure": "communes_recognised_model", "value": "3", "value_high": "5", "year": "2025"},
     "3–5"),
    ({"measure": "indicator", "parameter": "poverty_pct", "value": "10", "year": "2025"}, "≤ 10"),
    ({"measure": "fund_total", "value": "2.000", "year": "2020", "baseline_value": "0"},
     "≥ 2.000"),
    ({"measure": "communes_recognised_share", "value": "65", "year": "2030", "plan": NQ257},
     "≥ 65"),
    ({"measure": "indicator", "parameter": "income_million", "value": "2,5", "value_high": "3",
      "relative": "on", "year": "2030", "baseline_year": "2020", "plan": NQ257},
     "2,5–3 lần năm gốc"),
]  # fmt: skip


@pytest.fixture
def demo(db: None) -> Period:
    assert demo_load(say=lambda _text: None)
    return Period.objects.get(regime="old", province_code="62", year=2020)


def _office(client):
    client.force_login(User.objects.get(username="kontum"))
    return client


def _rows(html: str) -> list[str]:
    table = html.split('<table id="targets">', 1)[1].split("</table>", 1)[0]
    return table.split("<tr")[2:]


def test_targets_of_seed_004_and_resolution_257_entered_on_the_page_show_their_status(client, demo):
    PlanTarget.objects.filter(province_code="62").delete()
    office = _office(client)
    for fields, _goal in TARGETS:
        data = {"baseline_year": "2015", "plan": NQ01, **fields}
        answer = office.post(f"/ky/{demo.pk}/chi-tieu-ke-hoach/", data)
        assert answer.status_code == 302, answer.content.decode()[:3000]
    rows = _rows(office.get(f"/ky/{demo.pk}/chi-tieu-ke-hoach/").content.decode())
    assert len(rows) == len(TARGETS)
    by_measure = {row.split('"')[1] + row.split('"')[3]: row for row in rows}
    labels = set(STATUS_GROUP_VI.values())
    for fields, goal in TARGETS:
        row = by_measure[fields["measure"] + fields.get("parameter", "")]
        assert f"<td>{goal} (" in row, row
        assert any(f"<strong>{label}</strong>" in row for label in labels), row
    # The demonstration's latest year is 2025 (Kon Tum in its old communes, illustrative):
    # 9 communes in 2015 and 32 in 2025 fall short of 60 in the target year itself.
    assert "<td>32 (2025)</td>" in by_measure["communes_recognised"]
    assert "<strong>Không đạt mục tiêu</strong>" in by_measure["communes_recognised"]
    # 32 of 85 communes is 37,6 %; from 10,6 % in 2015 that is 13,5 %/year against the
    # 12,9 %/year 65 % by 2030 needs: on track.
    share = by_measure["communes_recognised_share"]
    assert "<td>37,6 (2025)</td>" in share and "<strong>Đúng tiến độ</strong>" in share
    # Poverty 33,89 % (2015) → 14,35 % (2020, the latest year entered; households-weighted):
    # −15,8 %/year against the −11,5 %/year a ceiling of 10 % by 2025 needs: on track.
    poverty = by_measure["indicatorpoverty_pct"]
    assert "Tỷ lệ hộ nghèo" in poverty and "<td>14,35 (2020)</td>" in poverty
    assert "<strong>Đúng tiến độ</strong>" in poverty
    # The funds of 2016-2020 (Phụ lục 02) add up to 1.847,561 billion VND, short of 2.000.
    funds = by_measure["fund_total"]
    assert "<td>1.847,561 (2025)</td>" in funds and "<strong>Không đạt mục tiêu</strong>" in funds
    # No advanced-tier period and no income entered: said, never shown as zero.
    assert "<strong>Không tính được</strong>" in by_measure["communes_recognised_advanced"]
    assert "<strong>Không tính được</strong>" in by_measure["indicatorincome_million"]


def test_a_bad_target_is_refused_in_vietnamese_and_nothing_is_stored(client, demo):
    before = PlanTarget.objects.count()
    answer = _office(client).post(
        f"/ky/{demo.pk}/chi-tieu-ke-hoach/",
        {"measure": "communes_meeting_criterion", "parameter": "hai", "value": "3,5,1",
         "value_high": "", "year": "2010", "baseline_year": "2015"},
    )  # fmt: skip
    page = answer.content.decode()
    assert answer.status_code == 400
    assert "Tham số phải là một số nguyên" in page
    assert "Năm mục tiêu phải sau năm gốc" in page
    assert PlanTarget.objects.count() == before


def _docx_text(client, period: Period) -> str:
    answer = client.get(f"/tong-hop/bao-cao/?period={period.pk}&format=docx")
    assert answer.status_code == 200
    content = b"".join(answer.streaming_content) if answer.streaming else answer.content
    document = Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([*(p.text for p in document.paragraphs), *cells])


def test_the_web_report_carries_the_offices_settings_and_a_field_that_follows_the_data(
    client, demo
):
    office = _office(client)
    url = f"/ky/{demo.pk}/bao-cao-gui/"
    settings = {
        "action": "settings",
        "issuer": "ubnd_tinh",
        "number": "215/BC-UBND",
        "date": "15/12/2020",
        "signer_title": "PHÓ CHỦ TỊCH",
        "signer": "Nguyễn Văn Hòa",
        "recipients": "Văn phòng Điều phối nông thôn mới Trung ương (b/c)\nCác sở, ngành",
    }
    assert office.post(url, settings).status_code == 302
    text = "Đến cuối năm {{ nam }}, toàn tỉnh có {{ so_xa_dat_chuan }} xã đạt chuẩn."
    section = {"section": "trien_khai", "trien_khai-section": "trien_khai",
               "trien_khai-text": text, "trien_khai-state": "draft"}  # fmt: skip
    assert office.post(url, section).status_code == 302
    assert "Đến cuối năm" not in _docx_text(office, demo)  # a draft stays out
    assert office.post(url, {**section, "trien_khai-state": "final"}).status_code == 302
    assert NarrativeRevision.objects.filter(narrative__period=demo).count() == 2

    report = _docx_text(office, demo)
    assert "Đến cuối năm 2020, toàn tỉnh có 28 xã đạt chuẩn." in report
    assert "ỦY BAN NHÂN DÂN" in report and "Tỉnh ủy Kon Tum" not in report
    assert "215/BC-UBND" in report and "ngày 15 tháng 12 năm 2020" in report
    assert "Nguyễn Văn Hòa" in report and "PHÓ CHỦ TỊCH" in report

    statuses = CriterionStatus.objects.filter(
        assessment__period=demo, assessment__unit__name="Xã Đoàn Kết", criterion=2
    )
    assert statuses.update(status=0) == 1
    assert "Đến cuối năm 2020, toàn tỉnh có 27 xã đạt chuẩn." in _docx_text(office, demo)


def test_an_unknown_field_in_a_section_is_refused_naming_it(client, demo):
    answer = _office(client).post(
        f"/ky/{demo.pk}/bao-cao-gui/",
        {"section": "nhiem_vu", "nhiem_vu-section": "nhiem_vu",
         "nhiem_vu-text": "Có {{ so_xa_dat_chuan_moi }} xã.", "nhiem_vu-state": "final"},
    )  # fmt: skip
    assert answer.status_code == 400
    assert "«so_xa_dat_chuan_moi»" in answer.content.decode()


def test_without_settings_the_web_report_is_dated_the_years_end_not_today(client, demo):
    report = _docx_text(_office(client), demo)
    assert "ngày 31 tháng 12 năm 2020" in report
