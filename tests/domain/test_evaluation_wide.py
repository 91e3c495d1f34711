"""The engine agrees with a judgement written one value at a time, whatever the set's shape."""

from __future__ import annotations

import threading
from typing import Any

import numpy as np

from ntm.bench.reference import evaluate_per_row
from ntm.domain.criteria import CriteriaSet, criteria_set_from_data
from ntm.domain.evaluation import MET, NOT_MET, UNKNOWN, evaluate
from ntm.domain.units import REGIONS, Unit

REGION_LIST = list(REGIONS)


def wide_set(sizes: list[int], seed: int = 7) -> CriteriaSet:
    """Criteria of the given sizes; comparisons, levels by region and rules vary."""
    rng = np.random.default_rng(seed)
    compares = [">=", "<=", "="]
    criteria: list[dict[str, Any]] = []
    for number, size in enumerate(sizes, start=1):
        indicators = []
        for k in range(size):
            levels: dict[str, Any] = {r: float(rng.integers(3, 7)) for r in REGION_LIST}
            if rng.random() < 0.2:
                levels[REGION_LIST[int(rng.integers(len(REGION_LIST)))]] = None
            indicators.append(
                {
                    "code": f"{number}.{k + 1}",
                    "name": f"Chỉ tiêu {number}.{k + 1}",
                    "kind": "count",
                    "compare": compares[(number + k) % 3],
                    "thresholds": {"all": levels},
                }
            )
        crit: dict[str, Any] = {"number": number, "name": f"Tiêu chí {number}"}
        crit["indicators"] = indicators
        if size >= 3 and number % 4 == 0:
            crit["rule"] = {"kind": "at_least", "n": size - 1}
        if number % 5 == 0:
            crit["indicators_complete"] = False
        criteria.append(crit)
    return criteria_set_from_data(
        {
            "code": "rong",
            "title": "Bộ thử nhiều chỉ tiêu",
            "basis": "Thử",
            "period": [2016, 2025],
            "variants": {"by": "region", "values": REGION_LIST},
            "criteria": criteria,
        }
    )


def units_and_values(cset: CriteriaSet, n: int, seed: int = 11) -> tuple[list[Unit], np.ndarray]:
    rng = np.random.default_rng(seed)
    units = [
        Unit(code=f"{i:05d}", name=f"Xã {i}", region=REGION_LIST[i % len(REGION_LIST)])
        for i in range(n)
    ]
    values = rng.integers(2, 9, size=(n, len(cset.indicators))).astype(float)
    values[rng.random(values.shape) < 0.1] = np.nan
    return units, values


def test_a_set_of_more_than_64_indicators_is_judged_as_one_value_at_a_time() -> None:
    # 150 indicators: three 64-bit words per commune, criteria straddling word boundaries.
    cset = wide_set([7, 1, 13, 5, 9, 20, 3, 11, 30, 2, 8, 41])
    units, values = units_and_values(cset, 300)
    ev = evaluate(cset, units, 2020, values=values)
    slow = evaluate_per_row(cset, units, 2020, values)
    assert np.array_equal(ev.indicator_status, slow.indicator_status)
    assert np.array_equal(ev.criterion_status, slow.criterion_status)
    assert ev.criteria_met.tolist() == (slow.criterion_status == MET).sum(axis=1).tolist()
    assert {MET, NOT_MET, UNKNOWN} <= set(np.unique(ev.criterion_status).tolist())


def test_threads_judging_at_once_each_get_their_own_results() -> None:
    # Intermediates are per-thread scratch: parallel web requests must not mix them.
    cset = wide_set([3] * 19)
    jobs = [units_and_values(cset, 500 + 37 * k, seed=k) for k in range(6)]
    expected = [evaluate_per_row(cset, u, 2021, v).criterion_status for u, v in jobs]
    got: dict[int, np.ndarray] = {}

    def work(k: int) -> None:
        for _ in range(20):
            units, values = jobs[k]
            got[k] = evaluate(cset, units, 2021, values=values).criterion_status

    threads = [threading.Thread(target=work, args=(k,)) for k in range(len(jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for k, want in enumerate(expected):
        assert np.array_equal(got[k], want)
