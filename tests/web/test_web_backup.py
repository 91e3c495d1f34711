"""``ntm backup`` then ``ntm restore`` into an empty database gives back every table, row by row.

The source is a database of its own (the demonstration plus edits, built by backup_world.py in a
separate process), backed up and restored through the real commands; then every table of both
databases is read in full, ordered, and compared. SQLite here; PostgreSQL (pg_dump, and Django's
XML when pg_dump is missing) on the PostgreSQL run, in databases named after this run's.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
NTM = Path(sys.executable).with_name("ntm")
# Tables Django fills again by itself on a migrated database: a serialised backup leaves them out.
REMADE_BY_MIGRATE = {"django_content_type", "auth_permission", "django_session",
                     "django_admin_log", "django_migrations"}  # fmt: skip


def _run(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    base |= {"NTM_VAR_DIR": str(tmp_path / "var"), "DEBUG": "1"}
    result = subprocess.run(
        args, cwd=ROOT, env=base | env, capture_output=True, text=True, timeout=600
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def _build(url: str, tmp_path: Path) -> None:
    script = str(Path(__file__).with_name("backup_world.py"))
    result = _run([sys.executable, script], tmp_path, DATABASE_URL=url)
    assert result.returncode == 0, result.stderr


def _round_trip(source: str, target: str, tmp_path: Path, **env: str) -> str:
    out = tmp_path / "sao-luu.bak"
    made = _run([str(NTM), "backup", "--out", str(out)], tmp_path, DATABASE_URL=source, **env)
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("Đã sao lưu ")
    loaded = _run([str(NTM), "restore", str(out), "--database-url", target], tmp_path, **env)
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.startswith(f"Đã nạp {out} vào ")
    return made.stdout


def _sqlite_tables(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    import sqlite3

    with sqlite3.connect(path) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: _ordered(conn.execute(f'SELECT * FROM "{n}"').fetchall()) for n in names}


def _pg_tables(dbname: str) -> dict[str, list[tuple[Any, ...]]]:
    import psycopg

    with psycopg.connect(**_pg_params(dbname)) as conn:
        names = [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        )]  # fmt: skip
        return {n: _ordered(conn.execute(f'SELECT * FROM "{n}"').fetchall()) for n in names}


def _ordered(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return sorted(rows, key=repr)


def _assert_same(source: dict[str, list[Any]], restored: dict[str, list[Any]]) -> None:
    assert sorted(source) == sorted(restored)
    for table, rows in source.items():
        assert restored[table] == rows, f"bảng {table} khác sau khi nạp lại"
    # The demonstration and its edits are there, not an empty shell that compares equal.
    assert len(source["assessments_indicatorvalue"]) > 100
    assert any("ghi chú có dấu" in str(r) for r in source["audit_auditentry"])


@pytest.fixture(scope="module")
def sqlite_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One source database for the SQLite tests (the demonstration takes a while to load)."""
    folder = tmp_path_factory.mktemp("nguon")
    source = folder / "nguon.sqlite3"
    _build(f"sqlite:///{source}", folder)
    return source


def test_a_sqlite_database_comes_back_identical(tmp_path, sqlite_source):
    source, target = sqlite_source, tmp_path / "moi" / "ntm.sqlite3"
    said = _round_trip(f"sqlite:///{source}", f"sqlite:///{target}", tmp_path)
    assert "SQLite (sao chép trực tuyến)" in said
    _assert_same(_sqlite_tables(source), _sqlite_tables(target))


def test_a_restore_never_writes_over_a_database_that_has_data(tmp_path, sqlite_source):
    source = sqlite_source
    before = _sqlite_tables(source)
    out = tmp_path / "sao-luu.bak"
    _run([str(NTM), "backup", "--out", str(out)], tmp_path, DATABASE_URL=f"sqlite:///{source}")
    refused = _run(
        [str(NTM), "restore", str(out), "--database-url", f"sqlite:///{source}"], tmp_path
    )
    assert refused.returncode == 2
    assert "không trống" in refused.stderr and "chỉ nạp vào một cơ sở dữ liệu mới" in refused.stderr
    assert _sqlite_tables(source) == before


def test_a_missing_backup_file_is_said_in_vietnamese(tmp_path):
    target = f"sqlite:///{tmp_path / 'moi.sqlite3'}"
    result = _run([str(NTM), "restore", str(tmp_path / "khong-co.bak"), "--database-url", target],
                  tmp_path)  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip() == f"Không thấy tệp sao lưu {tmp_path / 'khong-co.bak'}"


def _pg_server() -> dict[str, Any]:
    """The PostgreSQL server of this run (NTM_TEST_DATABASE_URL), as Django's settings."""
    import dj_database_url

    return dj_database_url.parse(os.environ["NTM_TEST_DATABASE_URL"])


def _pg_params(dbname: str) -> dict[str, Any]:
    s = _pg_server()
    keys = {"HOST": "host", "PORT": "port", "USER": "user", "PASSWORD": "password"}
    return {v: s[k] for k, v in keys.items() if s.get(k)} | {"dbname": dbname}


def _pg_url(name: str) -> str:
    base = os.environ["NTM_TEST_DATABASE_URL"].rsplit("/", 1)[0]
    return f"{base}/{name}"


@contextmanager
def _pg_databases(*names: str) -> Iterator[list[str]]:
    """Fresh, empty databases named after this run's test database; dropped afterwards."""
    import psycopg

    base = os.environ.get("NTM_TEST_DATABASE_NAME", "test_ntm")
    full = [f"{base}_{n}" for n in names]
    with psycopg.connect(**_pg_params("postgres"), autocommit=True) as conn:
        for name in full:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        try:
            yield full
        finally:
            for name in full:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def pg_source(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with _pg_databases("src") as (source,):
        _build(_pg_url(source), tmp_path_factory.mktemp("nguon-pg"))
        yield source


@pytest.mark.postgres
def test_a_postgresql_database_comes_back_identical_through_pg_dump(tmp_path, pg_source):
    with _pg_databases("restore") as (target,):
        said = _round_trip(_pg_url(pg_source), _pg_url(target), tmp_path)
        assert "pg_dump" in said
        _assert_same(_pg_tables(pg_source), _pg_tables(target))


def _serialised_view(tables: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """What a serialised backup must give back: every table but those Django or the database's
    triggers fill by themselves, and many-to-many link rows without their own ids (loaddata
    makes new ones; the pairs are what count)."""
    from django.apps import apps

    links = {
        f.remote_field.through._meta.db_table
        for m in apps.get_models()
        for f in m._meta.local_many_to_many
        if f.remote_field.through._meta.auto_created
    }
    own = REMADE_BY_MIGRATE | {"readmodel_periodversion"}  # bumped by triggers as rows load
    return {
        t: _ordered([r[1:] for r in rows]) if t in links else rows
        for t, rows in tables.items()
        if t not in own
    }


@pytest.mark.postgres
def test_without_pg_dump_a_postgresql_database_comes_back_through_django_xml(tmp_path, pg_source):
    with _pg_databases("restore") as (target,):
        no_pg_tools = str(Path(sys.executable).parent)  # python and ntm, no pg_dump
        said = _round_trip(_pg_url(pg_source), _pg_url(target), tmp_path, PATH=no_pg_tools)
        assert "Django (XML)" in said
        _assert_same(_serialised_view(_pg_tables(pg_source)), _serialised_view(_pg_tables(target)))
