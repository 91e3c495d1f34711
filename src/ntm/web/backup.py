"""Backup and restore of the web system's database, whole, into one file (which
``backup_archive`` puts in the archive beside the stored files the rows name).

SQLite: the online backup API (a consistent copy while the server runs). PostgreSQL: ``pg_dump``
in its custom format and ``pg_restore`` when they are on PATH, else Django's own serialisation
(``dumpdata``/``loaddata`` in XML, which keeps datetimes to the microsecond where
JSON keeps milliseconds). A restore goes into an EMPTY database only (a new file, or a
database just made with ``createdb``), never over a live one: the drill in docs/web.md restores,
checks, then points DATABASE_URL at the restored database.
"""

from __future__ import annotations

import itertools
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dj_database_url

from ntm.web.backup_files import FileReference, references
from ntm.web.env import masked_database_url

SQLITE_HEADER = b"SQLite format 3\x00"
PG_HEADER = b"PGDMP"
# Rows Django makes again by itself on a migrated database: left out of a serialised backup.
SERIALISED_EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]


class BackupError(Exception):
    """A refusal or failure, said in Vietnamese (the CLI prints it and exits 2)."""


@dataclass(frozen=True)
class Database:
    url: str  # as given, for messages (masked)
    settings: Mapping[str, Any]  # Django's DATABASES entry (dj_database_url's DBConfig)

    @property
    def engine(self) -> str:
        return "sqlite" if "sqlite" in self.settings["ENGINE"] else "postgresql"

    @property
    def shown(self) -> str:
        return masked_database_url(self.url)


def database(url: str) -> Database:
    try:
        parsed = dj_database_url.parse(url)
    except ValueError:
        raise BackupError(
            f"Địa chỉ cơ sở dữ liệu không hợp lệ: {masked_database_url(url)}"
        ) from None
    if not any(e in parsed["ENGINE"] for e in ("sqlite", "postgresql")):
        raise BackupError(f"Chỉ sao lưu được SQLite hoặc PostgreSQL: {masked_database_url(url)}")
    return Database(url, parsed)


@dataclass(frozen=True)
class Dump:
    method: str  # for the message
    kind: str  # "sqlite", "pg_dump" or "xml": how it loads again
    references: list[FileReference]  # the stored files the dumped rows name


