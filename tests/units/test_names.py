"""Name matching: the spellings people and sources use for the same unit."""

from __future__ import annotations

import pytest

from ntm.units.names import AmbiguousName, NoMatch, match_name, name_keys, same_name

KON_TUM_COMMUNES = ["Xã Đắk Pék", "Xã Đắk Choong", "Thị trấn Đắk Glei", "Xã Ia Dom"]


# One case per line, as a table (``fmt: skip`` keeps it so).
@pytest.mark.parametrize(
    ("written", "candidates", "expected"),
    [
        ("Xã Đắk Pék", KON_TUM_COMMUNES, "Xã Đắk Pék"),
        ("Xã Đăk Pék", KON_TUM_COMMUNES, "Xã Đắk Pék"),
        ("Dak Pek", KON_TUM_COMMUNES, "Xã Đắk Pék"),
        ("  xã   đắk  pék ", KON_TUM_COMMUNES, "Xã Đắk Pék"),
        ("TT Đắk Glei", KON_TUM_COMMUNES, "Thị trấn Đắk Glei"),
        ("Hoà Bình", ["Xã Hòa Bình", "Xã Hóa Bình"], "Xã Hòa Bình"),
        ("Xã Hòa Bình", ["Xã Hoà Bình", "Xã Hóa Bình"], "Xã Hoà Bình"),
        ("Huyện Ia H'Drai", ["Huyện Ia H' Drai", "Huyện Sa Thầy"], "Huyện Ia H' Drai"),
        ("Ia H’ Drai", ["Huyện Ia H' Drai", "Huyện Sa Thầy"], "Huyện Ia H' Drai"),
        ("Phường 01", ["Phường 1", "Phường 10", "Phường 11"], "Phường 1"),
        ("Phường I", ["Phường 1", "Phường 2"], "Phường 1"),
        ("Xã Tam Xuân 2", ["Xã Tam Xuân I", "Xã Tam Xuân II"], "Xã Tam Xuân II"),
        ("TP. Kon Tum", ["Thành phố Kon Tum", "Huyện Kon Rẫy"], "Thành phố Kon Tum"),
        ("Tỉnh Kon Tum", ["Tỉnh Kon Tum", "Tỉnh Gia Lai"], "Tỉnh Kon Tum"),
        ("Bà Rịa – Vũng Tàu", ["Tỉnh Bà Rịa - Vũng Tàu", "Tỉnh Bến Tre"], "Tỉnh Bà Rịa - Vũng Tàu"),
        ("TT Nông trường Mộc Châu", ["TT NT Mộc Châu", "TT Mộc Châu"], "TT NT Mộc Châu"),
        ("Xã Thuận Quý", ["Xã Thuận Quí", "Xã Thuận Hòa"], "Xã Thuận Quí"),
        ("Xã Ea Bar", ["Xã EaBar", "Xã Ea Bia"], "Xã EaBar"),
    ],
)  # fmt: skip
def test_it_matches_the_spellings_of_one_name(
    written: str, candidates: list[str], expected: str
) -> None:
    assert match_name(written, candidates).name == expected


def test_it_prefers_the_candidate_of_the_same_type_when_two_share_a_name() -> None:
    found = match_name("Phường Tân Lập", ["Xã Tân Lập", "Phường Tân Lập"])
    assert (found.name, found.index, found.how) == ("Phường Tân Lập", 1, "exact")


def test_it_refuses_an_ambiguous_name_and_names_the_candidates() -> None:
    with pytest.raises(AmbiguousName) as caught:
        match_name("Tân Lập", ["Xã Tân Lập", "Phường Tân Lập", "Xã Tân Hợp"])
    assert caught.value.candidates == ["Xã Tân Lập", "Phường Tân Lập"]
    assert str(caught.value) == (
        "Tên “Tân Lập” không rõ ràng: khớp với 2 đơn vị (Xã Tân Lập; Phường Tân Lập). "
        "Hãy ghi rõ hơn (kèm loại đơn vị, huyện/tỉnh hoặc mã)."
    )


def test_it_refuses_names_that_differ_only_by_tone_when_written_without_diacritics() -> None:
    with pytest.raises(AmbiguousName) as caught:
        match_name("Hoa Binh", ["Xã Hòa Bình", "Xã Hóa Bình"])
    assert caught.value.candidates == ["Xã Hòa Bình", "Xã Hóa Bình"]


def test_it_says_in_vietnamese_that_no_unit_has_the_name() -> None:
    with pytest.raises(NoMatch) as caught:
        match_name("Đắk Xyz", KON_TUM_COMMUNES)
    assert str(caught.value) == (
        "Không tìm thấy đơn vị hành chính tên “Đắk Xyz”. "
        "Gần giống: Xã Đắk Pék; Xã Đắk Choong; Thị trấn Đắk Glei."
    )


def test_it_keeps_tone_placement_variants_as_one_key() -> None:
    assert name_keys("Xã Hoà Bình")[0] == name_keys("xã Hòa Bình")[0]
    assert name_keys("Xã Hòa Bình")[0] != name_keys("Xã Hóa Bình")[0]


def test_same_name_ignores_type_and_diacritics() -> None:
    assert same_name("Huyện Đăk Hà", "Đắk Hà")
    assert not same_name("Đắk Hà", "Đắk Tô")
