"""``ntm backup`` then ``ntm restore`` into an empty database gives back every table, row by row,
and every stored file the rows name, byte for byte.

The source is a database of its own (the demonstration plus edits and uploads through the
services, built by backup_world.py in a separate process, its media under its own NTM_VAR_DIR),
backed up and restored through the real commands; then every table of both databases is read in
full, ordered, and compared, and the restored media folder's files compared by sha256 with the
source's. SQLite here; PostgreSQL (pg_dump, and Django's XML when pg_dump is missing) on the
PostgreSQL run, in databases named after this run's. Refused archives: test_web_backup_hostile.py.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from backup_support import NTM, UPLOADED, Source, backup_made, build, media_files, run

# Tables Django fills again by itself on a migrated database: a serialised backup leaves them out.
REMADE_BY_MIGRATE = {"django_content_type", "auth_permission", "django_session",
                     "django_admin_log", "django_migrations"}  # fmt: skip


def _round_trip(source: Source, target: str, tmp_path: Path, **env: str) -> str:
    out = tmp_path / "sao-luu.zip"
    made = backup_made(source, out, **env)
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("Đã sao lưu ") and "4 tệp đính kèm" in made.stdout
    assert made.stderr == ""  # no file missing
    loaded = run([str(NTM), "restore", str(out), "--database-url", target], tmp_path / "var",
                  **env)  # fmt: skip
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.startswith(f"Đã nạp {out} vào ")
    _assert_same_media(source.media, tmp_path / "var" / "media")
    return made.stdout


def _assert_same_media(source: Path, restored: Path) -> None:
    """The restored folder holds exactly the files the rows name, with the source's bytes."""
    before, after = media_files(source), media_files(restored)
    assert "evidence/khong-ai-tro-toi.pdf" not in after  # the stray file stays behind
    del before["evidence/khong-ai-tro-toi.pdf"]
    assert after == before
    folders: dict[str, int] = {}
    for path in after:
        folders[path.split("/")[0]] = folders.get(path.split("/")[0], 0) + 1
    assert folders == UPLOADED
    assert max((restored / p).stat().st_size for p in after) > 2 * 1024 * 1024  # streamed


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
def sqlite_source(tmp_path_factory: pytest.TempPathFactory) -> Source:
    """One source database for the SQLite tests (the demonstration takes a while to load)."""
    folder = tmp_path_factory.mktemp("nguon")
    return build(f"sqlite:///{folder / 'nguon.sqlite3'}", folder)


def _path(source: Source) -> Path:
    return Path(source.url.removeprefix("sqlite:///"))


def test_a_sqlite_database_comes_back_identical(tmp_path, sqlite_source):
    target = tmp_path / "moi" / "ntm.sqlite3"
    said = _round_trip(sqlite_source, f"sqlite:///{target}", tmp_path)
    assert "SQLite (sao chép trực tuyến)" in said
    _assert_same(_sqlite_tables(_path(sqlite_source)), _sqlite_tables(target))


def test_the_archive_is_a_zip_with_the_database_the_files_and_their_manifest(
    tmp_path, sqlite_source
):
    out = tmp_path / "sao-luu.zip"
    assert backup_made(sqlite_source, out).returncode == 0
    with zipfile.ZipFile(out) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert (manifest["format"], manifest["format_version"]) == ("ntm-sao-luu", 1)
        assert manifest["ntm_version"] and manifest["created_at"].startswith("20")
        part = manifest["database"]
        assert (part["engine"], part["kind"]) == ("sqlite", "sqlite")
        assert hashlib.sha256(archive.read("database/ntm.sqlite3")).hexdigest() == part["sha256"]
        stored = {f["path"]: f for f in manifest["files"]}
        for path, sha in media_files(sqlite_source.media).items():
            if path == "evidence/khong-ai-tro-toi.pdf":
                assert f"media/{path}" not in archive.namelist()
                continue
            content = archive.read(f"media/{path}")
            assert hashlib.sha256(content).hexdigest() == sha == stored[path]["sha256"]
            assert len(content) == stored[path]["size"]
        assert sorted(archive.namelist()) == sorted(
            ["manifest.json", "DOC-TRUOC.txt", "database/ntm.sqlite3"]
            + [f"media/{p}" for p in stored]
        )
        assert "sha256" in archive.read("DOC-TRUOC.txt").decode("utf-8")
    assert manifest["missing"] == []
    assert not list(tmp_path.glob(".*dang-ghi"))  # the partial file renamed, none left


