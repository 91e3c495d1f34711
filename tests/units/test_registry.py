"""The unit lists before and after 1 July 2025, as the vendored files give them."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from ntm.units import registry
from ntm.units.names import AmbiguousName, NoMatch
from ntm.units.registry import (
    UnknownCode,
    communes_of,
    districts_of,
    find_commune,
    find_province,
    new_units,
    old_units,
    search,
    unit,
)


def test_the_old_regime_has_the_counts_of_the_gso_list_of_4_january_2025() -> None:
    old = old_units()
    assert len(old.provinces) == 63
    # 696 districts existed; the 5 island districts with no commune (Bạch Long Vĩ, Cồn Cỏ,
    # Hoàng Sa, Lý Sơn, Côn Đảo) are absent from a list of communes.
    assert len(old.districts) == 691
    assert len(old.communes) == 10051
    assert Counter(c.kind for c in old.communes) == {"xã": 7717, "phường": 1716, "thị trấn": 618}


def test_the_new_regime_has_34_provinces_and_3321_commune_level_units() -> None:
    new = new_units()
    assert len(new.provinces) == 34
    assert new.districts == ()
    assert len(new.communes) == 3321
    assert Counter(c.kind for c in new.communes) == {"xã": 2621, "phường": 687, "đặc khu": 13}
    assert all(c.district_code is None and c.group is None for c in new.communes)


def test_codes_are_zero_padded_strings() -> None:
    assert {len(p.code) for p in new_units().provinces} == {2}
    assert {len(c.code) for c in new_units().communes} == {5}
    assert unit("01", "new").name == "Thành phố Hà Nội"
    assert unit("00070", "new").name == "Phường Hoàn Kiếm"


def test_tuyen_quang_after_2025_lists_every_commune_level_unit_with_its_kind() -> None:
    communes = communes_of("Tuyên Quang", regime="new")
    assert len(communes) == 124
    assert Counter(c.kind for c in communes) == {"xã": 117, "phường": 7}
    assert {c.province_code for c in communes} == {"08"}
    assert all(c.region == "TDMNPB" for c in communes)


def test_kon_tum_communes_before_2025_are_in_the_central_highlands() -> None:
    communes = communes_of("Kon Tum")
    assert len(communes) == 102
    assert {c.region for c in communes} == {"TN"}
    assert len(districts_of("62")) == 10
    assert unit("23353").district_name == "Huyện Đắk Glei"


def test_a_new_province_has_a_region_only_when_its_old_provinces_share_one() -> None:
    assert find_province("Tuyên Quang", "new").region == "TDMNPB"  # + Hà Giang
    assert find_province("Gia Lai", "new").region is None  # Gia Lai TN + Bình Định DHNTB
    assert find_province("Huế", "new").region == "BTB"


@pytest.mark.parametrize(
    ("text", "regime", "code"),
    [
        ("62", "old", "62"),
        ("8", "new", "08"),
        ("Kon Tum", "old", "62"),
        ("tinh kon tum", "old", "62"),
        ("TP. Hồ Chí Minh", "new", "79"),
        ("Thừa Thiên Huế", "old", "46"),
        ("Hòa Bình", "old", "17"),
        ("Đăk Lăk", "new", "66"),
    ],
)
def test_it_finds_a_province_by_code_or_by_name(text: str, regime: str, code: str) -> None:
    assert find_province(text, regime).code == code  # type: ignore[arg-type]


def test_it_says_which_province_code_does_not_exist() -> None:
    with pytest.raises(UnknownCode) as caught:
        find_province("62", "new")
    assert str(caught.value) == "Không có đơn vị hành chính mã “62” (từ 01/7/2025)."
    with pytest.raises(NoMatch):
        find_province("Kon Tum", "new")


def test_it_finds_a_commune_by_name_in_its_province_and_district() -> None:
    assert find_commune("Dak Pek", "Kon Tum").code == "23353"
    assert find_commune("Xã Đắk Pék", "Kon Tum", district="Đắk Glei").code == "23353"
    assert find_commune("Đăk Pék", "Quảng Ngãi", regime="new").code == "23341"


def test_two_communes_of_one_name_are_refused_with_their_codes() -> None:
    with pytest.raises(AmbiguousName) as caught:
        find_commune("Đông Khê", "Thanh Hóa", district="Thành phố Thanh Hóa")
    assert caught.value.candidates == [
        "Xã Đông Khê (mã 16387, Thành phố Thanh Hóa)",
        "Xã Đông Khê (mã 16408, Thành phố Thanh Hóa)",
    ]


def test_search_finds_both_regimes_without_diacritics() -> None:
    found = search("dak pek")
    assert [(u.code, u.province_name) for u in found] == [
        ("23353", "Tỉnh Kon Tum"),
        ("23341", "Tỉnh Quảng Ngãi"),
    ]
    assert [u.code for u in search("23353", "old")] == ["23353"]


def test_a_region_map_file_overrides_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "regions.yaml"
    path.write_text("DHNTB:\n  - Kon Tum\nTN:\n  - Gia Lai\n", encoding="utf-8")
    monkeypatch.setenv("NTM_REGION_MAP", str(path))
    assert unit("23353").region == "DHNTB"
    assert unit("04").region is None  # Cao Bằng is not in that map
    monkeypatch.delenv("NTM_REGION_MAP")
    assert unit("23353").region == "TN"


def test_loading_both_regimes_reads_the_vendored_files_only_once() -> None:
    # Speed is measured by benchmarks; here only that the registry caches what it reads.
    for loader in (registry._old, registry._new, registry.lineage_rows):
        loader.cache_clear()
    assert old_units() is old_units()
    assert new_units() is new_units()
    assert registry._old.cache_info().misses == 1
