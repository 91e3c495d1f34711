"""Python's cyclic garbage collector held off while ``ntm`` imports and while a file command works.

Why: a command such as ``ntm report`` imports ≈ 1.000 modules (matplotlib, openpyxl, docx…) and
builds many small objects; each few hundred allocations the collector walks every young object,
and every so often every object alive, for almost nothing to free — ≈ 15 % of the report's CPU
time (docs/performance.md, "ntm report dưới 3 giây"). A file command is short and bounded by its
input, so its cycles can wait for its end. Long-running commands (``ntm serve``) never pause it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic collection inside the block; the previous state is restored after it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def imports_start() -> bool:
    """Before the start-up imports: the collector off; whether it was on."""
    was_enabled = gc.isenabled()
    gc.disable()
    return was_enabled


def imports_settled(was_enabled: bool) -> None:
    """After the start-up imports: every object alive moved into the permanent generation, so
    that later full collections do not walk the libraries' modules, classes and functions again
    (the call forking servers make before they fork); the collector on again if it was."""
    gc.freeze()
    if was_enabled:
        gc.enable()
