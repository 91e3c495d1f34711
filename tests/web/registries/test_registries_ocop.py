"""The OCOP registry: a file imported by the office gives the same stars, statuses and counts on
the registry page and through ``ocop_counts`` as ``ntm ocop evaluate`` on the same file; a bad
file saves nothing and names each bad cell."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ntm.cli import app
from ntm.web.audit.models import AuditEntry
from ntm.web.registries.models import OcopProduct, OcopRating
from ntm.web.registries.selectors import ocop_counts
from ntm.web.units.models import Unit
from tests.cli.ocop_products import AS_OF, write_csv, write_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def communes(world: Any) -> list[Unit]:
    """The fixture's communes, placed in the office's province."""
    return [
        Unit.objects.create(
            regime="new",
            code=code,
            name=name,
            level="commune",
            kind="xã",
            province_code="91",
            province_name="Tỉnh Thử Nghiệm",
        )
        for code, name in (("23311", "Xã Một"), ("23353", "Xã Hai"))
    ]


def _upload(client: Any, path: Path) -> Any:
    with path.open("rb") as handle:
        return client.post("/so-theo-doi/ocop/nhap/", {"regime": "new", "file": handle})


def _cli(path: Path) -> dict[str, Any]:
    result = CliRunner().invoke(
        app, ["ocop", "evaluate", str(path), "--as-of", AS_OF.isoformat(), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


ROW = re.compile(r'data-code="([^"]+)" data-stars="(\d)" data-status="(\w+)"')


@pytest.mark.parametrize("write", [write_csv, write_xlsx], ids=["csv", "xlsx"])
def test_the_registry_gives_the_same_stars_and_counts_as_the_cli(
    client: Any, world: Any, communes: list[Unit], tmp_path: Path, write: Any
) -> None:
    path = write(tmp_path)
    world.login(client, "office")
    assert _upload(client, path).status_code == 302
    page = client.get("/so-theo-doi/ocop/", {"as_of": AS_OF.isoformat()}).content.decode()
    cli = _cli(path)
    shown = {code: (int(stars), status) for code, stars, status in ROW.findall(page)}
    assert shown == {p["product_code"]: (p["stars"], p["status"]) for p in cli["products"]}
    counts = ocop_counts(province_code="91", year=AS_OF.year, as_of=AS_OF)
    assert {str(s): n for s, n in counts.by_stars.items()} == cli["by_stars"]
    assert counts.by_group == cli["by_group"]
    for stars, n in cli["by_stars"].items():
        assert f'data-stars="{stars}">{stars}★: {n}<' in page


def test_each_imported_rating_is_audited(
    client: Any, world: Any, communes: list[Unit], tmp_path: Path
) -> None:
    world.login(client, "office")
    _upload(client, write_csv(tmp_path))
    assert (
        AuditEntry.objects.filter(kind="ocop", channel="import").count()
        == OcopRating.objects.count()
        == 32
    )


def test_a_file_with_a_score_over_its_maximum_saves_nothing_and_names_the_cell(
    client: Any, world: Any, communes: list[Unit], tmp_path: Path
) -> None:
    bad = [
        "SP999",
        "Mật ong",
        "Thực phẩm",
        "Hộ",
        "23311",
        "148/2023",
        "41",
        "20",
        "30",
        "1/QĐ-UBND",
        "2025-02-01",
    ]
    world.login(client, "office")
    response = _upload(client, write_csv(tmp_path, [bad]))
    assert response.status_code == 400
    text = response.content.decode()
    assert "score_a" in text and "ngoài khoảng 0–40" in text and ">34<" in text
    assert OcopProduct.objects.count() == 0


def test_a_commune_outside_the_office_province_is_refused_whole(
    client: Any, world: Any, communes: list[Unit], tmp_path: Path
) -> None:
    outside = [
        "SP998",
        "Chè",
        "Đồ uống",
        "Hộ",
        "92001",
        "148/2023",
        "30",
        "20",
        "30",
        "2/QĐ-UBND",
        "01/3/2025",
    ]
    world.login(client, "office")
    response = _upload(client, write_csv(tmp_path, [outside]))
    assert response.status_code == 400
    assert "không thuộc địa bàn" in response.content.decode()
    assert OcopRating.objects.count() == 0


def test_the_same_file_twice_is_refused_the_second_time(
    client: Any, world: Any, communes: list[Unit], tmp_path: Path
) -> None:
    world.login(client, "office")
    path = write_csv(tmp_path)
    assert _upload(client, path).status_code == 302
    again = _upload(client, path)
    assert again.status_code == 400 and "đã được ghi" in again.content.decode()
    assert OcopRating.objects.count() == 32


def test_a_later_rating_marks_the_earlier_one_rerated(
    client: Any, world: Any, communes: list[Unit]
) -> None:
    world.login(client, "office")
    form = {
        "unit": communes[0].pk,
        "code": "MO1",
        "name": "Mật ong",
        "group": "Thực phẩm",
        "subject": "HTX",
        "scorecard": "148/2023",
        "score_a": "20",
        "score_b": "15",
        "score_c": "20",
        "decision_number": "1/QĐ",
        "decision_date": "2023-01-10",
    }
    assert client.post("/so-theo-doi/ocop/them/", form).status_code == 302
    form |= {"score_a": "35", "decision_number": "2/QĐ", "decision_date": "2026-01-10"}
    assert client.post("/so-theo-doi/ocop/them/", form).status_code == 302
    from ntm.web.registries.selectors import product_ratings

    rows = product_ratings(units=communes, as_of=AS_OF, history=True)
    assert [(r.judged.stars, r.judged.status) for r in rows] == [(3, "rerated"), (4, "valid")]


def test_the_entry_form_refuses_a_score_over_the_part_maximum(
    client: Any, world: Any, communes: list[Unit]
) -> None:
    world.login(client, "office")
    form = {
        "unit": communes[0].pk,
        "code": "MO2",
        "name": "Chè",
        "group": "Đồ uống",
        "subject": "HTX",
        "scorecard": "148/2023",
        "score_a": "20",
        "score_b": "26",
        "score_c": "20",
        "decision_number": "1/QĐ",
        "decision_date": "2025-01-10",
    }
    response = client.post("/so-theo-doi/ocop/them/", form)
    assert response.status_code == 200 and "25" in response.content.decode()
    assert OcopRating.objects.count() == 0


def test_the_list_downloads_as_xlsx_with_the_same_filters(
    client: Any, world: Any, communes: list[Unit], tmp_path: Path
) -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    world.login(client, "office")
    _upload(client, write_csv(tmp_path))
    response = client.get(
        "/so-theo-doi/ocop/", {"as_of": AS_OF.isoformat(), "stars": "5", "export": "xlsx"}
    )
    sheet = load_workbook(BytesIO(response.content)).active
    stars = [row[8] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert stars == [5] * 6


def test_the_summary_counts_products_per_commune_and_province(
    client: Any, world: Any, communes: list[Unit], tmp_path: Path
) -> None:
    from ntm.web.registries.summary import registry_summary

    world.login(client, "office")
    _upload(client, write_csv(tmp_path))
    summary = registry_summary(units=Unit.objects.filter(province_code="91"), today=AS_OF)
    cli = _cli(write_csv(tmp_path))
    three_up = sum(n for s, n in cli["by_stars"].items() if int(s) >= 3)
    by_level = {a.name: a for a in summary.areas}
    assert by_level["Tỉnh Thử Nghiệm"].ocop == three_up
    assert by_level["Xã Một"].ocop + by_level["Xã Hai"].ocop == three_up
    assert {r.product.code for r in summary.expiring} == {
        p["product_code"] for p in cli["products"] if p["status"] == "expiring"
    }
    assert client.get("/so-theo-doi/").status_code == 200
