"""Commune groups as province decisions (issue #11.3): set in bulk in the web (a table or a
file, all or nothing), dated and audited, the group in force for a year used by the engine, and
every commune with no group named."""

from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook

from ntm.web.readmodel.inputs import period_evaluation
from ntm.web.readmodel.versions import period_versions
from ntm.web.units.models import GroupAssignment, GroupDecision, Unit

DECISION = {"number": "12/QĐ-UBND", "date": "15/01/2026", "from_year": "2026"}


def _xlsx(rows: list[list[object]]) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.title = "Nhóm xã"
    sheet.append(["Mã xã", "Tên xã", "Nhóm"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "nhom-xa.xlsx"
    return out


def _ward(world) -> Unit:
    return Unit.objects.create(
        regime="new", code="91009", name="Phường Chợ", level="commune", kind="phường",
        province_code="91", province_name="Tỉnh Thử Nghiệm",
    )  # fmt: skip


def test_the_office_sets_groups_in_one_form_with_the_decision_and_the_change_is_recorded(
    client, world
):
    before = dict(period_versions([world.period.pk]))[world.period.pk]
    data = DECISION | {"g-91001": "3", "g-91002": "2"}
    answer = world.login(client, "office").post(f"/ky/{world.period.pk}/nhom-xa/", data)
    assert answer.status_code == 302
    decision = GroupDecision.objects.get()
    assert (decision.number, decision.date.isoformat(), decision.from_year) == (
        "12/QĐ-UBND", "2026-01-15", 2026,
    )  # fmt: skip
    change = GroupAssignment.objects.get()  # Xã B kept its group: only Xã A is a change
    assert (change.unit.code, change.previous, change.group) == ("91001", "1", "3")
    assert Unit.objects.get(code="91001").group == "3"
    assert dict(period_versions([world.period.pk]))[world.period.pk] > before
    page = client.get(f"/ky/{world.period.pk}/nhom-xa/").content.decode()
    assert "12/QĐ-UBND" in page and "Xã A: 1 → 3" in page


def test_a_group_set_from_a_later_year_leaves_the_earlier_years_judged_with_the_old_group(
    client, world
):
    data = DECISION | {"from_year": "2027", "g-91001": "3"}
    world.login(client, "office").post(f"/ky/{world.period.pk}/nhom-xa/", data)
    units = [world.xa_a, world.xa_b]
    judged = period_evaluation(period=world.period, units=units)  # the 2026 period
    assert [u.group for u in judged.units] == ["1", "2"]
    world.period.year = 2027
    assert [u.group for u in period_evaluation(period=world.period, units=units).units] == [
        "3", "2",
    ]  # fmt: skip


def test_communes_with_no_group_are_named_and_wards_are_left_out_with_their_count(client, world):
    Unit.objects.filter(code="91002").update(group="")
    _ward(world)
    page = world.login(client, "office").get(f"/ky/{world.period.pk}/nhom-xa/").content.decode()
    assert 'id="ungrouped"' in page and "Xã B" in page.split('id="ungrouped"')[1][:400]
    assert "Phường Chợ" not in page
    assert "1 phường, thị trấn không thuộc diện phân nhóm" in page


def test_groups_imported_from_a_file_are_recorded_with_the_decision_and_the_file_name(
    client, world
):
    upload = _xlsx([["91001", "Xã A", "Nhóm 2"], ["91002", "Xã B", 3]])
    answer = world.login(client, "office").post(
        f"/ky/{world.period.pk}/nhom-xa/nhap/", DECISION | {"file": upload}
    )
    assert answer.status_code == 302
    assert dict(Unit.objects.filter(province_code="91").values_list("code", "group")) == {
        "91001": "2", "91002": "3",
    }  # fmt: skip
    assert GroupDecision.objects.get().filename == "nhom-xa.xlsx"


def test_a_bad_file_writes_nothing_and_names_the_file_sheet_row_and_column(client, world):
    upload = _xlsx([["91001", "Xã A", "Nhóm 4"], ["99999", "Xã Lạ", 1], ["91002", "Xã B", 2]])
    answer = world.login(client, "office").post(
        f"/ky/{world.period.pk}/nhom-xa/nhap/", DECISION | {"file": upload}
    )
    page = answer.content.decode()
    assert answer.status_code == 400
    assert "nhom-xa.xlsx" in page and "Nhóm xã" in page
    assert "<td>2</td><td>C (Nhóm)</td>" in page and "<td>3</td><td>A (Mã xã)</td>" in page
    assert not GroupDecision.objects.exists()
    assert Unit.objects.get(code="91002").group == "2"


def test_the_template_lists_the_rural_communes_with_their_group(client, world):
    _ward(world)
    answer = world.login(client, "reviewer").get(f"/ky/{world.period.pk}/nhom-xa/mau/")
    sheet = load_workbook(io.BytesIO(answer.content)).active
    assert [list(r) for r in sheet.iter_rows(values_only=True)] == [
        ["Mã xã", "Tên xã", "Nhóm"], ["91001", "Xã A", "1"], ["91002", "Xã B", "2"],
    ]  # fmt: skip


def test_a_reviewer_sees_the_groups_but_cannot_set_them(client, world):
    client = world.login(client, "reviewer")
    assert 'name="g-91001"' not in client.get(f"/ky/{world.period.pk}/nhom-xa/").content.decode()
    answer = client.post(f"/ky/{world.period.pk}/nhom-xa/", DECISION | {"g-91001": "3"})
    assert answer.status_code == 403
    assert not GroupDecision.objects.exists()
