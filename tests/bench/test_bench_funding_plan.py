"""The funding-plan benchmark is registered and gives a real plan (no timing asserted)."""

from __future__ import annotations

from ntm.bench import discover
from ntm.bench import funding_plan as funding_bench


def test_the_funding_plan_benchmark_is_registered() -> None:
    assert "funding_plan" in discover()


def test_a_small_province_gets_a_plan_within_its_budget() -> None:
    f = funding_bench.run(n=40, repeats=1)
    assert f["n_communes"] == 40 and f["optimal"] is True
    assert 0 < f["cost_billion_vnd"] <= f["budget_billion_vnd"] + 1e-9
    assert f["recognised"] > 0 and f["criteria_gained"] >= f["recognised"]


def test_the_benchmark_result_says_its_target_in_vietnamese() -> None:
    result = discover()["funding_plan"].function({"quick": True, "repeats": 1})
    assert result.targets[0].name == "Giải xong ≤ 5 giây"
    assert result.lines[-1].startswith("Thời gian giải:")
