"""Criteria sets parsed once per content: a record's content never changes (hash-keyed), so a
period read without its set's JSON (``defer("criteria_set__data")``) costs no parsing."""

from __future__ import annotations

import threading

from ntm.domain.criteria import CriteriaSet, criteria_set_from_data
from ntm.domain.evaluation import SetLayout
from ntm.web.assessments.models import CriteriaSetRecord

_SETS: dict[str, CriteriaSet] = {}
_LAYOUTS: dict[tuple[str, int, bool], SetLayout] = {}
_MAX = 256
_guard = threading.Lock()


def cset_of(record: CriteriaSetRecord) -> CriteriaSet:
    """The parsed set of ``record``; its JSON is read (one query) only the first time this
    process meets its content hash."""
    found = _SETS.get(record.content_hash)
    if found is None:
        data = CriteriaSetRecord.objects.filter(pk=record.pk).values_list("data", flat=True)[0]
        found = criteria_set_from_data(data)
        with _guard:
            if len(_SETS) >= _MAX:
                _SETS.clear()
            _SETS[record.content_hash] = found
    return found


def layout_of(record: CriteriaSetRecord, year: int, pilot: bool = False) -> SetLayout:
    """The engine's per-year threshold table of a set (keyed by content hash, year and pilot
    mode: a pilot judges incomplete criteria on the indicators entered)."""
    key = (record.content_hash, year, pilot)
    found = _LAYOUTS.get(key)
    if found is None:
        found = SetLayout.build(cset_of(record), year, pilot=pilot)
        with _guard:
            if len(_LAYOUTS) >= _MAX:
                _LAYOUTS.clear()
            _LAYOUTS[key] = found
    return found
