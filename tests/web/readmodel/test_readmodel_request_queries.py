"""The queries a request of the load test's cycle reads, pinned (issue #10: CPU per request).

A reading request reads each data version once (``versions.versions_once``): the dashboard's
figures, forecast, registries and funds blocks share one query. The commune page reads its rows
once for the form, the engine and the sheet, and no version at all (its table's key is its
content). A request that writes forgets the versions it read."""

from __future__ import annotations

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

from ntm.web.assessments.models import Assessment, IndicatorValue
from ntm.web.readmodel.versions import period_versions, versions_once

# What each request reads, by kind: (session, user, …) as listed beside each test.
COMMUNE_PAGE = 13
SAVE = 11
CHECK = 9
DASHBOARD_KEPT = 9


def _queries(client, method: str, url: str, **extra) -> list[str]:
    """The statements of one request, without the savepoints a test's transaction adds."""
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url, **extra)
    assert response.status_code in (200, 302), (url, response.status_code)
    return [
        q["sql"] for q in captured.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
    ]  # fmt: skip


def _versions_read(sqls: list[str]) -> int:
    return sum("readmodel_periodversion" in s and s.startswith("SELECT") for s in sqls)


def _stored(world) -> Assessment:
    a = Assessment.objects.create(unit=world.xa_a, period=world.period)
    IndicatorValue.objects.create(assessment=a, indicator="2.1", value=60.0)
    return a


def test_the_commune_page_reads_its_rows_once_and_no_version(client, world):
    """session, user, period, roles (2), commune, assessment, values, statuses, the group
    decisions' existence, the header's commune (its unit and latest period), evidence."""
    _stored(world)
    world.login(client, "officer_a")
    url = f"/ky/{world.period.pk}/xa/{world.xa_a.pk}/"
    client.get(url)  # the table's skeleton kept
    sqls = _queries(client, "get", url)
    assert len(sqls) == COMMUNE_PAGE, sqls
    assert sum("assessments_indicatorvalue" in s for s in sqls) == 1
    assert _versions_read(sqls) == 0


def test_a_save_and_the_check_after_it_read_as_pinned(client, world):
    """The save: session, user, period, roles (2), commune, assessment, the version UPDATE (the
    lock), the value SELECT and UPDATE, the audit INSERT; the check: session, user, period,
    roles (2), commune, values, statuses, the group decisions' existence."""
    a = _stored(world)
    world.login(client, "officer_a")
    api = f"/api/periods/{world.period.pk}/communes/{world.xa_a.pk}"
    body = json.dumps({"version": a.version, "values": {"2.1": 75}})
    sqls = _queries(client, "put", api + "/values", data=body, content_type="application/json")
    assert len(sqls) == SAVE, sqls
    sqls = _queries(client, "get", api + "/evaluation")
    assert len(sqls) == CHECK, sqls


def test_a_kept_dashboard_reads_the_data_versions_in_one_query(client, world):
    _stored(world)
    world.login(client, "office")
    url = f"/tong-hop/?period={world.period.pk}"
    client.get(url)
    sqls = _queries(client, "get", url)
    assert _versions_read(sqls) == 1
    assert len(sqls) == DASHBOARD_KEPT, sqls


def test_a_write_within_a_request_forgets_the_versions_read_before_it(world):
    a = _stored(world)
    with versions_once():
        before = dict(period_versions([world.period.pk]))[world.period.pk]
        with CaptureQueriesContext(connection) as captured:
            assert dict(period_versions([world.period.pk, -1]))[world.period.pk] == before
        assert len(captured) == 0  # read once, with the tables' versions
        IndicatorValue.objects.create(assessment=a, indicator="3.1", value=50.0)
        after = dict(period_versions([world.period.pk]))[world.period.pk]
    assert after > before
    assert dict(period_versions([world.period.pk]))[world.period.pk] == after
