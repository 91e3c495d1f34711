"""Benchmarks: ``python -m ntm.bench`` runs every registered one, ``python -m ntm.bench engine``
one of them.

To add a benchmark, add a module here (e.g. ``ntm/bench/report.py``) with a function decorated
``@register("report", "Viết báo cáo …")`` that takes the options mapping and returns a
``BenchResult`` (figures, Vietnamese lines, targets). The runner finds it by itself.
"""

from ntm.bench.registry import Benchmark, BenchResult, Target, discover, register

__all__ = ["BenchResult", "Benchmark", "Target", "discover", "register"]
