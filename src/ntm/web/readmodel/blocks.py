"""Blocks shown under the dashboard's figures (registries, funds), cached like the figures.

A block is read from tables outside the assessed data; each such set of tables moves its own row
of ``readmodel_periodversion`` from database triggers (units -1, periods -2, monitoring -3,
registries -4). The cache key holds every one of those versions the block depends on, with the
parts that select it (the user's scope, the period, the day): a write anywhere it reads leaves
the old value behind, never served again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from ntm.web.readmodel.cache import cached, digest
from ntm.web.readmodel.versions import period_versions

T = TypeVar("T")


def versioned_block(
    name: str, version_ids: Iterable[int], parts: Any, compute: Callable[[], T]
) -> T:
    """``compute()``, kept under ``name``, the data versions ``version_ids`` and ``parts``."""
    key = f"ntm:block:{name}:" + digest((period_versions(version_ids), parts))
    value, _kept = cached(key, compute)
    return value
