"""The blocks under the dashboard's figures (registries, funds) are kept in the cache under
their tables' data versions: a second view reads none of those tables, and a write — even raw
SQL outside Django — is shown by the next view."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ntm.web.assessments.models import Period
from ntm.web.demo import demo_load
from ntm.web.monitoring.models import FundAmount


@pytest.fixture
def office(client: Any, db: None) -> tuple[Any, Period]:
    assert demo_load(say=lambda _text: None)
    client.force_login(User.objects.get(username="kontum"))
    return client, Period.objects.get(regime="old", province_code="62", year=2020)


def _models_line(page: str) -> int:
    block = page.split('id="registries-block"', 1)[1].split("</section>", 1)[0]
    found = re.search(r"(\d+) mô hình", block)
    assert found, block
    return int(found.group(1))


def _funds(page: str) -> str:
    return page.split('id="funds-chart"', 1)[1].split("</section>", 1)[0]


def test_a_second_dashboard_reads_no_registry_or_fund_table(office: tuple[Any, Period]) -> None:
    client, period = office
    client.get(f"/tong-hop/?period={period.pk}")
    with CaptureQueriesContext(connection) as queries:
        page = client.get(f"/tong-hop/?period={period.pk}").content.decode()
    assert 'id="registries-block"' in page
    read = " ".join(q["sql"] for q in queries.captured_queries)
    assert "registries_" not in read and "monitoring_fundamount" not in read


def test_a_model_added_by_raw_sql_is_counted_by_the_next_dashboard(
    office: tuple[Any, Period],
) -> None:
    client, period = office
    before = _models_line(client.get(f"/tong-hop/?period={period.pk}").content.decode())
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO registries_initiative (name, kind_id, field, unit_id, year, households,"
            " value, description, photo) SELECT name || ' (2)', kind_id, field, unit_id, year,"
            " households, value, description, photo FROM registries_initiative"
            " WHERE unit_id IN (SELECT id FROM units_unit WHERE province_code = '62') LIMIT 1"
        )
    after = _models_line(client.get(f"/tong-hop/?period={period.pk}").content.decode())
    assert after == before + 1


def test_a_fund_changed_by_raw_sql_is_shown_by_the_next_dashboard(
    office: tuple[Any, Period],
) -> None:
    client, period = office
    FundAmount.objects.all().delete()
    FundAmount.objects.create(
        regime="old", province_code="62", unit_code="62", period_start=2020, period_end=2020,
        source="central_budget", disbursed=12.5,
    )  # fmt: skip
    first = _funds(client.get(f"/tong-hop/?period={period.pk}").content.decode())
    assert 'data-total="12,5"' in first, first
    with connection.cursor() as cursor:
        cursor.execute("UPDATE monitoring_fundamount SET disbursed = 20.25 WHERE unit_code = '62'")
    page = _funds(client.get(f"/tong-hop/?period={period.pk}").content.decode())
    assert 'data-total="20,25"' in page and 'data-total="12,5"' not in page
