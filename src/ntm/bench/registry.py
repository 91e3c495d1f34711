"""The registry of benchmarks: each module under ``ntm.bench`` registers its own.

A benchmark is a function taking the command-line options and returning a ``BenchResult``:
figures for machines (``--json``), lines for people (Vietnamese), and targets judged PASS/FAIL.
Modules are discovered by name, so a new benchmark is a new module calling ``register`` — the
runner needs no change.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Modules of this package that are infrastructure, not benchmarks.
_NOT_BENCHMARKS = {"registry", "machine", "dataset", "reference", "national_data", "__main__"}


@dataclass(frozen=True)
class Target:
    """One target a benchmark is judged against, e.g. "engine ≤ 1 s"."""

    name: str  # Vietnamese, for people
    passed: bool
    detail: str = ""  # Vietnamese: the measured figure against the target

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "passed": self.passed, "detail": self.detail}


@dataclass
class BenchResult:
    name: str
    title: str  # Vietnamese
    figures: dict[str, Any]  # machine-readable: seconds, ratios, sizes
    lines: list[str] = field(default_factory=list)  # Vietnamese, ready to print
    targets: list[Target] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(t.passed for t in self.targets)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "figures": self.figures,
            "targets": [t.as_dict() for t in self.targets],
            "passed": self.passed,
        }


BenchFunction = Callable[[dict[str, Any]], BenchResult]


@dataclass(frozen=True)
class Benchmark:
    name: str
    title: str  # Vietnamese
    function: BenchFunction


_REGISTRY: dict[str, Benchmark] = {}


def register(name: str, title: str) -> Callable[[BenchFunction], BenchFunction]:
    """Decorator: ``@register("engine", "Bộ máy đánh giá")`` on ``def bench(options)``."""

    def decorate(function: BenchFunction) -> BenchFunction:
        _REGISTRY[name] = Benchmark(name=name, title=title, function=function)
        return function

    return decorate


def discover() -> dict[str, Benchmark]:
    """Import every benchmark module of the package; return the registry in name order."""
    import ntm.bench as package

    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("_") or info.name in _NOT_BENCHMARKS:
            continue
        importlib.import_module(f"{package.__name__}.{info.name}")
    return dict(sorted(_REGISTRY.items()))
