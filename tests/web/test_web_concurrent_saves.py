"""Optimistic locking under contention: saves are kept or refused, never lost.

On PostgreSQL 20 threads, each with its own connection, save one commune-period at once. SQLite
serialises writers, so there the same saves run one after another (a separate, unmarked test).
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection
from web_world import make_world

from ntm.web.accounts.scope import scope_for
from ntm.web.assessments.models import Assessment, IndicatorValue
from ntm.web.assessments.services import StaleAssessment, assessment_get_or_create, assessment_save
from ntm.web.audit.models import AuditEntry


def _one_save(assessment_id: int, user: Any, value: float, version: int | None) -> str:
    assessment = Assessment.objects.select_related("unit", "period__criteria_set").get(
        pk=assessment_id
    )
    read = assessment.version if version is None else version
    try:
        assessment_save(user=user, scope=scope_for(user), assessment=assessment, version=read,
                        values={"2.1": value}, channel="api")  # fmt: skip
        return "saved"
    except StaleAssessment:
        return "conflict"


def _assert_nothing_lost(assessment_id: int, outcomes: list[tuple[float, str]]) -> None:
    saved = [v for v, o in outcomes if o == "saved"]
    assert len(outcomes) == 20 and all(o in {"saved", "conflict"} for _, o in outcomes)
    assert saved, "at least one save must win"
    entries = list(AuditEntry.objects.filter(target="2.1").order_by("version"))
    assert len(entries) == len(saved)
    assert [e.version for e in entries] == list(range(1, len(saved) + 1))
    # Each saved change starts from the one before it: no update was lost.
    assert [e.old for e in entries] == ["", *[e.new for e in entries[:-1]]]
    assert sorted(float(e.new) for e in entries) == sorted(saved)
    assert Assessment.objects.get(pk=assessment_id).version == len(saved)
    assert IndicatorValue.objects.get(indicator="2.1").value == float(entries[-1].new)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_saves_to_one_commune_are_each_kept_or_refused():
    world = make_world()
    assessment = assessment_get_or_create(unit=world.xa_a, period=world.period)
    barrier = threading.Barrier(20)
    outcomes: list[tuple[float, str]] = []
    lock = threading.Lock()

    def worker(i: int) -> None:
        try:
            barrier.wait()
            # Half the threads save from version 0 (the page they all opened), half re-read first.
            outcome = _one_save(
                assessment.pk, world.users["office"], 50.0 + i, 0 if i % 2 else None
            )
            with lock:
                outcomes.append((50.0 + i, outcome))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert connection.vendor == "postgresql"
    _assert_nothing_lost(assessment.pk, outcomes)
    assert (
        sum(1 for v, o in outcomes if o == "saved" and int(v) % 2) <= 1
    )  # one version-0 save at most


def test_twenty_saves_one_after_another_are_each_kept_or_refused(world):
    assessment = assessment_get_or_create(unit=world.xa_a, period=world.period)
    outcomes = [
        (50.0 + i, _one_save(assessment.pk, world.users["office"], 50.0 + i, 0 if i % 2 else None))
        for i in range(20)
    ]
    _assert_nothing_lost(assessment.pk, outcomes)
    assert [o for _, o in outcomes].count(
        "saved"
    ) == 10  # the stale half is refused, except the first
