"""A data version of monitoring values and funds, moved by database triggers on every write.

Like the read model's (``ntm.web.readmodel.triggers``), but one version for the whole of both
tables: row ``MONITORING_VERSION_ID`` of ``readmodel_periodversion``. A cached page that states a
monitoring roll-up or a fund total (plan targets on indicators or funds) keys its cache by it:
``monitoring_version()``.
"""

from __future__ import annotations

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

MONITORING_VERSION_ID = -3  # after the read model's -1 (units) and -2 (periods)
TABLES = {"monitoring_monitoringvalue": "value", "monitoring_fundamount": "fund"}
_UPSERT = (
    f"INSERT INTO readmodel_periodversion (period_id, version) VALUES ({MONITORING_VERSION_ID}, 1) "
    "ON CONFLICT (period_id) DO UPDATE SET version = readmodel_periodversion.version + 1"
)


def _sqlite_sql() -> list[str]:
    return [
        f"CREATE TRIGGER IF NOT EXISTS monitoring_{short}_{event} AFTER {event.upper()} ON "
        f"{table} FOR EACH ROW BEGIN {_UPSERT}; END"
        for table, short in TABLES.items()
        for event in ("insert", "update", "delete")
    ]


def _pg_sql() -> list[str]:
    # One bump per statement: a whole import moves the version once.
    out = [
        "CREATE OR REPLACE FUNCTION monitoring_bump() RETURNS trigger AS $$ BEGIN "
        f"{_UPSERT}; RETURN NULL; END $$ LANGUAGE plpgsql"
    ]
    for table, short in TABLES.items():
        out.append(f"DROP TRIGGER IF EXISTS monitoring_{short}_write ON {table}")
        out.append(
            f"CREATE TRIGGER monitoring_{short}_write AFTER INSERT OR UPDATE OR DELETE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION monitoring_bump()"
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
                cursor.execute(f"DROP TRIGGER IF EXISTS monitoring_{short}_write ON {table}")
            else:
                for event in ("insert", "update", "delete"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS monitoring_{short}_{event}")


def monitoring_version() -> int:
    """The data version of monitoring values and funds (0 before the first write)."""
    from ntm.web.readmodel.versions import period_versions

    return dict(period_versions([MONITORING_VERSION_ID])).get(MONITORING_VERSION_ID, 0)
