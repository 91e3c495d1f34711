"""Monitoring catalogues: the shipped ones load, cover the report's figures, and bad files are
refused in Vietnamese with the field that is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from ntm.monitoring import (
    CatalogueFileError,
    catalogue_files,
    catalogue_for_year,
    load_catalogue,
    load_catalogue_file,
)

# Every figure issue #12 lists: seed 004 II.1, seed 000, seeds 002-003.
FIGURES = [
    "roads_concreted_km",
    "irrigation_works",
    "canals_km",
    "schools_built",
    "village_halls",
    "houses_built",
    "houses_repaired",
    "cooperatives",
    "farms",
    "large_fields",
    "graduation_pct",
    "insurance_pct",
    "clean_water_pct",
    "latrines_pct",
    "villages_sec_head",
    "villages_ntm",
    "satisfaction_pct",
    "poverty_pct",
    "near_poor_pct",
    "labour_days",
    "land_m2",
    "materials_bvnd",
    "income_million",
]


@pytest.mark.parametrize("code", sorted(catalogue_files()))
def test_every_shipped_catalogue_loads_and_covers_the_reports_figures(code: str) -> None:
    catalogue = load_catalogue(code)
    assert {i.code for i in catalogue.indicators} >= set(FIGURES)
    assert [name for name, _ in catalogue.by_group()] == [
        "Hạ tầng",
        "Sản xuất",
        "Văn hóa – xã hội",
        "Môi trường",
        "Hệ thống chính trị",
        "Nguồn lực",
    ]


def test_the_catalogue_of_a_year_is_the_one_whose_period_holds_it() -> None:
    assert catalogue_for_year(2020).code == "theo-doi-2016-2020"
    assert catalogue_for_year(2024).code == "theo-doi-2021-2025"


def test_a_province_extends_a_catalogue_with_its_own_indicators(
    tmp_path: Path, monkeypatch
) -> None:
    (tmp_path / "kon-tum-2016-2020.yaml").write_text(
        "code: kon-tum-2016-2020\ntitle: Kon Tum\nextends: theo-doi-2016-2020\nindicators:\n"
        "  - {code: coffee_ha, name: Cà phê tái canh, unit: ha, level: commune, rollup: sum,"
        " group: san_xuat}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("NTM_MONITORING_DIR", str(tmp_path))
    load_catalogue.cache_clear()
    try:
        merged = catalogue_for_year(2020)
        assert merged.code == "kon-tum-2016-2020"
        assert merged.get("coffee_ha") is not None and merged.get("poverty_pct") is not None
    finally:
        load_catalogue.cache_clear()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "  - {code: x, name: X, unit: '%', level: xã, rollup: sum, group: ha_tang}\n",
            "không hợp lệ; chỉ nhận một trong",
        ),
        (
            "  - {code: x, name: X, unit: '%', level: commune, rollup: weighted_mean,"
            " group: ha_tang}\n",
            "cần chỉ tiêu trọng số",
        ),
        (
            "  - {code: x, name: X, unit: '%', level: commune, rollup: weighted_mean, weight: y,"
            " group: ha_tang}\n",
            "không có chỉ tiêu «y»",
        ),
        (
            "  - {code: X-1, name: X, unit: km, level: commune, rollup: sum, group: ha_tang}\n",
            "indicators[X-1].code",
        ),
        (
            "  - {code: x, name: X, unit: km, level: commune, rollup: sum, group: ha_tang}\n"
            "  - {code: x, name: Y, unit: km, level: commune, rollup: sum, group: ha_tang}\n",
            "mã chỉ tiêu bị trùng",
        ),
    ],
)
def test_a_bad_catalogue_is_refused_naming_the_field(
    tmp_path: Path, body: str, message: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("code: bad\ntitle: Bad\nperiod: [2021, 2025]\nindicators:\n" + body, "utf-8")
    with pytest.raises(CatalogueFileError) as failed:
        load_catalogue_file(path)
    assert message in str(failed.value)
    assert "bad.yaml" in str(failed.value)
