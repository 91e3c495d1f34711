"""Set authoring in the web (issue #11.1, #11.2): the office starts its province's variant of the
national 2026–2030 set, pastes indicator rows copied from the decision's table, attaches the new
version to its period and evaluates it as a pilot; every change is a version and is logged."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest

from ntm.criteria import load_set
from ntm.web.assessments.models import PeriodState
from ntm.web.assessments.services import criteria_set_store
from ntm.web.readmodel.inputs import period_evaluation
from ntm.web.readmodel.sets import cset_of
from ntm.web.sets.models import AuthoredSet, SetLog
from ntm.web.units.models import Unit

# Test rows in the decision's layout; the levels are test data, not the decision's.
PASTED = "\n".join(
    f"{n}\t\t{n}.{k}\tChỉ tiêu thử {n}.{k}\t%\ttỷ lệ %\t\t≥ 9{k},5%\t≥ 8{k}%\t≥ 7{k}%\t"
    f"QĐ 12/QĐ-UBND ngày 15/01/2026, Phụ lục I, trang {n}\t"
    for n in range(1, 5)
    for k in range(1, 4)
)


@pytest.fixture
def national(world: Any) -> Any:
    """The world's period on the shipped 2026–2030 set (10 criteria, no indicator)."""
    record = criteria_set_store(cset=load_set("xa-ntm-2026-2030"))
    world.period.criteria_set = record
    world.period.save(update_fields=["criteria_set"])
    return world


def _start_and_paste(client: Any, world: Any) -> AuthoredSet:
    world.login(client, "office")
    start = client.post(
        f"/ky/{world.period.pk}/bo-tieu-chi/bien-the/", {"base": "xa-ntm-2026-2030"}
    )
    assert start.status_code == 302
    pasted = client.post(f"/ky/{world.period.pk}/bo-tieu-chi/soan/", {"rows": PASTED})
    assert pasted.status_code == 302, pasted.content.decode()[:3000]
    return AuthoredSet.objects.get()


def test_the_office_starts_a_variant_and_pastes_twelve_rows_with_vietnamese_levels(
    client: Any, national: Any
) -> None:
    authored = _start_and_paste(client, national)
    assert authored.code == "xa-ntm-2026-2030-tinh-91"
    assert [v.number for v in authored.versions.order_by("number")] == [1, 2]
    cset = cset_of(authored.current().record)
    assert cset.parent == "xa-ntm-2026-2030" and len(cset.indicators) == 12
    ind = cset.indicator("2.1")
    assert ind.compare == ">=" and ind.kind == "percent"
    assert [ind.threshold_for(g, 2026) for g in "123"] == [91.5, 81, 71]
    page = client.get(f"/ky/{national.period.pk}/bo-tieu-chi/soan/").content.decode()
    assert "Đã nhập 12/47 chỉ tiêu" in page
    assert SetLog.objects.filter(action="paste", set_code=authored.code).count() == 1


def test_a_bad_pasted_cell_names_its_line_and_column_and_writes_nothing(
    client: Any, national: Any
) -> None:
    authored = _start_and_paste(client, national)
    bad = "5\t\t5.1\tChỉ tiêu thử\t%\ttỷ lệ %\t≥\tchín mươi\t80\t70\t\t"
    answer = client.post(f"/ky/{national.period.pk}/bo-tieu-chi/soan/", {"rows": bad})
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "chín mươi" in page and "Nhóm 1" in page and "<td>1</td>" in page
    assert authored.versions.count() == 2


def test_attaching_the_variant_and_turning_the_pilot_on_judges_the_entered_indicators(
    client: Any, national: Any
) -> None:
    authored = _start_and_paste(client, national)
    version = authored.current()
    attach = client.post(f"/ky/{national.period.pk}/bo-tieu-chi/gan/", {"version": version.pk})
    assert attach.status_code == 302
    national.period.refresh_from_db()
    assert national.period.criteria_set_id == version.record_id
    communes = list(Unit.objects.filter(province_code="91", kind="xã").order_by("code"))
    official = period_evaluation(period=national.period, units=communes)
    assert not official.pilot
    assert client.post(f"/ky/{national.period.pk}/bo-tieu-chi/thi-diem/",
                       {"enabled": "1"}).status_code == 302  # fmt: skip
    pilot = period_evaluation(period=national.period, units=communes)
    assert pilot.pilot and 1 not in pilot.eligibility.tolist()
    overview = client.get(f"/ky/{national.period.pk}/bo-tieu-chi/").content.decode()
    assert "Đánh giá thí điểm theo các chỉ tiêu đã nhập" in overview
    assert {e.action for e in SetLog.objects.all()} == {"start", "paste", "attach", "pilot"}


