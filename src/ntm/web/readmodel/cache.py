"""The one cache of the web: Django's cache (locmem by default, Redis with CACHE_URL).

Every key the read model writes holds the data version of what the value was computed from
(``versions``), so a value is never invalidated, only left behind. A cache server that fails
costs speed, never the page.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import caches

log = logging.getLogger(__name__)
T = TypeVar("T")
_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


def digest(parts: Any) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def cache_get(key: str) -> Any:
    try:
        return caches[settings.NTM_DASHBOARD_CACHE].get(key)
    except Exception:  # a cache server down costs speed, never the page
        log.warning("read model cache unavailable", exc_info=True)
        return None


def cache_get_many(keys: list[str]) -> dict[str, Any]:
    try:
        return dict(caches[settings.NTM_DASHBOARD_CACHE].get_many(keys))
    except Exception:  # as above
        log.warning("read model cache unavailable", exc_info=True)
        return {}


def cache_set(key: str, value: Any) -> None:
    try:
        caches[settings.NTM_DASHBOARD_CACHE].set(key, value, settings.NTM_DASHBOARD_CACHE_SECONDS)
    except Exception:  # as above
        log.warning("read model cache unavailable", exc_info=True)


def cache_set_many(values: dict[str, Any]) -> None:
    try:
        caches[settings.NTM_DASHBOARD_CACHE].set_many(values, settings.NTM_DASHBOARD_CACHE_SECONDS)
    except Exception:  # as above
        log.warning("read model cache unavailable", exc_info=True)


def _lock_for(key: str) -> threading.Lock:
    with _locks_guard:
        if len(_locks) > 512:  # a lock still held keeps working for its holders
            _locks.clear()
        return _locks.setdefault(key, threading.Lock())


def cached(key: str, compute: Callable[[], T]) -> tuple[T, bool]:
    """The value under ``key``, computed once per process when missing (no stampede after a
    write: the others asking for the same key wait for it). Also says whether it was kept."""
    found = cache_get(key)
    if found is not None:
        return found, True
    with _lock_for(key):
        found = cache_get(key)
        if found is not None:
            return found, True
        value = compute()
        cache_set(key, value)
        return value, False