def backup(db: Database, out: Path) -> Dump:
    """Write the whole database to ``out``, and read the stored files it names from the same
    state (the copy; the snapshot pg_dump used; the XML's transaction)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    if db.engine == "sqlite":
        _sqlite_copy(_sqlite_open(db, must_exist=True), out)
        with sqlite3.connect(out) as copy:
            refs = references(lambda sql: copy.execute(sql).fetchall(), _sqlite_tables(copy))
        return Dump("SQLite (sao chép trực tuyến)", "sqlite", refs)
    if shutil.which("pg_dump"):
        return Dump("pg_dump", "pg_dump", _pg_dump(db, out))
    return Dump("Django (XML)", "xml", _xml_dump(db, out))


def kind_of(source: Path) -> str | None:
    """A database-only backup's kind by its first bytes (the files ``ntm backup`` wrote before
    archives, still restorable), or None."""
    with source.open("rb") as stream:
        head = stream.read(256)
    if head.startswith(SQLITE_HEADER):
        return "sqlite"
    if head.startswith(PG_HEADER):
        return "pg_dump"
    if head.lstrip().startswith(b"<?xml") and b"<django-objects" in head:
        return "xml"
    return None


def restore(db: Database, source: Path) -> str:
    """Load the database-only backup ``source`` into the empty database ``db``; the method."""
    if not source.is_file():
        raise BackupError(f"Không thấy tệp sao lưu {source}")
    kind = kind_of(source)
    if kind is None:
        raise BackupError(f"Tệp {source} không phải bản sao lưu của ntm")
    check_engine(db, kind, source)
    require_empty(db)
    return load(db, kind, source)


def check_engine(db: Database, kind: str, source: Path) -> None:
    wanted = {"sqlite": "sqlite", "pg_dump": "postgresql"}.get(kind, db.engine)
    if wanted != db.engine:
        name = "SQLite" if kind == "sqlite" else "PostgreSQL (pg_dump)"
        raise BackupError(f"Tệp {source} là bản sao lưu {name}; không nạp được vào {db.shown}")
    if kind == "pg_dump" and not shutil.which("pg_restore"):
        raise BackupError("Cần lệnh pg_restore (gói postgresql-client) để nạp tệp pg_dump")


def load(db: Database, kind: str, source: Path) -> str:
    """Load ``source`` (of ``kind``) into ``db``, checked empty; the method used."""
    if kind == "sqlite":
        try:
            _sqlite_install(source, Path(db.settings["NAME"]))
        except OSError:
            raise BackupError(f"Không ghi được cơ sở dữ liệu {db.shown}") from None
    elif kind == "pg_dump":
        # One transaction: a load that fails midway leaves the database as empty as it was.
        _pg_run(db, ["pg_restore", "--no-owner", "--exit-on-error", "--single-transaction",
                     str(source)])  # fmt: skip
    else:
        _xml_load(db, source)
    return {"sqlite": "SQLite", "pg_dump": "pg_restore", "xml": "Django (XML)"}[kind]


def _sqlite_install(source: Path, target: Path) -> None:
    """Copied beside the target, checked, then renamed over it: never half a database."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.dang-nap")
    partial.unlink(missing_ok=True)
    try:
        _sqlite_copy(sqlite3.connect(source), partial, check=True)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def _sqlite_tables(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {r[0] for r in rows}


def _pg_dump(db: Database, out: Path) -> list[FileReference]:
    """pg_dump on a snapshot this connection exports, and the files named in that snapshot."""
    import psycopg

    try:
        with psycopg.connect(**_pg_params(db)) as conn:
            conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            conn.read_only = True
            snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()
            _pg_run(db, ["pg_dump", "--format=custom", "--no-owner", f"--file={out}",
                         f"--snapshot={snapshot[0] if snapshot else ''}"])  # fmt: skip
            return references(lambda sql: conn.execute(sql).fetchall(), _pg_table_set(conn))
    except psycopg.Error:
        raise BackupError(f"Không đọc được cơ sở dữ liệu {db.shown}") from None


def _pg_table_set(conn: Any) -> set[str]:
    rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    return {r[0] for r in rows.fetchall()}


def _sqlite_open(db: Database, *, must_exist: bool) -> sqlite3.Connection:
    path = Path(db.settings["NAME"])
    if must_exist and not path.is_file():
        raise BackupError(f"Không thấy cơ sở dữ liệu {db.shown}")
    try:
        return sqlite3.connect(path)
    except sqlite3.Error:
        raise BackupError(f"Không mở được cơ sở dữ liệu {db.shown}") from None


def _sqlite_copy(source: sqlite3.Connection, target: Path, *, check: bool = False) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(target) as dest:
            source.backup(dest)
            if check and dest.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"Bản nạp vào {target} không toàn vẹn (integrity_check)")
    except sqlite3.DatabaseError:
        raise BackupError(f"Tệp SQLite hỏng hoặc không ghi được: {target}") from None
    finally:
        source.close()


def _pg_env(db: Database) -> dict[str, str]:
    s = db.settings
    env = dict(os.environ)
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"),
                      ("PASSWORD", "PGPASSWORD"), ("NAME", "PGDATABASE")):  # fmt: skip
        if s.get(key):
            env[name] = str(s[key])
    return env


