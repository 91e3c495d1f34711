"""Multi-row INSERT (and upsert) straight from tuples, for the import's bulk writes.

``bulk_create`` builds a model instance and prepares every field of every row in Python; for the
tens of thousands of values and audit rows of a national import that is most of the time. Here a
row is a tuple already in column order: on PostgreSQL sent by COPY (for an upsert, into a
scratch table, then one INSERT … SELECT), on SQLite as ``INSERT … VALUES (…), (…)`` per chunk. The
``ON CONFLICT … DO UPDATE`` upsert is the same SQL on both (SQLite 3.24 and later).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Any

from django.db import connection
from django.db.models import Model

MAX_PARAMS = {"sqlite": 900, "postgresql": 30_000}  # under each database's parameter limit


def insert_rows(
    model: type[Model],
    columns: Sequence[str],
    rows: Iterable[tuple[Any, ...]],
    *,
    conflict: Sequence[str] = (),
    update: Sequence[str] = (),
) -> int:
    """Insert ``rows`` (tuples in ``columns`` order); with ``conflict``, update ``update`` on a
    row that exists. The number of rows sent."""
    q = connection.ops.quote_name
    table = q(model._meta.db_table)
    names = ", ".join(q(c) for c in columns)
    tail = ""
    if conflict:
        sets = ", ".join(f"{q(c)} = EXCLUDED.{q(c)}" for c in update)
        tail = f" ON CONFLICT ({', '.join(q(c) for c in conflict)}) DO UPDATE SET {sets}"
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    if connection.vendor == "postgresql":
        return _postgresql(table, names, tail, rows)
    chunk = max(1, MAX_PARAMS.get(connection.vendor, 900) // len(columns))
    sent = 0
    iterator = iter(rows)
    with connection.cursor() as cursor:
        while batch := list(islice(iterator, chunk)):
            sql = f"INSERT INTO {table} ({names}) VALUES {', '.join([one] * len(batch))}{tail}"
            cursor.execute(sql, [v for row in batch for v in row])
            sent += len(batch)
    return sent


def _postgresql(table: str, names: str, tail: str, rows: Iterable[tuple[Any, ...]]) -> int:
    """COPY, and for an upsert COPY into a scratch table then one INSERT … SELECT … ON CONFLICT.

    One statement per table, whatever the number of rows: the read model's statement triggers
    fire once, and nothing is parsed or quoted per parameter in Python (Django's own cursor
    quotes every parameter client-side; that and per-row statements were most of the time)."""
    connection.ensure_connection()
    data = list(rows)
    if not data:
        return 0
    with connection.connection.cursor() as cursor:
        if not tail:
            _copy(cursor, table, names, data)
            return len(data)
        cursor.execute(f"CREATE TEMP TABLE ntm_bulk AS SELECT {names} FROM {table} WITH NO DATA")
        try:
            _copy(cursor, "ntm_bulk", names, data)
            cursor.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM ntm_bulk{tail}")
        finally:
            cursor.execute("DROP TABLE ntm_bulk")
    return len(data)


def _copy(cursor: Any, table: str, names: str, data: list[tuple[Any, ...]]) -> None:
    with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in data:
            copy.write_row(row)
