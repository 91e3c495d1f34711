"""Warming the read model's cache when the server starts (``ntm serve``, before the fork).

The public index and the central office's national view of the latest year are judged once in
gunicorn's arbiter, so no person waits for their first, cold answer: with the local-memory cache
each worker inherits them through the fork, with Redis (CACHE_URL) they are in the shared cache.
The keys are the usual data versions: a write after the start leaves them behind as always.
"""

from __future__ import annotations

import logging
import time

log = logging.getLogger(__name__)


def warm() -> float:
    """Judge and keep the public index and the national view; the seconds it took. A failure
    costs the warm start, never the server's start."""
    from ntm.web.accounts.models import Role
    from ntm.web.accounts.scope import Scope
    from ntm.web.public.selectors import public_index
    from ntm.web.readmodel.national import national_view

    started = time.perf_counter()
    try:
        public_index()
        # The scope exactly as ``scope_for`` builds a central office's (it is part of the key).
        central = Scope(read_all=True, roles=frozenset({str(Role.CENTRAL.value)}))
        national_view(scope=central, year=None)
    except Exception:  # an empty or older database: the pages judge on demand instead
        log.warning("read model warm-up failed", exc_info=True)
    return time.perf_counter() - started
