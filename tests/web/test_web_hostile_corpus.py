"""Every hostile file (tests/hostile/corpus.py) through the web import, preview then commit.

No 5xx (the test client raises on any unhandled exception), no partial write: when a file is
refused, the rows of values, statuses and audit are exactly as before; every message is
Vietnamese. A refused file is also committed from a stored batch, as a replayed or tampered
commit would: refused alike. Runs in the SQLite pass and again in the PostgreSQL pass.
"""

from __future__ import annotations

import resource
import time
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from ntm.criteria import load_set, read_set_file, set_files
from ntm.io.units_file import read_units
from ntm.web.accounts.models import Role, RoleAssignment
from ntm.web.assessments.models import CriterionStatus, ImportBatch, IndicatorValue, Period
from ntm.web.assessments.services import criteria_set_store
from ntm.web.audit.models import AuditEntry
from ntm.web.units.models import Unit
from tests.hostile.corpus import ENGLISH, FIXTURES, QUOTED, SET_CODE, YEAR, Hostile
from tests.hostile.corpus import cached as corpus
from tests.hostile.corpus import cached_bombs as bombs


@pytest.fixture
def kontum(db: None) -> dict[str, Any]:
    """Kon Tum 2020 on the shipped 2016–2020 set, its 85 communes, the provincial office."""
    record = criteria_set_store(cset=load_set(SET_CODE), data=read_set_file(set_files()[SET_CODE]))
    Unit.objects.bulk_create(
        Unit(regime="old", code=u.code, name=u.name, kind="xã", province_code="62",
             province_name="Tỉnh Kon Tum", district_code=u.district_code or "",
             district_name=u.district_name or "", region="TN")
        for u in read_units(FIXTURES / "communes.csv")
    )  # fmt: skip
    period = Period.objects.create(regime="old", province_code="62", province_name="Tỉnh Kon Tum",
                                   year=YEAR, criteria_set=record)  # fmt: skip
    office = User.objects.create_user("vp_kontum")
    RoleAssignment.objects.create(user=office, role=Role.PROVINCE, regime="old", province_code="62")
    return {"period": period, "office": office}


def _counts() -> tuple[int, int, int]:
    return (IndicatorValue.objects.count(), CriterionStatus.objects.count(),
            AuditEntry.objects.count())  # fmt: skip


def _english(problems: list[Any]) -> list[str]:
    return [str(p) for p in problems if ENGLISH.search(QUOTED.sub("", p.message))]


def _refused(response: Any, file: Hostile, before: tuple[int, int, int]) -> list[str]:
    """What is wrong with a refusal: its status, a write, an English message."""
    wrong = []
    if response.status_code != 400:
        wrong.append(f"{file.kind} {file.name}: status {response.status_code}")
    if _counts() != before:
        wrong.append(f"{file.kind} {file.name}: rows written by a refused file")
    problems = (response.context or {}).get("problems") or []
    if response.status_code == 400 and not problems:
        wrong.append(f"{file.kind} {file.name}: refused without a message")
    wrong += [f"{file.kind} {file.name}: English in «{text}»" for text in _english(problems)]
    return wrong


def _through_the_web(client: Any, kontum: dict[str, Any], file: Hostile) -> list[str]:
    period = kontum["period"]
    before = _counts()
    upload = SimpleUploadedFile(file.name, file.content)
    preview = client.post(f"/ky/{period.pk}/nhap/", {"file": upload})
    form = preview.context["form"]
    if form.errors:  # the form itself refuses it (an empty file): in Vietnamese, nothing written
        texts = [str(e) for errors in form.errors.values() for e in errors]
        english = [t for t in texts if ENGLISH.search(QUOTED.sub("", t))]
        return [f"{file.name}: English in «{t}»" for t in english] + (
            [f"{file.name}: rows written"] if _counts() != before else []
        )
    if preview.status_code == 200:
        batch = preview.context["batch"]
        commit = client.post(f"/ky/{period.pk}/nhap/{batch.pk}/")
        if commit.status_code == 302:
            return []
        return _refused(commit, file, before)
    wrong = _refused(preview, file, before)
    # The same bytes as a stored batch: a commit reads them again and refuses them alike.
    batch = ImportBatch.objects.create(period=period, user=kontum["office"],
                                       filename=file.name, content=file.content)  # fmt: skip
    commit = client.post(f"/ky/{period.pk}/nhap/{batch.pk}/")
    return wrong + _refused(commit, file, before)


def test_every_hostile_file_is_answered_in_vietnamese_and_a_refusal_writes_nothing(
    client: Any, kontum: dict[str, Any]
) -> None:
    client.force_login(kontum["office"])
    wrong: list[str] = []
    for file in corpus():
        wrong += _through_the_web(client, kontum, file)
    assert not wrong, "\n".join(wrong)


@pytest.mark.slow
def test_every_bomb_is_refused_with_a_400_in_seconds_and_little_memory(
    client: Any, kontum: dict[str, Any]
) -> None:
    client.force_login(kontum["office"])
    for file in [*bombs(), *(f for f in corpus() if f.kind == "dimension-bomb")]:
        peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.monotonic()
        wrong = _through_the_web(client, kontum, file)
        assert not wrong, "\n".join(wrong)
        assert time.monotonic() - started < 10, file.name
        grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before
        assert grown < 300 * 1024, f"{file.name}: peak memory grew {grown} KB"
