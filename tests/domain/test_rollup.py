"""Roll-ups: bands, averages, per-criterion counts, lists; rounding and Vietnamese order."""

from __future__ import annotations

import numpy as np
import pytest

from ntm.domain.criteria import criteria_set_from_data
from ntm.domain.evaluation import MET, NOT_MET, UNKNOWN, Evaluation, evaluate
from ntm.domain.rollup import Rollup, rollup, rollup_by, round_half_up, vi_sort_key
from ntm.domain.units import Unit

CSET = criteria_set_from_data(
    {
        "code": "xa",
        "title": "Bộ thử 19 tiêu chí",
        "basis": "Thử",
        "period": [2020, 2020],
        "criteria": [{"number": n, "name": f"Tiêu chí {n}"} for n in range(1, 20)],
    }
)


def row(not_met: list[int] = (), unknown: list[int] = ()) -> list[int]:  # type: ignore[assignment]
    return [NOT_MET if n in not_met else UNKNOWN if n in unknown else MET for n in range(1, 20)]


# (name, district code, criterion statuses): met 19, 18, 17, 18, 12, 9, 3.
COMMUNES = [
    ("Xã Đắk Hà", "310", row()),
    ("Xã Dak Ro", "310", row(not_met=[5])),
    ("Xã Ân Phú", "305", row(not_met=[3], unknown=[19])),
    ("Xã An Phú", "305", row(unknown=[19])),
    ("Xã Bờ Y", "305", row(not_met=list(range(13, 20)))),
    ("Xã Ba Tơ", "320", row(not_met=list(range(10, 20)))),
    ("Xã Ya Xiêr", None, row(not_met=list(range(4, 20)))),
]


@pytest.fixture(scope="module")
def ev() -> Evaluation:
    units = [
        Unit(code=f"{i:05d}", name=name, district_code=d, district_name=d and f"Huyện {d}")
        for i, (name, d, _) in enumerate(COMMUNES, start=1)
    ]
    statuses = np.array([s for _, _, s in COMMUNES], dtype=np.int8)
    return evaluate(CSET, units, 2020, statuses=statuses)


def test_the_whole_list_is_counted_into_the_five_bands(ev: Evaluation) -> None:
    r = rollup(ev)
    assert ev.criteria_met.tolist() == [19, 18, 17, 18, 12, 9, 3]
    assert r.units_total == 7
    assert r.bands == {"19": 1, "15-18": 3, "10-14": 1, "5-9": 1, "<5": 1}
    assert [r.band_of_row(i) for i in range(7)] == [
        "19",
        "15-18",
        "15-18",
        "15-18",
        "10-14",
        "5-9",
        "<5",
    ]


def test_the_average_is_kept_unrounded_and_rounded_half_up_for_people(ev: Evaluation) -> None:
    r = rollup(ev)
    assert r.avg_criteria == pytest.approx(96 / 7)
    assert r.as_dict()["avg_criteria"] == 13.7


def test_each_criterion_counts_the_units_meeting_it(ev: Evaluation) -> None:
    r = rollup(ev)
    expected = {1: 7, 2: 7, 3: 6, 4: 6, 5: 5}
    expected |= dict.fromkeys(range(6, 10), 6) | dict.fromkeys(range(10, 13), 5)
    expected |= dict.fromkeys(range(13, 19), 4) | {19: 2}
    assert r.criteria_met == expected
    assert r.criteria_met_by_all == [1, 2]


def test_recognised_and_under_ten_list_the_right_communes(ev: Evaluation) -> None:
    r = rollup(ev)
    assert r.recognised == 1
    assert r.recognised_rows == [0]
    assert r.under_rows == [5, 6]
    assert r.names(r.under_rows) == ["Xã Ba Tơ", "Xã Ya Xiêr"]
    assert rollup(ev, under=13).under_rows == [4, 5, 6]


def test_closest_to_the_standard_lists_units_missing_one_then_two_with_what_they_miss(
    ev: Evaluation,
) -> None:
    r = rollup(ev)
    # Missing one first (An Phú before Dak Ro, Vietnamese order), then missing two.
    assert r.closest == [(3, [19]), (1, [5]), (2, [3, 19])]
    assert r.as_dict()["closest_to_standard"] == [
        {
            "commune_code": "00004",
            "commune_name": "Xã An Phú",
            "district_name": "Huyện 305",
            "missing": [19],
        },
        {
            "commune_code": "00002",
            "commune_name": "Xã Dak Ro",
            "district_name": "Huyện 310",
            "missing": [5],
        },
        {
            "commune_code": "00003",
            "commune_name": "Xã Ân Phú",
            "district_name": "Huyện 305",
            "missing": [3, 19],
        },
    ]


