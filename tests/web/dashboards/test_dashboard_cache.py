"""The dashboard keeps its rendered figures between requests, yet a value saved is a value counted:
every way a value reaches the database (the form, the API, the spreadsheet import) and an edit
of a commune move the figures on the very next page."""

from __future__ import annotations

import io

from dashboard_samples import criterion_met, figure
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from ntm.io.template import CODE_ROW, ENTRY_SHEET
from ntm.web.units.models import Unit


def _dashboard(client, world) -> tuple[str, str]:
    response = client.get(f"/tong-hop/?period={world.period.pk}")
    assert response.status_code == 200
    return response.content.decode(), response["X-Dashboard-Figures"]


def _import(client, world, code: str, indicator: str, value: float) -> None:
    """Export the period's sheet, change one cell, upload it and commit the import."""
    export = client.get(f"/ky/{world.period.pk}/xuat/")
    wb = load_workbook(io.BytesIO(export.content))
    ws = wb[ENTRY_SHEET]
    columns = {str(c.value): c.column for c in ws[CODE_ROW] if c.value is not None}
    row = next(r for r in range(CODE_ROW + 1, ws.max_row + 1) if ws.cell(r, 1).value == code)
    ws.cell(row, columns[indicator]).value = value
    content = io.BytesIO()
    wb.save(content)
    upload = SimpleUploadedFile("nhap.xlsx", content.getvalue())
    preview = client.post(f"/ky/{world.period.pk}/nhap/", {"file": upload})
    assert preview.status_code == 200, preview.context.get("problems")
    commit = client.post(f"/ky/{world.period.pk}/nhap/{preview.context['batch'].pk}/")
    assert commit.status_code == 302


def test_a_second_look_at_unchanged_data_is_served_from_the_cache(client, world):
    world.login(client, "office")
    first, how = _dashboard(client, world)
    assert how == "judged"
    second, how = _dashboard(client, world)
    assert how == "cached"
    assert criterion_met(second, 2) == criterion_met(first, 2) == "0"


def test_a_value_saved_through_the_form_is_counted_on_the_next_page(client, world):
    world.login(client, "office")
    for _ in range(2):  # the second read is the cached one
        page, _how = _dashboard(client, world)
    assert criterion_met(page, 2) == "0"
    saved = client.post(f"/ky/{world.period.pk}/xa/{world.xa_a.pk}/",
                        {"version": 0, "ind-2.1": "85", "ind-2.2": "2"})  # fmt: skip
    assert saved.status_code == 302
    page, how = _dashboard(client, world)
    assert (criterion_met(page, 2), how) == ("1", "judged")


def test_a_value_saved_through_the_api_is_counted_on_the_next_page(client, world):
    world.login(client, "office")
    for _ in range(2):
        page, _how = _dashboard(client, world)
    assert (criterion_met(page, 2), criterion_met(page, 3)) == ("0", "0")
    url = f"/api/periods/{world.period.pk}/communes/{world.xa_b.pk}/values"
    saved = client.put(url, {"version": 0, "statuses": {"2": 1}, "values": {"3.1": 55}},
                       content_type="application/json")  # fmt: skip
    assert saved.status_code == 200, saved.content
    page, how = _dashboard(client, world)
    assert (criterion_met(page, 2), criterion_met(page, 3), how) == ("1", "1", "judged")
    # And back: the status withdrawn through the API is withdrawn from the page.
    client.put(url, {"version": 1, "statuses": {"2": None}}, content_type="application/json")
    page, _how = _dashboard(client, world)
    assert (criterion_met(page, 2), criterion_met(page, 3)) == ("0", "1")


def test_a_value_imported_from_a_spreadsheet_is_counted_on_the_next_page(client, world):
    world.login(client, "office")
    for _ in range(2):
        page, _how = _dashboard(client, world)
    assert criterion_met(page, 3) == "0"
    _import(client, world, "91001", "3.1", 45)  # group 1 needs 40 million đồng
    page, how = _dashboard(client, world)
    assert (criterion_met(page, 3), how) == ("1", "judged")
    _import(client, world, "91001", "3.1", 12)
    page, _how = _dashboard(client, world)
    assert criterion_met(page, 3) == "0"


def test_an_edit_of_a_commune_outside_the_services_changes_the_page(client, world):
    world.login(client, "office")
    for _ in range(2):
        page, _how = _dashboard(client, world)
    assert "Xã A" in page and figure(page, "total") == "2"
    Unit.objects.filter(pk=world.xa_a.pk).update(name="Xã An Bình")  # as the admin would
    page, how = _dashboard(client, world)
    assert ("Xã An Bình" in page, how) == (True, "judged")