def _pg_run(db: Database, command: list[str]) -> None:
    """Run a PostgreSQL client; its own (English) output is kept out of the message."""
    args = [*command, f"--dbname={db.settings['NAME']}"]
    result = subprocess.run(args, env=_pg_env(db), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(
            f"{command[0]} không thành công với cơ sở dữ liệu {db.shown} (mã {result.returncode})"
        )


def require_empty(db: Database) -> None:
    tables = _table_names(db)
    if tables:
        raise BackupError(
            f"Cơ sở dữ liệu {db.shown} không trống ({len(tables)} bảng): chỉ nạp vào một cơ sở "
            "dữ liệu mới (một tệp chưa có, hoặc tạo bằng createdb)"
        )


def _table_names(db: Database) -> list[str]:
    if db.engine == "sqlite":
        path = Path(db.settings["NAME"])
        if not path.exists():
            return []
        with sqlite3.connect(path) as conn:
            rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        return [r[0] for r in rows if not r[0].startswith("sqlite_")]
    import psycopg

    try:
        with psycopg.connect(**_pg_params(db)) as conn:
            rows = conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            ).fetchall()
    except psycopg.Error:
        raise BackupError(f"Không kết nối được cơ sở dữ liệu {db.shown}") from None
    return [r[0] for r in rows]


def _pg_params(db: Database) -> dict[str, Any]:
    s = db.settings
    keys = {"HOST": "host", "PORT": "port", "USER": "user", "PASSWORD": "password"}
    params = {v: s[k] for k, v in keys.items() if s.get(k)}
    return params | {"dbname": s["NAME"]}


def _xml_dump(db: Database, out: Path) -> list[FileReference]:
    """``dumpdata --natural-foreign`` in XML, model by model in dependency order, with each
    model's many-to-many links prefetched (dumpdata reads them with one query per row), all in
    one repeatable-read transaction: the models agree with each other and with the files."""
    from django.apps import apps
    from django.core import serializers
    from django.db import connections, transaction

    alias = _django_alias(db)
    app_list = [(config, None) for config in apps.get_app_configs()]
    models = [
        m
        for m in serializers.sort_dependencies(app_list, allow_cycles=True)
        if m._meta.managed and not m._meta.proxy and not _excluded(m)
    ]

    def rows(model: Any) -> Any:
        m2m = [f.name for f in model._meta.many_to_many]
        queryset = model._base_manager.using(alias).order_by(model._meta.pk.name)
        return queryset.prefetch_related(*m2m).iterator(chunk_size=2000)

    with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        with out.open("w", encoding="utf-8") as stream:
            serializers.serialize(
                "xml", itertools.chain.from_iterable(rows(m) for m in models),
                use_natural_foreign_keys=True, stream=stream,
            )  # fmt: skip

        def execute(sql: str) -> list[tuple[Any, ...]]:
            cursor.execute(sql)
            return list(cursor.fetchall())

        tables = set(connections[alias].introspection.table_names(cursor))
        return references(execute, tables)


def _excluded(model: Any) -> bool:
    return any(
        e == model._meta.app_label or e == model._meta.label_lower for e in SERIALISED_EXCLUDED
    )


def _xml_load(db: Database, source: Path) -> None:
    """Migrate the empty database, then load the rows (loaddata knows a format by its suffix)."""
    from django.core.management import call_command

    alias = _django_alias(db)
    call_command("migrate", database=alias, interactive=False, verbosity=0)
    with tempfile.TemporaryDirectory(prefix="ntm-restore-") as tmp:
        fixture = Path(tmp) / "sao-luu.xml"
        fixture.symlink_to(source.resolve())
        try:
            call_command("loaddata", str(fixture), database=alias, verbosity=0)
        except Exception as exc:  # a damaged or foreign file: said, never a traceback
            raise BackupError(
                f"Không nạp được tệp sao lưu {source}: {type(exc).__name__}"
            ) from None


def _django_alias(db: Database) -> str:
    """A connection alias for ``db`` in this process (the configured one if it is the same)."""
    from django.db import connections

    default = connections["default"].settings_dict
    if default["NAME"] == db.settings["NAME"] and default["ENGINE"] == db.settings["ENGINE"]:
        return "default"
    # Django's defaults filled in (AUTOCOMMIT, OPTIONS, TEST…), nothing taken from "default".
    connections.databases["ntm_backup"] = connections.configure_settings(
        {"default": dict(db.settings)}
    )["default"]
    return "ntm_backup"
