"""Sets stored in the web's database, read by the command line when ``DATABASE_URL`` is set.

The office authors and versions sets in the web (``CriteriaSetRecord``); the command line must
find them by code without a file. Django is imported only when a database is configured, so the
command line without one never pays for it, and a database that cannot be read is "not there"
(the caller then lists the sets it does know).
"""

from __future__ import annotations

import os
from typing import Any


def stored_set_data(code: str) -> dict[str, Any] | None:
    """The plain data of the newest stored version of ``code``, or None."""
    if not os.environ.get("DATABASE_URL"):
        return None
    try:
        return _query(code)
    except Exception:  # an unreachable or unmigrated database: no stored set
        return None


def _query(code: str) -> dict[str, Any] | None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ntm.web.settings")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
    from ntm.web.assessments.models import CriteriaSetRecord

    record = CriteriaSetRecord.objects.filter(code=code).order_by("-loaded_at", "-pk").first()
    if record is None or not isinstance(record.data, dict):
        return None
    data: dict[str, Any] = record.data
    return data
