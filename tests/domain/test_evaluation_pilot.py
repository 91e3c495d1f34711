"""Pilot evaluation ("theo các chỉ tiêu đã nhập"): incomplete criteria judged on the indicators
the set has, never counted as a recognition."""

from __future__ import annotations

import numpy as np
import pytest

from ntm.domain.criteria import CriteriaSet, criteria_set_from_data
from ntm.domain.evaluation import MET, NOT_MET, UNKNOWN, SetLayout, evaluate
from ntm.domain.units import Unit


def partial_set() -> CriteriaSet:
    """Two criteria: the first with one of its indicators entered, the second with none."""
    level = {"all": {"1": 90, "2": 80, "3": 70}}
    return criteria_set_from_data(
        {
            "code": "thu-diem",
            "title": "Bộ thử",
            "basis": "Thử",
            "period": [2026, 2030],
            "level": "commune",
            "variants": {"by": "group", "values": ["1", "2", "3"]},
            "criteria": [
                {
                    "number": 1,
                    "name": "Một",
                    "indicators_complete": False,
                    "indicators": [
                        {
                            "code": "1.1",
                            "name": "Tỷ lệ",
                            "kind": "percent",
                            "compare": ">=",
                            "thresholds": level,
                        },
                    ],
                },
                {"number": 2, "name": "Hai", "indicators_complete": False},
            ],
        }
    )


def communes() -> list[Unit]:
    return [Unit(code=f"0000{i}", name=f"Xã {i}", group=g) for i, g in enumerate("123", 1)]


def test_without_pilot_an_incomplete_criterion_is_never_met_only_failed() -> None:
    values = np.array([[95.0], [75.0], [70.0]])
    ev = evaluate(partial_set(), communes(), 2026, values=values)
    assert not ev.pilot
    assert ev.criterion_status[:, 0].tolist() == [UNKNOWN, NOT_MET, UNKNOWN]


def test_a_pilot_judges_an_incomplete_criterion_on_its_entered_indicators_by_group() -> None:
    values = np.array([[95.0], [75.0], [70.0]])  # group 1 ≥ 90, group 2 ≥ 80, group 3 ≥ 70
    ev = evaluate(partial_set(), communes(), 2026, values=values, pilot=True)
    assert ev.pilot
    assert ev.criterion_status[:, 0].tolist() == [MET, NOT_MET, MET]
    assert ev.criterion_status[:, 1].tolist() == [UNKNOWN, UNKNOWN, UNKNOWN]  # nothing entered
    assert ev.criteria_met.tolist() == [1, 0, 1]


def test_a_pilot_never_confirms_a_recognition_while_the_set_is_incomplete() -> None:
    values = np.array([[95.0], [75.0], [70.0]])
    ev = evaluate(partial_set(), communes(), 2026, values=values, pilot=True)
    assert MET not in ev.eligibility.tolist()


def test_a_layout_of_the_other_mode_is_refused() -> None:
    cset = partial_set()
    with pytest.raises(ValueError, match="thí điểm"):
        evaluate(cset, communes(), 2026, layout=SetLayout.build(cset, 2026), pilot=True)
