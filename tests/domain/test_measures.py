"""The plan-target measures (issue #12.3): one registry, and what a target asks once its
baseline is known — a value, a range met at its near end, or a multiple of the baseline."""

from __future__ import annotations

import pytest

from ntm.domain.measures import (
    AT_LEAST,
    AT_MOST,
    MEASURE_REGISTRY,
    TargetGoal,
    default_direction,
    measure_of,
)
from ntm.domain.plans import MEASURES


def test_every_measure_a_targets_file_names_is_in_the_registry() -> None:
    assert set(MEASURES) <= set(MEASURE_REGISTRY)


def test_an_unknown_measure_is_named_in_vietnamese() -> None:
    with pytest.raises(KeyError, match="không có chỉ tiêu đo «thu_nhap»"):
        measure_of("thu_nhap")


@pytest.mark.parametrize(
    ("code", "parameter", "direction"),
    [
        ("communes_recognised", "", AT_LEAST),
        ("max_communes_under", "5", AT_MOST),
        ("indicator", "poverty_pct", AT_MOST),
        ("indicator", "income_million", AT_LEAST),
    ],
)
def test_a_target_is_a_floor_unless_less_is_better(
    code: str, parameter: str, direction: str
) -> None:
    assert default_direction(code, parameter) == direction


@pytest.mark.parametrize(
    ("goal", "baseline", "threshold"),
    [
        (TargetGoal(60, None, AT_LEAST, relative=False), 28.0, 60),
        (TargetGoal(3, 5, AT_LEAST, relative=False), None, 3),  # "3–5 communes": met at 3
        (TargetGoal(8, 10, AT_MOST, relative=False), 12.0, 10),  # a ceiling range: at most 10
        (TargetGoal(2.5, 3, AT_LEAST, relative=True), 32.0, 80.0),  # income 2,5–3 × 32 million
        (TargetGoal(2.5, 3, AT_LEAST, relative=True), None, None),  # no baseline: no target yet
    ],
)
def test_what_meets_a_target(
    goal: TargetGoal, baseline: float | None, threshold: float | None
) -> None:
    assert goal.threshold(baseline) == threshold
