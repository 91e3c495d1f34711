"""The 2025 baseline of a new commune from its predecessors (docs/units.md «Quy đổi số liệu
2025»), on three merged communes computed by hand."""

from __future__ import annotations

from ntm.domain.carryover import OldCommune, commune_baseline, province_baseline

A = OldCommune("1", "Xã A", recognised=True, criteria_met=19)
B = OldCommune("2", "Xã B", recognised=True, criteria_met=19)
C = OldCommune("3", "Xã C", recognised=False, criteria_met=14)
D = OldCommune("4", "Xã D", recognised=False, criteria_met=17)
E = OldCommune("5", "Xã E", recognised=None, criteria_met=None)  # no 2025 figures


def test_a_commune_merged_from_recognised_communes_is_recognised_with_19_criteria():
    got = commune_baseline("10", "Xã Mới Một", [A, B])
    assert (got.recognised, got.criteria_met, got.note) == (True, 19, "")


def test_one_predecessor_below_the_standard_makes_the_new_commune_below_it_at_its_minimum():
    got = commune_baseline("11", "Xã Mới Hai", [A, C, D])
    assert (got.recognised, got.criteria_met) == (False, 14)


def test_a_predecessor_without_2025_figures_leaves_the_commune_without_a_baseline():
    got = commune_baseline("12", "Xã Mới Ba", [B, E])
    assert (got.recognised, got.criteria_met) == (None, None)
    assert got.note == "chưa có số liệu 2025 của Xã E"
    assert commune_baseline("13", "Xã Từ Phường", []).note == "không có xã tiền thân"


def test_the_province_sums_the_new_communes_with_a_baseline_and_names_the_others():
    communes = [("10", "Xã Mới Một"), ("11", "Xã Mới Hai"), ("12", "Xã Mới Ba")]
    got = province_baseline(communes, {"10": [A, B], "11": [A, C, D], "12": [B, E]})
    # By hand: 10 recognised, 11 not, 12 unknown; the old communes with figures: A, B, C, D.
    assert (got.communes, got.derived, got.recognised) == (3, 2, 1)
    assert got.without_baseline == ["Xã Mới Ba"]
    assert (got.old_communes, got.old_recognised) == (4, 2)
    assert got.share_recognised == 50.0
