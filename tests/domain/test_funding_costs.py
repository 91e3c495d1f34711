"""What a commune's gap costs (``ntm.domain.funding_costs``): per criterion, per unit short of an
indicator, and why a gap cannot be costed (no unit cost; a priced indicator's value unknown)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from ntm.domain.criteria import criteria_set_from_data
from ntm.domain.evaluation import empty_statuses, empty_values, evaluate
from ntm.domain.funding_costs import UnitCosts, costed_gaps, shortfall
from ntm.domain.funding_plan import Gap
from ntm.domain.units import Unit

# A table: one criterion, then its indicator, on two lines each.
SET = {
    "code": "xa-thu-chi-phi",
    "title": "Bộ tiêu chí thử chi phí (dữ liệu kiểm thử)",
    "basis": "Dữ liệu kiểm thử",
    "period": [2021, 2025],
    "criteria": [
        {"number": 1, "name": "Nước sạch", "indicators": [
            {"code": "1.1", "name": "Tỷ lệ hộ dùng nước sạch", "kind": "percent",
             "thresholds": 80}]},
        {"number": 2, "name": "Giao thông", "indicators": [
            {"code": "2.1", "name": "Đường chưa cứng hóa", "kind": "number", "unit": "km",
             "compare": "<=", "thresholds": 2}]},
    ],
}  # fmt: skip


@pytest.mark.parametrize(
    ("value", "threshold", "compare", "short"),
    [(70, 80, ">=", 10), (90, 80, ">=", 0), (5, 2, "<=", 3), (0, 1, "=", 1), (1, 1, "=", 0)],
)
def test_the_shortfall_is_in_the_indicators_unit(value, threshold, compare, short):
    assert shortfall(value, threshold, compare) == short


def test_an_unknown_value_has_no_shortfall():
    assert shortfall(math.nan, 80, ">=") is None


def _evaluation(values: list[list[float]]):
    cset = criteria_set_from_data(SET)
    units = [Unit(code=f"0000{i}", name=f"Xã {i}") for i in range(1, len(values) + 1)]
    matrix = empty_values(len(units), cset)
    matrix[:, :] = np.array(values, dtype=float)
    return evaluate(cset, units, 2024, values=matrix, statuses=empty_statuses(len(units), cset))


def test_gaps_are_costed_per_unit_short_and_per_criterion():
    ev = _evaluation([[70, 5], [math.nan, 1]])
    costs = UnitCosts(criterion={2: 1.0}, indicator={"1.1": 0.5, "2.1": 2.0})
    found = costed_gaps(ev, costs)
    assert [(c.gap, c.unknown) for c in found] == [
        (Gap("00001", 1, 5.0), ()),  # 10 points × 0,5
        (Gap("00001", 2, 7.0), ()),  # 1 + 3 km × 2
        (Gap("00002", 1, None), ("1.1",)),  # value unknown, no criterion cost
    ]


def test_a_criterion_without_any_unit_cost_cannot_be_costed():
    ev = _evaluation([[70, 1]])
    [only] = costed_gaps(ev, UnitCosts(indicator={"2.1": 2.0}))
    assert (only.gap, only.unknown) == (Gap("00001", 1, None), ())
