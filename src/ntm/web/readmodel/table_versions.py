"""One data version for a group of tables, moved by database triggers on every write.

The monitoring values and funds (row -3 of ``readmodel_periodversion``) and the registries
(row -4) each count their writes this way, raw SQL and the admin included, so a cached block that
states their figures keys its cache by that one number. SQLite has row triggers only; PostgreSQL
moves the version once per statement, so a whole import moves it once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

_EVENTS = ("insert", "update", "delete")


@dataclass(frozen=True)
class TableVersion:
    prefix: str  # names the triggers and the PostgreSQL function: 'monitoring', 'registries'
    version_id: int  # the row of readmodel_periodversion that counts the writes
    tables: dict[str, str]  # table → a short name for its triggers

    def _upsert(self) -> str:
        return (
            "INSERT INTO readmodel_periodversion (period_id, version) "
            f"VALUES ({self.version_id}, 1) ON CONFLICT (period_id) "
            "DO UPDATE SET version = readmodel_periodversion.version + 1"
        )

    def _sqlite_sql(self) -> list[str]:
        return [
            f"CREATE TRIGGER IF NOT EXISTS {self.prefix}_{short}_{event} AFTER {event.upper()} "
            f"ON {table} FOR EACH ROW BEGIN {self._upsert()}; END"
            for table, short in self.tables.items()
            for event in _EVENTS
        ]

    def _pg_sql(self) -> list[str]:
        out = [
            f"CREATE OR REPLACE FUNCTION {self.prefix}_bump() RETURNS trigger AS $$ BEGIN "
            f"{self._upsert()}; RETURN NULL; END $$ LANGUAGE plpgsql"
        ]
        for table, short in self.tables.items():
            out.append(f"DROP TRIGGER IF EXISTS {self.prefix}_{short}_write ON {table}")
            out.append(
                f"CREATE TRIGGER {self.prefix}_{short}_write AFTER INSERT OR UPDATE OR DELETE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {self.prefix}_bump()"
            )
        return out

    def create(self, apps: Any, schema_editor: Any) -> None:
        """A migration step (RunPython) that installs the triggers."""
        connection: BaseDatabaseWrapper = schema_editor.connection
        sql = self._pg_sql() if connection.vendor == "postgresql" else self._sqlite_sql()
        with connection.cursor() as cursor:
            for statement in sql:
                cursor.execute(statement)

    def drop(self, apps: Any, schema_editor: Any) -> None:
        """The reverse migration step."""
        connection: BaseDatabaseWrapper = schema_editor.connection
        with connection.cursor() as cursor:
            for table, short in self.tables.items():
                if connection.vendor == "postgresql":
                    cursor.execute(f"DROP TRIGGER IF EXISTS {self.prefix}_{short}_write ON {table}")
                else:
                    for event in _EVENTS:
                        cursor.execute(f"DROP TRIGGER IF EXISTS {self.prefix}_{short}_{event}")

    def version(self) -> int:
        """The group's data version now (0 before the first write)."""
        from ntm.web.readmodel.versions import period_versions

        return dict(period_versions([self.version_id])).get(self.version_id, 0)
