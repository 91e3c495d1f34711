"""The province office's page for its province-level indicators (/ky/<kỳ>/cap-tinh/, Annex III of
Decision 51/2025): the commune page's form and save service for the province's unit, the share of
communes recognised read-only from the communes, the live verdict; what it saves is what the
national view judges on its next request."""

from __future__ import annotations

import re
from typing import Any

import pytest
from province_world import province_level_period, province_set, recognise_xa_a

from ntm.criteria import load_set
from ntm.domain.criteria import criteria_set_to_data
from ntm.web.assessments.models import Assessment, IndicatorValue
from ntm.web.assessments.services import criteria_set_store
from ntm.web.audit.models import AuditEntry


@pytest.fixture
def level(world: Any) -> Any:
    """91's province-level period of 2026, Xã A recognised (1 of 2 communes: 50 %)."""
    recognise_xa_a(world)
    return province_level_period(world.period)


def _annex(client: Any) -> dict[str, str]:
    page = client.get("/tong-hop/ca-nuoc/?year=2026").content.decode()
    table = page.split('id="national-provinces"')[1].split("</table>")[0]
    return dict(re.findall(r'<tr data-province="new-(\d+)">.*?data-col="annex">([^<]*)<', table,
                           re.S))  # fmt: skip


def _verdict(page: str) -> str:
    block = page.split('id="province-verdict"')[1].split("</p>")[0]
    return re.sub(r"<[^>]+>|\s+", " ", block).split(":")[-1].split("·")[0].strip()


def _save(client: Any, level: Any, values: dict[str, str]) -> Any:
    found = Assessment.objects.filter(period=level).first()
    version = found.version if found else 0
    data = {"version": str(version)} | {f"ind-{code}": v for code, v in values.items()}
    return client.post(f"/ky/{level.pk}/cap-tinh/", data)


def test_values_entered_on_the_page_move_the_national_verdict_on_the_next_request(
    client: Any, world: Any, level: Any
) -> None:
    central = world.login(client, "central")
    assert _annex(central)["91"] == "Chưa xác định"  # its own conditions not entered yet
    client.logout()
    office = world.login(client, "office")
    answer = _save(office, level, {"1.2": "có", "1.3": "85,5"})
    assert answer.status_code == 302 and answer["Location"] == f"/ky/{level.pk}/cap-tinh/"
    page = office.get(f"/ky/{level.pk}/cap-tinh/").content.decode()
    assert _verdict(page) == "Đạt" and "Đã lưu 2 thay đổi." in page
    client.logout()
    assert _annex(world.login(client, "central"))["91"] == "Đạt"
    client.logout()
    assert (
        _save(world.login(client, "office"), level, {"1.2": "có", "1.3": "20"}).status_code == 302
    )
    client.logout()
    assert _annex(world.login(client, "central"))["91"] == "Chưa đạt"


def test_the_share_of_communes_is_shown_with_its_source_and_never_saved(
    client: Any, world: Any, level: Any
) -> None:
    office = world.login(client, "office")
    page = office.get(f"/ky/{level.pk}/cap-tinh/").content.decode()
    row = page.split('data-indicator="1.1"')[1].split("</tr>")[0]
    assert 'name="ind-1.1"' not in page and ">50%<" in row.replace(" ", "")
    assert "Tính từ kết quả các xã của tỉnh" in row
    assert "1/2 xã đạt chuẩn" in page and f'href="/ky/{world.period.pk}/"' in page
    _save(office, level, {"1.1": "99", "1.2": "1"})  # a posted share is ignored
    stored = dict(IndicatorValue.objects.filter(assessment__period=level)
                  .values_list("indicator", "value"))  # fmt: skip
    assert stored == {"1.2": 1.0}
    entries = AuditEntry.objects.filter(period_id_ref=level.pk)
    assert [(e.unit_code, e.target, e.new, e.channel) for e in entries] == [
        ("91", "1.2", "1", "form")
    ]


