"""Benchmark: the funding what-if for a 500-commune province (target ≤ 5 s, issue #15.3).

A seeded province: each commune lacks 0 to 8 criteria, each criterion has a unit cost between
0,5 and 20 tỷ đồng, the budget is a third of what closing every gap would cost, each commune
capped at 60 tỷ. The time is ``plan_funding`` alone (HiGHS through scipy's ``milp``), median of
``repeats`` runs; the plan's figures show it is a real one (communes recognised, criteria).
"""

from __future__ import annotations

import statistics
import time
from typing import Any

import numpy as np

from ntm import formatting as fmt
from ntm.bench.registry import BenchResult, Target, register
from ntm.domain.funding_plan import Gap, plan_funding

N_COMMUNES = 500
TARGET_SECONDS = 5.0
CAP = 60.0


def province_gaps(n: int = N_COMMUNES, seed: int = 15) -> list[Gap]:
    rng = np.random.default_rng(seed)
    unit_costs = rng.uniform(0.5, 20.0, size=19).round(3)
    gaps = []
    for commune in range(n):
        missing = rng.choice(19, size=int(rng.integers(0, 9)), replace=False)
        gaps += [Gap(f"{commune:05d}", int(c) + 1, float(unit_costs[c])) for c in sorted(missing)]
    return gaps


def run(n: int = N_COMMUNES, repeats: int = 3) -> dict[str, Any]:
    gaps = province_gaps(n)
    budget = sum(g.cost or 0.0 for g in gaps) / 3
    seconds = []
    plan = None
    for _ in range(repeats):
        start = time.perf_counter()
        plan = plan_funding(gaps, budget, CAP)
        seconds.append(time.perf_counter() - start)
    assert plan is not None
    return {
        "n_communes": n,
        "n_gaps": len(gaps),
        "budget_billion_vnd": budget,
        "cost_billion_vnd": plan.cost,
        "recognised": len(plan.recognised),
        "criteria_gained": plan.criteria_gained,
        "optimal": plan.optimal,
        "seconds": statistics.median(seconds),
    }


@register("funding_plan", "Phương án cấp vốn tối ưu: tỉnh 500 xã")
def bench(options: dict[str, Any]) -> BenchResult:
    n = 50 if options.get("quick") else N_COMMUNES
    f = run(n=n, repeats=int(options.get("repeats") or 3))
    lines = [
        f"{fmt.number(f['n_communes'])} xã, {fmt.number(f['n_gaps'])} tiêu chí chưa đạt; ngân "
        f"sách {fmt.number(f['budget_billion_vnd'], 1)} tỷ đồng",
        f"Phương án: {fmt.number(f['recognised'])} xã đạt chuẩn thêm, "
        f"{fmt.number(f['criteria_gained'])} tiêu chí, "
        f"{fmt.number(f['cost_billion_vnd'], 1)} tỷ đồng"
        f"{'' if f['optimal'] else ' (chưa chứng minh tối ưu)'}",
        f"Thời gian giải: {fmt.number(f['seconds'], 2)} giây",
    ]
    target = Target(
        f"Giải xong ≤ {fmt.number(TARGET_SECONDS)} giây",
        f["seconds"] <= TARGET_SECONDS,
        f"{fmt.number(f['seconds'], 2)} giây",
    )
    return BenchResult("funding_plan", "Phương án cấp vốn tối ưu", f, lines, [target])
