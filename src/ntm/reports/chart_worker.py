"""The report's two charts drawn by a second process, while ``ntm report`` writes the rest.

Why: importing matplotlib and drawing the two charts is ≈ 1 s of CPU, a third of the report,
and nothing else waits for the charts but the Word file. ``ntm report`` starts the worker
first: the worker imports matplotlib while the inputs are read and the figures computed, then
draws while the appendix workbook, the JSON and the Markdown are written — two cores, one wait
(docs/performance.md, "ntm report dưới 3 giây"). The worker is a fork of the command, so it
starts without importing anything again and draws with the same matplotlib settings: the charts
are byte for byte the ones drawn in-process.

Where fork is not offered (Windows) or fails (no process left to the user), there is no worker
and the charts are drawn in-process; the web never uses one (no fork inside a threaded server).
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ntm.reports.charts import charts_draw, matplotlib_import
from ntm.reports.figures import ReportFigures


@dataclass(frozen=True)
class PendingCharts:
    """Charts being drawn by the worker; ``result`` waits for them."""

    future: Future[dict[str, Path]] | None  # None: the worker was already gone when asked
    fig: ReportFigures
    directory: Path

    def result(self) -> dict[str, Path]:
        """The charts' files; drawn here when the worker died (killed, out of memory), so that a
        lost worker costs time, never the report. An error of the drawing itself is raised."""
        if self.future is not None:
            try:
                return self.future.result()
            except BrokenProcessPool:
                pass
        return charts_draw(self.fig, self.directory)


@dataclass(frozen=True)
class ChartWorker:
    """One forked process, matplotlib imported in it from the start."""

    pool: ProcessPoolExecutor

    def charts_draw(self, fig: ReportFigures, directory: Path) -> PendingCharts:
        """Both charts asked for, into ``directory``; the answer comes with ``result()``."""
        try:
            future = self.pool.submit(charts_draw, fig, directory)
        except BrokenProcessPool:
            future = None
        return PendingCharts(future, fig, directory)


def _worker_start() -> None:
    """In the worker, first: Ctrl-C is the command's to answer (it stops the worker through
    ``shutdown``; a traceback of the worker's own never reaches the person), then matplotlib."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    matplotlib_import()


@contextmanager
def chart_worker() -> Iterator[ChartWorker | None]:
    """A started worker for the block (``None`` where fork is not offered); stopped after it."""
    if "fork" not in multiprocessing.get_all_start_methods():
        yield None
        return
    pool = ProcessPoolExecutor(
        max_workers=1, mp_context=multiprocessing.get_context("fork"), initializer=_worker_start
    )
    try:
        pool.submit(int)  # the fork happens at the first task: now, not when the charts are asked
    except (OSError, BrokenProcessPool):
        pool.shutdown(wait=False, cancel_futures=True)
        yield None
        return
    try:
        yield ChartWorker(pool)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