def test_an_unknown_level_or_no_commune_period_is_chua_xac_dinh(client: Any, world: Any) -> None:
    shipped = load_set("tinh-ntm-2026-2030")
    record = criteria_set_store(cset=shipped, data=criteria_set_to_data(shipped))
    level = province_level_period(world.other_period, record)  # 92: the shipped set, no level
    page = world.login(client, "central").get(f"/ky/{level.pk}/cap-tinh/").content.decode()
    row = page.split('data-indicator="1.1"')[1].split("</tr>")[0]
    assert "chưa xác định" in row and "0/1 xã đạt chuẩn" in page
    assert _verdict(page) == "Chưa xác định"
    world.other_period.delete()  # no commune period of 92 that year: the share is unknown
    page = client.get(f"/ky/{level.pk}/cap-tinh/").content.decode()
    assert "Chưa có kỳ đánh giá xã của tỉnh trong năm này" in page
    assert _verdict(page) == "Chưa xác định"


def test_a_bad_value_is_named_by_its_indicator_in_vietnamese_and_nothing_is_saved(
    client: Any, world: Any, level: Any
) -> None:
    office = world.login(client, "office")
    answer = _save(office, level, {"1.2": "có", "1.3": "120"})
    assert answer.status_code == 400
    errors = answer.content.decode().split('id="province-errors"')[1].split("</ul>")[0]
    assert "Chỉ tiêu 1.3 (Tỷ lệ thử của tỉnh)" in errors and "0–100%" in errors
    answer = _save(office, level, {"1.2": "chắc chắn"})
    assert "Chỉ tiêu 1.2 (Điều kiện thử của tỉnh)" in answer.content.decode()
    assert not IndicatorValue.objects.filter(assessment__period=level).exists()


def test_a_stale_save_is_refused_and_overwrites_nothing(
    client: Any, world: Any, level: Any
) -> None:
    office = world.login(client, "office")
    assert _save(office, level, {"1.3": "85"}).status_code == 302
    answer = office.post(f"/ky/{level.pk}/cap-tinh/", {"version": "0", "ind-1.3": "10"})
    assert answer.status_code == 409 and 'id="conflict"' in answer.content.decode()
    assert IndicatorValue.objects.get(assessment__period=level, indicator="1.3").value == 85.0


@pytest.mark.parametrize(
    ("role", "get", "post"),
    [("office", 200, 302), ("admin", 200, 302), ("central", 200, 403), ("reviewer", 200, 403),
     ("officer_a", 403, 403), ("outsider", 403, 403)],
)  # fmt: skip
def test_who_reads_and_who_enters(
    client: Any, world: Any, level: Any, role: str, get: int, post: int
) -> None:
    signed = world.login(client, role)
    answer = signed.get(f"/ky/{level.pk}/cap-tinh/")
    assert answer.status_code == get
    if get == 200:  # a reader sees no input enabled and no save button
        page = answer.content.decode()
        assert ('type="submit"' in page) == (post == 302)
    assert (
        signed.post(f"/ky/{level.pk}/cap-tinh/", {"version": "0", "ind-1.2": "1"}).status_code
        == post
    )


def test_another_provinces_office_and_a_commune_period_are_refused(
    client: Any, world: Any, level: Any
) -> None:
    other = province_level_period(world.other_period, province_set())
    office = world.login(client, "office")
    assert office.get(f"/ky/{other.pk}/cap-tinh/").status_code == 403
    assert office.get(f"/ky/{world.period.pk}/cap-tinh/").status_code == 404  # a commune period


