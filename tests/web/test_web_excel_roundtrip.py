"""Export gives the template ``ntm template`` writes, filled with the values stored now."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from ntm.io.template import CODE_ROW, ENTRY_SHEET


def test_the_export_holds_the_stored_values_and_reimports_with_no_change(client, world):
    world.login(client, "office")
    url = f"/ky/{world.period.pk}/xa/{world.xa_b.pk}/"
    client.post(url, {"version": 0, "ind-1.1": "có", "ind-2.1": "85,5", "ind-3.1": "52"})
    export = client.get(f"/ky/{world.period.pk}/xuat/")
    assert export.status_code == 200
    ws = load_workbook(io.BytesIO(export.content))[ENTRY_SHEET]
    columns = {str(c.value): c.column for c in ws[CODE_ROW] if c.value is not None}
    row = next(r for r in range(CODE_ROW + 1, ws.max_row + 1) if ws.cell(r, 1).value == "91002")
    assert ws.cell(row, columns["1.1"]).value == "Có"
    assert ws.cell(row, columns["2.1"]).value == 85.5
    assert ws.cell(row, columns["3.1"]).value == 52
    assert ws.cell(row, columns["2.2"]).value is None
    upload = SimpleUploadedFile("xuat.xlsx", export.content)
    preview = client.post(f"/ky/{world.period.pk}/nhap/", {"file": upload})
    assert preview.status_code == 200, preview.context.get("problems")
    assert preview.context["plan"].changes == []


def test_a_commune_officer_exports_only_their_own_commune(client, world):
    world.login(client, "officer_a")
    ws = load_workbook(io.BytesIO(client.get(f"/ky/{world.period.pk}/xuat/").content))[ENTRY_SHEET]
    codes = [ws.cell(r, 1).value for r in range(CODE_ROW + 1, ws.max_row + 1)]
    assert "91001" in codes and "91002" not in codes
