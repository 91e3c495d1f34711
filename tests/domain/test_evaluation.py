"""The engine judges indicators: comparisons, unknown values and levels, variants, years."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from ntm.domain.criteria import CriteriaSet, criteria_set_from_data
from ntm.domain.evaluation import (
    MET,
    NOT_MET,
    UNKNOWN,
    SetLayout,
    empty_values,
    evaluate,
    values_from_long,
)
from ntm.domain.units import REGIONS, Unit

ALL_REGIONS = list(REGIONS)


def one_indicator_set(
    *,
    kind: str = "percent",
    compare: str = ">=",
    thresholds: Any = 80,
    variants: dict[str, Any] | None = None,
) -> CriteriaSet:
    return criteria_set_from_data(
        {
            "code": "thu",
            "title": "Bộ thử",
            "basis": "Thử",
            "period": [2016, 2025],
            "variants": variants
            if variants is not None
            else {"by": "region", "values": ALL_REGIONS},
            "criteria": [
                {
                    "number": 1,
                    "name": "Tiêu chí 1",
                    "indicators": [
                        {
                            "code": "1.1",
                            "name": "Chỉ tiêu 1.1",
                            "kind": kind,
                            "compare": compare,
                            "thresholds": thresholds,
                        }
                    ],
                }
            ],
        }
    )


def commune(
    code: str = "00001",
    *,
    region: str | None = "TN",
    group: str | None = None,
    flags: tuple[str, ...] = (),
) -> Unit:
    return Unit(code=code, name=f"Xã {code}", region=region, group=group, flags=frozenset(flags))


def status_of(cset: CriteriaSet, unit: Unit, value: float, year: int = 2020) -> int:
    ev = evaluate(cset, [unit], year, values=np.array([[value]]))
    return int(ev.indicator_status[0, 0])


@pytest.mark.parametrize(
    ("compare", "level", "value", "expected"),
    [
        (">=", 80, 80.0, MET),
        (">=", 80, 80.1, MET),
        (">=", 80, 79.9, NOT_MET),
        ("<=", 5, 5.0, MET),
        ("<=", 5, 4.9, MET),
        ("<=", 5, 5.1, NOT_MET),
        ("=", 3, 3.0, MET),
        ("=", 3, 3.1, NOT_MET),
        ("=", 3, 2.9, NOT_MET),
    ],
    ids=lambda x: str(x),
)
def test_it_compares_a_value_at_just_above_and_just_below_the_level(
    compare: str, level: float, value: float, expected: int
) -> None:
    cset = one_indicator_set(kind="number", compare=compare, thresholds=level)
    assert status_of(cset, commune(), value) == expected


@pytest.mark.parametrize(
    ("compare", "level", "value", "expected"),
    [
        (">=", "có", 1.0, MET),
        (">=", "có", 0.0, NOT_MET),
        ("=", True, 1.0, MET),
        ("=", True, 0.0, NOT_MET),
        ("=", "không", 0.0, MET),
        ("=", "không", 1.0, NOT_MET),
    ],
)
def test_it_judges_a_yes_no_indicator_against_yes_or_no(
    compare: str, level: Any, value: float, expected: int
) -> None:
    cset = one_indicator_set(kind="yes_no", compare=compare, thresholds=level)
    assert status_of(cset, commune(), value) == expected


def test_a_missing_value_is_unknown_never_not_met() -> None:
    cset = one_indicator_set(thresholds=80)
    assert status_of(cset, commune(), np.nan) == UNKNOWN


@pytest.mark.parametrize("value", [0.0, 80.0, 100.0])
def test_an_unknown_level_is_unknown_even_with_a_value(value: float) -> None:
    cset = one_indicator_set(thresholds="unknown")
    assert cset.indicators[0].threshold_for("TN", 2020) is None
    ev = evaluate(cset, [commune()], 2020, values=np.array([[value]]))
    assert int(ev.indicator_status[0, 0]) == UNKNOWN
    assert int(ev.criterion_status[0, 0]) == UNKNOWN
    result = ev.unit_result(0)["indicators"]["1.1"]
    assert result["threshold"] is None
    assert result["status"] == "unknown"


def test_each_region_is_judged_against_its_own_level() -> None:
    cset = one_indicator_set(
        kind="number", thresholds={"2020": {"TDMNPB": 36, "ĐBSH": 50, "ĐNB": 59}}
    )
    units = [commune("1", region="TDMNPB"), commune("2", region="ĐBSH"), commune("3", region="ĐNB")]
    ev = evaluate(cset, units, 2020, values=np.array([[40.0], [40.0], [60.0]]))
    assert ev.thresholds[:, 0].tolist() == [36.0, 50.0, 59.0]
    assert ev.indicator_status[:, 0].tolist() == [MET, NOT_MET, MET]


def test_a_region_whose_level_is_not_stated_is_unknown_while_others_are_judged() -> None:
    cset = one_indicator_set(thresholds={"2020": {"TDMNPB": 70, "TN": "unknown"}})
    units = [commune("1", region="TDMNPB"), commune("2", region="TN"), commune("3", region="BTB")]
    ev = evaluate(cset, units, 2020, values=np.full((3, 1), 90.0))
    assert ev.indicator_status[:, 0].tolist() == [MET, UNKNOWN, UNKNOWN]


@pytest.mark.parametrize(
    ("year", "expected_level", "expected"),
    [(2018, None, UNKNOWN), (2019, None, UNKNOWN), (2020, 50.0, MET), (2021, None, UNKNOWN)],
)
def test_a_level_stated_for_2020_only_leaves_other_years_unknown(
    year: int, expected_level: float | None, expected: int
) -> None:
    cset = one_indicator_set(kind="number", thresholds={"2020": {"TN": 50}, "2016-2019": "unknown"})
    ev = evaluate(cset, [commune()], year, values=np.array([[55.0]]))
    level = ev.thresholds[0, 0]
    assert (None if np.isnan(level) else float(level)) == expected_level
    assert int(ev.indicator_status[0, 0]) == expected


@pytest.mark.parametrize(
    ("year", "expected_level", "expected"),
    [(2018, 50.0, MET), (2019, 60.0, NOT_MET), (2020, 50.0, MET)],
)
def test_the_later_rule_wins_where_two_year_spans_overlap(
    year: int, expected_level: float, expected: int
) -> None:
    cset = one_indicator_set(kind="number", thresholds={"2016-2020": 50, "2019": 60})
    ev = evaluate(cset, [commune()], year, values=np.array([[55.0]]))
    assert float(ev.thresholds[0, 0]) == expected_level
    assert int(ev.indicator_status[0, 0]) == expected


@pytest.mark.parametrize(
    "unit",
    [commune(region=None), commune(region="XYZ")],
    ids=["no region", "a region the set does not know"],
)
def test_a_unit_without_a_region_of_the_set_is_unknown(unit: Unit) -> None:
    cset = one_indicator_set(thresholds=80)  # the same level for every region
    ev = evaluate(cset, [unit, commune("2")], 2020, values=np.array([[95.0], [95.0]]))
    assert ev.indicator_status[:, 0].tolist() == [UNKNOWN, MET]
    assert np.isnan(ev.thresholds[0, 0])


def test_an_extremely_difficult_commune_takes_the_tdmnpb_levels() -> None:
    cset = one_indicator_set(
        kind="number",
        thresholds={"2020": {"TDMNPB": 36, "ĐBSCL": 50}},
        variants={
            "by": "region",
            "values": ALL_REGIONS,
            "by_flag": {"extremely_difficult": "TDMNPB"},
        },
    )
    units = [
        commune("1", region="ĐBSCL", flags=("extremely_difficult",)),
        commune("2", region="ĐBSCL"),
        commune("3", region=None, flags=("extremely_difficult",)),
        commune("4", region="ĐBSCL", flags=("border",)),
    ]
    ev = evaluate(cset, units, 2020, values=np.full((4, 1), 40.0))
    assert ev.thresholds[:, 0].tolist() == [36.0, 50.0, 36.0, 50.0]
    assert ev.indicator_status[:, 0].tolist() == [MET, NOT_MET, MET, NOT_MET]


def test_levels_by_group_follow_the_units_group() -> None:
    cset = one_indicator_set(
        thresholds={"2020": {"1": 90, "2": 80}},
        variants={"by": "group", "values": ["1", "2", "3"]},
    )
    units = [commune("1", group="1"), commune("2", group="2"), commune("3", group="3")]
    ev = evaluate(cset, units, 2020, values=np.full((3, 1), 85.0))
    assert ev.indicator_status[:, 0].tolist() == [NOT_MET, MET, UNKNOWN]


def test_a_set_without_variants_applies_its_single_level_to_every_unit() -> None:
    cset = one_indicator_set(thresholds=80, variants={})
    units = [commune("1", region="TN"), commune("2", region=None)]
    ev = evaluate(cset, units, 2020, values=np.array([[85.0], [75.0]]))
    assert ev.thresholds[:, 0].tolist() == [80.0, 80.0]
    assert ev.indicator_status[:, 0].tolist() == [MET, NOT_MET]


def test_a_new_list_of_units_is_judged_by_its_own_regions() -> None:
    cset = one_indicator_set(kind="number", thresholds={"2020": {"TDMNPB": 36, "ĐNB": 59}})
    values = np.array([[40.0]])
    first = evaluate(cset, [commune("1", region="TDMNPB")], 2020, values=values)
    second = evaluate(cset, [commune("1", region="ĐNB")], 2020, values=values)
    assert int(first.indicator_status[0, 0]) == MET
    assert int(second.indicator_status[0, 0]) == NOT_MET


def test_a_layout_built_once_gives_the_same_result_as_building_it_each_time() -> None:
    cset = one_indicator_set(kind="number", thresholds={"2016-2020": 50, "2019": 60})
    units = [commune(str(i)) for i in range(4)]
    values = np.array([[49.0], [50.0], [60.0], [np.nan]])
    layout = SetLayout.build(cset, 2019)
    with_layout = evaluate(cset, units, 2019, values=values, layout=layout)
    without = evaluate(cset, units, 2019, values=values)
    assert with_layout.indicator_status.tolist() == without.indicator_status.tolist()
    assert with_layout.indicator_status[:, 0].tolist() == [NOT_MET, NOT_MET, MET, UNKNOWN]


def test_values_from_long_rows_fill_the_matrix_and_leave_the_rest_missing() -> None:
    cset = criteria_set_from_data(
        {
            "code": "thu",
            "title": "Bộ thử",
            "basis": "Thử",
            "period": [2020, 2020],
            "criteria": [
                {
                    "number": 1,
                    "name": "Một",
                    "indicators": [
                        {"code": "1.1", "name": "a", "kind": "percent"},
                        {"code": "1.2", "name": "b", "kind": "yes_no"},
                    ],
                },
                {"number": 2, "name": "Hai", "indicators": [{"code": "2.1", "name": "c"}]},
            ],
        }
    )
    units = [commune("001"), commune("002")]
    matrix = values_from_long(
        cset, units, [("002", "1.2", 1), ("001", "1.1", 85.5), ("002", "2.1", 0.0)]
    )
    assert matrix.shape == (2, 3)
    assert np.array_equal(
        matrix, np.array([[85.5, np.nan, np.nan], [np.nan, 1.0, 0.0]]), equal_nan=True
    )
    assert np.isnan(values_from_long(cset, units, [])).all()


@pytest.mark.parametrize(
    "row", [("999", "1.1", 1.0), ("001", "9.9", 1.0)], ids=["unknown unit", "unknown indicator"]
)
def test_values_from_long_refuses_a_code_it_does_not_know(row: tuple[str, str, float]) -> None:
    cset = one_indicator_set()
    with pytest.raises(KeyError):
        values_from_long(cset, [commune("001")], [row])


def test_values_of_the_wrong_shape_are_refused_with_the_shape_needed() -> None:
    cset = one_indicator_set()
    with pytest.raises(ValueError, match="values: cần ma trận 2×1"):
        evaluate(cset, [commune("1"), commune("2")], 2020, values=np.zeros((2, 2)))


def test_statuses_of_the_wrong_shape_are_refused_with_the_shape_needed() -> None:
    cset = one_indicator_set()
    with pytest.raises(ValueError, match="statuses: cần ma trận 1×1"):
        evaluate(cset, [commune()], 2020, statuses=np.zeros((1, 3), dtype=np.int8))


def test_without_values_every_indicator_is_unknown() -> None:
    cset = one_indicator_set()
    ev = evaluate(cset, [commune("1"), commune("2")], 2020)
    assert ev.indicator_status.tolist() == [[UNKNOWN], [UNKNOWN]]
    assert np.isnan(empty_values(2, cset)).all()


def test_a_unit_result_gives_plain_values_levels_and_statuses() -> None:
    cset = one_indicator_set(kind="number", thresholds={"2020": {"TN": 36}})
    unit = Unit(code="23284", name="Xã Đắk Hà", district_name="Huyện Tu Mơ Rông", region="TN")
    ev = evaluate(cset, [unit], 2020, values=np.array([[41.0]]))
    assert ev.unit_result(0) == {
        "commune_code": "23284",
        "commune_name": "Xã Đắk Hà",
        "district_name": "Huyện Tu Mơ Rông",
        "criteria_met": 1,
        "criteria": {"1": "met"},
        "criteria_missing": [],
        "eligible": "met",
        "indicators": {"1.1": {"value": 41, "threshold": 36, "compare": ">=", "status": "met"}},
    }
