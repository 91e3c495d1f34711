"""schemathesis over /api/openapi.json: whatever it sends, the API never answers 5xx.

Every operation of the schema gets up to 20 generated requests (hypothesis, derandomised so a
failure repeats), with a province office's token, against the test database.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from ntm.web.accounts.models import ApiToken


@pytest.fixture
def keep_test_connection() -> Iterator[None]:
    """Requests go straight to the WSGI app, as Django's test client they must not close the
    test's database connection at their end (it holds the test's transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_no_api_route_answers_with_a_server_error(world: Any, keep_test_connection: None) -> None:
    from ntm.web.wsgi import application

    token = ApiToken.issue(user=world.users["office"], name="schemathesis")[1]
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 11
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=20, deadline=None, derandomize=True,
            suppress_health_check=list(HealthCheck), database=None,
        )  # fmt: skip
        def check(case: Any) -> None:
            response = case.call(headers={"Authorization": f"Bearer {token}"})
            case.validate_response(response, checks=[not_a_server_error])

        check()
