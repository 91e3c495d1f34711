"""Which "units under N criteria" a report lists: 10 for the 19-criterion sets, the set's own N
otherwise."""

from __future__ import annotations

import numpy as np
import pytest

from ntm.criteria import load_set
from ntm.domain.criteria import criteria_set_from_data
from ntm.domain.evaluation import evaluate
from ntm.domain.rollup import rollup
from ntm.domain.units import Unit


def _set(n: int, **extra) -> object:
    data = {"code": "t", "title": "t", "basis": "b", "period": [2020, 2020]}
    data["criteria"] = [{"number": k, "name": f"c{k}"} for k in range(1, n + 1)]
    return criteria_set_from_data({**data, **extra})


@pytest.mark.parametrize(
    ("code", "line"), [("xa-ntm-2016-2020", 10), ("xa-ntm-2021-2025", 10), ("xa-ntm-2026-2030", 5)]
)
def test_each_shipped_commune_set_has_the_line_its_reports_use(code, line):
    assert load_set(code).lagging_line() == line


def test_a_set_without_its_own_line_uses_the_top_of_its_lowest_band_plus_one():
    bands = [{"label": "4", "min": 4, "max": 4}, {"label": "<4", "min": 0, "max": 3}]
    assert _set(4, bands=bands).lagging_line() == 4


def test_a_rollup_lists_the_units_under_the_sets_line_by_default():
    cset = _set(10, lagging_below=5)
    units = [Unit(code=f"{i:05d}", name=f"Xã {i}") for i in range(3)]
    statuses = np.zeros((3, 10), dtype=np.int8)
    statuses[0, :4] = 1  # 4 criteria: under 5
    statuses[1, :5] = 1  # 5 criteria: not under 5
    statuses[2, :9] = 1
    summary = rollup(evaluate(cset, units, 2020, statuses=statuses))
    assert summary.under == 5
    assert summary.as_dict()["communes_under_5_criteria"] == ["Xã 0"]
