"""The charts drawn by ``ntm report``'s second process are the charts drawn in-process, byte for
byte; a worker that dies costs time, never the report."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from report_helpers import KONTUM, kontum_args, run_report

from ntm.domain.evaluation import evaluate
from ntm.io.bundle import load_inputs
from ntm.reports import ReportData, Scope, build_figures
from ntm.reports.chart_worker import chart_worker
from ntm.reports.charts import CHARTS, charts_draw
from ntm.reports.figures import ReportFigures


@pytest.fixture(scope="module")
def kontum_figures() -> ReportFigures:
    inputs = load_inputs([KONTUM / "criteria-2020.csv"], units_path=KONTUM / "communes.csv")
    base = load_inputs([KONTUM / "criteria-2015.csv"], units_path=KONTUM / "communes.csv")
    ev, base_ev = (
        evaluate(i.cset, i.units, i.year, values=i.values, statuses=i.statuses)
        for i in (inputs, base)
    )
    scope = Scope("province", "62", "Tỉnh Kon Tum", "62", "Tỉnh Kon Tum")
    return build_figures(ReportData(ev, scope, base_ev))


def _bytes(charts: dict[str, Path]) -> dict[str, bytes]:
    return {key: path.read_bytes() for key, path in charts.items()}


def test_the_worker_draws_the_same_bytes_as_this_process(
    kontum_figures: ReportFigures, tmp_path: Path
) -> None:
    here, there = tmp_path / "here", tmp_path / "there"
    here.mkdir()
    there.mkdir()
    with chart_worker() as worker:
        assert worker is not None  # Linux offers fork
        pending = worker.charts_draw(kontum_figures, there)
        drawn_there = pending.result()
    drawn_here = charts_draw(kontum_figures, here)
    assert {k: p.name for k, p in drawn_there.items()} == CHARTS
    assert all(p.parent == there for p in drawn_there.values())
    assert _bytes(drawn_there) == _bytes(drawn_here)
    assert all(len(b) > 10_000 for b in _bytes(drawn_there).values())  # real PNG images


def test_a_worker_that_died_leaves_the_charts_to_this_process(
    kontum_figures: ReportFigures, tmp_path: Path
) -> None:
    with chart_worker() as worker:
        assert worker is not None
        # The worker process exits abruptly, as when it is killed or runs out of memory.
        worker.pool.submit(os._exit, 1)
        drawn = worker.charts_draw(kontum_figures, tmp_path).result()
    assert sorted(p.name for p in drawn.values()) == sorted(CHARTS.values())
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in drawn.values())


def test_an_error_while_drawing_is_not_hidden(tmp_path: Path) -> None:
    with chart_worker() as worker:
        assert worker is not None
        pending = worker.charts_draw(build_figures_missing(), tmp_path)
        with pytest.raises(AttributeError):
            pending.result()


def build_figures_missing() -> ReportFigures:
    # Not figures at all: the drawing fails in the worker, and the error reaches the caller.
    return object()  # type: ignore[return-value]


def test_a_fork_refused_by_the_system_leaves_the_charts_to_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The system refuses a new process (a user's process limit reached: EAGAIN).
    def refused() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    with chart_worker() as worker:
        assert worker is None
    result = run_report(*kontum_args(tmp_path / "bao-cao"))
    assert result.exit_code == 0, result.output
    for name in CHARTS.values():
        assert (tmp_path / "bao-cao" / name).read_bytes().startswith(b"\x89PNG")