def test_a_closed_period_keeps_its_set_and_refuses_another_version(
    client: Any, national: Any
) -> None:
    authored = _start_and_paste(client, national)
    national.period.state = PeriodState.CLOSED
    national.period.save(update_fields=["state"])
    before = national.period.criteria_set_id
    client.post(f"/ky/{national.period.pk}/bo-tieu-chi/gan/", {"version": authored.current().pk})
    national.period.refresh_from_db()
    assert national.period.criteria_set_id == before


def _docx_text(content: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_dashboard_and_the_report_say_pilot_in_a_banner_and_a_note(
    client: Any, national: Any
) -> None:
    authored = _start_and_paste(client, national)
    client.post(f"/ky/{national.period.pk}/bo-tieu-chi/gan/", {"version": authored.current().pk})
    official = client.get(f"/tong-hop/?period={national.period.pk}").content.decode()
    assert "pilot-banner" not in official
    client.post(f"/ky/{national.period.pk}/bo-tieu-chi/thi-diem/", {"enabled": "1"})
    page = client.get(f"/tong-hop/?period={national.period.pk}").content.decode()
    assert 'id="pilot-banner"' in page and 'id="pilot-footnote"' in page
    assert "Đánh giá thí điểm theo các chỉ tiêu đã nhập" in page
    report = client.get(f"/tong-hop/bao-cao/?period={national.period.pk}&format=docx")
    assert report.status_code == 200
    assert "Đánh giá thí điểm theo các chỉ tiêu đã nhập" in _docx_text(report.content)
    export = client.get(f"/tong-hop/?period={national.period.pk}&export=xlsx&table=communes")
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    assert "Đánh giá thí điểm theo các chỉ tiêu đã nhập" in str(sheet.cell(row=3, column=1).value)


def test_the_national_view_shows_annex_iii_for_2026_from_the_communes(
    client: Any, national: Any
) -> None:
    national.login(client, "central")
    page = client.get("/tong-hop/ca-nuoc/?year=2026").content.decode()
    assert 'id="national-completion"' in page
    assert "Phụ lục III" in page and "Chưa xác định" in page


def test_the_exported_table_filled_and_uploaded_makes_a_new_version(
    client: Any, national: Any, tmp_path: Any
) -> None:
    import openpyxl

    from ntm.io.criteria_table import export_set_table

    authored = _start_and_paste(client, national)
    table = export_set_table(cset_of(authored.current().record), tmp_path / "bo.xlsx")
    book = openpyxl.load_workbook(table)
    book["Chỉ tiêu"].append([5, None, "5.1", "Tỷ lệ thử", "%", "tỷ lệ %", "≥", 90, "85,5", 80])
    book.save(table)
    with table.open("rb") as handle:
        answer = client.post(f"/ky/{national.period.pk}/bo-tieu-chi/soan/", {"file": handle})
    assert answer.status_code == 302
    cset = cset_of(authored.current().record)
    assert authored.current().number == 3 and len(cset.indicators) == 13
    assert cset.indicator("5.1").threshold_for("2", 2027) == 85.5


def test_a_pasted_block_with_a_header_line_is_read_by_its_headers(
    client: Any, national: Any
) -> None:
    authored = _start_and_paste(client, national)
    header = "Mã chỉ tiêu\tSố tiêu chí\tTên chỉ tiêu\tLoại\tNhóm 2"
    block = header + "\n6.1\t6\tHộ nghèo\ttỷ lệ %\t≤ 2,5%"
    answer = client.post(f"/ky/{national.period.pk}/bo-tieu-chi/soan/", {"rows": block})
    assert answer.status_code == 302, answer.content.decode()[:2000]
    ind = cset_of(authored.current().record).indicator("6.1")
    assert ind.compare == "<=" and ind.threshold_for("2", 2026) == 2.5
    assert ind.threshold_for("1", 2026) is None


def test_the_period_and_commune_pages_judge_and_say_pilot_as_the_dashboard_does(
    client: Any, national: Any
) -> None:
    authored = _start_and_paste(client, national)
    client.post(f"/ky/{national.period.pk}/bo-tieu-chi/gan/", {"version": authored.current().pk})
    client.post(f"/ky/{national.period.pk}/bo-tieu-chi/thi-diem/", {"enabled": "1"})
    period_page = client.get(f"/ky/{national.period.pk}/").content.decode()
    assert 'id="pilot-banner"' in period_page and 'id="set-link"' in period_page
    commune = client.get(f"/ky/{national.period.pk}/xa/{national.xa_a.pk}/").content.decode()
    assert 'id="pilot-banner"' in commune
