"""Old communes → new communes and back, and how complete the mapping is."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from ntm.units import build
from ntm.units.lineage import lineage, mapping_report


def test_xa_dak_pek_of_kon_tum_went_into_xa_dak_pek_of_quang_ngai() -> None:
    line = lineage("23353")
    assert (line.regime, line.unit.name, line.unit.province_name) == (
        "old",
        "Xã Đắk Pék",
        "Tỉnh Kon Tum",
    )
    assert [(u.code, u.name, u.province_name) for u in line.counterparts] == [
        ("23341", "Xã Đăk Pék", "Tỉnh Quảng Ngãi")
    ]


def test_the_new_xa_dak_pek_came_from_the_town_and_the_commune_of_dak_glei() -> None:
    back = lineage("23341", "new")
    assert back.unit.name == "Xã Đăk Pék"
    assert [(u.code, u.name) for u in back.counterparts] == [
        ("23341", "Thị trấn Đắk Glei"),
        ("23353", "Xã Đắk Pék"),
    ]


def test_a_province_maps_through_its_communes() -> None:
    assert [p.name for p in lineage("62").counterparts] == ["Tỉnh Quảng Ngãi"]
    assert [p.name for p in lineage("51", "new").counterparts] == [
        "Tỉnh Quảng Ngãi",
        "Tỉnh Kon Tum",
    ]


def test_an_unmatched_commune_says_why() -> None:
    line = lineage("16387")
    assert line.counterparts == ()
    assert line.note == (
        "“Xã Đông Khê” của dữ liệu chuyển đổi khớp với 2 xã cùng tên (16387, 16408)"
    )


def test_the_mapping_places_10023_of_the_10051_old_communes() -> None:
    report = mapping_report()
    assert (report.old_communes, report.matched, len(report.unmatched)) == (10051, 10023, 28)
    assert report.rate == pytest.approx(99.7214, abs=1e-4)
    assert report.split == 295
    assert {u.match for u in report.unmatched} == {"none", "ambiguous"}
    assert sum(u.unit.province_name == "Tỉnh Sơn La" for u in report.unmatched) == 14
    assert sorted(c.name for c in report.new_without_old if c.kind == "đặc khu") == [
        "Đặc khu Bạch Long Vĩ",
        "Đặc khu Côn Đảo",
        "Đặc khu Cồn Cỏ",
        "Đặc khu Hoàng Sa",
        "Đặc khu Lý Sơn",
    ]


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_the_build_command_reproduces_the_vendored_files(tmp_path: Path) -> None:
    figures = build.build(tmp_path)
    assert (figures["old_communes"], figures["matched"], figures["new_communes"]) == (
        10051,
        10023,
        3321,
    )
    for name in ("lineage-2025.csv", "new-units-2025-07-01.csv"):
        assert _rows(tmp_path / name) == _rows(build.DATA / name), name