def test_check_reads_the_archive_through_and_writes_nothing(tmp_path, sqlite_source):
    out = tmp_path / "sao-luu.zip"
    backup_made(sqlite_source, out)
    checked = run([str(NTM), "restore", str(out), "--check"], tmp_path / "var")
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith(f"Bản sao lưu {out} nguyên vẹn: ghi lúc ")
    assert "4 tệp đính kèm (2,5 MB), mọi mã sha256 khớp." in checked.stdout
    assert not (tmp_path / "var").exists()


def test_a_file_gone_from_disk_is_named_recorded_and_fails_only_when_strict(
    tmp_path, sqlite_source
):
    broken = Source(sqlite_source.url, tmp_path / "var-thieu")
    shutil.copytree(sqlite_source.media, broken.media)
    gone = next(p for p in broken.media.glob("bao-cao-tinh/*/*/*"))
    gone.unlink()
    relative = gone.relative_to(broken.media).as_posix()
    out = tmp_path / "sao-luu.zip"
    made = backup_made(broken, out)
    assert made.returncode == 0, made.stderr
    assert "3 tệp đính kèm" in made.stdout
    lines = made.stderr.splitlines()
    assert lines[0] == (
        "Có 1 bản ghi trỏ tới tệp không còn trên đĩa lúc sao lưu (đã ghi vào manifest.json, "
        "mục missing):"
    )
    assert lines[1].startswith("  - bảng readings_provincereport (báo cáo của tỉnh), bản ghi số ")
    assert lines[1].endswith(f", đường dẫn {relative}")
    with zipfile.ZipFile(out) as archive:
        missing = json.loads(archive.read("manifest.json"))["missing"]
    assert [(m["table"], m["path"]) for m in missing] == [("readings_provincereport", relative)]
    strict = backup_made(broken, tmp_path / "nghiem.zip", "--strict")
    assert strict.returncode == 1 and strict.stderr == made.stderr
    assert zipfile.ZipFile(tmp_path / "nghiem.zip").testzip() is None  # written whole all the same
    loaded = run([str(NTM), "restore", str(out), "--database-url",
                   f"sqlite:///{tmp_path / 'moi.sqlite3'}"], tmp_path / "var")  # fmt: skip
    assert loaded.returncode == 0, loaded.stderr
    assert "Tệp đã thiếu từ lúc sao lưu: bảng readings_provincereport" in loaded.stderr


def test_a_database_only_backup_of_an_earlier_version_still_restores(tmp_path, sqlite_source):
    old = tmp_path / "cu.dump"  # what ntm backup wrote for SQLite before archives: a copy
    shutil.copyfile(_path(sqlite_source), old)
    target = tmp_path / "moi.sqlite3"
    loaded = run([str(NTM), "restore", str(old), "--database-url", f"sqlite:///{target}"],
                  tmp_path / "var")  # fmt: skip
    assert loaded.returncode == 0, loaded.stderr
    assert "bản sao lưu cũ, chỉ có cơ sở dữ liệu, không kèm tệp" in loaded.stdout
    _assert_same(_sqlite_tables(_path(sqlite_source)), _sqlite_tables(target))


