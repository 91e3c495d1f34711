"""The models and villages lists as xlsx: the page's rows with the page's filters, read back with
openpyxl, and opened by LibreOffice like every xlsx we write (the pattern of
tests/reports/test_documents_in_libreoffice.py: a fresh profile, converted to csv)."""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from ntm.web.registries.models import Initiative, ModelKind, Village, VillageStanding

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(world: Any) -> None:
    economy = ModelKind.objects.get(code="kinh-te")
    dan_van = ModelKind.objects.get(code="dan-van-kheo")
    for name, kind, unit, year, value in (
        ("Nuôi ong lấy mật", economy, world.xa_a, 2024, "350.5"),
        ("Tuyến đường hoa", dan_van, world.xa_a, 2025, None),
        ("Vườn cam", economy, world.xa_b, 2025, "1200"),
        ("Chè xa", economy, world.xa_c, 2025, "10"),  # another province: never listed
    ):
        Initiative.objects.create(
            name=name, kind=kind, field="economy", unit=unit, year=year, households=12, value=value
        )
    for name, unit, standings in (
        ("Thôn 1", world.xa_a, [(2024, "ntm"), (2025, "smart")]),
        ("Bản 2", world.xa_b, [(2025, "ntm")]),
        ("Tổ 3", world.xa_b, []),
        ("Thôn Xa", world.xa_c, [(2025, "ntm")]),
    ):
        village = Village.objects.create(name=name, kind="thon", unit=unit)
        for year, standing in standings:
            VillageStanding.objects.create(
                village=village,
                year=year,
                standing=standing,
                decision_number=f"{year}/QĐ",
                decision_date=date(year, 6, 1),
            )


def _table(page: str, table_id: str) -> list[list[str]]:
    """The cells of a page's table (its header row aside), as text."""
    body = page.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)[1:]
    return [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", r)] for r in rows
    ]


def _sheet(response: Any, title: str) -> list[tuple[Any, ...]]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(BytesIO(response.content))
    return list(book[title].iter_rows(min_row=2, values_only=True))


def test_the_models_download_has_the_page_rows_with_its_filters(
    client: Any, world: Any, registry: None
) -> None:
    world.login(client, "office")
    query = {"year": "2025"}
    page = client.get("/so-theo-doi/mo-hinh/", query).content.decode()
    shown = [(r[0], r[1], r[3], int(r[4])) for r in _table(page, "models")]
    rows = _sheet(client.get("/so-theo-doi/mo-hinh/", query | {"export": "xlsx"}), "Mô hình")
    assert [(r[0], r[1], r[4], r[5]) for r in rows] == shown
    assert sorted(shown) == [
        ("Tuyến đường hoa", "Mô hình “Dân vận khéo”", "Xã A", 2025),
        ("Vườn cam", "Mô hình kinh tế", "Xã B", 2025),
    ]
    assert {r[0]: r[7] for r in rows} == {"Tuyến đường hoa": None, "Vườn cam": 1200.0}


def test_the_villages_download_has_both_tables_of_the_page_with_its_filters(
    client: Any, world: Any, registry: None
) -> None:
    world.login(client, "officer_b")  # Xã B's officer: Xã B only
    query = {"year": "2025"}
    page = client.get("/so-theo-doi/thon/", query).content.decode()
    response = client.get("/so-theo-doi/thon/", query | {"export": "xlsx"})
    standings = _sheet(response, "Danh hiệu theo năm")
    assert (
        [(r[0], r[1], r[3], r[4]) for r in standings]
        == [(int(r[0]), r[1], r[2], r[3]) for r in _table(page, "standings")]
        == [(2025, "Bản 2", "Xã B", "Thôn đạt chuẩn nông thôn mới")]
    )
    assert standings[0][6].date() == date(2025, 6, 1)  # a date cell, shown dd/mm/yyyy
    villages = _sheet(response, "Danh sách thôn")
    assert (
        [(r[0], r[1], r[3]) for r in villages]
        == [tuple(r) for r in _table(page, "villages")]
        == [("Bản 2", "Thôn", "Xã B"), ("Tổ 3", "Thôn", "Xã B")]
    )


def _libreoffice_csv(work: Path, xlsx: Path) -> dict[str, list[list[str]]]:
    """Every sheet of ``xlsx`` as LibreOffice reads it (csv per sheet, UTF-8)."""
    assert shutil.which("soffice"), "LibreOffice thiếu: chạy `make libreoffice`"
    every_sheet = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,true,false,false,-1"
    env = {**os.environ, "HOME": str(work), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    command = [
        "soffice",
        f"-env:UserInstallation={(work / 'profile').as_uri()}",
        "--headless",
        "--convert-to",
        every_sheet,
        "--outdir",
        str(work / "out"),
        str(xlsx),
    ]
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=240)
    return {
        path.stem.removeprefix(xlsx.stem + "-"): list(csv.reader(path.open(encoding="utf-8")))
        for path in (work / "out").glob("*.csv")
    }


def test_libreoffice_opens_the_registry_downloads(
    client: Any, world: Any, registry: None, tmp_path: Path
) -> None:
    world.login(client, "office")
    files = {}
    for name, url in (
        ("mo-hinh", "/so-theo-doi/mo-hinh/"),
        ("thon", "/so-theo-doi/thon/"),
        ("ocop", "/so-theo-doi/ocop/"),
    ):
        files[name] = tmp_path / f"{name}.xlsx"
        files[name].write_bytes(client.get(url, {"export": "xlsx"}).content)
    models = _libreoffice_csv(tmp_path / "m", files["mo-hinh"])["Mô hình"]
    assert models[0][:3] == ["Tên mô hình", "Loại", "Lĩnh vực"]
    assert sorted(r[0] for r in models[1:]) == ["Nuôi ong lấy mật", "Tuyến đường hoa", "Vườn cam"]
    villages = _libreoffice_csv(tmp_path / "t", files["thon"])
    assert set(villages) == {"Danh hiệu theo năm", "Danh sách thôn"}
    assert ["2025", "Thôn 1", "91001", "Xã A", "Thôn thông minh", "2025/QĐ", "01/06/2025"] in (
        villages["Danh hiệu theo năm"]
    )
    assert len(villages["Danh sách thôn"]) == 4  # the header and Xã A's and Xã B's villages
    ocop = _libreoffice_csv(tmp_path / "o", files["ocop"])
    assert list(ocop.values()) == [
        [
            [
                "Mã sản phẩm",
                "Tên sản phẩm",
                "Nhóm",
                "Chủ thể",
                "Mã xã",
                "Xã",
                "Phiếu chấm",
                "Tổng điểm",
                "Hạng sao",
                "Số quyết định",
                "Ngày quyết định",
                "Hiệu lực đến",
                "Tình trạng",
            ]
        ]
    ]
