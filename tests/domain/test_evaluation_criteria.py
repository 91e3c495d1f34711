"""The engine judges criteria and eligibility: rules, incomplete lists, statuses given directly."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from ntm.bench.reference import evaluate_per_row
from ntm.domain.criteria import CriteriaSet, criteria_set_from_data
from ntm.domain.evaluation import (
    MET,
    NOT_GIVEN,
    NOT_MET,
    UNKNOWN,
    empty_statuses,
    evaluate,
    status_and,
)
from ntm.domain.units import REGIONS, Unit

M, N, U = MET, NOT_MET, UNKNOWN
# Values that make a ">= 50" indicator met, not met, unknown.
VALUE = {M: 60.0, N: 40.0, U: np.nan}


def criterion_set(
    rule: Any = "all", *, complete: bool = True, size: int = 3, code: str = "thu", **extra: Any
) -> CriteriaSet:
    crit: dict[str, Any] = {
        "number": 1,
        "name": "Tiêu chí 1",
        "indicators": [
            {"code": f"1.{k}", "name": f"Chỉ tiêu 1.{k}", "kind": "percent", "thresholds": 50}
            for k in range(1, size + 1)
        ],
        "rule": rule,
        "indicators_complete": complete,
    }
    return criteria_set_from_data(
        {
            "code": code,
            "title": "Bộ thử",
            "basis": "Thử",
            "period": [2020, 2020],
            "variants": {"by": "region", "values": list(REGIONS)},
            "criteria": [crit],
            **extra,
        }
    )


def communes(n: int) -> list[Unit]:
    return [Unit(code=f"{i:05d}", name=f"Xã {i}", region="TN") for i in range(1, n + 1)]


def criterion_status(cset: CriteriaSet, indicator_statuses: tuple[int, ...]) -> int:
    values = np.array([[VALUE[s] for s in indicator_statuses]])
    ev = evaluate(cset, communes(1), 2020, values=values)
    assert ev.indicator_status[0].tolist() == list(indicator_statuses)
    return int(ev.criterion_status[0, 0])


@pytest.mark.parametrize(
    ("indicators", "expected"),
    [
        ((M, M, M), M),
        ((M, M, N), N),
        ((M, M, U), U),
        ((U, U, U), U),
        ((N, U, U), N),
        ((N, N, N), N),
    ],
)
def test_under_rule_all_a_criterion_is_met_only_when_every_indicator_is(
    indicators: tuple[int, ...], expected: int
) -> None:
    assert criterion_status(criterion_set("all"), indicators) == expected


@pytest.mark.parametrize(
    ("indicators", "expected"),
    [
        ((M, M, N), M),
        ((M, M, M), M),
        ((M, U, N), U),
        ((U, U, N), U),
        ((M, N, N), N),
        ((N, N, N), N),
    ],
)
def test_under_at_least_two_a_criterion_needs_two_indicators_met(
    indicators: tuple[int, ...], expected: int
) -> None:
    assert criterion_status(criterion_set({"kind": "at_least", "n": 2}), indicators) == expected


@pytest.mark.parametrize(
    ("indicators", "expected"),
    [((M, M, M), U), ((M, M, U), U), ((M, M, N), N), ((U, U, N), N)],
)
def test_an_incomplete_criterion_is_never_met_from_indicators_but_can_be_not_met(
    indicators: tuple[int, ...], expected: int
) -> None:
    assert criterion_status(criterion_set("all", complete=False), indicators) == expected


@pytest.mark.parametrize("indicators", [(M, M, M), (M, N, N), (N, N, N)])
def test_an_incomplete_at_least_criterion_stays_unknown_since_missing_indicators_may_count(
    indicators: tuple[int, ...],
) -> None:
    cset = criterion_set({"kind": "at_least", "n": 2}, complete=False)
    assert criterion_status(cset, indicators) == UNKNOWN


def test_a_criterion_without_indicators_is_unknown_unless_given() -> None:
    cset = criterion_set(size=0)
    statuses = np.array([[NOT_GIVEN], [MET], [NOT_MET]], dtype=np.int8)
    ev = evaluate(cset, communes(3), 2020, statuses=statuses)
    assert ev.criterion_status[:, 0].tolist() == [UNKNOWN, MET, NOT_MET]


@pytest.mark.parametrize(
    ("indicators", "given", "expected"),
    [
        ((M, M, M), NOT_MET, NOT_MET),
        ((N, N, N), MET, MET),
        ((U, U, U), MET, MET),
        ((M, M, M), UNKNOWN, UNKNOWN),
        ((M, M, M), NOT_GIVEN, MET),
        ((M, N, M), NOT_GIVEN, NOT_MET),
    ],
)
def test_a_status_given_directly_overrides_indicators_and_not_given_falls_back(
    indicators: tuple[int, ...], given: int, expected: int
) -> None:
    cset = criterion_set()
    values = np.array([[VALUE[s] for s in indicators]])
    statuses = empty_statuses(1, cset)
    statuses[0, 0] = given
    ev = evaluate(cset, communes(1), 2020, values=values, statuses=statuses)
    assert int(ev.criterion_status[0, 0]) == expected


def nineteen_criteria(**extra: Any) -> CriteriaSet:
    return criteria_set_from_data(
        {
            "code": extra.pop("code", "xa"),
            "title": "Bộ thử",
            "basis": "Thử",
            "period": [2020, 2020],
            "criteria": [{"number": n, "name": f"Tiêu chí {n}"} for n in range(1, 20)],
            **extra,
        }
    )


def given(rows: list[list[int]]) -> np.ndarray:
    return np.array(rows, dtype=np.int8)


def test_criteria_met_all_met_and_missing_criteria_are_counted_per_unit() -> None:
    cset = nineteen_criteria()
    rows = [[M] * 19, [M] * 17 + [N, U], [U] * 19]
    ev = evaluate(cset, communes(3), 2020, statuses=given(rows))
    assert ev.criteria_met.tolist() == [19, 17, 0]
    assert ev.all_met.tolist() == [True, False, False]
    assert ev.missing_criteria(0) == []
    assert ev.missing_criteria(1) == [18, 19]
    assert ev.eligibility.tolist() == [MET, NOT_MET, UNKNOWN]


def test_eligibility_for_a_tier_needs_the_required_set_and_is_unknown_without_it() -> None:
    base = nineteen_criteria(code="xa-ntm")
    advanced = nineteen_criteria(
        code="xa-nang-cao", tier="advanced", tier_rule={"requires": ["xa-ntm"]}
    )
    units = communes(3)
    own = given([[M] * 19, [M] * 19, [M] * 18 + [N]])
    without = evaluate(advanced, units, 2020, statuses=own)
    assert without.eligibility.tolist() == [UNKNOWN, UNKNOWN, NOT_MET]

    required = evaluate(base, units, 2020, statuses=given([[M] * 19, [M] * 18 + [N], [M] * 19]))
    with_base = evaluate(advanced, units, 2020, statuses=own, required={"xa-ntm": required})
    assert with_base.eligibility.tolist() == [MET, NOT_MET, NOT_MET]


def test_the_required_set_is_matched_by_unit_code_not_by_row() -> None:
    base = nineteen_criteria(code="xa-ntm")
    advanced = nineteen_criteria(code="xa-nang-cao", tier_rule={"requires": ["xa-ntm"]})
    units = communes(3)
    # The required set was judged for the same communes in another order, and one is absent.
    required = evaluate(
        base, [units[1], units[0]], 2020, statuses=given([[M] * 18 + [N], [M] * 19])
    )
    ev = evaluate(
        advanced, units, 2020, statuses=given([[M] * 19] * 3), required={"xa-ntm": required}
    )
    assert ev.eligibility.tolist() == [MET, NOT_MET, UNKNOWN]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [(M, M, M), (M, U, U), (U, M, U), (N, U, N), (U, N, N), (M, N, N), (U, U, U)],
)
def test_status_and_is_a_three_valued_and(a: int, b: int, expected: int) -> None:
    assert int(status_and(a, b)) == expected


def random_set(rng: np.random.Generator, n_criteria: int, big: bool) -> CriteriaSet:
    criteria = []
    code = 0
    for number in range(1, n_criteria + 1):
        size = 17 if big and number == 2 else int(rng.integers(0, 5))
        indicators = []
        for _ in range(size):
            code += 1
            compare = str(rng.choice([">=", "<=", "="]))
            by_region = {
                r: (None if rng.random() < 0.15 else int(rng.integers(1, 5))) for r in REGIONS
            }
            indicators.append(
                {
                    "code": f"{number}.{code}",
                    "name": "x",
                    "kind": "count",
                    "compare": compare,
                    "thresholds": {"2016-2019": int(rng.integers(1, 5)), "2020": by_region},
                }
            )
        crit: dict[str, Any] = {"number": number, "name": "x", "indicators": indicators}
        if size and rng.random() < 0.3:
            crit["rule"] = {"kind": "at_least", "n": int(rng.integers(1, size + 1))}
        crit["indicators_complete"] = bool(rng.random() < 0.8)
        criteria.append(crit)
    return criteria_set_from_data(
        {
            "code": "ngau-nhien",
            "title": "Bộ ngẫu nhiên",
            "basis": "Thử",
            "period": [2016, 2020],
            "variants": {
                "by": "region",
                "values": list(REGIONS),
                "by_flag": {"extremely_difficult": "TDMNPB"},
            },
            "criteria": criteria,
        }
    )


@pytest.mark.parametrize(("seed", "big"), [(1, False), (2, False), (3, True), (4, True)])
def test_the_engine_agrees_with_a_plain_per_row_evaluation_on_random_sets(
    seed: int, big: bool
) -> None:
    rng = np.random.default_rng(seed)
    cset = random_set(rng, 8, big)
    regions = [*REGIONS, None, "XYZ"]
    units = [
        Unit(
            code=f"{i:05d}",
            name=f"Xã {i}",
            region=regions[int(rng.integers(len(regions)))],
            flags=frozenset({"extremely_difficult"}) if rng.random() < 0.1 else frozenset(),
        )
        for i in range(300)
    ]
    values = rng.integers(0, 6, size=(300, len(cset.indicators))).astype(float)
    values[rng.random(values.shape) < 0.1] = np.nan
    for year in (2018, 2020):
        ev = evaluate(cset, units, year, values=values)
        slow = evaluate_per_row(cset, units, year, values)
        assert ev.indicator_status.tolist() == slow.indicator_status.tolist()
        assert ev.criterion_status.tolist() == slow.criterion_status.tolist()
    # Every status occurs, so the agreement is not vacuous.
    assert set(np.unique(ev.criterion_status).tolist()) == {MET, NOT_MET, UNKNOWN}
