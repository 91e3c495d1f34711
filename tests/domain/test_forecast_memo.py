"""The forecast's memo (the web keeps one per process): with it, every commune's histories and
forecast are those computed without it; after one commune's values change, only that commune
is read and forecast again."""

from __future__ import annotations

import numpy as np
from test_forecast_indicators import _province

from ntm.domain.evaluation import evaluate
from ntm.domain.forecast_history import forecast_communes, histories_from_evaluations


def _changed(evaluations, row: int):
    """The same province with one commune's last-year values moved (a save)."""
    last = evaluations[-1]
    values = last.values.copy()
    values[row, 0] = values[row, 0] + 7.5
    again = evaluate(last.cset, list(last.units), last.year, values=values)
    return [*evaluations[:-1], again]


def test_the_memo_gives_what_a_computation_from_scratch_gives_and_reads_only_what_moved():
    evaluations = _province(40, seed=3)
    memo: dict = {}
    plain = forecast_communes(histories_from_evaluations(evaluations))
    assert forecast_communes(histories_from_evaluations(evaluations, memo), memo) == plain
    entries = len(memo)
    assert entries == 2 * 40  # each commune's histories and its forecast

    moved = _changed(evaluations, row=5)
    again = forecast_communes(histories_from_evaluations(moved, memo), memo)
    assert again == forecast_communes(histories_from_evaluations(moved))
    assert len(memo) == entries + 2  # the moved commune only (the order of criteria held)
    assert not np.array_equal(moved[-1].values[5], evaluations[-1].values[5])
