"""A data version of the registries (OCOP, models, villages), moved by database triggers.

Like the monitoring version (``ntm.web.monitoring.triggers``): one row of
``readmodel_periodversion``, ``REGISTRIES_VERSION_ID``, bumped by every write to a registry table
(raw SQL and the admin too). The dashboard's registry block is cached under it
(``registries_version()``), so a rating added is counted by the next dashboard.
"""

from __future__ import annotations

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

REGISTRIES_VERSION_ID = -4  # after units (-1), periods (-2) and monitoring (-3)
TABLES = {
    "registries_ocopproduct": "product",
    "registries_ocoprating": "rating",
    "registries_modelkind": "kind",
    "registries_initiative": "initiative",
    "registries_village": "village",
    "registries_villagestanding": "standing",
}
_UPSERT = (
    f"INSERT INTO readmodel_periodversion (period_id, version) VALUES ({REGISTRIES_VERSION_ID}, 1) "
    "ON CONFLICT (period_id) DO UPDATE SET version = readmodel_periodversion.version + 1"
)
_EVENTS = ("insert", "update", "delete")


def _sqlite_sql() -> list[str]:
    return [
        f"CREATE TRIGGER IF NOT EXISTS registries_{short}_{event} AFTER {event.upper()} ON "
        f"{table} FOR EACH ROW BEGIN {_UPSERT}; END"
        for table, short in TABLES.items()
        for event in _EVENTS
    ]


def _pg_sql() -> list[str]:
    # One bump per statement: a whole import moves the version once.
    out = [
        "CREATE OR REPLACE FUNCTION registries_bump() RETURNS trigger AS $$ BEGIN "
        f"{_UPSERT}; RETURN NULL; END $$ LANGUAGE plpgsql"
    ]
    for table, short in TABLES.items():
        out.append(f"DROP TRIGGER IF EXISTS registries_{short}_write ON {table}")
        out.append(
            f"CREATE TRIGGER registries_{short}_write AFTER INSERT OR UPDATE OR DELETE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION registries_bump()"
        )
    return out


def create_triggers(apps: Any, schema_editor: Any) -> None:
    connection: BaseDatabaseWrapper = schema_editor.connection
    sql = _pg_sql() if connection.vendor == "postgresql" else _sqlite_sql()
    with connection.cursor() as cursor:
        for statement in sql:
            cursor.execute(statement)


def drop_triggers(apps: Any, schema_editor: Any) -> None:
    connection: BaseDatabaseWrapper = schema_editor.connection
    with connection.cursor() as cursor:
        for table, short in TABLES.items():
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS registries_{short}_write ON {table}")
            else:
                for event in _EVENTS:
                    cursor.execute(f"DROP TRIGGER IF EXISTS registries_{short}_{event}")