def test_a_failed_database_load_takes_the_files_back(tmp_path, sqlite_source):
    out = tmp_path / "sao-luu.zip"
    backup_made(sqlite_source, out)
    (tmp_path / "la-tep").write_text("không phải thư mục")
    target = tmp_path / "la-tep" / "ntm.sqlite3"  # its folder cannot be made
    media = tmp_path / "media-co-san"
    (media / "khac").mkdir(parents=True)
    (media / "khac" / "giu.pdf").write_bytes(b"%PDF-1.4 giu\n")
    refused = run([str(NTM), "restore", str(out), "--database-url", f"sqlite:///{target}",
                    "--media-dir", str(media)], tmp_path / "var")  # fmt: skip
    assert refused.returncode == 2
    assert refused.stderr.strip() == f"Không ghi được cơ sở dữ liệu sqlite:///{target}"
    assert media_files(media) == {"khac/giu.pdf": hashlib.sha256(b"%PDF-1.4 giu\n").hexdigest()}
    assert sorted(p.name for p in media.iterdir()) == ["khac"]  # no folder left behind


def test_a_different_file_already_in_the_media_folder_is_never_overwritten(tmp_path, sqlite_source):
    out = tmp_path / "sao-luu.zip"
    backup_made(sqlite_source, out)
    media = tmp_path / "var" / "media"
    taken = next(iter(media_files(sqlite_source.media)))
    (media / taken).parent.mkdir(parents=True)
    (media / taken).write_bytes(b"khac")
    target = tmp_path / "moi.sqlite3"
    refused = run([str(NTM), "restore", str(out), "--database-url", f"sqlite:///{target}"],
                   tmp_path / "var")  # fmt: skip
    assert refused.returncode == 2
    assert f"đã có {taken} với nội dung khác bản sao lưu: không ghi đè" in refused.stderr
    assert not target.exists()
    assert media_files(media) == {taken: hashlib.sha256(b"khac").hexdigest()}


def test_a_restore_never_writes_over_a_database_that_has_data(tmp_path, sqlite_source):
    source = _path(sqlite_source)
    before = _sqlite_tables(source)
    out = tmp_path / "sao-luu.zip"
    backup_made(sqlite_source, out)
    refused = run(
        [str(NTM), "restore", str(out), "--database-url", sqlite_source.url], tmp_path / "var"
    )
    assert refused.returncode == 2
    assert "không trống" in refused.stderr and "chỉ nạp vào một cơ sở dữ liệu mới" in refused.stderr
    assert _sqlite_tables(source) == before
    assert not (tmp_path / "var").exists()


def test_a_backup_that_cannot_be_written_is_said_and_leaves_nothing(tmp_path, sqlite_source):
    (tmp_path / "la-tep").write_text("không phải thư mục")
    out = tmp_path / "la-tep" / "sao-luu.zip"
    made = backup_made(sqlite_source, out)
    assert made.returncode == 2
    assert made.stderr.startswith("Lỗi đọc/ghi tệp ")
    assert f"khi sao lưu vào {out} (mã lỗi hệ thống " in made.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["la-tep"]


def test_a_missing_backup_file_is_said_in_vietnamese(tmp_path):
    target = f"sqlite:///{tmp_path / 'moi.sqlite3'}"
    result = run([str(NTM), "restore", str(tmp_path / "khong-co.bak"), "--database-url", target],
                  tmp_path / "var")  # fmt: skip
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
def pg_source(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Source]:
    with _pg_databases("src") as (source,):
        yield build(_pg_url(source), tmp_path_factory.mktemp("nguon-pg"))


def _name(source: Source) -> str:
    return source.url.rsplit("/", 1)[1]


@pytest.mark.postgres
def test_a_postgresql_database_comes_back_identical_through_pg_dump(tmp_path, pg_source):
    with _pg_databases("restore") as (target,):
        said = _round_trip(pg_source, _pg_url(target), tmp_path)
        assert "pg_dump" in said
        _assert_same(_pg_tables(_name(pg_source)), _pg_tables(target))


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
        said = _round_trip(pg_source, _pg_url(target), tmp_path, PATH=no_pg_tools)
        assert "Django (XML)" in said
        _assert_same(
            _serialised_view(_pg_tables(_name(pg_source))), _serialised_view(_pg_tables(target))
        )