def test_as_dict_has_the_keys_of_expected_json(ev: Evaluation) -> None:
    d = rollup(ev).as_dict()
    assert list(d) == [
        "communes_total",
        "recognised",
        "bands",
        "avg_criteria",
        "criteria",
        "criteria_met_by_all",
        "recognised_communes",
        "communes_under_10_criteria",
        "closest_to_standard",
    ]
    assert d["criteria"]["19"] == {"met": 2}
    assert d["recognised_communes"] == ["Xã Đắk Hà"]
    assert "communes_under_5_criteria" in rollup(ev, under=5).as_dict()


def test_rollup_by_district_gives_each_district_its_own_figures_in_order_of_appearance(
    ev: Evaluation,
) -> None:
    groups = rollup_by(ev, lambda u: u.district_code)
    assert list(groups) == ["310", "305", "320"]  # the commune without a district is left out
    h310, h305, h320 = groups.values()
    assert h310.rows.tolist() == [0, 1]
    assert h310.bands == {"19": 1, "15-18": 1, "10-14": 0, "5-9": 0, "<5": 0}
    assert h310.avg_criteria == 18.5
    assert h310.criteria_met_by_all == [n for n in range(1, 20) if n != 5]
    assert h310.closest == [(1, [5])]
    assert h305.units_total == 3
    assert h305.recognised == 0
    assert round_half_up(h305.avg_criteria, 1) == 15.7
    assert h305.criteria_met_by_all == [1, 2, *range(4, 13)]
    assert h305.criteria_met[19] == 0
    assert h305.closest == [(3, [19]), (2, [3, 19])]
    assert h320.under_rows == [5]
    assert h320.bands["5-9"] == 1


def test_rollup_by_agrees_with_a_rollup_of_each_groups_rows(ev: Evaluation) -> None:
    for key, group in rollup_by(ev, lambda u: u.district_code).items():
        alone = rollup(ev, group.rows)
        assert group.as_dict() == alone.as_dict(), key
        assert group.avg_criteria == alone.avg_criteria


def test_a_rollup_of_chosen_rows_counts_only_those(ev: Evaluation) -> None:
    r = rollup(ev, np.array([6, 0]))
    assert r.units_total == 2
    assert r.recognised_rows == [0]
    assert r.under_rows == [6]
    assert r.avg_criteria == 11.0
    assert r.criteria_met_by_all == [1, 2, 3]


def test_a_rollup_of_no_units_is_all_zeros(ev: Evaluation) -> None:
    r = rollup(ev, np.array([], dtype=np.intp))
    assert isinstance(r, Rollup)
    assert r.units_total == 0
    assert r.avg_criteria == 0.0
    assert set(r.bands.values()) == {0}
    assert r.criteria_met == dict.fromkeys(range(1, 20), 0)
    assert (r.criteria_met_by_all, r.recognised_rows, r.under_rows, r.closest) == ([], [], [], [])


def test_names_sort_by_code_point_for_machines_and_vietnamese_for_people(ev: Evaluation) -> None:
    r = rollup(ev)
    rows = list(range(7))
    assert r.names(rows, for_people=True) == [
        "Xã An Phú",
        "Xã Ân Phú",
        "Xã Ba Tơ",
        "Xã Bờ Y",
        "Xã Dak Ro",
        "Xã Đắk Hà",
        "Xã Ya Xiêr",
    ]
    assert r.names(rows) == sorted(name for name, _, _ in COMMUNES)


@pytest.mark.parametrize(
    ("x", "digits", "expected"),
    [
        (14.75, 1, 14.8),
        (2.5, 0, 3.0),
        (3.5, 0, 4.0),
        (14.85, 1, 14.9),
        (14.749, 1, 14.7),
        (13.714285714285714, 1, 13.7),
        (0.05, 1, 0.1),
        (-2.5, 0, -3.0),
        (np.float64(14.75), 1, 14.8),
    ],
)
def test_round_half_up_rounds_halves_away_as_people_do(
    x: float, digits: int, expected: float
) -> None:
    assert round_half_up(x, digits) == expected


@pytest.mark.parametrize(
    "ordered",
    [
        ["a", "ă", "â", "b"],
        ["c", "d", "đ", "e", "ê", "g"],
        ["o", "ô", "ơ", "p"],
        ["u", "ư", "v", "x", "y"],
        ["Xã Dak Ro", "Xã Đắk Hà"],
        ["Xã Dak", "Xã Đắk"],
        ["Xã Đăk Hà", "Xã Đắk Hà", "Xã Đăk Ui"],
        ["Bà Rịa", "Ba Tơ"],  # tones only break ties: r before t decides
        ["ba", "bà", "bá"],
        ["Đăk Hà", "Đăkbla"],  # a space before a letter
        ["Phường 1", "Phường An"],
        ["an", "ăn", "Ân"],
    ],
)
def test_vi_sort_key_orders_names_the_vietnamese_way(ordered: list[str]) -> None:
    for shuffled in (list(reversed(ordered)), ordered[1:] + ordered[:1]):
        assert sorted(shuffled, key=vi_sort_key) == ordered
