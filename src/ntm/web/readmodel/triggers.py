"""The database triggers that move a period's data version on every write.

Every INSERT, UPDATE and DELETE of an assessment, an indicator value or a criterion status —
through a form, the API, an import, the admin, a shell or a raw ``.update()`` — bumps
``readmodel_periodversion.version`` of its period in the same transaction. Cache keys hold that
version, so no write can leave a cached page stale, whatever path it took.

SQLite has row triggers only; PostgreSQL gets statement triggers with transition tables, so a
bulk insert of 10.000 values bumps its period once, not 10.000 times on one row.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

TABLES = {  # table → how its rows reach their period
    "assessments_assessment": "direct",
    "assessments_indicatorvalue": "via_assessment",
    "assessments_criterionstatus": "via_assessment",
    "units_unit": "units",  # any unit's edit (a group, a region) moves UNITS_VERSION_ID
    "assessments_period": "periods",  # a period added, renamed, locked: PERIODS_VERSION_ID
}
UNITS_VERSION_ID = -1  # the row of readmodel_periodversion that counts the units' writes
PERIODS_VERSION_ID = -2  # … and the one that counts the periods' writes
_GLOBAL = {"units": UNITS_VERSION_ID, "periods": PERIODS_VERSION_ID}
EVENTS = ("insert", "update", "delete")
_SHORT = {"assessments_assessment": "assessment", "assessments_indicatorvalue": "value",
          "assessments_criterionstatus": "status", "units_unit": "unit",
          "assessments_period": "period"}  # fmt: skip
_UPSERT = (
    "INSERT INTO readmodel_periodversion (period_id, version) {select} "
    "ON CONFLICT (period_id) DO UPDATE SET version = readmodel_periodversion.version + 1"
)


def trigger_names() -> dict[str, str]:
    """Each trigger's name → the table it is on."""
    return {f"readmodel_{_SHORT[t]}_{e}": t for t in TABLES for e in EVENTS}


def _sqlite_bump(table: str, row: str) -> str:
    if TABLES[table] == "direct":
        select = f"SELECT {row}.period_id, 1 WHERE true"
    elif TABLES[table] in _GLOBAL:
        select = f"SELECT {_GLOBAL[TABLES[table]]}, 1 WHERE true"
    else:
        select = f"SELECT period_id, 1 FROM assessments_assessment WHERE id = {row}.assessment_id"
    return _UPSERT.format(select=select) + ";"


def _sqlite_sql() -> list[str]:
    out = []
    for table in TABLES:
        for event in EVENTS:
            rows = {"insert": ["NEW"], "update": ["NEW", "OLD"], "delete": ["OLD"]}[event]
            body = " ".join(_sqlite_bump(table, row) for row in rows)
            out.append(
                f"CREATE TRIGGER IF NOT EXISTS readmodel_{_SHORT[table]}_{event} "
                f"AFTER {event.upper()} ON {table} FOR EACH ROW BEGIN {body} END"
            )
    return out


def _pg_bump(table: str, rows: str) -> str:
    if TABLES[table] == "direct":
        select = f"SELECT DISTINCT period_id, 1 FROM {rows} ORDER BY period_id"
    elif TABLES[table] in _GLOBAL:
        select = f"SELECT {_GLOBAL[TABLES[table]]}, 1 FROM (SELECT 1 FROM {rows} LIMIT 1) AS one"
    else:
        select = (f"SELECT DISTINCT a.period_id, 1 FROM {rows} r JOIN assessments_assessment a "
                  "ON a.id = r.assessment_id ORDER BY a.period_id")  # fmt: skip
    return _UPSERT.format(select=select) + ";"


def _pg_sql() -> list[str]:
    out = []
    for table in TABLES:
        name = f"readmodel_bump_{_SHORT[table]}"
        # PL/pgSQL plans a statement when it first runs it, so each branch names only the
        # transition tables its event declares.
        out.append(
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"IF TG_OP IN ('INSERT', 'UPDATE') THEN {_pg_bump(table, 'readmodel_new')} END IF; "
            f"IF TG_OP IN ('UPDATE', 'DELETE') THEN {_pg_bump(table, 'readmodel_old')} END IF; "
            "RETURN NULL; END $$"
        )
        refs = {"insert": "NEW TABLE AS readmodel_new",
                "update": "NEW TABLE AS readmodel_new OLD TABLE AS readmodel_old",
                "delete": "OLD TABLE AS readmodel_old"}  # fmt: skip
        for event in EVENTS:
            out.append(
                f"CREATE OR REPLACE TRIGGER readmodel_{_SHORT[table]}_{event} AFTER "
                f"{event.upper()} ON {table} REFERENCING {refs[event]} FOR EACH STATEMENT "
                f"EXECUTE FUNCTION {name}()"
            )
    return out


def trigger_sql(vendor: str) -> list[str]:
    if vendor == "sqlite":
        return _sqlite_sql()
    if vendor == "postgresql":
        return _pg_sql()
    raise ImproperlyConfigured(f"Chưa hỗ trợ cơ sở dữ liệu {vendor}: cần SQLite hoặc PostgreSQL")


def installed_triggers(connection: BaseDatabaseWrapper) -> set[str]:
    """The read model's triggers present in the database."""
    if connection.vendor == "sqlite":
        sql = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'readmodel_%'"
    else:
        sql = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE 'readmodel_%'"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return {row[0] for row in cursor.fetchall()}


def install_triggers(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for statement in trigger_sql(connection.vendor):
            cursor.execute(statement)


def ensure_triggers(sender: Any = None, using: str = "default", **kwargs: Any) -> None:
    """``post_migrate``: put back any trigger a later migration dropped (idempotent)."""
    connection = connections[using]
    tables = set(connection.introspection.table_names())
    if not {*TABLES, "readmodel_periodversion"} <= tables:
        return  # a migrate that stopped before the assessed tables exist
    if installed_triggers(connection) != set(trigger_names()):
        install_triggers(connection)
