"""An import is written once, against what its preview saw, in bulk, all or nothing.

The commit claims its batch (a second commit answers "đã được ghi" and writes nothing), and a
commune saved by someone else between the preview and the commit stops the whole file. On
PostgreSQL three commits of one batch at once, each on its own connection, write it once.
"""

from __future__ import annotations

import io
import threading
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from openpyxl import load_workbook
from web_world import make_world

from ntm.io.template import CODE_ROW, ENTRY_SHEET
from ntm.web.accounts.scope import scope_for
from ntm.web.assessments.imports import BatchCommitted
from ntm.web.assessments.models import Assessment, CriterionStatus, ImportBatch, IndicatorValue
from ntm.web.assessments.transfer import batch_commit, upload_read
from ntm.web.audit.models import AuditEntry


def _filled_template(client: Any, world: Any, cells: dict[str, dict[str, Any]]) -> bytes:
    """The period's exported template with ``cells`` ({commune code: {column: value}}) typed."""
    wb = load_workbook(io.BytesIO(client.get(f"/ky/{world.period.pk}/xuat/").content))
    ws = wb[ENTRY_SHEET]
    columns = {str(c.value): c.column for c in ws[CODE_ROW] if c.value is not None}
    columns["tc1"] = ws.max_column + 1  # a criterion's status, given directly
    ws.cell(CODE_ROW, columns["tc1"], "tc1")
    rows = {str(ws.cell(r, 1).value): r for r in range(CODE_ROW + 1, ws.max_row + 1)}
    for code, values in cells.items():
        for column, value in values.items():
            ws.cell(rows[code], columns[column], value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


FILE = {"91001": {"2.1": 81, "3.1": 45, "tc1": "Đạt"}, "91002": {"2.1": 62, "1.1": "Có"}}


def _preview(client: Any, world: Any) -> ImportBatch:
    content = _filled_template(client, world, FILE)
    upload = SimpleUploadedFile("nhap.xlsx", content)
    response = client.post(f"/ky/{world.period.pk}/nhap/", {"file": upload})
    assert response.status_code == 200, response.context.get("problems")
    return response.context["batch"]


def _stored() -> tuple[set[tuple[str, str, float | None]], int, list[int]]:
    values = set(IndicatorValue.objects.values_list("assessment__unit__code", "indicator", "value"))
    versions = list(Assessment.objects.order_by("unit__code").values_list("version", flat=True))
    return values, AuditEntry.objects.count(), versions


def test_a_commit_writes_values_statuses_and_audit_once_in_bulk(client, world):
    world.login(client, "office")
    client.post(f"/ky/{world.period.pk}/xa/{world.xa_a.pk}/", {"version": 0, "ind-2.1": "70"})
    batch = _preview(client, world)
    assert batch.versions == {"91001": 1, "91002": 0}
    assert IndicatorValue.objects.count() == 1  # the preview wrote nothing
    response = client.post(f"/ky/{world.period.pk}/nhap/{batch.pk}/", follow=True)
    assert "Đã nhập 5 thay đổi." in response.content.decode()
    assert _stored()[0] == {
        ("91001", "2.1", 81.0), ("91001", "3.1", 45.0),
        ("91002", "2.1", 62.0), ("91002", "1.1", 1.0),
    }  # fmt: skip
    assert list(CriterionStatus.objects.values_list("criterion", "status")) == [(1, 1)]
    assert _stored()[2] == [2, 1]  # one version step per commune written
    entries = AuditEntry.objects.filter(channel="import").order_by("unit_code", "target")
    assert [(e.unit_code, e.kind, e.target, e.old, e.new, e.version) for e in entries] == [
        ("91001", "criterion", "1", "", "1", 2),
        ("91001", "indicator", "2.1", "70", "81", 2),
        ("91001", "indicator", "3.1", "", "45", 2),
        ("91002", "indicator", "1.1", "", "1", 1),
        ("91002", "indicator", "2.1", "", "62", 1),
    ]


def test_a_second_commit_of_the_same_batch_is_refused_and_writes_nothing(client, world):
    world.login(client, "office")
    batch = _preview(client, world)
    assert client.post(f"/ky/{world.period.pk}/nhap/{batch.pk}/").status_code == 302
    before = _stored()
    again = client.post(f"/ky/{world.period.pk}/nhap/{batch.pk}/")
    assert again.status_code == 409
    assert "Tệp này đã được ghi" in again.content.decode()
    assert _stored() == before


def test_a_commune_edited_between_preview_and_commit_stops_the_whole_file(client, world):
    world.login(client, "office")
    batch = _preview(client, world)
    other = make_client_for(world, "officer_b")
    other.post(f"/ky/{world.period.pk}/xa/{world.xa_b.pk}/", {"version": 0, "ind-2.1": "99"})
    before = _stored()
    response = client.post(f"/ky/{world.period.pk}/nhap/{batch.pk}/")
    assert response.status_code == 409
    html = response.content.decode()
    assert "đã thay đổi sau khi xem trước" in html and "Xã B" in html and "Xã A" not in html
    assert _stored() == before
    assert ImportBatch.objects.get(pk=batch.pk).committed_at is None  # may be previewed again


def make_client_for(world: Any, role: str) -> Any:
    from django.test import Client

    return world.login(Client(), role)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_three_concurrent_commits_of_one_batch_write_it_once():
    from django.test import Client

    world = make_world()
    client = world.login(Client(), "office")
    batch = _preview(client, world)
    user = world.users["office"]
    barrier = threading.Barrier(3)
    outcomes: list[str] = []
    lock = threading.Lock()

    def worker() -> None:
        try:
            mine = ImportBatch.objects.select_related("period__criteria_set").get(pk=batch.pk)
            inputs = upload_read(
                period=mine.period, filename=mine.filename, content=bytes(mine.content)
            )
            barrier.wait()
            try:
                batch_commit(user=user, scope=scope_for(user), batch=mine, inputs=inputs)
                outcome = "written"
            except BatchCommitted:
                outcome = "refused"
            with lock:
                outcomes.append(outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert connection.vendor == "postgresql"
    assert sorted(outcomes) == ["refused", "refused", "written"]
    assert AuditEntry.objects.filter(channel="import").count() == 5
    assert sorted(Assessment.objects.values_list("version", flat=True)) == [1, 1]
    assert IndicatorValue.objects.count() == 4