def test_the_national_view_and_the_provinces_dashboard_link_to_the_page(
    client: Any, world: Any, level: Any
) -> None:
    central = world.login(client, "central")
    page = central.get("/tong-hop/ca-nuoc/?year=2026").content.decode()
    row = page.split('<tr data-province="new-91">')[1].split("</tr>")[0]
    assert f'href="/ky/{level.pk}/cap-tinh/"' in row
    client.logout()
    office = world.login(client, "office")
    board = office.get(f"/tong-hop/?period={world.period.pk}").content.decode()
    assert f'href="/ky/{level.pk}/cap-tinh/"' in board


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_office_attaches_evidence_to_its_province_and_the_centre_downloads_it(
    client: Any, world: Any, level: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    office = world.login(client, "office")
    upload = SimpleUploadedFile("nghi-quyet-tinh.pdf", PDF, content_type="application/pdf")
    answer = office.post(f"/ky/{level.pk}/cap-tinh/minh-chung/", {"indicator": "1.2",
                                                                  "file": upload})  # fmt: skip
    assert answer.status_code == 302 and answer["Location"] == f"/ky/{level.pk}/cap-tinh/"
    page = office.get(f"/ky/{level.pk}/cap-tinh/").content.decode()
    assert "Đã tải lên minh chứng." in page and "nghi-quyet-tinh.pdf" in page
    link = re.search(r'href="(/minh-chung/\d+/)">nghi-quyet-tinh.pdf', page)
    assert link is not None
    client.logout()
    download = world.login(client, "central").get(link.group(1))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


@pytest.mark.parametrize(("state", "office_saves"), [("closed", True), ("locked", False)])
def test_a_closed_period_is_the_offices_only_and_a_locked_one_nobodys(
    client: Any, world: Any, level: Any, state: str, office_saves: bool
) -> None:
    level.state = state
    level.save(update_fields=["state"])
    office = world.login(client, "office")
    page = office.get(f"/ky/{level.pk}/cap-tinh/").content.decode()
    assert ('type="submit"' in page) == office_saves
    answer = _save(office, level, {"1.2": "1"})
    assert answer.status_code == (302 if office_saves else 403)
    assert IndicatorValue.objects.filter(assessment__period=level).exists() == office_saves


def test_the_province_periods_page_links_to_its_indicators_and_a_commune_periods_does_not(
    client: Any, world: Any, level: Any
) -> None:
    office = world.login(client, "office")
    link = f'href="/ky/{level.pk}/cap-tinh/"'
    assert link in office.get(f"/ky/{level.pk}/").content.decode()
    assert 'id="province-level-link"' not in office.get(f"/ky/{world.period.pk}/").content.decode()


def test_typing_previews_the_verdict_and_saves_nothing(client: Any, world: Any, level: Any) -> None:
    reviewer = world.login(client, "reviewer")  # a reader may try figures too: nothing is saved
    answer = reviewer.post(f"/ky/{level.pk}/cap-tinh/xem-truoc/", {"ind-1.2": "có",
                                                                   "ind-1.3": "85"})  # fmt: skip
    assert answer.status_code == 200 and _verdict(answer.content.decode()) == "Đạt"
    answer = reviewer.post(f"/ky/{level.pk}/cap-tinh/xem-truoc/", {"ind-1.2": "có",
                                                                   "ind-1.3": "120"})  # fmt: skip
    page = answer.content.decode()
    assert _verdict(page) == "Chưa xác định" and "0–100%" in page
    assert not IndicatorValue.objects.filter(assessment__period=level).exists()


def test_the_commune_page_of_the_province_unit_leads_to_the_province_page(
    client: Any, world: Any, level: Any
) -> None:
    from ntm.web.units.models import Unit

    unit = Unit.objects.get(regime="new", code="91", level="province")
    office = world.login(client, "office")
    answer = office.get(f"/ky/{level.pk}/xa/{unit.pk}/")
    assert answer.status_code == 302 and answer["Location"] == f"/ky/{level.pk}/cap-tinh/"
    office.post(f"/ky/{level.pk}/xa/{unit.pk}/", {"version": "0", "ind-1.1": "99"})
    assert not IndicatorValue.objects.filter(assessment__period=level).exists()
